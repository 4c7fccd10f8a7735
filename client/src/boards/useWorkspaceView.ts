import { useMemo, useState } from 'react';
import { useCurrentWorkspace } from '../auth/index.js';
import type { ListedBoard } from './knownList.js';
import { NO_FACETS, boardsInView, ownersOf, personasOf, type BoardFacets } from './workspaces.js';

/**
 * Signed in, the boards page is the current workspace's home, with its filters (W155, W156); in
 * open mode (`signedIn` false) every remembered board shows, as before accounts.
 */
export function useWorkspaceView(all: readonly ListedBoard[], signedIn: boolean) {
  const { current: workspace } = useCurrentWorkspace();
  const workspaceId = signedIn ? (workspace?.id ?? null) : null;
  const [facets, setFacets] = useState<BoardFacets>(NO_FACETS);
  const boards = useMemo(() => boardsInView(all, workspaceId, facets), [all, workspaceId, facets]);
  const owners = useMemo(() => ownersOf(all), [all]);
  const personas = useMemo(() => personasOf(all), [all]);
  const filtered =
    facets.sharedOnly || facets.mapType !== '' || facets.persona !== '' || facets.owner !== '';
  return { workspace, workspaceId, facets, setFacets, boards, owners, personas, filtered };
}
