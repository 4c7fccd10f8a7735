/**
 * The boards page's filters as one pure predicate (W155, W156, W286): the workspace, "Shared
 * with me", map type, persona, owner and the words of the search box. The card grid and the
 * Hierarchy view both ask `boardMatcher`, so a map is shown by one the same way as by the
 * other. No DOM, no React, no storage.
 */

import type { MapType } from '../../../shared/model/schema.js';
import type { ListedBoard } from './knownList.js';

/** What the filters row asks of the list; empty strings mean "any". */
export interface BoardFacets {
  mapType: MapType | '';
  /** A persona's name, as the boards list it. */
  persona: string;
  /** An owner's user id. */
  owner: string;
  sharedOnly: boolean;
}

export const NO_FACETS: BoardFacets = { mapType: '', persona: '', owner: '', sharedOnly: false };

/** Everything the boards page filters by. */
export interface BoardFilter {
  /** The current workspace; null in open mode (every remembered board is in scope). */
  workspaceId: string | null;
  facets: BoardFacets;
  /** The search box: every word must be in the title. */
  query: string;
}

/** What the filters read of a board; what a source does not know is left out. */
export type FilterableBoard = Pick<ListedBoard, 'title'> &
  Partial<
    Pick<ListedBoard, 'token' | 'mapType' | 'persona' | 'owner' | 'workspace' | 'sharedWithMe'>
  >;

/** Lower case, accents removed, whitespace collapsed: "Café  Onboarding" → "cafe onboarding". */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const termsOf = (query: string): string[] => normalizeForSearch(query).split(' ').filter(Boolean);

/**
 * A board reached through a link this browser keeps (not through a workspace) is shared with
 * the person too (W156): it is listed in every workspace's "Shared with me", never as a
 * workspace's own board.
 */
export const isShared = (board: FilterableBoard): boolean =>
  board.sharedWithMe === true || board.token !== '';

/** True when the facets or the search box narrow anything. */
export function isFiltering(filter: Pick<BoardFilter, 'facets' | 'query'>): boolean {
  const { facets } = filter;
  return (
    facets.sharedOnly ||
    facets.mapType !== '' ||
    facets.persona !== '' ||
    facets.owner !== '' ||
    termsOf(filter.query).length > 0
  );
}

/**
 * The predicate of `filter`: in the workspace (its own boards, or with "Shared with me" the
 * boards shared there or by link), of the map type, persona and owner asked for, with every
 * word of the query in its title (any order, case and accents ignored).
 */
export function boardMatcher(filter: BoardFilter): (board: FilterableBoard) => boolean {
  const { workspaceId, facets } = filter;
  const terms = termsOf(filter.query);
  const inScope = (board: FilterableBoard): boolean => {
    if (workspaceId === null) return true;
    const own = board.workspace?.id === workspaceId;
    return facets.sharedOnly ? isShared(board) && (own || board.token !== '') : own;
  };
  const titled = (board: FilterableBoard): boolean => {
    if (terms.length === 0) return true;
    const title = normalizeForSearch(board.title);
    return terms.every((term) => title.includes(term));
  };
  return (board) =>
    inScope(board) &&
    (!facets.mapType || board.mapType === facets.mapType) &&
    (!facets.persona || board.persona === facets.persona) &&
    (!facets.owner || board.owner?.id === facets.owner) &&
    titled(board);
}
