/**
 * Several personas on one board (issue 17; docs/WIRE.md W210–W214).
 *
 * Persona 1 stays where every board has always kept its persona, `meta.persona`, under the fixed
 * id FIRST_PERSONA_ID; personas 2–5 live in the root map `personas` (id → { name, description,
 * color, order }). So an old board reads as one persona with nothing written (the migration is a
 * reading), and nothing is ever copied: two clients adding a second persona at once write two
 * keys of a root map, which both survive a merge, and a rename of persona 1 made meanwhile is
 * never overwritten by a stale copy.
 */
import * as Y from 'yjs';
import { boardRoots, forEachRecord, ModelError, requireRecord, setOrDelete } from './doc.js';
import { assertImageId, imageIdCheck } from './images.js';
import { eachRecord, isYMap, note, type UnreadableSink } from './read.js';
import { byOrder, newId, orderAtIndex } from './order.js';
import {
  FIRST_PERSONA_ID,
  PERSONA_COLORS,
  PERSONAS_MAX,
  type BoardMeta,
  type BoardPersona,
  type Card,
  type Persona,
} from './schema.js';

export const PERSONAS_ROOT = 'personas';
const personasRoot = (doc: Y.Doc) => doc.getMap<unknown>(PERSONAS_ROOT);

/** `#rrggbb`: what a canvas, a PDF and a CSV reader all take. */
export const PERSONA_COLOR = /^#[0-9a-f]{6}$/i;
const colorCheck = (value: string) =>
  PERSONA_COLOR.test(value) ? null : 'is not a #rrggbb colour';

/** A colour a persona may be given: `#rrggbb`, else a ModelError. */
export function assertPersonaColor(color: string, field: string): void {
  if (!PERSONA_COLOR.test(color))
    throw new ModelError(`a persona's colour must be #rrggbb; got '${color}'`, field);
}

/** The palette's colour for the persona at `index` (0 for persona 1). */
export function defaultPersonaColor(index: number): string {
  return PERSONA_COLORS[index % PERSONA_COLORS.length]!;
}

/** Personas 2–5 as stored, sorted; malformed ones are noted and skipped, extras past 5 too. */
export function readExtraPersonas(
  doc: Y.Doc,
  into?: UnreadableSink,
): (Persona & { id: string; order: string })[] {
  const found: (Persona & { id: string; order: string })[] = [];
  eachRecord(personasRoot(doc), PERSONAS_ROOT, into, (r, id) => {
    if (id === FIRST_PERSONA_ID)
      return note(into, `${PERSONAS_ROOT}.${id}`, 'reuses the id of persona 1');
    const order = r.string('order', true);
    if (order === undefined) return;
    const persona = {
      id,
      order,
      name: r.string('name') ?? '',
      description: r.string('description') ?? '',
    };
    const color = r.string('color', false, colorCheck);
    const photo = r.string('photo', false, imageIdCheck);
    found.push({
      ...persona,
      ...(color === undefined ? {} : { color }),
      ...(photo === undefined ? {} : { photo }),
    });
  });
  // Two people adding a fifth persona at once store six: everyone reads the same first five.
  return found.sort(byOrder).slice(0, PERSONAS_MAX - 1);
}

/**
 * The personas meta carries for a snapshot: absent while the board has only persona 1, so an
 * old board's snapshot and JSON stay exactly as they were.
 */
export function readPersonasMeta(
  doc: Y.Doc,
  first: Persona,
  into?: UnreadableSink,
): BoardPersona[] | undefined {
  const extra = readExtraPersonas(doc, into);
  if (extra.length === 0) return undefined;
  return [{ id: FIRST_PERSONA_ID, ...first }, ...extra.map(({ order: _order, ...p }) => p)].map(
    (p, i) => ({ ...p, color: p.color ?? defaultPersonaColor(i) }),
  );
}

/** Every persona of a board, persona 1 first (one, for a board with a single persona). */
export function personasOf(meta: Pick<BoardMeta, 'persona' | 'personas'>): BoardPersona[] {
  if (meta.personas && meta.personas.length > 0) return meta.personas;
  return [
    {
      id: FIRST_PERSONA_ID,
      name: meta.persona.name,
      description: meta.persona.description,
      color: meta.persona.color ?? defaultPersonaColor(0),
      ...(meta.persona.photo === undefined ? {} : { photo: meta.persona.photo }),
    },
  ];
}

/** The persona a card counts for: its tag, else persona 1 for an emotion card (W212). */
export function cardPersona(card: Pick<Card, 'persona' | 'emotion'>): string | undefined {
  return card.persona ?? (card.emotion !== undefined ? FIRST_PERSONA_ID : undefined);
}

/** A persona's name for lists and legends: its name, else "Persona n". */
export function personaLabel(persona: BoardPersona, index: number): string {
  return persona.name.trim() || `Persona ${index + 1}`;
}

export interface NewPersona {
  name?: string;
  description?: string;
  color?: string;
  photo?: string;
  id?: string;
}

/** Adds a persona after the others (W211: at most PERSONAS_MAX); returns its id. */
export function addPersona(doc: Y.Doc, input: NewPersona = {}): string {
  const extra = readExtraPersonas(doc);
  if (extra.length + 1 >= PERSONAS_MAX)
    throw new ModelError(
      `A board has at most ${PERSONAS_MAX} personas; remove one to add another.`,
      PERSONAS_ROOT,
    );
  const id = input.id ?? newId();
  if (id === FIRST_PERSONA_ID || personasRoot(doc).has(id))
    throw new ModelError(`persona '${id}' already exists`, `${PERSONAS_ROOT}.${id}`);
  if (input.color !== undefined) assertPersonaColor(input.color, `${PERSONAS_ROOT}.${id}.color`);
  if (input.photo !== undefined) assertImageId(input.photo, `${PERSONAS_ROOT}.${id}.photo`);
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    record.set('name', input.name?.trim() ?? '');
    record.set('description', input.description ?? '');
    record.set('color', input.color ?? unusedColor(doc, extra));
    record.set('order', orderAtIndex(extra, Number.MAX_SAFE_INTEGER));
    if (input.photo !== undefined) record.set('photo', input.photo);
    personasRoot(doc).set(id, record);
  });
  return id;
}

/** The first palette colour no persona has yet (a new persona stands out from the others). */
function unusedColor(doc: Y.Doc, extra: { color?: string }[]): string {
  const first = boardRoots(doc).meta.get('persona');
  const firstColor = isYMap(first) ? first.get('color') : undefined;
  const taken = new Set([
    typeof firstColor === 'string' ? firstColor : defaultPersonaColor(0),
    ...extra.map((p, i) => p.color ?? defaultPersonaColor(i + 1)),
  ]);
  return PERSONA_COLORS.find((c) => !taken.has(c)) ?? defaultPersonaColor(extra.length + 1);
}

/** Updates the given fields of any persona (persona 1's stay in `meta.persona`). */
/** A change of a persona's fields; `photo: null` takes its photo away. */
export type PersonaPatch = Partial<Omit<Persona, 'photo'>> & { photo?: string | null };

export function updatePersona(doc: Y.Doc, id: string, patch: PersonaPatch): void {
  if (patch.color !== undefined) assertPersonaColor(patch.color, `${PERSONAS_ROOT}.${id}.color`);
  if (patch.photo) assertImageId(patch.photo, `${PERSONAS_ROOT}.${id}.photo`);
  if (id === FIRST_PERSONA_ID) return writeFirstPersona(doc, patch);
  const record = requireRecord(personasRoot(doc), id, 'persona');
  doc.transact(() => {
    if (patch.name !== undefined) record.set('name', patch.name.trim());
    if (patch.description !== undefined) record.set('description', patch.description);
    if (patch.color !== undefined) record.set('color', patch.color);
    writePhoto(record, patch.photo);
  });
}

function writePhoto(record: Y.Map<unknown>, photo: string | null | undefined): void {
  if (photo === null) record.delete('photo');
  else if (photo !== undefined) record.set('photo', photo);
}

/** Persona 1's fields in `meta.persona`, only those given: two people editing both win. */
export function writeFirstPersona(doc: Y.Doc, patch: PersonaPatch): void {
  if (patch.color !== undefined) assertPersonaColor(patch.color, 'meta.persona.color');
  if (patch.photo) assertImageId(patch.photo, 'meta.persona.photo');
  doc.transact(() => {
    const { meta } = boardRoots(doc);
    let persona = meta.get('persona');
    if (!isYMap(persona)) {
      persona = new Y.Map<string>();
      meta.set('persona', persona);
    }
    const target = persona as Y.Map<unknown>;
    if (patch.name !== undefined) target.set('name', patch.name);
    if (patch.description !== undefined) target.set('description', patch.description);
    if (patch.color !== undefined) target.set('color', patch.color);
    writePhoto(target, patch.photo);
  });
}

/**
 * Removes a persona and untags its cards (its emotion cards then count for persona 1). Persona 1
 * is the board's own and stays: it can be renamed, not removed.
 */
export function removePersona(doc: Y.Doc, id: string): void {
  if (id === FIRST_PERSONA_ID)
    throw new ModelError('Persona 1 cannot be removed; rename it instead.', 'meta.persona');
  requireRecord(personasRoot(doc), id, 'persona');
  doc.transact(() => {
    personasRoot(doc).delete(id);
    forEachRecord(boardRoots(doc).cards, (card) => {
      if (card.get('persona') === id) card.delete('persona');
    });
  });
}

/** Whether a card may be tagged for `id` on this board. */
export function hasPersona(doc: Y.Doc, id: string): boolean {
  return id === FIRST_PERSONA_ID || readExtraPersonas(doc).some((p) => p.id === id);
}

/** Tags a card for a persona (undefined: untag); the persona must exist. */
export function setCardPersona(doc: Y.Doc, cardId: string, persona: string | undefined): void {
  const card = requireRecord(boardRoots(doc).cards, cardId, 'card');
  if (persona !== undefined && !hasPersona(doc, persona))
    throw new ModelError(`persona '${persona}' does not exist`, `cards.${cardId}.persona`);
  doc.transact(() => setOrDelete(card, 'persona', persona));
}
