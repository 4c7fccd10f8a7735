import express, { type Request, type Response } from 'express';
import { sameSecret } from '../auth/access.js';
import type { Principal } from '../auth/principal.js';
import type { AccountStore } from '../storage/accounts.js';
import type { SearchScope, SearchStore } from '../storage/search.js';
import { parseSearchQuery, SearchQueryError } from '../storage/searchText.js';
import type { BoardOwnership } from './boardsRouter.js';
import { refuse, sendError } from './errors.js';
import { bearerOf, principalOf } from './principalMiddleware.js';

export interface SearchRouterDeps {
  store: Pick<SearchStore, 'search'>;
  /** Null in open mode (no accounts): only the admin token searches then (W267). */
  ownership: Pick<BoardOwnership, 'reachable'> | null;
  accounts: Pick<AccountStore, 'listUserWorkspaces'>;
  adminToken?: string;
}

export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 50;
const WORKSPACE_ID = /^[\w-]{1,64}$/;

/** One query parameter as a string; an array (`?q=a&q=b`) or an object is refused. */
function single(req: Request, name: string): string | undefined | null {
  const value = req.query[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

interface Asked {
  q: ReturnType<typeof parseSearchQuery>;
  limit: number;
  workspace: string | undefined;
}

/** The query's parameters, checked; undefined when refused (answered, naming the field). */
function asked(req: Request, res: Response): Asked | undefined {
  const q = single(req, 'q');
  const limit = single(req, 'limit');
  const workspace = single(req, 'workspace');
  const bad = (path: string, message: string) => {
    refuse(res, [{ path, message }]);
    return undefined;
  };
  if (q === null) return bad('q', 'must be given once');
  if (limit === null || (limit !== undefined && !/^\d{1,3}$/.test(limit)))
    return bad('limit', `must be an integer from 1 to ${SEARCH_LIMIT_MAX}`);
  const n = limit === undefined ? SEARCH_LIMIT_DEFAULT : Number(limit);
  if (n < 1 || n > SEARCH_LIMIT_MAX)
    return bad('limit', `must be an integer from 1 to ${SEARCH_LIMIT_MAX}`);
  if (workspace === null || (workspace !== undefined && !WORKSPACE_ID.test(workspace)))
    return bad('workspace', 'must be a workspace id');
  try {
    return { q: parseSearchQuery(q ?? ''), limit: n, workspace };
  } catch (err) {
    if (err instanceof SearchQueryError) return bad('q', err.message.replace(/^q /, ''));
    throw err;
  }
}

/**
 * The boards a person's search looks in (W268): those of their boards page, narrowed to one
 * workspace when asked; null (answered 404) for a workspace they are not in.
 */
async function personScope(
  deps: SearchRouterDeps & { ownership: Pick<BoardOwnership, 'reachable'> },
  principal: Principal,
  workspace: string | undefined,
  res: Response,
): Promise<SearchScope | null> {
  if (workspace !== undefined) {
    const mine = await deps.accounts.listUserWorkspaces(principal.user.id);
    if (!mine.some((w) => w.id === workspace)) {
      sendError(res, 404, `no workspace '${workspace}' of yours`, { field: 'workspace' });
      return null;
    }
  }
  const reachable = await deps.ownership.reachable(principal);
  return {
    boardIds: reachable
      .filter((b) => workspace === undefined || b.workspace.id === workspace)
      .map((b) => b.boardId),
  };
}

/** `GET /api/search` (W266–W268): full-text search in the boards the caller may open (S120). */
export function searchRouter(deps: SearchRouterDeps): express.Router {
  const router = express.Router();
  router.get('/', async (req, res, next) => {
    try {
      const query = asked(req, res);
      if (!query) return;
      let scope: SearchScope | null;
      if (sameSecret(bearerOf(req), deps.adminToken)) {
        if (query.workspace !== undefined)
          return refuse(res, [
            { path: 'workspace', message: 'the admin token searches every board; leave it out' },
          ]);
        scope = 'all';
      } else if (!deps.ownership) {
        return sendError(
          res,
          403,
          'search needs accounts or the admin token: in AUTH_MODE=open a board is reached only by its share link',
        );
      } else {
        const principal = principalOf(res);
        if (!principal) return sendError(res, 401, 'sign in to search your boards');
        scope = await personScope(
          { ...deps, ownership: deps.ownership },
          principal,
          query.workspace,
          res,
        );
        if (!scope) return;
      }
      const hits = await deps.store.search(query.q, scope, query.limit);
      res.set('Cache-Control', 'no-store').json({ hits });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
