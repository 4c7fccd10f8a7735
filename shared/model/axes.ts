import * as Y from 'yjs';
import {
  boardRoots,
  forEachRecord,
  ModelError,
  requirePresent,
  requireRecord,
  setOrDelete,
  str,
} from './doc.js';
import { byOrder, newId, orderAtIndex } from './order.js';
import { eachRecord, type FieldReader, type UnreadableSink } from './read.js';
import {
  LANE_KINDS,
  STAGE_WIDTH_MAX,
  STAGE_WIDTH_MIN,
  type Lane,
  type LaneKind,
  type Stage,
} from './schema.js';
import { detachArrows } from './shapes.js';
import { assertLink, linkCheck } from './links.js';

/** Stages (columns) and lanes (rows) share one shape: a named, ordered record. */
type Axis = 'stages' | 'lanes';
const WHAT: Record<Axis, string> = { stages: 'stage', lanes: 'lane' };
const CARD_KEY: Record<Axis, 'stageId' | 'laneId'> = { stages: 'stageId', lanes: 'laneId' };

function cleanName(name: string, axis: Axis): string {
  const trimmed = name.trim();
  if (trimmed.length === 0)
    throw new ModelError(`${WHAT[axis]} name must not be empty`, `${axis}.name`);
  return trimmed;
}

function sortedIds(map: Y.Map<unknown>, exclude?: string) {
  const items: { id: string; order: string }[] = [];
  forEachRecord(map, (record, id) => {
    if (id !== exclude) items.push({ id, order: str(record, 'order') });
  });
  return items.sort(byOrder);
}

/** Where a new stage, lane or card goes: an index among its siblings, or (import) a kept order key. */
export interface Placement {
  index?: number;
  order?: string;
  id?: string;
}

function addOnAxis(doc: Y.Doc, axis: Axis, fields: Record<string, unknown>, at: Placement) {
  const map = boardRoots(doc)[axis];
  const id = at.id ?? newId();
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) record.set(key, value);
    record.set(
      'order',
      at.order ?? orderAtIndex(sortedIds(map), at.index ?? Number.MAX_SAFE_INTEGER),
    );
    map.set(id, record);
  });
  return id;
}

function renameOnAxis(doc: Y.Doc, axis: Axis, id: string, name: string): void {
  const clean = cleanName(name, axis);
  const record = requireRecord(boardRoots(doc)[axis], id, WHAT[axis]);
  doc.transact(() => record.set('name', clean));
}

function moveOnAxis(doc: Y.Doc, axis: Axis, id: string, toIndex: number): void {
  const map = boardRoots(doc)[axis];
  const record = requireRecord(map, id, WHAT[axis]);
  doc.transact(() => record.set('order', orderAtIndex(sortedIds(map, id), toIndex)));
}

/**
 * Deletes the stage or lane with every card in it, in one transaction (also one that another
 * client replaced by something unreadable: deleting it repairs the board).
 */
function deleteOnAxis(doc: Y.Doc, axis: Axis, id: string): void {
  const roots = boardRoots(doc);
  requirePresent(roots[axis], id, WHAT[axis]);
  doc.transact(() => {
    const doomed: string[] = [];
    forEachRecord(roots.cards, (card, cardId) => {
      if (card.get(CARD_KEY[axis]) === id) doomed.push(cardId);
    });
    for (const cardId of doomed) {
      roots.cards.delete(cardId);
      detachArrows(doc, cardId);
    }
    roots[axis].delete(id);
  });
}

export function addStage(
  doc: Y.Doc,
  input: { name: string; width?: number; link?: string } & Placement,
): string {
  const fields: Record<string, unknown> = { name: cleanName(input.name, 'stages') };
  if (input.width !== undefined) fields.width = input.width;
  assertLink(input.link, 'stages.link');
  if (input.link !== undefined) fields.link = input.link;
  return addOnAxis(doc, 'stages', fields, input);
}
export const renameStage = (doc: Y.Doc, id: string, name: string) =>
  renameOnAxis(doc, 'stages', id, name);
export const moveStage = (doc: Y.Doc, id: string, toIndex: number) =>
  moveOnAxis(doc, 'stages', id, toIndex);
export const deleteStage = (doc: Y.Doc, id: string) => deleteOnAxis(doc, 'stages', id);

export function assertLaneKind(kind: string): asserts kind is LaneKind {
  if (!(LANE_KINDS as readonly string[]).includes(kind)) {
    throw new ModelError(
      `lane kind must be one of ${LANE_KINDS.join(', ')}; got '${kind}'`,
      'lanes.kind',
    );
  }
}

export function addLane(doc: Y.Doc, input: { name: string; kind: LaneKind } & Placement): string {
  assertLaneKind(input.kind);
  return addOnAxis(doc, 'lanes', { name: cleanName(input.name, 'lanes'), kind: input.kind }, input);
}
export const renameLane = (doc: Y.Doc, id: string, name: string) =>
  renameOnAxis(doc, 'lanes', id, name);
export const moveLane = (doc: Y.Doc, id: string, toIndex: number) =>
  moveOnAxis(doc, 'lanes', id, toIndex);
export const deleteLane = (doc: Y.Doc, id: string) => deleteOnAxis(doc, 'lanes', id);

export function setLaneKind(doc: Y.Doc, id: string, kind: LaneKind): void {
  assertLaneKind(kind);
  const record = requireRecord(boardRoots(doc).lanes, id, 'lane');
  doc.transact(() => record.set('kind', kind));
}

/** Resizes a column; the width is clamped to the allowed range, undefined resets it. */
export function setStageWidth(doc: Y.Doc, id: string, width: number | undefined): void {
  const record = requireRecord(boardRoots(doc).stages, id, 'stage');
  if (width !== undefined && !Number.isFinite(width)) {
    throw new ModelError(`width must be a finite number; got ${width}`, `stages.${id}.width`);
  }
  const clamped =
    width === undefined
      ? undefined
      : Math.round(Math.min(STAGE_WIDTH_MAX, Math.max(STAGE_WIDTH_MIN, width)));
  doc.transact(() => setOrDelete(record, 'width', clamped));
}

/** What an order key falls back to when another client stored a malformed one. */
export const FALLBACK_ORDER = 'a0';
const ORDER_MAX = 256;

const orderCheck = (o: string) =>
  o.length > 0 && o.length <= ORDER_MAX ? null : `must be 1 to ${ORDER_MAX} characters`;
const nameCheck = (n: string) => (n.trim() ? null : 'must not be blank');
const widthCheck = (w: number) =>
  Number.isInteger(w) && w >= STAGE_WIDTH_MIN && w <= STAGE_WIDTH_MAX
    ? null
    : `must be a whole number from ${STAGE_WIDTH_MIN} to ${STAGE_WIDTH_MAX}`;
// A kind from a newer version reads as a plain text lane.
const kindCheck = (k: string) =>
  (LANE_KINDS as readonly string[]).includes(k) ? null : 'is not a lane kind this version knows';

/** The order key of a record (required, 1–256 characters), else the fallback. */
export function readOrder(r: FieldReader): string {
  return r.string('order', true, orderCheck) ?? FALLBACK_ORDER;
}

/** A required, non-blank name, else `fallback`. */
function readName(r: FieldReader, fallback: string): string {
  return r.string('name', true, nameCheck) ?? fallback;
}

export function readStages(doc: Y.Doc, into?: UnreadableSink): Stage[] {
  const stages: Stage[] = [];
  eachRecord(boardRoots(doc).stages, 'stages', into, (r, id) => {
    const stage: Stage = { id, name: readName(r, 'Untitled stage'), order: readOrder(r) };
    const width = r.number('width', false, widthCheck);
    if (width !== undefined) stage.width = width;
    const link = r.string('link', false, linkCheck);
    if (link !== undefined) stage.link = link;
    stages.push(stage);
  });
  return stages.sort(byOrder);
}

export function readLanes(doc: Y.Doc, into?: UnreadableSink): Lane[] {
  const lanes: Lane[] = [];
  eachRecord(boardRoots(doc).lanes, 'lanes', into, (r, id) => {
    const kind = r.string('kind', true, kindCheck);
    lanes.push({
      id,
      name: readName(r, 'Untitled lane'),
      kind: (kind as LaneKind | undefined) ?? 'text',
      order: readOrder(r),
    });
  });
  return lanes.sort(byOrder);
}
