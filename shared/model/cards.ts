import * as Y from 'yjs';
import {
  boardRoots,
  ModelError,
  num,
  optStr,
  replaceText,
  requireRecord,
  setOrDelete,
  str,
  textOf,
  type YRecord,
} from './doc.js';
import type { Placement } from './axes.js';
import { byOrder, newId, orderAtIndex } from './order.js';
import {
  EMOTION_MAX,
  EMOTION_MIN,
  METRIC_KEYS,
  METRIC_RANGES,
  type Card,
  type Evidence,
  type Metrics,
} from './schema.js';

export interface CellRef {
  stageId: string;
  laneId: string;
}

export interface NewCard extends CellRef, Placement {
  text?: string;
  color?: string;
  emotion?: number;
  channel?: string;
  metrics?: Metrics;
  tags?: string[];
  evidence?: Evidence[];
}

function assertCell(doc: Y.Doc, cell: CellRef): void {
  const { stages, lanes } = boardRoots(doc);
  requireRecord(stages, cell.stageId, 'stage');
  requireRecord(lanes, cell.laneId, 'lane');
}

export function assertEmotion(score: number): void {
  if (!Number.isInteger(score) || score < EMOTION_MIN || score > EMOTION_MAX) {
    throw new ModelError(
      `emotion must be a whole number from ${EMOTION_MIN} to ${EMOTION_MAX}; got ${score}`,
      'emotion',
    );
  }
}

/** Evidence with a fixed key order and no empty optional fields, so JSON round-trips byte for byte. */
export function normalizeEvidence(
  e: Omit<Evidence, 'id'> & { id?: string },
  field: string,
): Evidence {
  if (!e.text.trim()) throw new ModelError('evidence text must not be empty', field);
  const item: Evidence = { id: e.id ?? newId(), kind: e.kind, text: e.text };
  if (e.source !== undefined) item.source = e.source;
  if (e.date !== undefined) item.date = e.date;
  if (e.url !== undefined) item.url = e.url;
  return item;
}

function cleanTags(tags: readonly string[], field: string): string[] {
  const clean = tags.map((t) => t.trim());
  if (clean.some((t) => !t)) throw new ModelError('tags must not be empty', field);
  return [...new Set(clean)];
}

export function assertMetrics(metrics: Metrics): void {
  for (const key of METRIC_KEYS) {
    const value = metrics[key];
    if (value === undefined) continue;
    const { min, max } = METRIC_RANGES[key];
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new ModelError(
        `${key} must be a number from ${min} to ${max}; got ${value}`,
        `metrics.${key}`,
      );
    }
  }
}

/** Ids and order keys of the cards in one cell, sorted. */
export function cellSiblings(doc: Y.Doc, cell: CellRef, exclude?: string) {
  const items: { id: string; order: string }[] = [];
  boardRoots(doc).cards.forEach((card, id) => {
    if (
      id !== exclude &&
      card.get('stageId') === cell.stageId &&
      card.get('laneId') === cell.laneId
    ) {
      items.push({ id, order: str(card, 'order') });
    }
  });
  return items.sort(byOrder);
}

export function addCard(doc: Y.Doc, input: NewCard): string {
  assertCell(doc, input);
  if (input.emotion !== undefined) assertEmotion(input.emotion);
  if (input.metrics) assertMetrics(input.metrics);
  const id = input.id ?? newId();
  const tags = cleanTags(input.tags ?? [], `cards.${id}.tags`);
  const evidence = (input.evidence ?? []).map((e) => normalizeEvidence(e, `cards.${id}.evidence`));
  doc.transact(() => {
    const card = new Y.Map<unknown>();
    card.set('stageId', input.stageId);
    card.set('laneId', input.laneId);
    card.set(
      'order',
      input.order ?? orderAtIndex(cellSiblings(doc, input), input.index ?? Number.MAX_SAFE_INTEGER),
    );
    card.set('text', new Y.Text(input.text ?? ''));
    // Nested types exist from birth: two people adding the first metric or tag at once both keep theirs.
    const metrics = new Y.Map<number>();
    for (const key of METRIC_KEYS)
      if (input.metrics?.[key] !== undefined) metrics.set(key, input.metrics[key]);
    card.set('metrics', metrics);
    card.set('tags', Y.Array.from(tags));
    card.set('evidence', Y.Array.from(evidence));
    // Optional fields are only written when given: a detached Y.Map must not be read.
    for (const key of ['color', 'emotion', 'channel'] as const)
      if (input[key] !== undefined) card.set(key, input[key]);
    boardRoots(doc).cards.set(id, card);
  });
  return id;
}

function card(doc: Y.Doc, id: string): YRecord {
  return requireRecord(boardRoots(doc).cards, id, 'card');
}

export function setCardText(doc: Y.Doc, id: string, text: string): void {
  const ytext = card(doc, id).get('text');
  if (!(ytext instanceof Y.Text))
    throw new ModelError(`card '${id}' has no text`, `cards.${id}.text`);
  doc.transact(() => replaceText(ytext, text));
}

/** Moves a card to a cell (its own or another) at an index among that cell's cards. */
export function moveCard(doc: Y.Doc, id: string, to: CellRef & { index?: number }): void {
  const record = card(doc, id);
  assertCell(doc, to);
  doc.transact(() => {
    record.set(
      'order',
      orderAtIndex(cellSiblings(doc, to, id), to.index ?? Number.MAX_SAFE_INTEGER),
    );
    // Both keys are always written: two concurrent moves then resolve to one winner for both,
    // never the stage of one move with the lane of the other.
    record.set('stageId', to.stageId);
    record.set('laneId', to.laneId);
  });
}

export function deleteCard(doc: Y.Doc, id: string): void {
  card(doc, id);
  doc.transact(() => {
    boardRoots(doc).cards.delete(id);
    detachArrows(doc, id);
  });
}

/** Arrows stuck to a deleted card keep their last position but let go of it. */
export function detachArrows(doc: Y.Doc, targetId: string): void {
  boardRoots(doc).shapes.forEach((shape) => {
    if (shape.get('from') === targetId) shape.delete('from');
    if (shape.get('to') === targetId) shape.delete('to');
  });
}

export function setEmotion(doc: Y.Doc, id: string, score: number | undefined): void {
  if (score !== undefined) assertEmotion(score);
  const record = card(doc, id);
  doc.transact(() => setOrDelete(record, 'emotion', score));
}

export function setChannel(doc: Y.Doc, id: string, channel: string | undefined): void {
  const record = card(doc, id);
  doc.transact(() => setOrDelete(record, 'channel', channel?.trim() || undefined));
}

export function setCardColor(doc: Y.Doc, id: string, color: string | undefined): void {
  const record = card(doc, id);
  doc.transact(() => setOrDelete(record, 'color', color));
}

/** Sets the given metrics; a key given as undefined is cleared, keys not given are kept. */
export function setMetrics(
  doc: Y.Doc,
  id: string,
  patch: { [K in keyof Metrics]?: number | undefined },
): void {
  assertMetrics(patch);
  const metrics = card(doc, id).get('metrics');
  if (!(metrics instanceof Y.Map))
    throw new ModelError(`card '${id}' has no metrics`, `cards.${id}.metrics`);
  doc.transact(() => {
    for (const key of METRIC_KEYS) {
      if (key in patch) setOrDelete(metrics as YRecord, key, patch[key]);
    }
  });
}

export function addTag(doc: Y.Doc, id: string, tag: string): void {
  const clean = tag.trim();
  if (!clean) throw new ModelError('tag must not be empty', `cards.${id}.tags`);
  const tags = card(doc, id).get('tags') as Y.Array<string>;
  if (tags.toArray().includes(clean)) return;
  doc.transact(() => tags.push([clean]));
}

export function removeTag(doc: Y.Doc, id: string, tag: string): void {
  const tags = card(doc, id).get('tags') as Y.Array<string>;
  doc.transact(() => {
    // Concurrent adds of one tag can leave duplicates; remove them all.
    for (let i = tags.length - 1; i >= 0; i--) if (tags.get(i) === tag) tags.delete(i, 1);
  });
}

export function addEvidence(
  doc: Y.Doc,
  id: string,
  evidence: Omit<Evidence, 'id'> & { id?: string },
): string {
  const item = normalizeEvidence(evidence, `cards.${id}.evidence`);
  const list = card(doc, id).get('evidence') as Y.Array<Evidence>;
  doc.transact(() => list.push([item]));
  return item.id;
}

export function removeEvidence(doc: Y.Doc, id: string, evidenceId: string): void {
  const list = card(doc, id).get('evidence') as Y.Array<Evidence>;
  doc.transact(() => {
    for (let i = list.length - 1; i >= 0; i--) if (list.get(i).id === evidenceId) list.delete(i, 1);
  });
}

export function readCard(id: string, record: YRecord): Card {
  const metricsMap = record.get('metrics');
  const metrics: Metrics = {};
  if (metricsMap instanceof Y.Map) {
    for (const key of METRIC_KEYS) {
      const value = metricsMap.get(key);
      if (typeof value === 'number') metrics[key] = value;
    }
  }
  const tags = record.get('tags');
  const evidence = record.get('evidence');
  const result: Card = {
    id,
    stageId: str(record, 'stageId'),
    laneId: str(record, 'laneId'),
    order: str(record, 'order'),
    text: textOf(record),
    metrics,
    tags: tags instanceof Y.Array ? [...new Set(tags.toArray() as string[])] : [],
    evidence:
      evidence instanceof Y.Array
        ? (evidence.toArray() as Evidence[]).map((e) => normalizeEvidence(e, 'evidence'))
        : [],
  };
  const color = optStr(record, 'color');
  const emotion = num(record, 'emotion');
  const channel = optStr(record, 'channel');
  if (color !== undefined) result.color = color;
  if (emotion !== undefined) result.emotion = emotion;
  if (channel !== undefined) result.channel = channel;
  return result;
}

/** Every card, sorted by order within its cell. */
export function readCards(doc: Y.Doc): Card[] {
  const cards: Card[] = [];
  boardRoots(doc).cards.forEach((record, id) => cards.push(readCard(id, record)));
  return cards.sort(byOrder);
}
