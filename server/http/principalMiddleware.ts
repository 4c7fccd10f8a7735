import type { NextFunction, Request, Response } from 'express';
import type { AuthMode } from '../auth/authMode.js';
import {
  resolvePrincipal,
  type Credentials,
  type Principal,
  type PrincipalDeps,
} from '../auth/principal.js';
import { sendError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface PrincipalMiddlewareDeps extends PrincipalDeps {
  mode: AuthMode;
  /** ALLOWED_ORIGINS, plus PUBLIC_URL's origin. */
  allowedOrigins: readonly string[];
}

/** The token of `Authorization: Bearer <token>`, if the request has one. */
export function bearerOf(req: Request): string | undefined {
  const header = req.get('authorization');
  return header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}

/** Same origin as the request's Host, or one allowed by configuration; an absent Origin is not. */
function sameSiteOrigin(req: Request, allowed: readonly string[]): boolean {
  const origin = req.get('origin');
  if (!origin) return false;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/**
 * Resolves the request's principal once (session cookie, or a personal access token as bearer)
 * into `res.locals.principal`. A state-changing request that rests on the cookie alone needs a
 * same-site Origin (no cross-site request forgery); a bearer token cannot be sent cross-site.
 */
export function principalMiddleware(deps: PrincipalMiddlewareDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (deps.mode === 'open') return next();
    const credentials: Credentials = { cookie: req.get('cookie'), token: bearerOf(req) };
    const principal = await resolvePrincipal(deps, credentials);
    if (principal?.kind === 'member' && !SAFE_METHODS.has(req.method)) {
      if (!sameSiteOrigin(req, deps.allowedOrigins)) {
        return sendError(res, 403, 'a signed-in change needs a same-site Origin header');
      }
    }
    res.locals.principal = principal;
    res.locals.principalSource = { deps, credentials } satisfies PrincipalSource;
    next();
  };
}

/** How a long-lived response finds its principal again. */
interface PrincipalSource {
  deps: PrincipalDeps;
  credentials: Credentials;
}

/**
 * Calls `onGone` once the request's principal is signed out, disabled or revoked: at once for a
 * sign-out on this instance, otherwise at the next check every `recheckMs` (which reads the
 * session without touching it, so an open stream does not keep an idle session alive). Returns
 * the function that stops watching.
 */
export function whenSignedOut(res: Response, onGone: () => void, recheckMs: number): () => void {
  const principal = principalOf(res);
  const source = res.locals.principalSource as PrincipalSource | undefined;
  if (!principal || !source) return () => {};
  let gone = false;
  const leave = () => {
    if (gone) return;
    gone = true;
    stop();
    onGone();
  };
  const stopHearing = source.deps.sessions.onEnded((ended) => {
    if (
      'userId' in ended
        ? ended.userId === principal.user.id
        : ended.sessionHash === sessionOf(principal)
    )
      leave();
  });
  const timer = setInterval(() => {
    resolvePrincipal(source.deps, source.credentials, { touch: false }).then(
      (now) => {
        if (now?.user.id !== principal.user.id) leave();
      },
      // A failed read (the database away) is not a sign-out: check again next time.
      () => {},
    );
  }, recheckMs);
  timer.unref();
  const stop = () => {
    stopHearing();
    clearInterval(timer);
  };
  return stop;
}

const sessionOf = (principal: Principal) =>
  principal.kind === 'member' ? principal.sessionHash : null;

/** The principal `principalMiddleware` found, or null (open mode, or no one). */
export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | null | undefined) ?? null;
}

/** Answers 401 and false when there is no signed-in person behind the request. */
export function requirePerson(res: Response): Principal | null {
  const principal = principalOf(res);
  if (!principal) sendError(res, 401, 'sign in first (a session, or a personal access token)');
  return principal;
}
