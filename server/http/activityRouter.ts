import express, { type Request, type Response } from 'express';
import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { z } from 'zod';
import {
  seenBy,
  seenByTime,
  summarizeActivity,
  type ActivityEntry,
} from '../../shared/model/activity.js';
import type { ActivityRecorder } from '../activity/recorder.js';
import { roleGuard, type BoardsRouterDeps } from './boardsRouter.js';
import { fieldIssues, refuse } from './errors.js';

const PAGE_DEFAULT = 50;
const PAGE_MAX = 200;

/** A page cursor: the `next` of the previous answer, `<end ISO time>~<entry id>`. */
const cursor = z
  .string()
  .regex(/^[0-9T:.Z-]{10,40}~[A-Za-z0-9_-]{1,64}$/, 'before must be the next of a previous page');

export const activityQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_DEFAULT),
  before: cursor.optional(),
});

export const sinceBody = z.strictObject({
  /**
   * `Y.encodeStateVector` of the reader's copy when they last looked, base64; without it (they
   * looked on another device) time alone decides.
   */
  stateVector: z.string().max(1_000_000).optional(),
  /** When they last looked (ISO 8601): deletions carry no clock, so time decides for them. */
  seenAt: z.iso.datetime({ offset: true }),
  /** Leave out the reader's own changes (their presence user id). */
  excludeAuthorId: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(PAGE_MAX).default(100),
});

const cursorOf = (e: ActivityEntry) => `${e.end}~${e.id}`;

/** Whether `e` sorts after the cursor (newest first: older end, or same end and smaller id). */
function after(e: ActivityEntry, before: string): boolean {
  const [end, id] = before.split('~') as [string, string];
  return e.end < end || (e.end === end && e.id < id);
}

function decodeStateVector(base64: string): Map<number, number> | null {
  try {
    return Y.decodeStateVector(fromBase64(base64));
  } catch {
    return null;
  }
}

/**
 * The activity feed under `/api/boards/:id/activity` (viewer and up): pages of entries, and
 * what changed since a reader last looked, judged by the state vector their copy had then.
 */
export function activityRouter(
  deps: BoardsRouterDeps & { activity: ActivityRecorder },
): express.Router {
  const router = express.Router();
  const requireRole = roleGuard(deps);
  const json = express.json({ limit: deps.jsonLimitBytes });

  router.get('/:id/activity', requireRole('viewer'), async (req: Request, res: Response) => {
    const parsed = activityQuery.safeParse(req.query);
    if (!parsed.success) return refuse(res, fieldIssues(parsed.error.issues));
    const { limit, before } = parsed.data;
    const all = await deps.activity.read(String(req.params.id));
    const from = before ? all.filter((e) => after(e, before)) : all;
    const entries = from.slice(0, limit);
    const more = from.length > limit;
    res.json({ entries, next: more ? cursorOf(entries.at(-1)!) : null });
  });

  router.post(
    '/:id/activity/since',
    requireRole('viewer'),
    json,
    async (req: Request, res: Response) => {
      const parsed = sinceBody.safeParse(req.body ?? {});
      if (!parsed.success) return refuse(res, fieldIssues(parsed.error.issues));
      const { seenAt, excludeAuthorId, limit } = parsed.data;
      const given = parsed.data.stateVector;
      const stateVector = given === undefined ? null : decodeStateVector(given);
      if (given !== undefined && !stateVector) {
        return refuse(res, [{ path: 'stateVector', message: 'not a base64 Yjs state vector' }]);
      }
      const seenAtIso = new Date(seenAt).toISOString();
      const seen = (e: ActivityEntry) =>
        stateVector ? seenBy(e, stateVector, seenAtIso) : seenByTime(e, seenAtIso);
      const unseen = (await deps.activity.read(String(req.params.id))).filter(
        (e) => (!excludeAuthorId || e.author.id !== excludeAuthorId) && !seen(e),
      );
      res.json({
        seenAt: seenAtIso,
        entries: unseen.slice(0, limit),
        truncated: unseen.length > limit,
        summary: summarizeActivity(unseen),
      });
    },
  );

  return router;
}
