import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { REMINDER_DAYS_MAX } from '../../shared/protocol/reviewSettings.js';
import { settingsView } from '../reviews/staleMaps.js';
import type { ReviewStore } from '../storage/reviews.js';
import { roleGuard, type BoardsRouterDeps } from './boardsRouter.js';
import { parseBody, sendError } from './errors.js';
import { requirePerson } from './principalMiddleware.js';

export interface ReviewSettingsRouterDeps extends Pick<BoardsRouterDeps, 'access'> {
  store: ReviewStore;
  /** `REVIEW_REMINDER_DAYS`. */
  defaultDays: number;
}

const settingsBody = z.strictObject({
  reminderDays: z
    .number()
    .int('a whole number of days')
    .min(0, '0 (off) or more')
    .max(REMINDER_DAYS_MAX, `at most ${REMINDER_DAYS_MAX} days`)
    .nullable(),
});

const answered =
  (handler: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction) =>
    handler(req, res).catch(next);

/**
 * A board's review reminder, under `/api/boards/:id/review-settings` (W183, S93): when the map
 * was last reviewed, for anyone signed in who can open it; its period, changed by a board owner.
 */
export function reviewSettingsRouter(deps: ReviewSettingsRouterDeps): express.Router {
  const router = express.Router();
  const requireRole = roleGuard(deps);

  const send = async (res: Response, boardId: string) => {
    const record = await deps.store.getReviewSettings(boardId);
    if (!record) return sendError(res, 404, 'no such board');
    res.json(settingsView(record, deps.defaultDays, res.locals.role === 'owner'));
  };

  router.get(
    '/:id/review-settings',
    requireRole('viewer'),
    answered(async (req, res) => {
      if (!requirePerson(res)) return;
      await send(res, String(req.params.id));
    }),
  );

  router.put(
    '/:id/review-settings',
    requireRole('owner'),
    express.json({ limit: 1 << 10 }),
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(settingsBody, req.body, res);
      if (!principal || !body) return;
      const boardId = String(req.params.id);
      if (!(await deps.store.setReminderDays(boardId, body.reminderDays)))
        return sendError(res, 404, 'no such board');
      await send(res, boardId);
    }),
  );

  return router;
}
