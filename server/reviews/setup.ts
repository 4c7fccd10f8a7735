import type express from 'express';
import type { Boards } from '../boards.js';
import type { Config } from '../config.js';
import type { BoardsRouterDeps } from '../http/boardsRouter.js';
import { reviewSettingsRouter } from '../http/reviewSettingsRouter.js';
import { reviewsRouter, timeZoneRouter } from '../http/reviewsRouter.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import { ReviewEvents } from './events.js';
import { ReviewService } from './reviewService.js';
import { StaleMaps } from './staleMaps.js';

export interface ReviewsWiring {
  /** What review requests tell the rest of the server (the inbox and the outbox listen here). */
  events: ReviewEvents;
  /** The routes (after the principal middleware); nothing in `open` mode, which has no people. */
  mount(app: express.Express): void;
  close(): void;
}

/**
 * Review requests where people sign in: the service, its routes, and the periodic checks for
 * overdue reviews and stale maps (every `REVIEW_OVERDUE_CHECK_MS`, on every instance: the store
 * makes each reminder go out once).
 */
export function setUpReviews(
  config: Config,
  parts: {
    storage: Storage;
    boards: Boards;
    access: BoardsRouterDeps['access'];
    log: Logger;
  },
): ReviewsWiring {
  const { storage, log } = parts;
  const events = new ReviewEvents(log);
  if (config.AUTH_MODE === 'open') return { events, mount: () => {}, close: () => {} };
  const accounts = storage.accounts;
  // Whom boardAccess would let in: a member of the board's workspace (every member has at
  // least the viewer role there), not disabled.
  const canOpen = async (boardId: string, userId: string) => {
    const workspaceId = await accounts.boardWorkspace(boardId);
    if (!workspaceId || !(await accounts.getMember(workspaceId, userId))) return false;
    const user = await accounts.getUser(userId);
    return user !== null && !user.disabled;
  };
  const service = new ReviewService({
    store: storage.reviews,
    accounts,
    events,
    log,
    canOpen,
    saveVersion: (boardId, fields) =>
      parts.boards.versions.save(boardId, { ...fields, trigger: 'review-approved' }, fields.author),
  });

  const staleMaps = new StaleMaps({
    store: storage.reviews,
    accounts,
    events,
    defaultDays: config.REVIEW_REMINDER_DAYS,
    canOpen,
    log,
  });

  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      await service.remindOverdue();
    } catch (err) {
      log.warn({ err }, 'checking for overdue reviews failed');
    }
    try {
      await staleMaps.check();
    } catch (err) {
      log.warn({ err }, 'checking for stale maps failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), config.REVIEW_OVERDUE_CHECK_MS).unref();

  return {
    events,
    mount(app) {
      app.use('/api/boards', reviewsRouter({ access: parts.access, service }));
      app.use(
        '/api/boards',
        reviewSettingsRouter({
          access: parts.access,
          store: storage.reviews,
          defaultDays: config.REVIEW_REMINDER_DAYS,
        }),
      );
      app.use('/api/me', timeZoneRouter(storage.reviews));
    },
    close: () => clearInterval(timer),
  };
}
