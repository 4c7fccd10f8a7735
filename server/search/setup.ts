import type express from 'express';
import type { Boards } from '../boards.js';
import type { BoardOwnership } from '../http/boardsRouter.js';
import { JobPool } from '../imports/jobPool.js';
import { searchRouter } from '../http/searchRouter.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';
import { BoardIndexer } from './indexer.js';

export interface SearchWiring {
  indexer: BoardIndexer;
  mount(app: express.Express): void;
  close(): void;
}

/**
 * Search (W266–W270), the portfolio's digests (W291) and the link index (W280): the board indexer watching every loaded
 * room and every new board, its background backfill (started here, never awaited), and
 * `GET /api/search`.
 */
export function setUpSearch(parts: {
  storage: Storage;
  boards: Boards;
  registry: Pick<RoomRegistry, 'onRoomLoaded' | 'loaded'>;
  ownership: BoardOwnership | null;
  adminToken?: string | undefined;
  log: Logger;
  delayMs?: number;
}): SearchWiring {
  const { storage, log } = parts;
  // One worker, started when a large board needs reading and stopped when idle.
  const readers = new JobPool(1, 2, log, { inProgress: () => {}, refused: () => {} });
  const indexer = new BoardIndexer({
    store: storage.search,
    digests: storage.digests,
    links: storage.links,
    storage,
    registry: parts.registry,
    log,
    offThread: async (board, comments) => {
      const { ok: _ok, ...index } = await readers.run('board-index', { board, comments });
      return index;
    },
    ...(parts.delayMs !== undefined ? { delayMs: parts.delayMs } : {}),
  });
  indexer.observe();
  parts.boards.onCreated((boardId) => void indexer.enqueue(boardId));
  void indexer.startBackfill();
  return {
    indexer,
    mount: (app) =>
      app.use(
        '/api/search',
        searchRouter({
          store: storage.search,
          ownership: parts.ownership,
          accounts: storage.accounts,
          ...(parts.adminToken !== undefined ? { adminToken: parts.adminToken } : {}),
        }),
      ),
    close: () => {
      indexer.close();
      void readers.close();
    },
  };
}
