import type express from 'express';
import type { Boards } from '../boards.js';
import type { BoardOwnership, BoardsRouterDeps } from '../http/boardsRouter.js';
import { boardLinksRouter, hierarchyRouter } from '../http/linksRouter.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';
import { LinkService } from './linkService.js';
import { SharedCopies } from './sharedCopies.js';
import { mirrorSharedCopies } from './sharedMirror.js';

/**
 * Linked maps and shared insights: the service over the link index and the boards, the
 * watcher that keeps shared copies in step (from the first room loaded on), and the routes.
 */
export function setUpLinks(parts: {
  storage: Storage;
  boards: Boards;
  registry: Pick<RoomRegistry, 'onRoomLoaded'>;
  log: Logger;
  access: BoardsRouterDeps['access'];
  ownership: Pick<BoardOwnership, 'reachable'> | null;
  /** The board indexer hears of index rows a share wrote (BoardIndexer.forget). */
  indexedOutside: (boardId: string) => void;
}): { mount(app: express.Express): void } {
  const { storage, boards, log } = parts;
  const service = new LinkService({
    links: storage.links,
    getBoard: (id) => boards.get(id),
    linksOf: (id) => boards.linksOf(id),
    exportJson: (id) => boards.exportJson(id),
  });
  const shared = new SharedCopies({
    boards,
    links: storage.links,
    log,
    indexedOutside: parts.indexedOutside,
  });
  mirrorSharedCopies(parts.registry, shared, log);
  const deps = {
    access: parts.access,
    ownership: parts.ownership,
    service,
    shared,
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
