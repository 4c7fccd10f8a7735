/**
 * Shared insights (W301–W306): a pain point or opportunity lives on one map, its origin, and
 * shows in others as copies. A copy holds a reference to its origin (`sharedFrom`,
 * `<boardId>/<cardId>`) and the origin's content, which the server keeps in step
 * (server/shared/). The content is written whole, field by field, never as a text diff: two
 * instances refreshing one copy at once both set the same values and the last write wins,
 * where two text diffs would double the text.
 */
import * as Y from 'yjs';
import { addCard, normalizeEvidence, type CellRef } from './cards.js';
import { boardRoots, requireRecord } from './doc.js';
import { isYMap } from './read.js';
import type { BoardSnapshot, Card, Evidence, LaneKind } from './schema.js';
import { parseSharedRef, sharedRefOf, type SharedRef } from './sharedRef.js';

/** The lanes whose cards can be shared into other maps (the insights). */
export const SHAREABLE_LANE_KINDS: readonly LaneKind[] = ['painPoints', 'opportunities'];

/** What a copy shows of its origin. */
export interface SharedContent {
  text: string;
  color?: string;
  tags: string[];
  evidence: Evidence[];
}

export function sharedContentOf(card: Card): SharedContent {
  const content: SharedContent = { text: card.text, tags: card.tags, evidence: card.evidence };
  if (card.color !== undefined) content.color = card.color;
  return content;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes the origin's content into a copy, only the fields that differ (a refresh that finds
 * the copy current writes nothing). False when the card is not a copy of `origin`.
 */
export function applySharedContent(
  doc: Y.Doc,
  copyId: string,
  origin: SharedRef,
  content: SharedContent,
  current: Card,
  transactionOrigin?: unknown,
): boolean {
  const record = requireRecord(boardRoots(doc).cards, copyId, 'card');
  if (record.get('sharedFrom') !== sharedRefOf(origin)) return false;
  const evidence = content.evidence.map((e) => normalizeEvidence(e, `cards.${copyId}.evidence`));
  doc.transact(() => {
    if (current.text !== content.text) record.set('text', new Y.Text(content.text));
    if (current.color !== content.color) {
      if (content.color === undefined) record.delete('color');
      else record.set('color', content.color);
    }
    if (!sameJson(current.tags, content.tags)) record.set('tags', Y.Array.from(content.tags));
    if (!sameJson(current.evidence, evidence)) record.set('evidence', Y.Array.from(evidence));
  }, transactionOrigin);
  return true;
}

/** Adds a copy of an origin card to a cell, at the end; returns its id. */
export function addSharedCopy(
  doc: Y.Doc,
  cell: CellRef,
  origin: SharedRef,
  content: SharedContent,
): string {
  return addCard(doc, {
    ...cell,
    text: content.text,
    ...(content.color !== undefined ? { color: content.color } : {}),
    tags: content.tags,
    evidence: content.evidence,
    sharedFrom: sharedRefOf(origin),
  });
}

/** Marks an origin card (W301): its edits are sent to its copies. */
export function markSharedOrigin(doc: Y.Doc, id: string, shared: boolean, origin?: unknown): void {
  const record = boardRoots(doc).cards.get(id);
  // The origin may have been deleted meanwhile: nothing to mark.
  if (!isYMap(record)) return;
  doc.transact(() => {
    if (shared) record.set('sharedOut', true);
    else record.delete('sharedOut');
  }, origin);
}

/** Makes a copy a card of its own: it keeps its content and is no longer refreshed. */
export function detachSharedCopy(doc: Y.Doc, id: string): void {
  const record = requireRecord(boardRoots(doc).cards, id, 'card');
  doc.transact(() => record.delete('sharedFrom'));
}

/** Every copy a board snapshot holds, by card id (as readSharedCopies). */
export function sharedCopiesOf(board: Pick<BoardSnapshot, 'cards'>) {
  return board.cards
    .flatMap((card) => {
      const origin = card.sharedFrom ? parseSharedRef(card.sharedFrom) : null;
      return origin ? [{ cardId: card.id, origin }] : [];
    })
    .sort((a, b) => (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0));
}

/** Every copy a doc holds, straight from its records (cheap enough to run after every edit). */
export function readSharedCopies(doc: Y.Doc): { cardId: string; origin: SharedRef }[] {
  const copies: { cardId: string; origin: SharedRef }[] = [];
  boardRoots(doc).cards.forEach((record, cardId) => {
    const value: unknown = isYMap(record) ? record.get('sharedFrom') : undefined;
    const origin = typeof value === 'string' ? parseSharedRef(value) : null;
    if (origin) copies.push({ cardId, origin });
  });
  return copies.sort((a, b) => (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0));
}
