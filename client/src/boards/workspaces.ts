/**
 * The boards page as a workspace's home (W155, W156): the pure filters of the listing. No DOM,
 * no React, no storage.
 */

import { boardMatcher, type BoardFacets } from './boardFilter.js';
import type { ListedBoard } from './knownList.js';

export { NO_FACETS, isShared, type BoardFacets } from './boardFilter.js';

/**
 * The boards shown in a workspace: its own boards, and with "Shared with me" also the boards
 * shared with the person there or by link; then the map type, persona and owner filters.
 */
export function boardsInView(
  boards: readonly ListedBoard[],
  workspaceId: string | null,
  facets: BoardFacets,
): ListedBoard[] {
  return boards.filter(boardMatcher({ workspaceId, facets, query: '' }));
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
