import express, { type Request } from 'express';
import { z } from 'zod';
import { isBoardId } from '../../shared/protocol/boardId.js';
import type {
  BoardLinks,
  ShareCardBody,
  ShareCardResult,
  WorkspaceHierarchy,
} from '../../shared/protocol/links.js';
import { atLeast } from '../../shared/protocol/roles.js';
import type { LinkService } from '../links/linkService.js';
import { ShareRefused, type SharedCopies } from '../links/sharedCopies.js';
import { roleGuard, type BoardOwnership, type BoardsRouterDeps } from './boardsRouter.js';
import { parseBody, sendError } from './errors.js';
import { bearerOf, principalOf, requirePerson } from './principalMiddleware.js';

export interface LinksRouterDeps extends Pick<BoardsRouterDeps, 'access'> {
  service: LinkService;
  shared: Pick<SharedCopies, 'share'>;
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
  router.post(
    '/:id/cards/:cardId/share',
    express.json({ limit: '4kb' }),
    requireRole('editor'),
    async (req: Request<{ id: string; cardId: string }>, res) => {
      const body = parseBody(shareBody, req.body, res);
      if (!body) return;
      // Both maps need the editor role (S131): the copy shows the origin's future edits.
      const target = await deps.access(body.to, principalOf(res), bearerOf(req));
      if (!target.ok) return sendError(res, 404, `no board '${body.to}' you can open`);
      if (!atLeast(target.role, 'editor'))
        return sendError(res, 403, `sharing into that map needs the editor role there`);
      try {
        const canEdit = async (boardId: string) => {
          const access = await deps.access(boardId, principalOf(res), bearerOf(req));
          return access.ok && atLeast(access.role, 'editor');
        };
        const result = await deps.shared.share(req.params.id, req.params.cardId, body.to, canEdit);
        const answer: ShareCardResult = result;
        res.status(result.created ? 201 : 200).json(answer);
      } catch (err) {
        if (!(err instanceof ShareRefused)) throw err;
        sendError(res, err.status, err.message);
      }
    },
  );
  return router;
}

const shareBody: z.ZodType<ShareCardBody> = z.strictObject({
  to: z.string().refine(isBoardId, 'must be a board id'),
});

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
