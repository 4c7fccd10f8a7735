/**
 * Linked maps (W241): a stage or a card may drill down into another board. The doc holds only
 * the target's board id, a reference: titles and access are the server's to tell (W244).
 */
import type * as Y from 'yjs';
import { isBoardId } from '../protocol/boardId.js';
import { boardRoots, ModelError, requireRecord, setOrDelete } from './doc.js';
import { isYMap } from './read.js';
import type { BoardSnapshot } from './schema.js';

import type { LinkItemKind } from '../protocol/links.js';

export type { LinkItemKind };

/** One outgoing link of a board: which item links where. */
export interface BoardLink {
  itemKind: LinkItemKind;
  itemId: string;
  boardId: string;
}

const LINK_RULE = 'must be a board id (8 to 64 letters, digits, - or _)';

/** A reader's check (read.ts FieldReader): null when `value` can be a board id. */
export const linkCheck = (value: string): string | null => (isBoardId(value) ? null : LINK_RULE);

export function assertLink(link: string | undefined, field: string): void {
  if (link !== undefined && !isBoardId(link))
    throw new ModelError(`link ${LINK_RULE}; got '${link}'`, field);
}

/** Links a card to a board, or unlinks it (undefined). */
export function setCardLink(doc: Y.Doc, id: string, link: string | undefined): void {
  assertLink(link, `cards.${id}.link`);
  const record = requireRecord(boardRoots(doc).cards, id, 'card');
  doc.transact(() => setOrDelete(record, 'link', link));
}

/** Links a stage to a board, or unlinks it (undefined). */
export function setStageLink(doc: Y.Doc, id: string, link: string | undefined): void {
  assertLink(link, `stages.${id}.link`);
  const record = requireRecord(boardRoots(doc).stages, id, 'stage');
  doc.transact(() => setOrDelete(record, 'link', link));
}

/** Every link a board holds, stages first, each in board order; a board linking to itself too. */
export function linksOf(board: Pick<BoardSnapshot, 'stages' | 'cards'>): BoardLink[] {
  const links: BoardLink[] = [];
  for (const stage of board.stages)
    if (stage.link) links.push({ itemKind: 'stage', itemId: stage.id, boardId: stage.link });
  for (const card of board.cards)
    if (card.link) links.push({ itemKind: 'card', itemId: card.id, boardId: card.link });
  return links;
}

/**
 * The links a doc holds, straight from its records (cheap enough to run after every edit):
 * a link that is not a board id is skipped, as the readers skip it.
 */
export function readLinks(doc: Y.Doc): BoardLink[] {
  const links: BoardLink[] = [];
  const { stages, cards } = boardRoots(doc);
  const collect = (map: Y.Map<unknown>, itemKind: LinkItemKind) =>
    map.forEach((record, itemId) => {
      const link: unknown = isYMap(record) ? record.get('link') : undefined;
      if (typeof link === 'string' && isBoardId(link))
        links.push({ itemKind, itemId, boardId: link });
    });
  collect(stages, 'stage');
  collect(cards, 'card');
  return links.sort((a, b) =>
    a.itemKind !== b.itemKind ? (a.itemKind === 'stage' ? -1 : 1) : a.itemId < b.itemId ? -1 : 1,
  );
}
