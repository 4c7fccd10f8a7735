import express, { type Request } from 'express';
import { z } from 'zod';
import type { ActivityRecorder } from '../activity/recorder.js';
import type { Principal } from '../auth/principal.js';
import type { AccessResult } from '../auth/access.js';
import type { Boards } from '../boards.js';
import type { Config } from '../config.js';
import type { AccountStore } from '../storage/accounts.js';
import type { Storage } from '../storage/storage.js';
import {
  ingestMetrics,
  METRICS_BATCH_MAX_ROWS,
  METRICS_BODY_LIMIT_BYTES,
} from '../metricIngest.js';
import { sendError } from './errors.js';
import { requirePerson } from './principalMiddleware.js';

export interface MetricsRouterDeps {
  boards: Boards;
  accounts: AccountStore;
  /** What a principal may do on one board (auth/boardAccess.ts). */
  access(
    boardId: string,
    principal: Principal | null,
    token: string | undefined,
  ): Promise<AccessResult>;
  /** The activity feed: a batch's writes are an entry of their own, by its sender (W92). */
  activity?: Pick<ActivityRecorder, 'during'>;
}

const batchBody = z.strictObject({ rows: z.array(z.unknown()).min(1, 'send at least one row') });

/**
 * `POST /api/workspaces/:id/metrics` (W258–W263, S116, S117): a batch of metric points from a
 * BI job, with a personal access token or a session; editor role on every board written.
 */
export function metricsRouter(deps: MetricsRouterDeps): express.Router {
  const router = express.Router();
  router.post('/:id/metrics', async (req: Request<{ id: string }>, res) => {
    const principal = requirePerson(res);
    if (!principal) return;
    const workspaceId = req.params.id;
    const member = await deps.accounts.getMember(workspaceId, principal.user.id);
    if (!member) return sendError(res, 404, `no workspace '${workspaceId}' of yours`);
    const rows: unknown = (req.body as { rows?: unknown } | undefined)?.rows;
    if (Array.isArray(rows) && rows.length > METRICS_BATCH_MAX_ROWS) {
      return sendError(
        res,
        413,
        `a batch holds at most ${METRICS_BATCH_MAX_ROWS} rows; this one has ${rows.length}: send it in parts`,
      );
    }
    const body = batchBody.safeParse(req.body ?? {});
    if (!body.success) {
      const issue = body.error.issues[0]!;
      const path = issue.path.map(String).join('.') || '(body)';
      return sendError(res, 400, `invalid ${path}: ${issue.message}`);
    }
    const partial = req.query.partial === '1';
    const answer = await ingestMetrics(
      {
        boardWorkspace: (boardId) => deps.accounts.boardWorkspace(boardId),
        roleOn: async (boardId) => {
          const access = await deps.access(boardId, principal, undefined);
          return access.ok ? access.role : null;
        },
        changeLive: (boardId, change) => {
          const write = () => deps.boards.changeLive(boardId, change);
          const act = { via: 'metrics-api', author: principal.user.name, role: null } as const;
          return deps.activity ? deps.activity.during(boardId, act, write) : write();
        },
      },
      workspaceId,
      body.data.rows,
      partial,
    );
    if (answer.rejected.length > 0 && !partial) {
      const count = answer.rejected.length;
      return sendError(
        res,
        400,
        `${answer.rejected[0]!.message}${count > 1 ? ` (and ${count - 1} more)` : ''}; nothing was written`,
        answer,
      );
    }
    res.json(answer);
  });
  return router;
}

/** The ingestion API writes into workspaces' boards: mounted in the accounts modes only. */
export function mountMetricsApi(
  app: express.Express,
  config: Config,
  parts: Pick<MetricsRouterDeps, 'boards' | 'access' | 'activity'> & { storage: Storage },
): void {
  if (config.AUTH_MODE === 'open') return;
  app.use(
    '/api/workspaces',
    metricsRouter({
      boards: parts.boards,
      accounts: parts.storage.accounts,
      access: parts.access,
      ...(parts.activity ? { activity: parts.activity } : {}),
    }),
  );
}

/**
 * A batch's own body parser, mounted ahead of the workspace routes: theirs (16 KiB) would read
 * the body first; a body already read is skipped by the parsers after.
 */
export function mountMetricsBodyParser(app: express.Express): void {
  app.post('/api/workspaces/:id/metrics', express.json({ limit: METRICS_BODY_LIMIT_BYTES }));
}
