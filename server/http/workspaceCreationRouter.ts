import express from 'express';
import { z } from 'zod';
import type { AccountService } from '../auth/accountService.js';
import {
  cannotCreateWorkspace,
  createWorkspaceFor,
  type WorkspaceCreation,
} from '../auth/workspaces.js';
import { hashSecret } from '../auth/secrets.js';
import { AccountRefusal } from '../auth/accountService.js';
import { answered, contextOf } from './authRouter.js';
import { parseBody, sendError } from './errors.js';
import { requirePerson } from './principalMiddleware.js';

export interface WorkspaceCreationDeps {
  service: AccountService;
  trustProxyHops: number;
  creation: WorkspaceCreation;
  now?: () => number;
}

const newWorkspaceBody = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(80),
});
const joinBody = z.strictObject({ invitation: z.string().min(1).max(200) });

/**
 * `POST /api/workspaces`: another workspace, its creator its admin (W153); `POST
 * /api/workspaces/join`: a signed-in person joins one by invitation (W157). The rest of a
 * workspace's routes are in workspaceRouter.ts.
 */
export function workspaceCreationRouter(deps: WorkspaceCreationDeps): express.Router {
  const { service } = deps;
  const router = express.Router();
  router.post(
    '/',
    express.json({ limit: 16 << 10 }),
    answered(async (req, res) => {
      const principal = requirePerson(res);
      if (!principal) return;
      const refusal = await cannotCreateWorkspace(service.accounts, principal, deps.creation);
      if (refusal) return sendError(res, refusal.status, refusal.reason);
      const body = parseBody(newWorkspaceBody, req.body, res);
      if (!body) return;
      const now = new Date((deps.now ?? Date.now)());
      const workspace = await createWorkspaceFor(service.accounts, principal, body.name, now);
      await service.audit('workspace-created', contextOf(req, deps.trustProxyHops), {
        workspaceId: workspace.id,
        actor: principal.user,
        target: workspace.id,
        detail: { name: workspace.name },
      });
      res
        .status(201)
        .location(`/api/workspaces/${workspace.id}`)
        .json({ ...workspace, role: 'admin' });
    }),
  );
  // Someone who already has an account joins another workspace with its invitation link.
  router.post(
    '/join',
    express.json({ limit: 4 << 10 }),
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(joinBody, req.body, res);
      if (!principal || !body) return;
      const invitation = await service.invitation(body.invitation);
      if (invitation.email && invitation.email !== principal.user.email)
        throw new AccountRefusal(403, `This invitation is for ${invitation.email}.`);
      const { accounts } = service;
      if (await accounts.getMember(invitation.workspaceId, principal.user.id))
        return sendError(res, 409, 'you are already a member of this workspace');
      const now = new Date((deps.now ?? Date.now)()).toISOString();
      if (!(await accounts.useInvitation(hashSecret(body.invitation), now)))
        throw new AccountRefusal(410, 'This invitation was used up, revoked or has expired.');
      const { workspaceId, role } = invitation;
      await accounts.putMember({
        workspaceId,
        userId: principal.user.id,
        role,
        joinedAt: now,
      });
      await service.audit('member-added', contextOf(req, deps.trustProxyHops), {
        workspaceId,
        actor: principal.user,
        target: principal.user.id,
        detail: { role, by: 'invitation' },
      });
      const workspace = await accounts.getWorkspace(workspaceId);
      res.status(201).json({ ...workspace, role });
    }),
  );
  return router;
}
