/**
 * Makes a board doc read as another board (a restored version), as ONE ordinary change on top of
 * its history: records are updated in place where they exist, so concurrent edits merge as usual,
 * ids stay, and the change can be undone (Y.UndoManager tracking RECONCILE_ORIGIN).
 */
import * as Y from 'yjs';
import { addLane, addStage, deleteLane, deleteStage } from './axes.js';
import { setCesMethod, setPersona } from './board.js';
import { addCard, deleteCard } from './cards.js';
import { boardRoots, ModelError, replaceText, setOrDelete, type YRecord } from './doc.js';
import { parseBoardJson, toBoardJson } from './json.js';
import { isYArray, isYMap, isYText } from './read.js';
import {
  METRIC_KEYS,
  type BoardPersona,
  type BoardSnapshot,
  type Card,
  type Evidence,
  type Shape,
} from './schema.js';
import { addPersona, PERSONAS_ROOT } from './personas.js';
import { orderBetween } from './order.js';
import { addShape, deleteShape } from './shapes.js';
import { readBoard } from './snapshot.js';
import { repairTimer } from './timer.js';
import { syncMetricSeries } from './metricSeries.js';
import { repairQuietCursors } from './gather.js';

/** The transaction origin of reconcile, unless the caller gives its own. */
export const RECONCILE_ORIGIN = 'journeyboard:reconcile';

// Restoring replaces whatever another client stored in place of a record or a field: the
// target is a sound board, and after reconcile the doc reads exactly as it.

/** The Y.Text under `key`, created when a malformed record lacks it. */
function textIn(record: YRecord, key = 'text'): Y.Text {
  const value = record.get(key);
  if (isYText(value)) return value;
  const text = new Y.Text();
  record.set(key, text);
  return text;
}

/** The nested map or array under `key`, created when a malformed record lacks it. */
function mapIn(record: YRecord, key: string): YRecord {
  const value = record.get(key);
  if (isYMap(value)) return value;
  const fresh = new Y.Map<unknown>();
  record.set(key, fresh);
  return fresh;
}

function arrayIn<T>(record: YRecord, key: string): Y.Array<T> {
  const value = record.get(key);
  if (isYArray(value)) return value as Y.Array<T>;
  const fresh = new Y.Array<T>();
  record.set(key, fresh);
  return fresh;
}

/** Whether two lists hold the same plain values (a list any client wrote may hold anything). */
function sameItems(current: readonly unknown[], next: readonly unknown[]): boolean {
  try {
    return JSON.stringify(current) === JSON.stringify(next);
  } catch {
    return false; // A bigint, say: not what the target holds.
  }
}

/** Replaces a Y.Array's items when they differ (lists of tags or evidence are short). */
function syncArray<T>(list: Y.Array<T>, next: readonly T[]): void {
  if (sameItems(list.toArray(), next)) return;
  list.delete(0, list.length);
  list.push([...next]);
}

/** Stored values are compared, not what they read as: a malformed one is replaced. */
function syncMeta(doc: Y.Doc, target: BoardSnapshot['meta']): void {
  const { meta } = boardRoots(doc);
  for (const key of ['title', 'mapType', 'scenario', 'schemaVersion', 'createdAt'] as const) {
    if (meta.get(key) !== target[key]) meta.set(key, target[key]);
  }
  const persona = meta.get('persona');
  const stored = (key: 'name' | 'description') => (isYMap(persona) ? persona.get(key) : undefined);
  if (
    stored('name') !== target.persona.name ||
    stored('description') !== target.persona.description
  )
    setPersona(doc, target.persona);
  // Unconditional: a key holding something that reads as undefined (a foreign format mark) must
  // go too, and setOrDelete writes nothing when the value is already right.
  for (const key of ['color', 'photo'] as const)
    setOrDelete(meta.get('persona') as YRecord, key, target.persona[key]);
  syncPersonas(doc, (target.personas ?? []).slice(1));
  setCesMethod(doc, target.cesMethod ?? 'mean');
}

/** Personas 2–5 (W210): the others go first, so adding never meets the limit of five. */
function syncPersonas(doc: Y.Doc, target: readonly BoardPersona[]): void {
  const root = doc.getMap<unknown>(PERSONAS_ROOT);
  for (const id of extra(root, target)) root.delete(id);
  let previous: string | null = null;
  for (const persona of target) {
    const record = recordIn(root, persona.id, () => {
      root.delete(persona.id);
      addPersona(doc, persona);
    });
    for (const key of ['name', 'description', 'color', 'photo'] as const)
      setOrDelete(record, key, persona[key]);
    const order = record.get('order');
    if (typeof order !== 'string' || (previous !== null && order <= previous))
      record.set('order', orderBetween(previous, null));
    previous = record.get('order') as string;
  }
}

/** The record `id`, created (or re-created, in place of a malformed one) by `add` when needed. */
function recordIn(map: Y.Map<unknown>, id: string, add: () => void): YRecord {
  if (!isYMap(map.get(id))) add();
  return map.get(id) as YRecord;
}

function syncAxes(doc: Y.Doc, target: BoardSnapshot): void {
  const { stages, lanes } = boardRoots(doc);
  for (const stage of target.stages) {
    const record = recordIn(stages, stage.id, () => addStage(doc, stage));
    setOrDelete(record, 'name', stage.name);
    setOrDelete(record, 'order', stage.order);
    setOrDelete(record, 'width', stage.width);
    setOrDelete(record, 'link', stage.link);
  }
  for (const lane of target.lanes) {
    const record = recordIn(lanes, lane.id, () => addLane(doc, lane));
    for (const key of ['name', 'kind', 'order'] as const) setOrDelete(record, key, lane[key]);
  }
}

function syncCard(doc: Y.Doc, card: Card): void {
  // The key is set below with the other fields: a card leaving may still hold it meanwhile.
  const record = recordIn(boardRoots(doc).cards, card.id, () =>
    addCard(doc, { ...card, externalKey: undefined }),
  );
  for (const key of [
    'stageId',
    'laneId',
    'order',
    'color',
    'emotion',
    'channel',
    'persona',
    'image',
    'team',
    'expected',
    'expectation',
    'link',
    'externalKey',
    'sharedFrom',
    'sharedOut',
  ] as const)
    setOrDelete(record, key, card[key]);
  replaceText(textIn(record), card.text);
  const metrics = mapIn(record, 'metrics');
  for (const key of METRIC_KEYS) setOrDelete(metrics, key, card.metrics[key]);
  syncArray(arrayIn<string>(record, 'tags'), card.tags);
  syncArray(arrayIn<Evidence>(record, 'evidence'), card.evidence);
}

function syncShape(doc: Y.Doc, shape: Shape): void {
  const record = recordIn(boardRoots(doc).shapes, shape.id, () => addShape(doc, shape));
  for (const key of ['type', 'x', 'y', 'w', 'h', 'color', 'from', 'to', 'image'] as const)
    setOrDelete(record, key, shape[key]);
  if (shape.text === undefined) record.delete('text');
  else replaceText(textIn(record), shape.text);
}

/** Ids present in a root map but not in `keep`. */
function extra(map: Y.Map<unknown>, keep: readonly { id: string }[]): string[] {
  const ids = new Set(keep.map((x) => x.id));
  return [...map.keys()].filter((id) => !ids.has(id));
}

/**
 * Changes `doc` so that readBoard(doc) deep-equals the target, in one transaction with `origin`.
 * The target is validated first (ModelError naming the field): nothing is written when invalid.
 */
export function reconcile(
  doc: Y.Doc,
  target: BoardSnapshot | Y.Doc,
  origin: unknown = RECONCILE_ORIGIN,
): void {
  const board = target instanceof Y.Doc ? readBoard(target) : target;
  const parsed = parseBoardJson(toBoardJson(board));
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    throw new ModelError(`the target board is invalid: ${first.message}`, first.path);
  }
  doc.transact(() => {
    const roots = boardRoots(doc);
    syncMeta(doc, board.meta);
    // Stages and lanes first so cards can move into new ones; old ones go once emptied, so a
    // card that moves out of a removed stage keeps its identity (and its text's history).
    syncAxes(doc, board);
    for (const card of board.cards) syncCard(doc, card);
    for (const id of extra(roots.cards, board.cards)) deleteCard(doc, id);
    for (const id of extra(roots.stages, board.stages)) deleteStage(doc, id);
    for (const id of extra(roots.lanes, board.lanes)) deleteLane(doc, id);
    // Shapes last: deleting cards detaches arrows, which the target may re-attach.
    for (const id of extra(roots.shapes, board.shapes)) deleteShape(doc, id);
    for (const shape of board.shapes) syncShape(doc, shape);
    syncMetricSeries(doc, board.metricSeries ?? []);
    // Versions hold no workshop state: a sound timer or quiet mode stays, a mangled one goes.
    repairTimer(doc);
    repairQuietCursors(doc);
  }, origin);
}

/** Whether two boards read the same: what reconcile guarantees. */
export function sameBoard(a: BoardSnapshot | Y.Doc, b: BoardSnapshot | Y.Doc): boolean {
  const read = (x: BoardSnapshot | Y.Doc) => (x instanceof Y.Doc ? readBoard(x) : x);
  return JSON.stringify(read(a)) === JSON.stringify(read(b));
}
