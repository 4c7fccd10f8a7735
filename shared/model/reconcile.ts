/**
 * Makes a board doc read as another board (a restored version), as ONE ordinary change on top of
 * its history: records are updated in place where they exist, so concurrent edits merge as usual,
 * ids stay, and the change can be undone (Y.UndoManager tracking RECONCILE_ORIGIN).
 */
import * as Y from 'yjs';
import { addLane, addStage, deleteLane, deleteStage } from './axes.js';
import { readMeta, setPersona } from './board.js';
import { addCard, deleteCard } from './cards.js';
import { boardRoots, ModelError, replaceText, setOrDelete, type YRecord } from './doc.js';
import { parseBoardJson, toBoardJson } from './json.js';
import { METRIC_KEYS, type BoardSnapshot, type Card, type Evidence, type Shape } from './schema.js';
import { addShape, deleteShape } from './shapes.js';
import { readBoard } from './snapshot.js';

/** The transaction origin of reconcile, unless the caller gives its own. */
export const RECONCILE_ORIGIN = 'journeyboard:reconcile';

/** The Y.Text under `key`, created when a malformed record lacks it. */
function textIn(record: YRecord, key = 'text'): Y.Text {
  const value = record.get(key);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text();
  record.set(key, text);
  return text;
}

/** The nested map or array under `key`, created when a malformed record lacks it. */
function mapIn(record: YRecord, key: string): YRecord {
  const value = record.get(key);
  if (value instanceof Y.Map) return value as YRecord;
  const fresh = new Y.Map<unknown>();
  record.set(key, fresh);
  return fresh;
}

function arrayIn<T>(record: YRecord, key: string): Y.Array<T> {
  const value = record.get(key);
  if (value instanceof Y.Array) return value as Y.Array<T>;
  const fresh = new Y.Array<T>();
  record.set(key, fresh);
  return fresh;
}

/** Replaces a Y.Array's items when they differ (lists of tags or evidence are short). */
function syncArray<T>(list: Y.Array<T>, next: readonly T[]): void {
  if (JSON.stringify(list.toArray()) === JSON.stringify(next)) return;
  list.delete(0, list.length);
  list.push([...next]);
}

function syncMeta(doc: Y.Doc, target: BoardSnapshot['meta']): void {
  const meta = boardRoots(doc).meta as YRecord;
  const current = readMeta(doc);
  for (const key of ['title', 'mapType', 'scenario', 'schemaVersion', 'createdAt'] as const) {
    if (current[key] !== target[key]) meta.set(key, target[key]);
  }
  const { name, description } = current.persona;
  if (name !== target.persona.name || description !== target.persona.description)
    setPersona(doc, target.persona);
}

function syncAxes(doc: Y.Doc, target: BoardSnapshot): void {
  const { stages, lanes } = boardRoots(doc);
  for (const stage of target.stages) {
    if (!stages.has(stage.id)) addStage(doc, stage);
    const record = stages.get(stage.id)!;
    setOrDelete(record, 'name', stage.name);
    setOrDelete(record, 'order', stage.order);
    setOrDelete(record, 'width', stage.width);
  }
  for (const lane of target.lanes) {
    if (!lanes.has(lane.id)) addLane(doc, lane);
    const record = lanes.get(lane.id)!;
    for (const key of ['name', 'kind', 'order'] as const) setOrDelete(record, key, lane[key]);
  }
}

function syncCard(doc: Y.Doc, card: Card): void {
  const { cards } = boardRoots(doc);
  if (!cards.has(card.id)) addCard(doc, card);
  const record = cards.get(card.id)!;
  for (const key of ['stageId', 'laneId', 'order', 'color', 'emotion', 'channel'] as const)
    setOrDelete(record, key, card[key]);
  replaceText(textIn(record), card.text);
  const metrics = mapIn(record, 'metrics');
  for (const key of METRIC_KEYS) setOrDelete(metrics, key, card.metrics[key]);
  syncArray(arrayIn<string>(record, 'tags'), card.tags);
  syncArray(arrayIn<Evidence>(record, 'evidence'), card.evidence);
}

function syncShape(doc: Y.Doc, shape: Shape): void {
  const { shapes } = boardRoots(doc);
  if (!shapes.has(shape.id)) addShape(doc, shape);
  const record = shapes.get(shape.id)!;
  for (const key of ['type', 'x', 'y', 'w', 'h', 'color', 'from', 'to'] as const)
    setOrDelete(record, key, shape[key]);
  if (shape.text === undefined) record.delete('text');
  else replaceText(textIn(record), shape.text);
}

/** Ids present in a root map but not in `keep`. */
function extra(map: Y.Map<YRecord>, keep: readonly { id: string }[]): string[] {
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
  }, origin);
}

/** Whether two boards read the same: what reconcile guarantees. */
export function sameBoard(a: BoardSnapshot | Y.Doc, b: BoardSnapshot | Y.Doc): boolean {
  const read = (x: BoardSnapshot | Y.Doc) => (x instanceof Y.Doc ? readBoard(x) : x);
  return JSON.stringify(read(a)) === JSON.stringify(read(b));
}
