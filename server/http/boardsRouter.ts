import express, { type NextFunction, type Request, type Response } from 'express';
import { atLeast, type Role } from '../../shared/protocol/roles.js';
import { sameSecret, type AccessResult } from '../auth/access.js';
import type { Principal } from '../auth/principal.js';
import type { TokenIssuer } from '../auth/tokens.js';
import type { ReachableBoard, Refusal } from '../auth/workspaces.js';
import { type Boards, createBoardBody, updateBoardBody } from '../boards.js';
import type { JobPool } from '../imports/jobPool.js';
import type { ImageService } from '../images/imageService.js';
import type { BoardRecord, Storage } from '../storage/storage.js';
import { clientAddress } from '../sync/index.js';
import type { HourlyLimiter } from './hourlyLimiter.js';
import { fieldIssues, refuse, sendError } from './errors.js';
import { bearerOf, principalOf } from './principalMiddleware.js';
import { readJobBody, runBodyJob } from './importBodies.js';
import { importWithPictures } from './importPictures.js';
import { surveyRouter } from './surveyRouter.js';

/** With accounts: who may create boards, and where a new board goes. */
export interface BoardOwnership {
  /** Why this person may not create boards (a workspace guest), or null. */
  cannotCreate(principal: Principal): Promise<string | null>;
  /** Why a new board may not go into this workspace (W154), or null. */
  cannotPlace(principal: Principal | null, workspaceId: string): Promise<Refusal | null>;
  /**
   * A board someone made joins `workspaceId` when given (checked by `cannotPlace`), else their
   * home workspace, with them as its owner; one made with the admin token joins the install's
   * workspace.
   */
  claim(boardId: string, principal: Principal | null, workspaceId?: string): Promise<void>;
  /** The boards a person opens through their workspaces (W155). */
  reachable(principal: Principal): Promise<ReachableBoard[]>;
  /** Goes to the audit log: who made, deleted, exported a board or replaced its links. */
  audit(action: BoardAuditAction, boardId: string, req: Request, res: Response): Promise<void>;
}

export type BoardAuditAction =
  'board-created' | 'board-deleted' | 'board-exported' | 'link-rotated';

export interface BoardsRouterDeps {
  boards: Boards;
  storage: Storage;
  tokens: TokenIssuer;
  /** What a request's principal or bearer token may do on one board (auth/boardAccess.ts). */
  access(
    boardId: string,
    principal: Principal | null,
    token: string | undefined,
  ): Promise<AccessResult>;
  /** Null in open mode (no accounts). */
  ownership: BoardOwnership | null;
  jsonLimitBytes: number;
  adminToken?: string;
  createToken?: string;
  /** Where large imports and survey files are parsed, off the event loop. */
  imports: JobPool;
  /** Pictures: carried by the JSON export, stored from an import (W225, W226). */
  images: ImageService;
  /** Without CREATE_TOKEN: what a request without the admin token may create. */
  anonymous: { bodyLimitBytes: number; limiter: HourlyLimiter };
  /** Proxies in front of this server whose X-Forwarded-For entries are trusted. */
  trustProxyHops: number;
}

const sizeOf = (bytes: number) =>
  bytes >= 1 << 20
    ? `${Math.round((bytes / (1 << 20)) * 10) / 10} MiB`
    : `${Math.round(bytes / 1024)} KiB`;

/**
 * Whether a create passes only because CREATE_TOKEN is unset: then it gets the small body limit
 * and counts against its address (429 when spent). Answers the request when it is refused.
 */
export function anonymousCreate(
  deps: Pick<BoardsRouterDeps, 'createToken' | 'adminToken' | 'anonymous' | 'trustProxyHops'>,
  req: Request,
  res: Response,
): { refused: boolean; anonymous: boolean } {
  if (deps.createToken || sameSecret(bearerOf(req), deps.adminToken)) {
    return { refused: false, anonymous: false };
  }
  const taken = deps.anonymous.limiter.take(clientAddress(req, deps.trustProxyHops));
  if (taken.ok) return { refused: false, anonymous: true };
  const minutes = Math.ceil(taken.retryAfterSeconds / 60);
  res.set('Retry-After', String(taken.retryAfterSeconds));
  sendError(
    res,
    429,
    `this address created too many boards without a token (ANONYMOUS_CREATES_PER_HOUR); try ` +
      `again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask the operator to set ` +
      `CREATE_TOKEN and share it: creating with it has no such limit`,
    { retryAfterSeconds: taken.retryAfterSeconds },
  );
  return { refused: true, anonymous: true };
}

const summary = ({ keyVersion: _kv, ...row }: BoardRecord) => row;

/** A JSON body's fields; anything but an object (an array, a string) has none. */
const plainObject = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};

/** Middleware letting a request through with at least `min` on the board in `:id`. */
export function roleGuard(deps: Pick<BoardsRouterDeps, 'access'>) {
  return (min: Role) => async (req: Request<{ id: string }>, res: Response, next: NextFunction) => {
    const access = await deps.access(req.params.id, principalOf(res), bearerOf(req));
    if (!access.ok) return sendError(res, access.status, access.reason);
    if (!atLeast(access.role, min)) {
      return sendError(res, 403, `this needs the ${min} role; the token grants ${access.role}`);
    }
    res.locals.role = access.role;
    res.locals.admitted = access.who;
    next();
  };
}

/**
 * The 201 answer to every request that made a board: its listing row and share links. With
 * accounts the board first joins its maker's workspace, with them as owner.
 */
export async function sendCreated(
  res: Response,
  deps: Pick<BoardsRouterDeps, 'tokens' | 'ownership'>,
  record: BoardRecord,
  workspaceId?: string,
) {
  const { id, title, mapType, createdAt } = record;
  const principal = principalOf(res);
  await deps.ownership?.claim(id, principal, workspaceId);
  await deps.ownership?.audit('board-created', id, res.req, res);
  const links = await deps.tokens.tokensFor(id, record.keyVersion);
  res
    .status(201)
    .location(`/api/boards/${id}`)
    .json({ id, title, mapType, createdAt, tokens: links });
}

/**
 * The boards REST API: JSON in, JSON out, every refusal with the field at fault. A board is
 * reached with one of its share-link tokens as `Authorization: Bearer`; the role decides what
 * the request may do.
 */
export function boardsRouter(deps: BoardsRouterDeps): express.Router {
  const { boards, tokens } = deps;
  const router = express.Router();
  // Import and survey bodies are read as bytes and parsed off the event loop (readJobBody).
  const json = express.json({ limit: deps.jsonLimitBytes });
  const anonymousJson = express.json({ limit: deps.anonymous.bodyLimitBytes });
  const anonymousTooLarge =
    `without a create token a board may be at most ${sizeOf(deps.anonymous.bodyLimitBytes)} ` +
    `(ANONYMOUS_BODY_LIMIT_BYTES); with the create token (the operator sets CREATE_TOKEN) or ` +
    `the admin token, up to ${sizeOf(deps.jsonLimitBytes)}`;

  const requireRole = roleGuard(deps);

  const mayCreate = async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerOf(req);
    if (deps.ownership && !sameSecret(token, deps.adminToken)) {
      const principal = principalOf(res);
      if (!principal) return sendError(res, 401, 'creating boards needs you signed in');
      const why = await deps.ownership.cannotCreate(principal);
      if (why) return sendError(res, 403, why);
      return next();
    }
    if (
      deps.createToken &&
      !sameSecret(token, deps.createToken) &&
      !sameSecret(token, deps.adminToken)
    ) {
      return sendError(res, 401, 'creating boards needs the server’s create token');
    }
    const { refused, anonymous } = anonymousCreate(deps, req, res);
    if (refused) return;
    res.locals.anonymous = anonymous;
    next();
  };
  const isAnonymous = (res: Response) => res.locals.anonymous === true;
  const createJson = (req: Request, res: Response, next: NextFunction) =>
    (isAnonymous(res) ? anonymousJson : json)(req, res, (err?: unknown) => {
      const tooLarge = (err as { type?: string } | undefined)?.type === 'entity.too.large';
      if (tooLarge && isAnonymous(res)) return sendError(res, 413, anonymousTooLarge);
      next(err);
    });

  const created = (res: Response, record: BoardRecord, workspaceId?: string) =>
    sendCreated(res, deps, record, workspaceId);

  /** The workspace a new board was asked into (W154), checked; false when refused (answered). */
  const placement = async (workspaceId: unknown, res: Response) => {
    if (workspaceId === undefined) return undefined;
    const refused = (status: number, why: string) => {
      sendError(res, status, why, { field: 'workspaceId' });
      return false as const;
    };
    if (!deps.ownership)
      return refused(400, 'this server runs without workspaces (AUTH_MODE=open)');
    if (typeof workspaceId !== 'string' || !/^[\w-]{1,64}$/.test(workspaceId))
      return refused(400, 'workspaceId must be a workspace id');
    const refusal = await deps.ownership.cannotPlace(principalOf(res), workspaceId);
    return refusal ? refused(refusal.status, refusal.reason) : workspaceId;
  };

  router.get('/', async (req, res) => {
    if (sameSecret(bearerOf(req), deps.adminToken)) {
      return res.json({ boards: (await boards.list()).map(summary) });
    }
    const principal = principalOf(res);
    if (!deps.ownership) return sendError(res, 403, 'listing every board needs the admin token');
    if (!principal) return sendError(res, 401, 'sign in to list your boards');
    // Two queries whatever the number of boards (W155): the person's standing, the summaries.
    const reachable = await deps.ownership.reachable(principal);
    const byId = new Map((await boards.list()).map((board) => [board.id, board]));
    const listed = [];
    for (const { boardId, ...standing } of reachable) {
      const board = byId.get(boardId);
      if (board) listed.push({ ...summary(board), ...standing });
    }
    res.json({ boards: listed });
  });

  router.post('/', mayCreate, createJson, async (req: Request, res: Response) => {
    const { workspaceId, ...body } = plainObject(req.body);
    const placed = await placement(workspaceId, res);
    if (placed === false) return;
    const parsed = createBoardBody.safeParse(body);
    if (!parsed.success) return refuse(res, fieldIssues(parsed.error.issues));
    await created(res, await boards.create(parsed.data), placed);
  });

  router.post('/import', mayCreate, async (req, res) => {
    // The body is the board's JSON: the workspace comes in the query.
    const placed = await placement(req.query.workspaceId, res);
    if (placed === false) return;
    const limit = isAnonymous(res)
      ? { bytes: deps.anonymous.bodyLimitBytes, tooLarge: anonymousTooLarge }
      : { bytes: deps.jsonLimitBytes, tooLarge: 'request body is too large' };
    const read = await readJobBody(req, res, deps.imports, limit);
    if (!read) return;
    const built = await runBodyJob(res, deps.imports, read, 'board-import', { body: read.body });
    const record = built && (await importWithPictures(deps, built, res));
    if (record) await created(res, record, placed);
  });

  router.get('/:id', requireRole('viewer'), async (req, res) => {
    const json = await boards.exportJson(req.params.id);
    if (!json) return sendError(res, 404, `no board with id '${req.params.id}'`);
    await deps.ownership?.audit('board-exported', req.params.id, req, res);
    // A board without pictures exports exactly as before (W225).
    const images = await deps.images.exportBundle(req.params.id);
    res.json(images.length > 0 ? { ...json, images } : json);
  });

  router.get('/:id/summary', requireRole('viewer'), async (req, res) => {
    const board = await boards.get(req.params.id);
    if (!board) return sendError(res, 404, `no board with id '${req.params.id}'`);
    res.json({ ...summary(board), role: res.locals.role as Role });
  });

  router.patch('/:id', requireRole('editor'), json, async (req, res) => {
    const parsed = updateBoardBody.safeParse(req.body ?? {});
    if (!parsed.success) return refuse(res, fieldIssues(parsed.error.issues));
    const board = await boards.updateMeta(req.params.id, parsed.data);
    if (!board) return sendError(res, 404, `no board with id '${req.params.id}'`);
    res.json(summary(board));
  });

  router.use('/:id/survey', requireRole('editor'), surveyRouter(deps));

  router.post('/:id/rotate', requireRole('owner'), async (req, res) => {
    const keyVersion = await boards.rotateKey(req.params.id);
    if (keyVersion === null) return sendError(res, 404, `no board with id '${req.params.id}'`);
    await deps.ownership?.audit('link-rotated', req.params.id, req, res);
    res.json({ id: req.params.id, tokens: await tokens.tokensFor(req.params.id, keyVersion) });
  });

  router.delete('/:id', requireRole('owner'), async (req, res) => {
    if (!(await boards.delete(req.params.id))) {
      return sendError(res, 404, `no board with id '${req.params.id}'`);
    }
    await deps.ownership?.audit('board-deleted', req.params.id, req, res);
    res.status(204).end();
  });

  return router;
}
