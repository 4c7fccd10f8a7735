import { parse as parseCookies, serialize } from 'cookie';
import type { AccountStore, SessionRecord, UserRecord } from '../storage/accounts.js';
import { hashSecret, newSecret } from './secrets.js';

export const SESSION_COOKIE = 'jb_session';
/** A session's `lastSeenAt` moves at most this often: a write per minute, not per request. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionSettings {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out this long after signing in, whatever the activity. */
  maxMs: number;
  /** `Secure` cookies: PUBLIC_URL is https. */
  secureCookie: boolean;
}

/** What ended: one session (by its hash), or every session of a person. */
export type SessionsEnded = { sessionHash: string } | { userId: string };

export interface ActiveSession {
  session: SessionRecord;
  user: UserRecord;
}

/**
 * Sessions kept in the database (so any instance of a cluster accepts any of them) under the
 * hash of an opaque cookie value; idle and absolute expiry; sign out here or everywhere.
 */
export class Sessions {
  private readonly endedListeners = new Set<(ended: SessionsEnded) => void>();

  constructor(
    private readonly accounts: AccountStore,
    private readonly settings: SessionSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session; the answer is the cookie value (never stored, never logged). */
  async start(userId: string, method: SessionRecord['method']): Promise<string> {
    const secret = newSecret();
    const at = this.now();
    await this.accounts.createSession({
      secretHash: hashSecret(secret),
      userId,
      createdAt: new Date(at).toISOString(),
      lastSeenAt: new Date(at).toISOString(),
      expiresAt: new Date(at + this.settings.maxMs).toISOString(),
      method,
    });
    return secret;
  }

  /** The live session a cookie value names, with its (enabled) user; null otherwise. */
  async resolve(
    secret: string | undefined,
    { touch = true }: { touch?: boolean } = {},
  ): Promise<ActiveSession | null> {
    if (!secret) return null;
    const secretHash = hashSecret(secret);
    const session = await this.accounts.getSession(secretHash);
    if (!session) return null;
    const now = this.now();
    const lastSeen = Date.parse(session.lastSeenAt);
    if (now >= Date.parse(session.expiresAt) || now - lastSeen >= this.settings.idleMs) {
      await this.accounts.deleteSession(secretHash);
      return null;
    }
    const user = await this.accounts.getUser(session.userId);
    if (!user || user.disabled) return null;
    if (touch && now - lastSeen >= TOUCH_EVERY_MS) {
      const at = new Date(now).toISOString();
      await this.accounts.touchSession(secretHash, at);
      await this.accounts.updateUser(user.id, { lastActiveAt: at });
    }
    return { session, user };
  }

  async end(secret: string): Promise<void> {
    const sessionHash = hashSecret(secret);
    await this.accounts.deleteSession(sessionHash);
    this.tell({ sessionHash });
  }

  async endAll(userId: string): Promise<number> {
    const ended = await this.accounts.deleteUserSessions(userId);
    this.tell({ userId });
    return ended;
  }

  /**
   * Hears sign-outs made on this instance, so that open streams end at once; other instances'
   * streams notice at their next check (`resolve` without touching).
   */
  onEnded(listener: (ended: SessionsEnded) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private tell(ended: SessionsEnded): void {
    for (const listener of this.endedListeners) listener(ended);
  }

  /** Forgets expired sessions (run now and then; `resolve` refuses them anyway). */
  sweep(): Promise<number> {
    const now = this.now();
    return this.accounts.deleteExpiredSessions(
      new Date(now).toISOString(),
      new Date(now - this.settings.idleMs).toISOString(),
    );
  }

  /** The Set-Cookie value that carries a session (or clears it, with null). */
  cookie(secret: string | null): string {
    return serialize(SESSION_COOKIE, secret ?? '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.settings.secureCookie,
      path: '/',
      ...(secret ? { maxAge: Math.floor(this.settings.maxMs / 1000) } : { maxAge: 0 }),
    });
  }
}

/** The session cookie of a request's Cookie header, if any. */
export function sessionCookieOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookies(cookieHeader)[SESSION_COOKIE] || undefined;
}
