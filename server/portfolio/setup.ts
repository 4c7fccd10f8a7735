import express from 'express';
import { reachableBoards } from '../auth/workspaces.js';
import type { Boards } from '../boards.js';
import type { Config } from '../config.js';
import { answered } from '../http/authRouter.js';
import { sendError } from '../http/errors.js';
import { requirePerson } from '../http/principalMiddleware.js';
import type { JobPool } from '../imports/jobPool.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';
import { DigestMirror } from './digestMirror.js';
import { portfolioOf } from './portfolio.js';

/** How often digests older than their board are looked for (edits made on other instances, or
 * written to storage without a loaded room, e.g. by the metrics API). */
export const DIGEST_SWEEP_MS = 60_000;

export interface PortfolioParts {
  storage: Storage;
  registry: RoomRegistry;
  /** The compaction worker: large boards are digested there, off the event loop. */
  compactions: JobPool;
  boards: Boards;
  log: Logger;
}

/**
 * The portfolio (issue 18): board digests kept in step, and `GET /api/workspaces/:id/portfolio`.
 * Without accounts (AUTH_MODE=open) there are no workspaces, and so no portfolio.
 */
export function setUpPortfolio(config: Config, parts: PortfolioParts) {
  const { storage, log } = parts;
  if (config.AUTH_MODE === 'open') return { mount() {}, close() {} };
  const mirror = new DigestMirror({
    storage,
    registry: parts.registry,
    runInWorker: (input) => parts.compactions.run('board-digest', input),
    log,
    delayMs: config.PORTFOLIO_DELAY_MS,
  });
  mirror.start();
  parts.boards.onCreated((boardId) => mirror.changed(boardId));
  const sweep = setInterval(() => mirror.sweep(), DIGEST_SWEEP_MS).unref();
  return {
    mount(app: express.Express) {
      app.use('/api/workspaces', portfolioRouter(storage, config.REVIEW_REMINDER_DAYS));
    },
    close() {
      clearInterval(sweep);
      mirror.stop();
    },
  };
}

function portfolioRouter(storage: Storage, defaultReviewDays: number): express.Router {
  const router = express.Router();
  router.get(
    '/:id/portfolio',
    answered(async (req, res) => {
      const principal = requirePerson(res);
      if (!principal) return;
      const workspaceId = String(req.params.id);
      const member = await storage.accounts.getMember(workspaceId, principal.user.id);
      if (!member) return sendError(res, 404, `no workspace '${workspaceId}' of yours`);
      const reachable = await reachableBoards(storage.accounts, principal);
      res.json(await portfolioOf({ storage, defaultReviewDays }, workspaceId, reachable));
    }),
  );
  return router;
}
