import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  AccountRefusal,
  type AccountService,
  type RequestContext,
} from '../auth/accountService.js';
import type { AuthMode } from '../auth/authMode.js';
import { PASSWORD_RULES } from '../auth/passwords.js';
import { sessionCookieOf, type Sessions } from '../auth/sessions.js';
import type { AccountMail } from '../mail/accountMail.js';
import type { UserRecord } from '../storage/accounts.js';
import { clientAddress } from '../sync/index.js';
import { parseBody, sendError } from './errors.js';
import { principalOf } from './principalMiddleware.js';

export interface AuthRouterDeps {
  mode: AuthMode;
  service: AccountService;
  sessions: Sessions;
  trustProxyHops: number;
  /** The label of the single sign-on button, when OIDC is configured. */
  oidcLabel: string | null;
  /** Account e-mail, when `SMTP_URL` is set: "Forgot password?" mails a reset link. */
  mail: AccountMail | null;
}

const email = z.string().trim().toLowerCase().email('is not an e-mail address').max(254);
const name = z.string().trim().min(1, 'is required').max(80);
const password = z.string().min(1, 'is required').max(PASSWORD_RULES.maxLength);
const secret = z.string().min(16).max(200);

const setupBody = z.object({
  name,
  email,
  password,
  workspaceName: z.string().max(80).default(''),
});
const loginBody = z.object({ email: z.string().trim().max(254), password });
const signupBody = z.object({ name, email, password, invitation: secret.optional() });
const resetBody = z.object({ secret, password });
const previewBody = z.object({ secret });
const forgotBody = z.object({ email });

/** The user as the client sees it: never a hash, never a secret. */
export const publicUser = (u: UserRecord) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  avatarUrl: u.avatarUrl,
});

export const contextOf = (req: Request, trustProxyHops: number): RequestContext => ({
  ip: clientAddress(req, trustProxyHops),
});

/** Runs an async handler, answering an `AccountRefusal` with its status, sentence and field. */
export const answered =
  (handler: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction) =>
    handler(req, res).catch((err: unknown) => {
      if (!(err instanceof AccountRefusal)) return next(err);
      if (err.retryAfterSeconds) res.set('Retry-After', String(err.retryAfterSeconds));
      sendError(res, err.status, err.message, err.field ? { field: err.field } : {});
    });

/**
 * Signing in and out: the first admin, password sign-in, sign-up by invitation, one-time
 * resets. Each success sets the session cookie (HttpOnly, SameSite=Lax).
 */
export function authRouter(deps: AuthRouterDeps): express.Router {
  const { service, sessions } = deps;
  const router = express.Router();
  router.use(express.json({ limit: 16 << 10 }));
  const ctx = (req: Request) => contextOf(req, deps.trustProxyHops);

  const signedIn = async (res: Response, user: UserRecord, status: number) => {
    const cookieValue = await sessions.start(user.id, 'password');
    res
      .set('Set-Cookie', sessions.cookie(cookieValue))
      .status(status)
      .json({ user: publicUser(user) });
  };
  const accountsOnly = (_req: Request, res: Response, next: NextFunction) =>
    deps.mode === 'open'
      ? sendError(res, 404, 'this server runs without accounts (AUTH_MODE=open)')
      : next();

  router.get(
    '/config',
    answered(async (_req, res) => {
      const workspace = deps.mode === 'open' ? null : await service.accounts.getDefaultWorkspace();
      res.json({
        mode: deps.mode,
        needsSetup: deps.mode === 'accounts' && (await service.needsSetup()),
        localSignIn: deps.mode === 'accounts',
        openSignup: workspace?.openSignup ?? false,
        oidc: deps.oidcLabel ? { label: deps.oidcLabel } : null,
        mail: deps.mail !== null,
        passwordResetByEmail: deps.mode === 'accounts' && deps.mail !== null,
        passwordRules: { minLength: PASSWORD_RULES.minLength },
      });
    }),
  );

  router.post(
    '/setup',
    accountsOnly,
    answered(async (req, res) => {
      const body = parseBody(setupBody, req.body, res);
      if (body) await signedIn(res, await service.setup(body, ctx(req)), 201);
    }),
  );

  router.post(
    '/login',
    accountsOnly,
    answered(async (req, res) => {
      const body = parseBody(loginBody, req.body, res);
      if (body) await signedIn(res, await service.signIn(body.email, body.password, ctx(req)), 200);
    }),
  );

  // POST, the secret in the body: a path would reach access logs (ours and any proxy's).
  router.post(
    '/invitations/preview',
    accountsOnly,
    answered(async (req, res) => {
      const body = parseBody(previewBody, req.body, res);
      if (!body) return;
      const invitation = await service.invitation(body.secret);
      const workspace = await service.accounts.getWorkspace(invitation.workspaceId);
      res.json({
        workspace: { name: workspace?.name ?? '' },
        role: invitation.role,
        email: invitation.email,
      });
    }),
  );

  router.post(
    '/signup',
    accountsOnly,
    answered(async (req, res) => {
      const body = parseBody(signupBody, req.body, res);
      if (body) await signedIn(res, await service.signUp(body, ctx(req)), 201);
    }),
  );

  router.post(
    '/reset',
    accountsOnly,
    answered(async (req, res) => {
      const body = parseBody(resetBody, req.body, res);
      if (body)
        await signedIn(res, await service.resetPassword(body.secret, body.password, ctx(req)), 200);
    }),
  );

  // W147: 202 whatever the address (no account enumeration); 429 past the limits.
  router.post(
    '/forgot',
    accountsOnly,
    answered(async (req, res) => {
      if (deps.mode !== 'accounts' || !deps.mail)
        return sendError(
          res,
          404,
          'this server mails no reset links (no SMTP_URL, or single sign-on only); ask a workspace admin for one',
        );
      const body = parseBody(forgotBody, req.body, res);
      if (!body) return;
      deps.mail.requestPasswordReset(body.email, ctx(req));
      res.status(202).json({
        message: 'If an account uses this address, a reset link is on its way to it.',
      });
    }),
  );

  router.post(
    '/logout',
    answered(async (req, res) => {
      const cookieValue = sessionCookieOf(req.get('cookie'));
      const principal = principalOf(res);
      if (cookieValue) await sessions.end(cookieValue);
      if (principal) await service.audit('sign-out', ctx(req), { actor: principal.user });
      res.set('Set-Cookie', sessions.cookie(null)).status(204).end();
    }),
  );

  router.post(
    '/logout-everywhere',
    answered(async (req, res) => {
      const principal = principalOf(res);
      if (!principal) return sendError(res, 401, 'sign in first');
      const ended = await sessions.endAll(principal.user.id);
      await service.audit('sign-out-everywhere', ctx(req), {
        actor: principal.user,
        detail: { sessions: ended },
      });
      res.set('Set-Cookie', sessions.cookie(null)).status(204).end();
    }),
  );

  return router;
}
