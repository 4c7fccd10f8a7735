import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  MAX_REVIEWERS,
  REVIEW_COMMENT_MAX,
  REVIEW_MESSAGE_MAX,
  VERDICTS,
} from '../../shared/protocol/reviews.js';
import { addDays, isCalendarDate, isTimeZone } from '../reviews/overdue.js';
import { ReviewRefused, type ReviewService } from '../reviews/reviewService.js';
import type { ReviewStore } from '../storage/reviews.js';
import { roleGuard, type BoardsRouterDeps } from './boardsRouter.js';
import { parseBody, refuse, sendError } from './errors.js';
import { requirePerson } from './principalMiddleware.js';

export interface ReviewsRouterDeps extends Pick<BoardsRouterDeps, 'access'> {
  service: ReviewService;
  now?: () => Date;
}

const userId = z.string().min(1).max(128);
const newReviewBody = z.strictObject({
  reviewerIds: z
    .array(userId)
    .min(1, 'name at least one reviewer')
    .max(MAX_REVIEWERS, `at most ${MAX_REVIEWERS} reviewers`),
  dueDate: z
    .string()
    .refine(isCalendarDate, 'must be a calendar date, YYYY-MM-DD')
    .nullable()
    .optional(),
  message: z.string().trim().max(REVIEW_MESSAGE_MAX).optional(),
});

const answerBody = z
  .strictObject({
    verdict: z.enum(VERDICTS),
    comment: z.string().trim().max(REVIEW_COMMENT_MAX).optional(),
  })
  .refine((b) => b.verdict !== 'changes' || (b.comment ?? '') !== '', {
    path: ['comment'],
    message: 'requesting changes needs a comment saying which',
  });

const timeZoneBody = z.strictObject({
  timeZone: z.string().max(64).refine(isTimeZone, 'not an IANA time zone').nullable(),
});

const REVIEW_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Runs an async handler, answering a `ReviewRefused` in the W41 error shape. */
const answered =
  (handler: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction) =>
    handler(req, res).catch((err: unknown) => {
      if (!(err instanceof ReviewRefused)) return next(err);
      if (err.status === 400 && err.field) refuse(res, [{ path: err.field, message: err.message }]);
      else sendError(res, err.status, err.message);
    });

/**
 * Review requests of a board, under `/api/boards/:id/reviews` (W167–W170): for signed-in
 * people (a session or a personal access token) only. Share-link guests are refused (401): a
 * review is asked of and answered by someone with a name the requester can see.
 */
export function reviewsRouter(deps: ReviewsRouterDeps): express.Router {
  const { service } = deps;
  const now = deps.now ?? (() => new Date());
  const router = express.Router();
  const json = express.json({ limit: 16 << 10 });
  const requireRole = roleGuard(deps);
  const knownReview = (req: Request, res: Response, next: NextFunction) =>
    REVIEW_ID.test(String(req.params.reviewId))
      ? next()
      : sendError(res, 404, `no review '${String(req.params.reviewId)}' of this board`);
  const ids = (req: Request) => [String(req.params.id), String(req.params.reviewId)] as const;

  router.post(
    '/:id/reviews',
    requireRole('editor'),
    json,
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(newReviewBody, req.body, res);
      if (!principal || !body) return;
      // A date already past everywhere on Earth is a mistake, not a deadline.
      if (body.dueDate && body.dueDate < addDays(now().toISOString().slice(0, 10), -1))
        return refuse(res, [{ path: 'dueDate', message: 'is in the past' }]);
      const review = await service.request(String(req.params.id), principal.user, body);
      res.status(201).location(`/api/boards/${review.boardId}/reviews/${review.id}`).json(review);
    }),
  );

  router.get(
    '/:id/reviews',
    requireRole('viewer'),
    answered(async (req, res) => {
      if (!requirePerson(res)) return;
      res.json({ reviews: await service.list(String(req.params.id)) });
    }),
  );

  router.get(
    '/:id/reviews/:reviewId',
    requireRole('viewer'),
    knownReview,
    answered(async (req, res) => {
      if (!requirePerson(res)) return;
      res.json(await service.get(...ids(req)));
    }),
  );

  // Any role may answer: a viewer asked to review approves or asks for changes here.
  router.post(
    '/:id/reviews/:reviewId/answers',
    requireRole('viewer'),
    knownReview,
    json,
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(answerBody, req.body, res);
      if (!principal || !body) return;
      const review = await service.answer(
        ...ids(req),
        principal.user,
        body.verdict,
        body.comment || null,
      );
      res.status(201).json(review);
    }),
  );

  router.delete(
    '/:id/reviews/:reviewId',
    requireRole('viewer'),
    knownReview,
    answered(async (req, res) => {
      const principal = requirePerson(res);
      if (!principal) return;
      const isOwner = res.locals.role === 'owner';
      res.json(await service.cancel(...ids(req), principal.user, isOwner));
    }),
  );

  return router;
}

/**
 * The person's time zone (IANA), under `/api/me/time-zone` (W171): the client sets it from
 * the browser (`Intl`) and the account page edits it. Overdue reminders wait for the reviewer's
 * morning in it; UTC when never set.
 */
export function timeZoneRouter(store: ReviewStore): express.Router {
  const router = express.Router();
  router.get(
    '/time-zone',
    answered(async (_req, res) => {
      const principal = requirePerson(res);
      if (!principal) return;
      res.json({ timeZone: await store.getTimeZone(principal.user.id) });
    }),
  );
  router.put(
    '/time-zone',
    express.json({ limit: 1 << 10 }),
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(timeZoneBody, req.body, res);
      if (!principal || !body) return;
      await store.setTimeZone(principal.user.id, body.timeZone);
      res.json({ timeZone: body.timeZone });
    }),
  );
  return router;
}
