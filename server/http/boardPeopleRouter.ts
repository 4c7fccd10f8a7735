import express from 'express';
import { z } from 'zod';
import { ROLES } from '../../shared/protocol/roles.js';
import type { AccountService } from '../auth/accountService.js';
import { DEFAULT_BOARD_ROLE } from '../auth/boardAccess.js';
import { answered, contextOf } from './authRouter.js';
import { roleGuard, type BoardsRouterDeps } from './boardsRouter.js';
import { parseBody, sendError } from './errors.js';
import { requirePerson } from './principalMiddleware.js';
import type { MembershipNotices } from '../inbox/inbox.js';

export interface BoardPeopleRouterDeps extends Pick<BoardsRouterDeps, 'access'> {
  service: AccountService;
  trustProxyHops: number;
  /** The person's sockets reconnect, so their new role applies at once. */
  roleChanged(userId: string): void;
  /** The inbox, told who was given a role (null: no inbox). */
  notices?: MembershipNotices | null;
}

const boardRoleBody = z.object({ role: z.enum(ROLES).nullable() });
const seenBody = z.object({ seenAt: z.iso.datetime({ offset: true }) });

/**
 * A board's people, under `/api/boards/:id`: every member of its workspace with their role
 * here (the board's own, else the workspace's default), the owner's way to give someone another
 * role on this board alone, and when each person last looked at it.
 */
export function boardPeopleRouter(deps: BoardPeopleRouterDeps): express.Router {
  const { service } = deps;
  const { accounts } = service;
  const router = express.Router();
  const requireRole = roleGuard(deps);

  router.get(
    '/:id/people',
    requireRole('viewer'),
    answered(async (req, res) => {
      if (!requirePerson(res)) return;
      const boardId = String(req.params.id);
      const workspaceId = await accounts.boardWorkspace(boardId);
      const members = workspaceId ? await accounts.listMembers(workspaceId) : [];
      const people = await Promise.all(
        members.map(async (m) => {
          const own = await accounts.getBoardRole(boardId, m.userId);
          return {
            userId: m.userId,
            name: m.user.name,
            email: m.user.email,
            role: own ?? DEFAULT_BOARD_ROLE[m.role],
            from: own ? 'board' : 'workspace',
          };
        }),
      );
      res.json({ people });
    }),
  );

  router.put(
    '/:id/people/:userId',
    requireRole('owner'),
    express.json({ limit: 4 << 10 }),
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(boardRoleBody, req.body, res);
      if (!principal || !body) return;
      const boardId = String(req.params.id);
      const userId = String(req.params.userId);
      const workspaceId = await accounts.boardWorkspace(boardId);
      const member = workspaceId ? await accounts.getMember(workspaceId, userId) : null;
      if (!workspaceId || !member)
        return sendError(res, 404, 'no member of this board’s workspace with that id');
      await accounts.setBoardRole(boardId, userId, body.role);
      deps.roleChanged(userId);
      if (body.role)
        deps.notices?.addedToBoard({
          userId,
          boardId,
          role: body.role,
          actorId: principal.user.id,
        });
      await service.audit('role-changed', contextOf(req, deps.trustProxyHops), {
        workspaceId,
        actor: principal.user,
        target: userId,
        detail: {
          board: boardId,
          to: body.role ?? `${DEFAULT_BOARD_ROLE[member.role]} (workspace)`,
        },
      });
      res.json({ userId, role: body.role ?? DEFAULT_BOARD_ROLE[member.role] });
    }),
  );

  // "Since you last looked", per person on the server, so it follows them to any device.
  router.get(
    '/:id/seen',
    requireRole('viewer'),
    answered(async (req, res) => {
      const principal = requirePerson(res);
      if (!principal) return;
      res.json({ seenAt: await accounts.getBoardSeen(principal.user.id, String(req.params.id)) });
    }),
  );

  router.put(
    '/:id/seen',
    requireRole('viewer'),
    express.json({ limit: 1 << 10 }),
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(seenBody, req.body, res);
      if (!principal || !body) return;
      const boardId = String(req.params.id);
      const seenAt = new Date(body.seenAt).toISOString();
      const before = await accounts.getBoardSeen(principal.user.id, boardId);
      // Devices report out of order (a tab closed late): the mark only moves forward.
      if (!before || before < seenAt)
        await accounts.setBoardSeen(principal.user.id, boardId, seenAt);
      res.status(204).end();
    }),
  );

  return router;
}
