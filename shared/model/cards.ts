import * as Y from 'yjs';
import {
  boardRoots,
  forEachRecord,
  ModelError,
  replaceText,
  requireField,
  requirePresent,
  requireRecord,
  setOrDelete,
  str,
  type YRecord,
} from './doc.js';
import { readOrder, type Placement } from './axes.js';
import { readEvidence } from './evidence.js';
import { assertImageId, imageIdCheck } from './images.js';
import { byOrder, newId, orderAtIndex } from './order.js';
import { assertTextLength } from './textLimit.js';
import {
  eachRecord,
  isYArray,
  isYMap,
  isYText,
  note,
  type FieldReader,
  type UnreadableSink,
} from './read.js';
import {
  EMOTION_MAX,
  EMOTION_MIN,
  METRIC_KEYS,
  METRIC_RANGES,
  type Card,
  type Evidence,
  type Metrics,
} from './schema.js';
import { detachArrows } from './shapes.js';
import { assertExternalKey, externalKeyCheck } from './externalKey.js';
import { hasPersona } from './personas.js';
import { cleanOwnership, readOwnership, type OwnershipFields } from './cardOwnership.js';
import { emotionCheck, readMetrics, readTags } from './cardParts.js';
import { assertLink, linkCheck } from './links.js';
import { assertSharedRef, sharedRefCheck } from './sharedRef.js';

export interface CellRef {
  stageId: string;
  laneId: string;
}

export interface NewCard extends CellRef, Placement, OwnershipFields {
  text?: string;
  color?: string;
  emotion?: number;
  channel?: string;
  /** A persona id of this board (W212). */
  persona?: string;
  metrics?: Metrics;
  tags?: string[];
  evidence?: Evidence[];
  image?: string;
  /** A board id (W241). */
  link?: string;
  externalKey?: string;
  /** A shared copy's origin (W301); sharedCards.ts writes it. */
  sharedFrom?: string;
  sharedOut?: true;
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
  if (e.kind === 'image') {
    assertImageId(e.image, field);
    item.image = e.image;
  } else if (e.image !== undefined)
    throw new ModelError('only image evidence holds a picture', field);
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
  forEachRecord(boardRoots(doc).cards, (card, id) => {
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
  if (input.persona !== undefined && !hasPersona(doc, input.persona))
    throw new ModelError(`persona '${input.persona}' does not exist`, `cards.${id}.persona`);
  assertTextLength(input.text ?? '', `cards.${id}.text`, 'card');
  const tags = cleanTags(input.tags ?? [], `cards.${id}.tags`);
  const evidence = (input.evidence ?? []).map((e) => normalizeEvidence(e, `cards.${id}.evidence`));
  if (input.image !== undefined) assertImageId(input.image, `cards.${id}.image`);
  const ownership = cleanOwnership(input, id);
  assertLink(input.link, `cards.${id}.link`);
  assertSharedRef(input.sharedFrom, `cards.${id}.sharedFrom`);
  if (input.externalKey !== undefined) assertExternalKey(doc, id, input.externalKey);
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
    for (const key of [
      'color',
      'emotion',
      'channel',
      'persona',
      'image',
      'link',
      'externalKey',
      'sharedFrom',
      'sharedOut',
    ] as const)
      if (input[key] !== undefined) card.set(key, input[key]);
    for (const [key, value] of Object.entries(ownership)) card.set(key, value);
    boardRoots(doc).cards.set(id, card);
  });
  return id;
}

function card(doc: Y.Doc, id: string): YRecord {
  return requireRecord(boardRoots(doc).cards, id, 'card');
}

/**
 * A nested type of a card that a write needs, created when absent (DESIGN lets a card lack
 * metrics, tags and evidence); a ModelError when another client stored something else there.
 * Call it inside the write's transaction.
 */
function cardPart<T>(
  doc: Y.Doc,
  id: string,
  key: string,
  is: (v: unknown) => v is T,
  what: string,
  make: () => T,
): T {
  const record = card(doc, id);
  if (!record.has(key)) record.set(key, make());
  return requireField(record, key, is, what, `cards.${id}.${key}`);
}

const textPart = (doc: Y.Doc, id: string) =>
  cardPart(doc, id, 'text', isYText, 'a Y.Text', () => new Y.Text());
const metricsPart = (doc: Y.Doc, id: string) =>
  cardPart(doc, id, 'metrics', isYMap, 'a Y.Map', () => new Y.Map<unknown>());
const listPart = (doc: Y.Doc, id: string, key: 'tags' | 'evidence') =>
  cardPart(doc, id, key, isYArray, 'a Y.Array', () => new Y.Array<unknown>());

export function setCardText(doc: Y.Doc, id: string, text: string): void {
  const existing = card(doc, id).get('text');
  assertTextLength(text, `cards.${id}.text`, 'card', isYText(existing) ? existing.length : 0);
  doc.transact(() => replaceText(textPart(doc, id), text));
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

/** Deletes a card, also one another client made unreadable (that repairs the board). */
export function deleteCard(doc: Y.Doc, id: string): void {
  requirePresent(boardRoots(doc).cards, id, 'card');
  doc.transact(() => {
    const roots = boardRoots(doc);
    roots.cards.delete(id);
    // Its metric series goes with it (W252).
    if (roots.metricSeries.has(id)) roots.metricSeries.delete(id);
    detachArrows(doc, id);
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

/** Shows a picture on the card (W227), or none (undefined). */
export function setCardImage(doc: Y.Doc, id: string, image: string | undefined): void {
  if (image !== undefined) assertImageId(image, `cards.${id}.image`);
  const record = card(doc, id);
  doc.transact(() => setOrDelete(record, 'image', image));
}

/** Sets the given metrics; a key given as undefined is cleared, keys not given are kept. */
export function setMetrics(
  doc: Y.Doc,
  id: string,
  patch: { [K in keyof Metrics]?: number | undefined },
): void {
  assertMetrics(patch);
  doc.transact(() => {
    const metrics = metricsPart(doc, id);
    for (const key of METRIC_KEYS) {
      if (key in patch) setOrDelete(metrics, key, patch[key]);
    }
  });
}

export function addTag(doc: Y.Doc, id: string, tag: string): void {
  const clean = tag.trim();
  if (!clean) throw new ModelError('tag must not be empty', `cards.${id}.tags`);
  doc.transact(() => {
    const tags = listPart(doc, id, 'tags');
    if (!tags.toArray().includes(clean)) tags.push([clean]);
  });
}

export function removeTag(doc: Y.Doc, id: string, tag: string): void {
  if (!card(doc, id).has('tags')) return;
  doc.transact(() => {
    const tags = listPart(doc, id, 'tags');
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
  doc.transact(() => listPart(doc, id, 'evidence').push([item]));
  return item.id;
}

export function removeEvidence(doc: Y.Doc, id: string, evidenceId: string): void {
  if (!card(doc, id).has('evidence')) return;
  const idOf = (item: unknown) =>
    typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  doc.transact(() => {
    const list = listPart(doc, id, 'evidence');
    for (let i = list.length - 1; i >= 0; i--)
      if (idOf(list.get(i)) === evidenceId) list.delete(i, 1);
  });
}

/**
 * A card as plain data, or null when it cannot be placed (no stage or lane id); every field
 * another client made unreadable is noted in `into` and read as absent.
 */
function readCard(r: FieldReader, id: string, into?: UnreadableSink): Card | null {
  const [stageId, laneId] = [r.raw('stageId'), r.raw('laneId')];
  if (typeof stageId !== 'string' || typeof laneId !== 'string') {
    note(into, r.path, 'needs a string stageId and laneId to stand in a cell');
    return null;
  }
  const evidence = r.array('evidence');
  const card: Card = {
    id,
    stageId,
    laneId,
    order: readOrder(r),
    text: r.text('text', true)?.toString() ?? '',
    metrics: readMetrics(r),
    tags: readTags(r, into),
    evidence: evidence ? readEvidence(evidence, `${r.path}.evidence`, into) : [],
  };
  const color = r.string('color');
  const emotion = r.number('emotion', false, emotionCheck);
  const channel = r.string('channel');
  const persona = r.string('persona');
  const image = r.string('image', false, imageIdCheck);
  const link = r.string('link', false, linkCheck);
  const externalKey = r.string('externalKey', false, externalKeyCheck);
  if (externalKey !== undefined) card.externalKey = externalKey;
  const sharedFrom = r.string('sharedFrom', false, sharedRefCheck);
  if (sharedFrom !== undefined) card.sharedFrom = sharedFrom;
  if (r.boolean('sharedOut') === true) card.sharedOut = true;
  if (image !== undefined) card.image = image;
  if (link !== undefined) card.link = link;
  if (color !== undefined) card.color = color;
  if (persona !== undefined) card.persona = persona;
  if (emotion !== undefined) card.emotion = emotion;
  if (channel !== undefined) card.channel = channel;
  Object.assign(card, readOwnership(r));
  return card;
}

/** Every readable card, sorted by order within its cell; the others are noted in `into`. */
export function readCards(doc: Y.Doc, into?: UnreadableSink): Card[] {
  const cards: Card[] = [];
  eachRecord(boardRoots(doc).cards, 'cards', into, (r, id) => {
    const card = readCard(r, id, into);
    if (card) cards.push(card);
  });
  return cards.sort(byOrder);
}
