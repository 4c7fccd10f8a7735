import express from 'express';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import type { AccountService } from '../auth/accountService.js';
import { AccountRefusal } from '../auth/accountService.js';
import type { AuthMode } from '../auth/authMode.js';
import { verifyPassword } from '../auth/passwords.js';
import { ACCESS_TOKEN_PREFIX } from '../auth/principal.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import type { Role } from '../../shared/protocol/roles.js';
import type { AccessTokenRecord } from '../storage/accounts.js';
import { answered, contextOf, publicUser } from './authRouter.js';
import { parseBody, sendError } from './errors.js';
import { bearerOf, principalOf, requirePerson } from './principalMiddleware.js';

export interface MeRouterDeps {
  mode: AuthMode;
  service: AccountService;
  trustProxyHops: number;
  /** The person's sockets reconnect, so presence and authorship carry the new name. */
  renamed(userId: string): void;
  /** The sockets the token opened close (S128). */
  tokenRevoked(tokenId: string): void;
  /** The board and role a share-link token opens (a guest's `GET /api/me`), or null. */
  guestOf(token: string): Promise<{ boardId: string; role: Role } | null>;
  now?: () => number;
}

const DAY_MS = 86_400_000;

const patchMeBody = z.object({
  name: z.string().trim().min(1, 'is required').max(80).optional(),
  password: z.object({ current: z.string().max(256), next: z.string().max(256) }).optional(),
});
const newTokenBody = z.object({
  name: z.string().trim().min(1, 'is required').max(80),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
});

const listedToken = ({ secretHash: _hash, userId: _user, ...rest }: AccessTokenRecord) => rest;

/**
 * The principal behind the request (`GET /api/me`), their profile and their personal access
 * tokens. A token is shown once, when made; storage keeps its hash.
 */
export function meRouter(deps: MeRouterDeps): express.Router {
  const { service } = deps;
  const { accounts } = service;
  const now = deps.now ?? Date.now;
  const router = express.Router();
  router.use(express.json({ limit: 16 << 10 }));

  router.get(
    '/',
    answered(async (req, res) => {
      if (deps.mode === 'open')
        return sendError(res, 401, 'this server runs without accounts (AUTH_MODE=open)');
      const token = bearerOf(req);
      const guest = !principalOf(res) && token ? await deps.guestOf(token) : null;
      if (guest) {
        const { boardId, role } = guest;
        return void res.json({
          id: null,
          name: null,
          email: null,
          kind: 'guest',
          workspaces: [],
          board: { id: boardId, role },
        });
      }
      const principal = requirePerson(res);
      if (!principal) return;
      const workspaces = await accounts.listUserWorkspaces(principal.user.id);
      res.json({
        ...publicUser(principal.user),
        kind: principal.kind,
        workspaces: workspaces.map(({ id, name, role }) => ({ id, name, role })),
      });
    }),
  );

  router.patch(
    '/',
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(patchMeBody, req.body, res);
      if (!principal || !body) return;
      const { user } = principal;
      if (body.password) {
        const hash = await accounts.getPasswordHash(user.id);
        if (!hash || !(await verifyPassword(body.password.current, hash)))
          throw new AccountRefusal(403, 'The current password is wrong.', 'password.current');
        await service.setPassword(user, body.password.next, contextOf(req, deps.trustProxyHops));
      }
      if (body.name && body.name !== user.name) {
        await accounts.updateUser(user.id, { name: body.name });
        deps.renamed(user.id);
      }
      res.json({ user: publicUser({ ...user, name: body.name ?? user.name }) });
    }),
  );

  router.get(
    '/tokens',
    answered(async (_req, res) => {
      const principal = requirePerson(res);
      if (!principal) return;
      res.json({ tokens: (await accounts.listAccessTokens(principal.user.id)).map(listedToken) });
    }),
  );

  router.post(
    '/tokens',
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(newTokenBody, req.body, res);
      if (!principal || !body) return;
      const token = newSecret(ACCESS_TOKEN_PREFIX);
      const at = now();
      const record: AccessTokenRecord = {
        id: nanoid(12),
        secretHash: hashSecret(token),
        userId: principal.user.id,
        name: body.name,
        createdAt: new Date(at).toISOString(),
        expiresAt: body.expiresInDays
          ? new Date(at + body.expiresInDays * DAY_MS).toISOString()
          : null,
        lastUsedAt: null,
        revoked: false,
      };
      await accounts.createAccessToken(record);
      await service.audit('token-created', contextOf(req, deps.trustProxyHops), {
        actor: principal.user,
        target: record.id,
        detail: { name: record.name },
      });
      res.status(201).json({ token, record: listedToken(record) });
    }),
  );

  router.delete(
    '/tokens/:id',
    answered(async (req, res) => {
      const principal = requirePerson(res);
      if (!principal) return;
      const id = String(req.params.id);
      if (!(await accounts.revokeAccessToken(principal.user.id, id)))
        return sendError(res, 404, `you have no token '${id}'`);
      deps.tokenRevoked(id);
      await service.audit('token-revoked', contextOf(req, deps.trustProxyHops), {
        actor: principal.user,
        target: id,
      });
      res.status(204).end();
    }),
  );

  return router;
}
