import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { AccountService, RequestContext } from '../auth/accountService.js';
import { newSecret, hashSecret } from '../auth/secrets.js';
import type { AccountMail } from '../mail/accountMail.js';
import { WORKSPACE_ROLES, type MemberRecord, type UserRecord } from '../storage/accounts.js';
import { answered, contextOf } from './authRouter.js';
import { parseBody, sendError } from './errors.js';
import { requirePerson } from './principalMiddleware.js';
import type { MembershipNotices } from '../inbox/inbox.js';

export interface WorkspaceRouterDeps {
  service: AccountService;
  trustProxyHops: number;
  /** External base URL: invitation and reset links are built from it. */
  publicUrl: string | null;
  /** Closes a person's sockets: for good when removed, to reconnect when their role changed. */
  disconnectUser(userId: string, why: 'user-removed' | 'user-changed'): void;
  /** When `SMTP_URL` is set: an invitation for an address is mailed to it. */
  mail: AccountMail | null;
  /** The inbox, told who was given a role (null: no inbox). */
  notices?: MembershipNotices | null;
  now?: () => number;
}

const DAY_MS = 86_400_000;
const INVITATION_DAYS = 14;
const RESET_HOURS = 24;

const roleBody = z.object({ role: z.enum(WORKSPACE_ROLES) });
const invitationBody = z.object({
  role: z.enum(WORKSPACE_ROLES).default('member'),
  email: z.string().trim().toLowerCase().email('is not an e-mail address').optional(),
  maxUses: z.number().int().min(1).max(1000).optional(),
});
const resetBody = z.object({ userId: z.string().min(1).max(64) });
const settingsBody = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  openSignup: z.boolean().optional(),
  guestLinks: z.boolean().optional(),
});

/** What every workspace route uses: the caller's membership, links, the audit context. */
interface RouteKit {
  deps: WorkspaceRouterDeps;
  accounts: AccountService['accounts'];
  now: () => number;
  ctx(req: Request): RequestContext;
  /** The caller's membership if it has at least `need`; answers 401/403/404 otherwise. */
  membership(
    req: Request,
    res: Response,
    need: 'member' | 'admin',
  ): Promise<{ user: UserRecord; member: MemberRecord } | null>;
  linkTo(req: Request, path: string): string;
}

function routeKit(deps: WorkspaceRouterDeps): RouteKit {
  const { accounts } = deps.service;
  return {
    deps,
    accounts,
    now: deps.now ?? Date.now,
    ctx: (req) => contextOf(req, deps.trustProxyHops),
    async membership(req, res, need) {
      const principal = requirePerson(res);
      if (!principal) return null;
      const workspaceId = String(req.params.id);
      const member = await accounts.getMember(workspaceId, principal.user.id);
      if (!member) {
        sendError(res, 404, `no workspace '${workspaceId}' of yours`);
        return null;
      }
      if (member.role === 'guest' || (need === 'admin' && member.role !== 'admin')) {
        sendError(res, 403, `this needs the ${need} role in the workspace; you are ${member.role}`);
        return null;
      }
      return { user: principal.user, member };
    },
    linkTo: (req, path) => `${deps.publicUrl ?? `${req.protocol}://${req.get('host')}`}${path}`,
  };
}

/**
 * A workspace's members, invitations, settings and audit log. Members (not guests) may list the
 * members; everything else is for the workspace's admins.
 */
export function workspaceRouter(deps: WorkspaceRouterDeps): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: 16 << 10 }));
  const kit = routeKit(deps);
  memberRoutes(router, kit);
  invitationRoutes(router, kit);
  settingsRoutes(router, kit);
  return router;
}

function memberRoutes(router: express.Router, kit: RouteKit): void {
  const { deps, accounts, ctx, membership } = kit;
  const { service } = deps;
  router.get(
    '/:id/members',
    answered(async (req, res) => {
      if (!(await membership(req, res, 'member'))) return;
      const members = await accounts.listMembers(String(req.params.id));
      res.json({
        members: members.map((m) => ({
          userId: m.userId,
          name: m.user.name,
          email: m.user.email,
          role: m.role,
          joinedAt: m.joinedAt,
          lastActiveAt: m.user.lastActiveAt,
        })),
      });
    }),
  );

  router.patch(
    '/:id/members/:userId',
    answered(async (req, res) => {
      const admin = await membership(req, res, 'admin');
      const body = admin && parseBody(roleBody, req.body, res);
      if (!admin || !body) return;
      const workspaceId = String(req.params.id);
      const target = await accounts.getMember(workspaceId, String(req.params.userId));
      if (!target) return sendError(res, 404, 'no such member');
      if (target.role === 'admin' && body.role !== 'admin' && (await lastAdmin(workspaceId)))
        return sendError(res, 409, 'a workspace keeps at least one admin');
      await accounts.putMember({ ...target, role: body.role });
      deps.disconnectUser(target.userId, 'user-changed');
      deps.notices?.addedToWorkspace({
        userId: target.userId,
        workspaceId,
        role: body.role,
        actorId: admin.user.id,
      });
      await service.audit('role-changed', ctx(req), {
        workspaceId,
        actor: admin.user,
        target: target.userId,
        detail: { from: target.role, to: body.role },
      });
      res.json({ userId: target.userId, role: body.role });
    }),
  );

  const lastAdmin = async (workspaceId: string) =>
    (await accounts.listMembers(workspaceId)).filter((m) => m.role === 'admin').length <= 1;

  router.delete(
    '/:id/members/:userId',
    answered(async (req, res) => {
      const admin = await membership(req, res, 'admin');
      if (!admin) return;
      const workspaceId = String(req.params.id);
      const userId = String(req.params.userId);
      const target = await accounts.getMember(workspaceId, userId);
      if (!target) return sendError(res, 404, 'no such member');
      if (target.role === 'admin' && (await lastAdmin(workspaceId)))
        return sendError(res, 409, 'a workspace keeps at least one admin');
      await accounts.removeMember(workspaceId, userId);
      deps.notices?.removedFromWorkspace(userId, workspaceId);
      // Still in another workspace (S76): their sockets reconnect, and only this workspace's
      // boards refuse them; otherwise they are closed for good.
      const elsewhere = (await accounts.listUserWorkspaces(userId)).length > 0;
      deps.disconnectUser(userId, elsewhere ? 'user-changed' : 'user-removed');
      await service.audit('member-removed', ctx(req), {
        workspaceId,
        actor: admin.user,
        target: userId,
      });
      res.status(204).end();
    }),
  );
}

function invitationRoutes(router: express.Router, kit: RouteKit): void {
  const { accounts, ctx, membership, linkTo, now } = kit;
  const { service } = kit.deps;
  router.post(
    '/:id/invitations',
    answered(async (req, res) => {
      const admin = await membership(req, res, 'admin');
      const body = admin && parseBody(invitationBody, req.body, res);
      if (!admin || !body) return;
      const secret = newSecret();
      const at = now();
      const expiresAt = new Date(at + INVITATION_DAYS * DAY_MS).toISOString();
      const invitation = {
        secretHash: hashSecret(secret),
        workspaceId: String(req.params.id),
        role: body.role,
        email: body.email ?? null,
        createdBy: admin.user.id,
        createdAt: new Date(at).toISOString(),
        expiresAt,
        maxUses: body.maxUses ?? (body.email ? 1 : 50),
        uses: 0,
        revoked: false,
      };
      await accounts.createInvitation(invitation);
      // W149: with SMTP, an invitation for an address is mailed; its link is still answered.
      const mailedTo = body.email && kit.deps.mail ? body.email : null;
      if (mailedTo) await kit.deps.mail?.mailInvitation(invitation, secret, admin.user);
      await service.audit('invitation-created', ctx(req), {
        workspaceId: String(req.params.id),
        actor: admin.user,
        target: body.email ?? null,
        detail: { role: body.role, mailed: mailedTo !== null },
      });
      res.status(201).json({ url: linkTo(req, `/signup#invite=${secret}`), expiresAt, mailedTo });
    }),
  );

  router.get(
    '/:id/invitations',
    answered(async (req, res) => {
      if (!(await membership(req, res, 'admin'))) return;
      const invitations = await accounts.listInvitations(String(req.params.id));
      // The hash names an invitation (to revoke it); it opens nothing.
      res.json({
        invitations: invitations.map(({ secretHash, ...rest }) => ({ id: secretHash, ...rest })),
      });
    }),
  );

  router.delete(
    '/:id/invitations/:invitationId',
    answered(async (req, res) => {
      const admin = await membership(req, res, 'admin');
      if (!admin) return;
      const id = String(req.params.invitationId);
      const invitation = await accounts.getInvitation(id);
      if (!invitation || invitation.workspaceId !== String(req.params.id))
        return sendError(res, 404, 'no such invitation');
      await accounts.revokeInvitation(id);
      await service.audit('invitation-revoked', ctx(req), {
        workspaceId: invitation.workspaceId,
        actor: admin.user,
        detail: { role: invitation.role },
      });
      res.status(204).end();
    }),
  );

  router.post(
    '/:id/password-resets',
    answered(async (req, res) => {
      const admin = await membership(req, res, 'admin');
      const body = admin && parseBody(resetBody, req.body, res);
      if (!admin || !body) return;
      if (!(await accounts.getMember(String(req.params.id), body.userId)))
        return sendError(res, 404, 'no such member', { field: 'userId' });
      const secret = newSecret();
      const expiresAt = new Date(now() + RESET_HOURS * 3_600_000).toISOString();
      await accounts.createPasswordReset({
        secretHash: hashSecret(secret),
        userId: body.userId,
        expiresAt,
        used: false,
      });
      await service.audit('password-reset-created', ctx(req), {
        workspaceId: String(req.params.id),
        actor: admin.user,
        target: body.userId,
      });
      res.status(201).json({ url: linkTo(req, `/reset#secret=${secret}`), expiresAt });
    }),
  );
}

function settingsRoutes(router: express.Router, kit: RouteKit): void {
  const { accounts, ctx, membership } = kit;
  const { service } = kit.deps;
  router.get(
    '/:id',
    answered(async (req, res) => {
      if (!(await membership(req, res, 'member'))) return;
      res.json(await accounts.getWorkspace(String(req.params.id)));
    }),
  );

  router.patch(
    '/:id',
    answered(async (req, res) => {
      const admin = await membership(req, res, 'admin');
      const body = admin && parseBody(settingsBody, req.body, res);
      if (!admin || !body) return;
      const workspaceId = String(req.params.id);
      await accounts.updateWorkspace(workspaceId, body);
      await service.audit(
        body.guestLinks === undefined ? 'workspace-changed' : 'guest-links-changed',
        ctx(req),
        { workspaceId, actor: admin.user, detail: body },
      );
      res.json(await accounts.getWorkspace(workspaceId));
    }),
  );

  router.get(
    '/:id/audit',
    answered(async (req, res) => {
      if (!(await membership(req, res, 'admin'))) return;
      const before = Number(req.query.before);
      const events = await accounts.listAudit(String(req.params.id), {
        limit: 100,
        ...(Number.isInteger(before) && before > 0 ? { beforeSeq: before } : {}),
      });
      res.json({ events });
    }),
  );
}
