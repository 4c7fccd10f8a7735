import express from 'express';
import type { BoardLinks, WorkspaceHierarchy } from '../../shared/protocol/links.js';
import type { LinkService } from '../links/linkService.js';
import { roleGuard, type BoardOwnership, type BoardsRouterDeps } from './boardsRouter.js';
import { sendError } from './errors.js';
import { bearerOf, principalOf, requirePerson } from './principalMiddleware.js';

export interface LinksRouterDeps extends Pick<BoardsRouterDeps, 'access'> {
  service: LinkService;
  /** Null in open mode: no workspaces, no hierarchy. */
  ownership: Pick<BoardOwnership, 'reachable'> | null;
  listBoards(): Promise<{ id: string; title: string }[]>;
  isMember(workspaceId: string, userId: string): Promise<boolean>;
}

/** `GET /api/boards/:id/links` (W244), mounted under `/api/boards`. */
export function boardLinksRouter(deps: LinksRouterDeps): express.Router {
  const router = express.Router();
  const requireRole = roleGuard(deps);
  router.get('/:id/links', requireRole('viewer'), async (req, res) => {
    const principal = principalOf(res);
    const token = bearerOf(req);
    // The same check as opening the board: a share link opens its own board only (S112).
    const canOpen = async (boardId: string) => (await deps.access(boardId, principal, token)).ok;
    const links: BoardLinks = await deps.service.boardLinks(req.params.id, canOpen);
    res.set('Cache-Control', 'no-store').json(links);
  });
  return router;
}

/** `GET /api/workspaces/:id/hierarchy` (W245), mounted under `/api/workspaces`. */
export function hierarchyRouter(deps: LinksRouterDeps): express.Router {
  const router = express.Router();
  router.get('/:id/hierarchy', async (req, res) => {
    const principal = requirePerson(res);
    if (!principal) return;
    if (!deps.ownership) return sendError(res, 404, 'this server runs without workspaces');
    const workspaceId = String(req.params.id);
    const reachable = (await deps.ownership.reachable(principal)).filter(
      (b) => b.workspace.id === workspaceId,
    );
    // A guest of the workspace sees the maps shared with them; a stranger learns nothing.
    if (reachable.length === 0 && !(await deps.isMember(workspaceId, principal.user.id)))
      return sendError(res, 404, `no workspace '${workspaceId}' of yours`);
    const ids = new Set(reachable.map((b) => b.boardId));
    const boards = (await deps.listBoards()).filter((b) => ids.has(b.id));
    const answer: WorkspaceHierarchy = { roots: await deps.service.hierarchy(boards) };
    res.set('Cache-Control', 'no-store').json(answer);
  });
  return router;
}
