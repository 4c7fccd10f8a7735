/**
 * Linked maps (W243): the reverse index of board links, so a child board knows who links to it
 * and a workspace can be drawn as a tree without opening every document. The board docs hold
 * the links (a stage's or a card's `link`); this index mirrors them (server/links/). Both SQL
 * adapters share sqlLinks.ts; test/contract/links.contract.ts is its contract.
 */
import type { BoardLink } from '../../shared/model/links.js';
import type { SharedRef } from '../../shared/model/sharedRef.js';

/** A shared copy as indexed (W302): `copyCard` on `copyBoard` shows `originCard` of `originBoard`. */
export interface StoredSharedCopy {
  copyBoard: string;
  copyCard: string;
  originBoard: string;
  originCard: string;
}

/** One link as stored: the item of `fromBoard` that links to `boardId`. */
export interface StoredLink extends BoardLink {
  fromBoard: string;
}

export interface LinkStore {
  /**
   * Replaces every link from `fromBoard` by `links`, in one transaction, and records that the
   * board's links were read (W279); false (nothing written) when the board does not exist.
   * The targets need not exist.
   */
  setLinks(fromBoard: string, links: readonly BoardLink[]): Promise<boolean>;
  /** The links a board holds, stages before cards, then by item id. */
  linksFrom(fromBoard: string): Promise<StoredLink[]>;
  /** The links pointing at a board, by source board then item. */
  linksTo(toBoard: string): Promise<StoredLink[]>;
  /** The links held by any of these boards (in the order of linksFrom, by source board). */
  linksAmong(fromBoards: readonly string[]): Promise<StoredLink[]>;
  /**
   * Replaces the index of the shared copies `copyBoard` holds (W302), in one transaction; false
   * (nothing written) when the board does not exist. The origins need not exist.
   */
  setSharedCopies(
    copyBoard: string,
    copies: readonly { cardId: string; origin: SharedRef }[],
  ): Promise<boolean>;
  /** The copies of any card of `originBoard`, by copy board then copy card. */
  sharedCopiesOf(originBoard: string): Promise<StoredSharedCopy[]>;
  /** Up to `limit` boards whose links were never written (W279), least recently updated first. */
  unreadBoards(limit: number): Promise<string[]>;
}
