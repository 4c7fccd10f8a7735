import * as Y from 'yjs';
import type { CommentThread } from '../../shared/model/comments.js';
import { readCommentsChecked } from '../../shared/model/commentsRead.js';
import { readBoardChecked } from '../../shared/model/snapshot.js';
import { cardPersona, personasOf } from '../../shared/model/personas.js';
import type { BoardSnapshot } from '../../shared/model/schema.js';
import { linksOf, type BoardLink } from '../../shared/model/links.js';
import { sharedCopiesOf } from '../../shared/model/sharedCards.js';
import type { SharedRef } from '../../shared/model/sharedRef.js';
import { digestBoard, type BoardDigest } from '../../shared/model/portfolio.js';
import { docOfStored, type StoredState } from '../storage/compaction.js';
import type { SearchEntry } from '../storage/search.js';

/** One line: the parts that have text, whitespace collapsed. */
const line = (parts: readonly (string | undefined)[]): string =>
  parts
    .map((p) => (p ?? '').replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0)
    .join(' · ');

/** The card text a comment's context shows, cut short. */
const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
};

/**
 * What of a board is searchable (W269): the board itself (title, scenario, personas), each
 * card with its persona, channel, tags and evidence, and each comment thread.
 */
export function searchEntries(
  board: BoardSnapshot,
  threads: readonly CommentThread[],
): SearchEntry[] {
  const personas = personasOf(board.meta);
  const personaName = new Map(personas.map((p) => [p.id, p.name]));
  const stageName = new Map(board.stages.map((s) => [s.id, s.name]));
  const laneName = new Map(board.lanes.map((l) => [l.id, l.name]));
  const cardText = new Map(board.cards.map((c) => [c.id, c.text]));
  const entries: SearchEntry[] = [
    {
      kind: 'board',
      context: '',
      text: line([board.meta.title, board.meta.scenario, ...personas.map((p) => p.name)]),
    },
  ];
  for (const card of board.cards) {
    const persona = cardPersona(card);
    entries.push({
      kind: 'card',
      cardId: card.id,
      context: [stageName.get(card.stageId), laneName.get(card.laneId)]
        .filter((name) => name !== undefined && name.trim() !== '')
        .join(' › '),
      text: line([
        card.text,
        persona === undefined ? undefined : personaName.get(persona),
        card.channel,
        ...card.tags,
        ...card.evidence.flatMap((e) => [e.text, e.source]),
      ]),
    });
  }
  for (const thread of threads) {
    const anchored = thread.anchor.kind === 'card' ? thread.anchor.id : undefined;
    const onCard = anchored !== undefined && cardText.has(anchored) ? anchored : undefined;
    entries.push({
      kind: 'comment',
      threadId: thread.id,
      ...(onCard !== undefined ? { cardId: onCard } : {}),
      context: onCard !== undefined ? excerpt(cardText.get(onCard) ?? '') : '',
      text: line(thread.messages.map((m) => m.body)),
    });
  }
  return entries.filter((e) => e.text.length > 0 || e.kind === 'board');
}

function readStored<T>(state: StoredState, reader: (doc: Y.Doc) => T): T {
  const doc = docOfStored(state);
  try {
    return reader(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * What the server derives from a board: its search entries (W269), its digest (W291), its
 * links for the link index (W243, W280) and its shared copies (W302).
 */
export interface BoardIndex {
  entries: SearchEntry[];
  digest: BoardDigest;
  links: BoardLink[];
  /** Its shared copies, for their index (W302). */
  copies: { cardId: string; origin: SharedRef }[];
}

/** A board's document as storage holds it, or loaded (read, never encoded). */
export type IndexedDoc = StoredState | Y.Doc;

function readDoc<T>(doc: IndexedDoc, reader: (doc: Y.Doc) => T): T {
  return doc instanceof Y.Doc ? reader(doc) : readStored(doc, reader);
}

/** A board's index from its board and comments documents, each read once. */
export function indexOfStored(board: IndexedDoc, comments: IndexedDoc): BoardIndex {
  return indexOf(
    readDoc(board, (doc) => readBoardChecked(doc).board),
    readDoc(comments, (doc) => readCommentsChecked(doc).threads),
  );
}

function indexOf(snapshot: BoardSnapshot, threads: readonly CommentThread[]): BoardIndex {
  return {
    entries: searchEntries(snapshot, threads),
    digest: digestBoard(snapshot, threads.filter((t) => !t.resolved).length),
    links: linksOf(snapshot),
    copies: sharedCopiesOf(snapshot),
  };
}
