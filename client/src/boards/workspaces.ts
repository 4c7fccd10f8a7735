/**
 * The boards page as a workspace's home (W155, W156): the pure filters of the listing. No DOM,
 * no React, no storage.
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

/**
 * A board reached through a link this browser keeps (not through a workspace) is shared with
 * the person too (W156): it is listed in every workspace's "Shared with me", never as a
 * workspace's own board.
 */
export const isShared = (board: ListedBoard): boolean =>
  board.sharedWithMe === true || board.token !== '';

/**
 * The boards shown in a workspace: its own boards, and with "Shared with me" also the boards
 * shared with the person there or by link; then the map type, persona and owner filters.
 */
export function boardsInView(
  boards: readonly ListedBoard[],
  workspaceId: string | null,
  facets: BoardFacets,
): ListedBoard[] {
  const inScope = (board: ListedBoard): boolean => {
    // Without workspaces (open mode, or none yet) every remembered board shows, as before.
    if (workspaceId === null) return true;
    const own = board.workspace?.id === workspaceId;
    return facets.sharedOnly ? isShared(board) && (own || board.token !== '') : own;
  };
  return boards.filter(
    (board) =>
      inScope(board) &&
      (!facets.mapType || board.mapType === facets.mapType) &&
      (!facets.persona || board.persona === facets.persona) &&
      (!facets.owner || board.owner?.id === facets.owner),
  );
}

/** The owners of the boards, for the owner filter: by name, each once. */
export function ownersOf(boards: readonly ListedBoard[]): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const b of boards) if (b.owner) byId.set(b.owner.id, b.owner.name);
  return [...byId]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The personas the boards are for, for the persona filter: by name, each once. */
export function personasOf(boards: readonly ListedBoard[]): string[] {
  const names = new Set<string>();
  for (const b of boards) if (b.persona) names.add(b.persona);
  return [...names].sort((a, b) => a.localeCompare(b));
}
