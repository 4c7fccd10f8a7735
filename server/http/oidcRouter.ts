import express, { type Request, type Response } from 'express';
import { parse as parseCookies, serialize } from 'cookie';
import { AccountRefusal, type AccountService } from '../auth/accountService.js';
import {
  OidcRefusal,
  openPending,
  PENDING_COOKIE,
  PENDING_TTL_SECONDS,
  sealPending,
  type OidcSignIn,
} from '../auth/oidc.js';
import type { Sessions } from '../auth/sessions.js';
import type { Logger } from '../logger.js';
import { contextOf } from './authRouter.js';

export interface OidcRouterDeps {
  oidc: OidcSignIn;
  service: AccountService;
  sessions: Sessions;
  /** Seals the pending sign-in between the two legs (the server secret). */
  secret: Uint8Array;
  secureCookie: boolean;
  /** Where the browser comes back: `${PUBLIC_URL}/auth/oidc/callback`. */
  trustProxyHops: number;
  log: Logger;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page for a refused sign-in: what happened, and a way back. */
function errorPage(res: Response, status: number, message: string): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in failed · journeyboard</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">` +
        `<h1>Sign-in failed</h1><p role="alert">${escapeHtml(message)}</p>` +
        `<p><a href="/signin">Back to sign-in</a></p></body></html>`,
    );
}

/**
 * Single sign-on: `/auth/oidc/login` sends the browser to the provider with a fresh state,
 * nonce and PKCE verifier sealed in a short-lived cookie; `/auth/oidc/callback` checks them,
 * signs the person in (made at first sign-in) and sends them back where they were going.
 */
export function oidcRouter(deps: OidcRouterDeps): express.Router {
  const { oidc, service, sessions, log } = deps;
  const router = express.Router();
  const pendingCookie = (value: string | null) =>
    serialize(PENDING_COOKIE, value ?? '', {
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level navigation, which carries it.
      sameSite: 'lax',
      secure: deps.secureCookie,
      path: '/auth/oidc',
      maxAge: value ? PENDING_TTL_SECONDS : 0,
    });

  router.get('/login', async (req: Request, res: Response) => {
    try {
      const { redirectUrl, pending } = await oidc.begin(req.query.returnTo);
      res
        .set('Set-Cookie', pendingCookie(await sealPending(pending, deps.secret)))
        .redirect(302, redirectUrl);
    } catch (err) {
      if (!(err instanceof OidcRefusal)) throw err;
      log.warn({ reason: err.reason, detail: err.detail }, 'single sign-on could not start');
      errorPage(res, err.status, err.message);
    }
  });

  router.get('/callback', async (req: Request, res: Response) => {
    const ctx = contextOf(req, deps.trustProxyHops);
    res.append('Set-Cookie', pendingCookie(null));
    try {
      const sealed = parseCookies(req.get('cookie') ?? '')[PENDING_COOKIE];
      const pending = await openPending(sealed, deps.secret);
      const callbackUrl = new URL(req.originalUrl, 'http://callback.invalid');
      const identity = await oidc.finish(callbackUrl, pending);
      const user = await service.oidcSignIn(
        {
          issuer: identity.issuer,
          subject: identity.subject,
          email: identity.email,
          emailVerified: identity.emailVerified,
          name: identity.name,
          avatarUrl: identity.avatarUrl,
          admin: oidc.isAdmin(identity),
        },
        ctx,
      );
      const session = await sessions.start(user.id, 'oidc');
      res.append('Set-Cookie', sessions.cookie(session)).redirect(302, pending.returnTo);
    } catch (err) {
      if (err instanceof OidcRefusal) {
        log.warn({ reason: err.reason, detail: err.detail }, 'single sign-on refused');
        await service.audit('sign-in-failed', ctx, {
          actorLabel: 'single sign-on',
          detail: { method: 'oidc', reason: err.reason },
        });
        return errorPage(res, err.status, err.message);
      }
      if (err instanceof AccountRefusal) return errorPage(res, err.status, err.message);
      throw err;
    }
  });

  return router;
}
