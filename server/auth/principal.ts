import type { AccountStore, UserRecord } from '../storage/accounts.js';
import { hashSecret } from './secrets.js';
import { sessionCookieOf, type Sessions } from './sessions.js';

/** Personal access tokens start so, which tells them from share-link tokens (JWTs). */
export const ACCESS_TOKEN_PREFIX = 'jbp_';
/** A token's `lastUsedAt` moves at most this often. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Who a request or an upgrade is from, resolved once at the door: a signed-in person (session
 * cookie) or a script holding one of their personal access tokens. A share-link holder is not a
 * principal: their access is to one board, decided by `boardAccess`.
 */
export type Principal =
  | { kind: 'member'; user: UserRecord; sessionHash: string }
  | { kind: 'token'; user: UserRecord; tokenId: string };

/**
 * Opaque names of what admitted a principal: their session (by its hash, never the secret) and
 * "every session of this person", or their access token (by id). Sockets carry them so that a
 * sign-out or a revocation closes exactly the sockets it admitted (S128).
 */
export const credentialsOf = (principal: Principal): string[] =>
  principal.kind === 'member'
    ? [sessionCredential(principal.sessionHash), sessionsOfCredential(principal.user.id)]
    : [tokenCredential(principal.tokenId)];
export const sessionCredential = (sessionHash: string): string => `session:${sessionHash}`;
export const tokenCredential = (tokenId: string): string => `token:${tokenId}`;
/** Every session of one person ("sign out everywhere"); their access tokens stay. */
export const sessionsOfCredential = (userId: string): string => `sessions-of:${userId}`;

export interface Credentials {
  /** The request's Cookie header. */
  cookie?: string;
  /** A bearer token (Authorization header, or the sync endpoint's token). */
  token?: string;
}

export interface PrincipalDeps {
  accounts: AccountStore;
  sessions: Sessions;
  now?: () => number;
}

export const isAccessToken = (token: string | undefined): token is string =>
  token?.startsWith(ACCESS_TOKEN_PREFIX) === true;

/** The principal behind the credentials, or null (no one, or nothing valid). */
export async function resolvePrincipal(
  deps: PrincipalDeps,
  { cookie, token }: Credentials,
  { touch = true }: { touch?: boolean } = {},
): Promise<Principal | null> {
  if (isAccessToken(token)) return tokenPrincipal(deps, token, touch);
  const secret = sessionCookieOf(cookie);
  const active = await deps.sessions.resolve(secret, { touch });
  return active && secret
    ? { kind: 'member', user: active.user, sessionHash: active.session.secretHash }
    : null;
}

async function tokenPrincipal(
  deps: PrincipalDeps,
  token: string,
  touch: boolean,
): Promise<Principal | null> {
  const record = await deps.accounts.getAccessTokenBySecret(hashSecret(token));
  const now = (deps.now ?? Date.now)();
  if (!record || record.revoked) return null;
  if (record.expiresAt && Date.parse(record.expiresAt) <= now) return null;
  const user = await deps.accounts.getUser(record.userId);
  if (!user || user.disabled) return null;
  if (touch && (!record.lastUsedAt || now - Date.parse(record.lastUsedAt) >= TOUCH_EVERY_MS))
    await deps.accounts.touchAccessToken(record.id, new Date(now).toISOString());
  return { kind: 'token', user, tokenId: record.id };
}
