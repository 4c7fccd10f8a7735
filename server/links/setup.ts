import type express from 'express';
import type { Boards } from '../boards.js';
import type { BoardOwnership, BoardsRouterDeps } from '../http/boardsRouter.js';
import { boardLinksRouter, hierarchyRouter } from '../http/linksRouter.js';
import type { Storage } from '../storage/storage.js';
import { LinkService } from './linkService.js';
import type { SharedCopies } from './sharedCopies.js';

/** Linked maps: the service over the link index and the boards, and its two routes. */
export function setUpLinks(parts: {
  storage: Storage;
  boards: Boards;
  sharedCopies: SharedCopies;
  access: BoardsRouterDeps['access'];
  ownership: Pick<BoardOwnership, 'reachable'> | null;
}): { mount(app: express.Express): void } {
  const { storage, boards } = parts;
  const service = new LinkService({
    links: storage.links,
    getBoard: (id) => boards.get(id),
    linksOf: (id) => boards.linksOf(id),
    exportJson: (id) => boards.exportJson(id),
  });
  const deps = {
    access: parts.access,
    ownership: parts.ownership,
    service,
    shared: parts.sharedCopies,
    listBoards: () => boards.list(),
    isMember: async (workspaceId: string, userId: string) =>
      Boolean(await storage.accounts.getMember(workspaceId, userId)),
  };
  return {
    mount(app) {
      app.use('/api/boards', boardLinksRouter(deps));
      app.use('/api/workspaces', hierarchyRouter(deps));
    },
  };
}
