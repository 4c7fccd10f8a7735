import type { Role } from '../../shared/protocol/roles.js';

/**
 * People, workspaces and what proves who someone is: the account half of the storage port.
 * Every adapter (SQLite, PostgreSQL) implements it over the same database as the boards, so any
 * instance of a cluster accepts any session. test/contract/accounts.contract.ts is its contract.
 *
 * Secrets never reach storage: sessions, invitations, reset links and personal access tokens
 * are looked up by the SHA-256 of the secret (`secretHash`), so a leaked database opens nothing.
 *
 * Timestamps are `Date#toISOString()` strings (UTC, milliseconds): SQLite compares them as text.
 * E-mail addresses are stored and looked up lower-cased (`String#toLowerCase`).
 */

/** A workspace role; board roles (owner/editor/commenter/viewer) live in shared/protocol/roles. */
export const WORKSPACE_ROLES = ['admin', 'member', 'guest'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export interface UserRecord {
  id: string;
  /** Lower-cased; unique across the install. */
  email: string;
  name: string;
  avatarUrl: string | null;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601; moved forward (at most once a minute) while the person uses the app. */
  lastActiveAt: string;
  /** A disabled user cannot sign in; their sessions and tokens are refused. */
  disabled: boolean;
}

/** scrypt parameters and result, as `passwords.ts` encodes them (never the password). */
export type PasswordHash = string;

export interface SessionRecord {
  /** SHA-256 of the cookie value, hex. */
  secretHash: string;
  userId: string;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601; the idle expiry counts from here. */
  lastSeenAt: string;
  /** ISO 8601; absolute expiry. */
  expiresAt: string;
  /** How the session began, for the audit log and the sessions list. */
  method: 'password' | 'oidc';
}

export interface WorkspaceRecord {
  id: string;
  name: string;
  /** ISO 8601 */
  createdAt: string;
  /** Anyone may create an account (otherwise by invitation or single sign-on only). */
  openSignup: boolean;
  /** The four share links of a board work as guest links; an admin may turn them off. */
  guestLinks: boolean;
}

export interface MemberRecord {
  workspaceId: string;
  userId: string;
  role: WorkspaceRole;
  /** ISO 8601 */
  joinedAt: string;
}

/** A member as the member page lists them. */
export interface MemberView extends MemberRecord {
  user: UserRecord;
}

export interface InvitationRecord {
  /** SHA-256 of the link's secret, hex. */
  secretHash: string;
  workspaceId: string;
  role: WorkspaceRole;
  /** Null: a link anyone holding it may use (until it expires or reaches `maxUses`). */
  email: string | null;
  createdBy: string;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  expiresAt: string;
  maxUses: number;
  uses: number;
  revoked: boolean;
}

/** A personal access token, as listed (the token itself is shown once, at creation). */
export interface AccessTokenRecord {
  id: string;
  /** SHA-256 of the token, hex. */
  secretHash: string;
  userId: string;
  name: string;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601, or null for no expiry. */
  expiresAt: string | null;
  /** ISO 8601 */
  lastUsedAt: string | null;
  revoked: boolean;
}

/** A one-time password reset (by e-mail when SMTP is set up, else a link an admin makes). */
export interface PasswordResetRecord {
  secretHash: string;
  userId: string;
  /** ISO 8601 */
  expiresAt: string;
  used: boolean;
}

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'sign-out-everywhere',
  'account-created',
  'password-changed',
  'password-reset-created',
  'password-reset-requested',
  'role-changed',
  'member-added',
  'member-removed',
  'invitation-created',
  'invitation-revoked',
  'guest-links-changed',
  'link-rotated',
  'token-created',
  'token-revoked',
  'board-created',
  'board-deleted',
  'board-exported',
  'workspace-changed',
  'workspace-created',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  /** Assigned by storage, increasing. */
  seq: number;
  workspaceId: string | null;
  /** ISO 8601 */
  at: string;
  action: AuditAction;
  /** The user who acted, when known (a failed sign-in has none). */
  actorId: string | null;
  /** What the actor was shown as (an e-mail typed at a failed sign-in, a guest's name). */
  actorLabel: string;
  /** What it was done to: a user id, a board id, a token id… */
  target: string | null;
  ip: string | null;
  /** Small, secret-free details (the new role, the method of sign-in). */
  detail: Record<string, string | number | boolean>;
}

export type NewAuditEvent = Omit<AuditEvent, 'seq'>;

/** One board a user reaches through a workspace they belong to (`listUserBoards`). */
export interface UserBoardRecord {
  boardId: string;
  workspaceId: string;
  workspaceName: string;
  /** The user's role in the board's workspace. */
  memberRole: WorkspaceRole;
  /** The board role given to the user on this board, null when the workspace default applies. */
  boardRole: Role | null;
  /** Who holds the owner role on the board (its creator; the lowest id when several). */
  owner: { id: string; name: string } | null;
  /** When the user last had the board open (ISO 8601), as `getBoardSeen`. */
  seenAt: string | null;
}

export interface AccountStore {
  /**
   * Creates a user (e-mail lower-cased) and, when given, its password hash, in one transaction;
   * a duplicate e-mail in any case throws `EmailTaken` and stores nothing.
   */
  createUser(user: UserRecord, passwordHash?: PasswordHash): Promise<void>;
  getUser(id: string): Promise<UserRecord | null>;
  /** Case-insensitive. */
  getUserByEmail(email: string): Promise<UserRecord | null>;
  countUsers(): Promise<number>;
  /** Changes only the fields given; nothing for an unknown id. */
  updateUser(
    id: string,
    patch: Partial<Pick<UserRecord, 'name' | 'avatarUrl' | 'disabled' | 'lastActiveAt'>>,
  ): Promise<void>;
  getPasswordHash(userId: string): Promise<PasswordHash | null>;
  setPasswordHash(userId: string, hash: PasswordHash): Promise<void>;

  /** The user an external identity (issuer + subject) signed in as before, if any. */
  getUserByIdentity(issuer: string, subject: string): Promise<UserRecord | null>;
  /** Again for the same user: nothing changes; an identity linked to someone else rejects. */
  linkIdentity(userId: string, issuer: string, subject: string): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  /** As stored, expired or not: the caller checks the expiry. */
  getSession(secretHash: string): Promise<SessionRecord | null>;
  /** Moves `lastSeenAt` forward only (requests of one session may finish out of order). */
  touchSession(secretHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(secretHash: string): Promise<void>;
  /** Sign out everywhere: every session of the user; how many there were. */
  deleteUserSessions(userId: string): Promise<number>;
  /** Removes sessions with `expiresAt <= now` or `lastSeenAt < idleBefore`; how many. */
  deleteExpiredSessions(now: string, idleBefore: string): Promise<number>;

  createWorkspace(workspace: WorkspaceRecord): Promise<void>;
  getWorkspace(id: string): Promise<WorkspaceRecord | null>;
  /** The oldest workspace (ties: lowest id): where first sign-ins and old boards go. */
  getDefaultWorkspace(): Promise<WorkspaceRecord | null>;
  updateWorkspace(
    id: string,
    patch: Partial<Pick<WorkspaceRecord, 'name' | 'openSignup' | 'guestLinks'>>,
  ): Promise<void>;

  /** Adds the member, or changes the role of one already there (keeping its `joinedAt`). */
  putMember(member: MemberRecord): Promise<void>;
  getMember(workspaceId: string, userId: string): Promise<MemberRecord | null>;
  /** Oldest member first (ties: by user id). */
  listMembers(workspaceId: string): Promise<MemberView[]>;
  /** The workspaces a user belongs to, with their role; oldest workspace first. */
  listUserWorkspaces(userId: string): Promise<(WorkspaceRecord & { role: WorkspaceRole })[]>;
  /** False when they were not a member. */
  removeMember(workspaceId: string, userId: string): Promise<boolean>;

  /** Boards without a workspace (made before accounts) join this one; how many did. */
  adoptBoards(workspaceId: string): Promise<number>;
  /** The board's workspace, null for a board made in open mode and not yet adopted. */
  boardWorkspace(boardId: string): Promise<string | null>;
  /** Nothing for an unknown board. */
  setBoardWorkspace(boardId: string, workspaceId: string): Promise<void>;
  /** A board role given to one user on one board, over the workspace's default. */
  getBoardRole(boardId: string, userId: string): Promise<Role | null>;
  /**
   * Null removes the board's own role (the workspace's default applies again). Nothing is
   * stored for an unknown board; deleting a board deletes its roles.
   */
  setBoardRole(boardId: string, userId: string, role: Role | null): Promise<void>;

  /** Its `email`, if any, is stored lower-cased. */
  createInvitation(invitation: InvitationRecord): Promise<void>;
  getInvitation(secretHash: string): Promise<InvitationRecord | null>;
  /**
   * Counts one use if the invitation is still good at `now` (not revoked, not expired, uses
   * left); false otherwise. Atomic: two sign-ups racing for the last use, one wins.
   */
  useInvitation(secretHash: string, now: string): Promise<boolean>;
  revokeInvitation(secretHash: string): Promise<void>;
  /** Newest first; used up, expired and revoked ones included. */
  listInvitations(workspaceId: string): Promise<InvitationRecord[]>;

  createAccessToken(token: AccessTokenRecord): Promise<void>;
  getAccessTokenBySecret(secretHash: string): Promise<AccessTokenRecord | null>;
  /** Newest first (ties: by id); revoked ones included. */
  listAccessTokens(userId: string): Promise<AccessTokenRecord[]>;
  /** False when the user has no such token. */
  revokeAccessToken(userId: string, id: string): Promise<boolean>;
  touchAccessToken(id: string, lastUsedAt: string): Promise<void>;

  createPasswordReset(reset: PasswordResetRecord): Promise<void>;
  /** Marks it used and answers its user if it was unused and not expired at `now`; else null. */
  usePasswordReset(secretHash: string, now: string): Promise<string | null>;

  appendAudit(event: NewAuditEvent): Promise<void>;
  /** The workspace's events, newest first, at most `limit`, optionally before a `seq` (paging). */
  listAudit(
    workspaceId: string,
    opts: { limit: number; beforeSeq?: number },
  ): Promise<AuditEvent[]>;

  /**
   * Every board in every workspace the user belongs to, with their standing on it: one query,
   * however many boards (the boards page). Ordered by workspace, then board id.
   */
  listUserBoards(userId: string): Promise<UserBoardRecord[]>;

  /** "Since you last looked": when the user last had the board open (ISO 8601), per user. */
  getBoardSeen(userId: string, boardId: string): Promise<string | null>;
  /** Overwrites the last look; nothing for an unknown board; deleting a board deletes them. */
  setBoardSeen(userId: string, boardId: string, at: string): Promise<void>;
}

/**
 * Thrown by `createUser` for an e-mail that already has an account (from the SQLite worker
 * thread too, where `email` is what rebuilds it).
 */
export class EmailTaken extends Error {
  readonly code = 'EMAIL_TAKEN';
  constructor(readonly email: string) {
    super(`an account with the e-mail ${email} already exists`);
    this.name = 'EmailTaken';
  }
}
