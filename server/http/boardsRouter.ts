import express, { type NextFunction, type Request, type Response } from 'express';
import { parseBoardJson } from '../../shared/model/json.js';
import { atLeast, type Role } from '../../shared/protocol/roles.js';
import { checkAccess, sameSecret } from '../auth/access.js';
import type { TokenIssuer } from '../auth/tokens.js';
import { type Boards, createBoardBody, updateBoardBody } from '../boards.js';
import type { BoardRecord, Storage } from '../storage/storage.js';
import { sendError } from './errors.js';
import { surveyRouter } from './surveyRouter.js';

export interface BoardsRouterDeps {
  boards: Boards;
  storage: Storage;
  tokens: TokenIssuer;
  jsonLimitBytes: number;
  adminToken?: string;
  createToken?: string;
}

export function refuse(res: Response, issues: { path: string; message: string }[]): void {
  sendError(res, 400, `invalid ${issues[0]?.path}: ${issues[0]?.message}`, { issues });
}

export function fieldIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  return issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
}

export function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

const summary = ({ keyVersion: _kv, ...row }: BoardRecord) => row;

/** Middleware letting a request through with at least `min` on the board in `:id`. */
export function roleGuard(deps: Pick<BoardsRouterDeps, 'tokens' | 'storage' | 'adminToken'>) {
  return (min: Role) => async (req: Request<{ id: string }>, res: Response, next: NextFunction) => {
    const access = await checkAccess(deps, req.params.id, bearer(req));
    if (!access.ok) return sendError(res, access.status, access.reason);
    if (!atLeast(access.role, min)) {
      return sendError(res, 403, `this needs the ${min} role; the token grants ${access.role}`);
    }
    res.locals.role = access.role;
    next();
  };
}

/** The 201 answer to every request that made a board: its listing row and share links. */
export async function sendCreated(res: Response, tokens: TokenIssuer, record: BoardRecord) {
  const { id, title, mapType, createdAt } = record;
  const links = await tokens.tokensFor(id, record.keyVersion);
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
  router.use(express.json({ limit: deps.jsonLimitBytes }));

  const requireRole = roleGuard(deps);

  const mayCreate = (req: Request, res: Response, next: NextFunction) => {
    if (
      !deps.createToken ||
      sameSecret(bearer(req), deps.createToken) ||
      sameSecret(bearer(req), deps.adminToken)
    ) {
      return next();
    }
    sendError(res, 401, 'creating boards needs the server’s create token');
  };

  const created = (res: Response, record: BoardRecord) => sendCreated(res, tokens, record);

  router.get('/', async (req, res) => {
    if (!sameSecret(bearer(req), deps.adminToken)) {
      return sendError(res, 403, 'listing every board needs the admin token');
    }
    res.json({ boards: (await boards.list()).map(summary) });
  });

  router.post('/', mayCreate, async (req: Request, res: Response) => {
    const parsed = createBoardBody.safeParse(req.body ?? {});
    if (!parsed.success) return refuse(res, fieldIssues(parsed.error.issues));
    await created(res, await boards.create(parsed.data));
  });

  router.post('/import', mayCreate, async (req, res) => {
    const parsed = parseBoardJson(req.body);
    if (!parsed.ok) {
      const first = parsed.issues[0];
      sendError(res, 400, `invalid board JSON at ${first?.path}: ${first?.message}`, {
        issues: parsed.issues,
      });
      return;
    }
    await created(res, await boards.import(parsed.board));
  });

  router.get('/:id', requireRole('viewer'), async (req, res) => {
    const json = await boards.exportJson(req.params.id);
    if (!json) return sendError(res, 404, `no board with id '${req.params.id}'`);
    res.json(json);
  });

  router.get('/:id/summary', requireRole('viewer'), async (req, res) => {
    const board = await boards.get(req.params.id);
    if (!board) return sendError(res, 404, `no board with id '${req.params.id}'`);
    res.json({ ...summary(board), role: res.locals.role as Role });
  });

  router.patch('/:id', requireRole('editor'), async (req, res) => {
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
    res.json({ id: req.params.id, tokens: await tokens.tokensFor(req.params.id, keyVersion) });
  });

  router.delete('/:id', requireRole('owner'), async (req, res) => {
    if (!(await boards.delete(req.params.id))) {
      return sendError(res, 404, `no board with id '${req.params.id}'`);
    }
    res.status(204).end();
  });

  return router;
}
