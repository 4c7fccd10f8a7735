/**
 * Linked maps (W243): the reverse index of board links, so a child board knows who links to it
 * and a workspace can be drawn as a tree without opening every document. The board docs hold
 * the links (a stage's or a card's `link`); this index mirrors them (server/links/). Both SQL
 * adapters share sqlLinks.ts; test/contract/links.contract.ts is its contract.
 */
import type { BoardLink } from '../../shared/model/links.js';

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
  /** Up to `limit` boards whose links were never written (W279), least recently updated first. */
  unreadBoards(limit: number): Promise<string[]>;
}
