import express from 'express';
import { reachableBoards } from '../auth/workspaces.js';
import type { Config } from '../config.js';
import { answered } from '../http/authRouter.js';
import { sendError } from '../http/errors.js';
import { requirePerson } from '../http/principalMiddleware.js';
import type { Storage } from '../storage/storage.js';
import { portfolioOf } from './portfolio.js';

/**
 * The portfolio (issue 18): `GET /api/workspaces/:id/portfolio` over the board digests the
 * board indexer keeps (server/search/indexer.ts, W291). Without accounts (AUTH_MODE=open) there
 * are no workspaces, and so no portfolio.
 */
export function setUpPortfolio(config: Config, parts: { storage: Storage }) {
  return {
    mount(app: express.Express) {
      if (config.AUTH_MODE === 'open') return;
      app.use('/api/workspaces', portfolioRouter(parts.storage, config.REVIEW_REMINDER_DAYS));
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
