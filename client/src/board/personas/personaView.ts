/**
 * How this person looks at a board's personas (W215): curves hidden from the emotions lane and
 * the persona whose cards stand out. Local view state, never in the doc: one person hiding a
 * curve or dimming cards changes nothing for the others. Kept per doc, for as long as it lives.
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { cardPersona, personasOf } from '../../../../shared/model/personas.js';
import { FIRST_PERSONA_ID, type BoardMeta, type Card } from '../../../../shared/model/schema.js';

export interface PersonaView {
  /** Persona ids whose curve is hidden. */
  hidden: readonly string[];
  /** Show all cards (null), or dim the cards tagged for other personas than this one. */
  focus: string | null;
}

const EMPTY: PersonaView = { hidden: [], focus: null };

interface Store {
  view: PersonaView;
  listeners: Set<() => void>;
}

const stores = new WeakMap<Y.Doc, Store>();

function storeOf(doc: Y.Doc): Store {
  let store = stores.get(doc);
  if (!store) {
    store = { view: EMPTY, listeners: new Set() };
    stores.set(doc, store);
  }
  return store;
}

/** Changes this page’s view of a board’s personas (the legend does, through usePersonaView). */
export function changePersonaView(doc: Y.Doc, change: (view: PersonaView) => PersonaView): void {
  const store = storeOf(doc);
  store.view = change(store.view);
  for (const listener of store.listeners) listener();
}

export function usePersonaView(doc: Y.Doc) {
  const store = storeOf(doc);
  const subscribe = useCallback(
    (listener: () => void) => {
      store.listeners.add(listener);
      return () => store.listeners.delete(listener);
    },
    [store],
  );
  const view = useSyncExternalStore(subscribe, () => store.view);
  const hidden = useMemo(() => new Set(view.hidden), [view.hidden]);
  const toggle = useCallback(
    (id: string) =>
      changePersonaView(doc, (v) => ({
        ...v,
        hidden: v.hidden.includes(id) ? v.hidden.filter((h) => h !== id) : [...v.hidden, id],
      })),
    [doc],
  );
  const setFocus = useCallback(
    (focus: string | null) => changePersonaView(doc, (v) => ({ ...v, focus })),
    [doc],
  );
  return { hidden, focus: view.focus, toggle, setFocus };
}

/**
 * The persona a new emotion card starts with (W215): the one the filter shows, else the first
 * whose curve is shown; nothing for persona 1 (an untagged emotion card is already its own).
 */
export function newEmotionPersona(doc: Y.Doc, meta: BoardMeta): { persona?: string } {
  const personas = personasOf(meta);
  if (personas.length < 2) return {};
  const { hidden, focus } = storeOf(doc).view;
  const chosen =
    personas.find((p) => p.id === focus) ?? personas.find((p) => !hidden.includes(p.id));
  return chosen && chosen.id !== FIRST_PERSONA_ID ? { persona: chosen.id } : {};
}

/** Whether the persona filter dims a card: it is tagged for another persona than the focus. */
export function dimmedByFocus(card: Card, focus: string | null): boolean {
  if (focus === null) return false;
  const persona = cardPersona(card);
  return persona !== undefined && persona !== focus;
}
