/**
 * Which records of a board a Yjs transaction touched, read from the transaction itself (no
 * diff of two snapshots): the server attributes every accepted update to its connection this
 * way, on the update path, so it must cost in proportion to the change, not to the board.
 */
import { PERSONAS_ROOT } from './personas.js';
import * as Y from 'yjs';
import { boardRoots } from './doc.js';

export const RECORD_KINDS = ['stage', 'lane', 'card', 'shape'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface TouchedIds {
  added: Set<string>;
  changed: Set<string>;
  removed: Set<string>;
}

export interface Touched {
  records: Record<RecordKind, TouchedIds>;
  /** Title, map type, scenario or a persona changed. */
  meta: boolean;
  /** Per Yjs client id, the clock after the change: what a state vector must cover to have it. */
  clocks: Map<number, number>;
}

export function emptyTouched(): Touched {
  const ids = (): TouchedIds => ({ added: new Set(), changed: new Set(), removed: new Set() });
  return {
    records: { stage: ids(), lane: ids(), card: ids(), shape: ids() },
    meta: false,
    clocks: new Map(),
  };
}

export function isEmptyTouched(t: Touched): boolean {
  return (
    !t.meta &&
    RECORD_KINDS.every((k) => {
      const r = t.records[k];
      return r.added.size + r.changed.size + r.removed.size === 0;
    })
  );
}

/** The record kind each root map holds, keyed by the type itself (identity). */
const kindsByDoc = new WeakMap<
  Y.Doc,
  { kinds: Map<unknown, RecordKind>; meta: unknown; personas: unknown }
>();

function rootKinds(doc: Y.Doc) {
  let known = kindsByDoc.get(doc);
  if (!known) {
    const roots = boardRoots(doc);
    known = {
      kinds: new Map<unknown, RecordKind>([
        [roots.stages, 'stage'],
        [roots.lanes, 'lane'],
        [roots.cards, 'card'],
        [roots.shapes, 'shape'],
      ]),
      meta: roots.meta,
      // Personas 2–5 (W210) are board-wide like persona 1 in meta.
      personas: doc.getMap(PERSONAS_ROOT),
    };
    kindsByDoc.set(doc, known);
  }
  return known;
}

/** Marks `id` as added, changed or removed, keeping one verdict per record over a stretch. */
function mark(into: Touched, kind: RecordKind, id: string, how: keyof TouchedIds): void {
  const ids = into.records[kind];
  if (how === 'removed') {
    // Added and removed within one stretch of work: nobody else ever saw it.
    if (!ids.added.delete(id)) ids.removed.add(id);
    ids.changed.delete(id);
  } else if (how === 'added') {
    // Re-created (an undone delete): it is back, not new.
    if (ids.removed.delete(id)) ids.changed.add(id);
    else ids.added.add(id);
  } else if (!ids.added.has(id) && !ids.removed.has(id)) {
    ids.changed.add(id);
  }
}

/**
 * Types a board doc's root maps before its first transaction is collected: a doc filled from
 * an update holds untyped roots, and typing them later replaces the instances that
 * `tr.changed` refers to, so that transaction's records would go unseen.
 */
export function prepareTouched(doc: Y.Doc): void {
  rootKinds(doc);
}

/**
 * Adds what `tr` (a transaction on a board doc, prepared with `prepareTouched`) touched to
 * `into`. Reads `tr.changed` only, so it costs in proportion to the change. Returns whether
 * the transaction created content (a deletion alone creates none, so no clock can tell who
 * has seen it).
 */
export function collectTouched(doc: Y.Doc, tr: Y.Transaction, into: Touched): boolean {
  const { kinds, meta, personas } = rootKinds(doc);
  for (const [type, keys] of tr.changed) {
    const kind = kinds.get(type);
    if (kind) {
      const map = type as unknown as Y.Map<unknown>;
      for (const key of keys) {
        if (key === null) continue;
        const item = map._map.get(key);
        if (!item || item.deleted) mark(into, kind, key, 'removed');
        else if (item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0))
          mark(into, kind, key, 'added');
        else mark(into, kind, key, 'changed');
      }
      continue;
    }
    if (type === meta || type === personas) {
      into.meta = true;
      continue;
    }
    // A nested type (a card's text, metrics, tags…): climb to the record that holds it.
    let item = type._item;
    while (item) {
      const parent: unknown = item.parent;
      const parentKind = kinds.get(parent);
      if (parentKind && item.parentSub !== null) {
        if (!item.deleted) mark(into, parentKind, item.parentSub, 'changed');
        break;
      }
      if (parent === meta || parent === personas) {
        into.meta = true;
        break;
      }
      item = parent instanceof Y.AbstractType ? parent._item : null;
    }
  }
  let created = false;
  for (const [client, clock] of tr.afterState) {
    if (clock !== (tr.beforeState.get(client) ?? 0)) {
      into.clocks.set(client, clock);
      created = true;
    }
  }
  return created;
}
