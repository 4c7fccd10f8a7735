import express, { type NextFunction, type Request, type Response } from 'express';
import { ModelError } from '../../shared/model/doc.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { Role } from '../../shared/protocol/roles.js';
import type { ActivityRecorder } from '../activity/recorder.js';
import { sameSecret } from '../auth/access.js';
import { JoinRefused } from '../sync/index.js';
import {
  diffQuery,
  duplicateBody,
  isVersionId,
  restoreBody,
  saveVersionBody,
} from '../versions.js';
import { anonymousCreate, roleGuard, sendCreated, type BoardsRouterDeps } from './boardsRouter.js';
import { parseBody, sendError } from './errors.js';
import { vouchedAuthor } from './vouchedAuthor.js';
import { bearerOf, principalOf } from './principalMiddleware.js';

type Params = { id: string; vid: string };

/** Parses `input` with `schema`, or answers 400 naming the fields and returns undefined. */
/**
 * Versions of a board (review cycles) and diffs between them, under `/api/boards/:id`. Mounted
 * before the boards router; anything else falls through to it.
 */
export function versionsRouter(
  deps: BoardsRouterDeps & { activity?: ActivityRecorder },
): express.Router {
  const versions = deps.boards.versions;
  const router = express.Router();
  const json = express.json({ limit: deps.jsonLimitBytes });
  const requireRole = roleGuard(deps);

  const noVersion = (res: Response, p: Params) =>
    sendError(res, 404, `no version '${p.vid}' of board '${p.id}'`);
  const knownVersion = (req: Request<Params>, res: Response, next: NextFunction) =>
    isVersionId(req.params.vid) ? next() : noVersion(res, req.params);

  /**
   * Duplicating reads a version (owner role) and creates a board, under the same rule as
   * POST /api/boards/import: with CREATE_TOKEN set, the create token is needed too. The board
   * token travels as Authorization, so the create token comes as `X-Create-Token`; the admin
   * token alone is both.
   */
  const mayDuplicate = async (req: Request<Params>, res: Response, next: NextFunction) => {
    const token = bearerOf(req);
    const principal = principalOf(res);
    const access = await deps.access(req.params.id, principal, token);
    if (!access.ok) return sendError(res, access.status, access.reason);
    if (access.role !== 'owner') {
      return sendError(res, 403, `this needs the owner role; the token grants ${access.role}`);
    }
    if (deps.ownership && !sameSecret(token, deps.adminToken)) {
      if (!principal) return sendError(res, 401, 'duplicating a board needs you signed in');
      const why = await deps.ownership.cannotCreate(principal);
      if (why) return sendError(res, 403, why);
      res.locals.role = access.role;
      return next();
    }
    if (
      deps.createToken &&
      !sameSecret(token, deps.adminToken) &&
      !sameSecret(req.get('x-create-token'), deps.createToken)
    ) {
      return sendError(
        res,
        401,
        'creating boards needs the server’s create token (X-Create-Token)',
      );
    }
    if (anonymousCreate(deps, req, res).refused) return;
    res.locals.role = access.role;
    next();
  };

  const role = (res: Response): Role => res.locals.role as Role;

  router.get('/:id/versions', requireRole('viewer'), async (req, res) => {
    res.json({ versions: await versions.list(req.params.id) });
  });

  router.post('/:id/versions', requireRole('editor'), json, async (req, res) => {
    const body = parseBody(saveVersionBody, req.body, res);
    if (!body) return;
    const author = vouchedAuthor(res, body.author);
    const version = await versions.save(req.params.id, { ...body, author }, role(res));
    if (!version) return sendError(res, 404, `no board with id '${req.params.id}'`);
    res.status(201).location(`/api/boards/${req.params.id}/versions/${version.id}`).json(version);
  });

  router.get('/:id/versions/:vid', requireRole('viewer'), knownVersion, async (req, res) => {
    const found = await versions.open(req.params.id, req.params.vid);
    if (!found) return noVersion(res, req.params);
    res.json(found);
  });

  router.post(
    '/:id/versions/:vid/restore',
    requireRole('editor'),
    knownVersion,
    json,
    async (req: Request<Params>, res: Response) => {
      const body = parseBody(restoreBody, req.body, res);
      if (!body) return;
      try {
        const { id, vid } = req.params;
        const author = vouchedAuthor(res, body.author);
        const restore = () => versions.restore(id, vid, author ?? role(res));
        // The feed names who restored, like any other change.
        const act = { via: 'restore', author, role: role(res) } as const;
        const done = deps.activity ? await deps.activity.during(id, act, restore) : await restore();
        if (!done) return noVersion(res, req.params);
        res.json(done);
      } catch (err) {
        if (err instanceof ModelError) {
          return sendError(res, 422, err.message, { field: err.field ?? null });
        }
        if (err instanceof JoinRefused) {
          return sendError(res, err.code === CloseCode.NOT_FOUND ? 404 : 503, err.message);
        }
        throw err;
      }
    },
  );

  router.post(
    '/:id/versions/:vid/duplicate',
    mayDuplicate,
    knownVersion,
    json,
    async (req: Request<Params>, res: Response) => {
      const body = parseBody(duplicateBody, req.body, res);
      if (!body) return;
      try {
        const record = await versions.duplicate(req.params.id, req.params.vid, body);
        if (!record) return noVersion(res, req.params);
        // The copy's cards and shapes name the same pictures (W224).
        await deps.images.copyAll(req.params.id, record.id);
        await sendCreated(res, deps, record);
      } catch (err) {
        if (!(err instanceof ModelError)) throw err;
        sendError(res, 422, err.message, { field: err.field ?? null });
      }
    },
  );

  router.get('/:id/diff', requireRole('viewer'), async (req, res) => {
    const query = parseBody(diffQuery, req.query, res);
    if (!query) return;
    const answer = await versions.diff(req.params.id, query.from, query.to);
    if ('missing' in answer) {
      return sendError(res, 404, `${answer.missing}: no version '${answer.id}' of this board`, {
        field: answer.missing,
      });
    }
    res.json(answer);
  });

  return router;
}
