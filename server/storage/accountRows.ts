import type { Role } from '../../shared/protocol/roles.js';
import type {
  AccessTokenRecord,
  AuditAction,
  AuditEvent,
  InvitationRecord,
  MemberRecord,
  MemberView,
  SessionRecord,
  UserRecord,
  WorkspaceRecord,
  WorkspaceRole,
} from './accounts.js';

/*
 * The account tables' rows as either driver answers them, and their records. Both adapters
 * use the same column names; only the types differ: SQLite gives text timestamps, 0/1 flags and
 * JSON text, PostgreSQL gives Dates (TIMESTAMPTZ), booleans, JSONB objects and BIGINT strings.
 */

type Stamp = string | Date;
type Flag = number | boolean;

/** A timestamp back as the ISO 8601 string it was stored from. */
export const iso = (t: Stamp): string => (typeof t === 'string' ? t : t.toISOString());
const isoOrNull = (t: Stamp | null): string | null => (t === null ? null : iso(t));
const flag = (f: Flag): boolean => f === true || f === 1;

/**
 * `[column, value]` for each field of `patch` that is set; the columns come from `columns`, so
 * nothing the caller sends reaches the SQL text.
 */
export function assignments<P extends object>(
  patch: P,
  columns: Record<keyof P, string>,
): [string, unknown][] {
  return (Object.keys(columns) as (keyof P)[])
    .filter((field) => patch[field] !== undefined)
    .map((field) => [columns[field], patch[field]]);
}

export const USER_FIELDS = {
  name: 'name',
  avatarUrl: 'avatar_url',
  disabled: 'disabled',
  lastActiveAt: 'last_active_at',
} as const;

export const WORKSPACE_FIELDS = {
  name: 'name',
  openSignup: 'open_signup',
  guestLinks: 'guest_links',
} as const;

/** listAudit's paging, checked (SQLite reads a negative LIMIT as none). */
export function auditPage(opts: { limit: number; beforeSeq?: number }): {
  limit: number;
  beforeSeq: number;
} {
  const { limit, beforeSeq = Number.MAX_SAFE_INTEGER } = opts;
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`listAudit: invalid limit ${limit}`);
  }
  if (!Number.isSafeInteger(beforeSeq)) {
    throw new RangeError(`listAudit: invalid beforeSeq ${beforeSeq}`);
  }
  return { limit, beforeSeq };
}

/** How e-mail addresses are stored and looked up. */
export const normalEmail = (email: string): string => email.toLowerCase();

export interface UserRow {
  id: string;
  email: string;
  name: string;
  avatar_url: string | null;
  created_at: Stamp;
  last_active_at: Stamp;
  disabled: Flag;
}

export const USER_COLUMNS = 'id, email, name, avatar_url, created_at, last_active_at, disabled';

export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  avatarUrl: r.avatar_url,
  createdAt: iso(r.created_at),
  lastActiveAt: iso(r.last_active_at),
  disabled: flag(r.disabled),
});

export interface SessionRow {
  secret_hash: string;
  user_id: string;
  created_at: Stamp;
  last_seen_at: Stamp;
  expires_at: Stamp;
  method: string;
}

export const SESSION_COLUMNS = 'secret_hash, user_id, created_at, last_seen_at, expires_at, method';

export const toSession = (r: SessionRow): SessionRecord => ({
  secretHash: r.secret_hash,
  userId: r.user_id,
  createdAt: iso(r.created_at),
  lastSeenAt: iso(r.last_seen_at),
  expiresAt: iso(r.expires_at),
  method: r.method as SessionRecord['method'],
});

export interface WorkspaceRow {
  id: string;
  name: string;
  created_at: Stamp;
  open_signup: Flag;
  guest_links: Flag;
}

export const WORKSPACE_COLUMNS = 'id, name, created_at, open_signup, guest_links';

export const toWorkspace = (r: WorkspaceRow): WorkspaceRecord => ({
  id: r.id,
  name: r.name,
  createdAt: iso(r.created_at),
  openSignup: flag(r.open_signup),
  guestLinks: flag(r.guest_links),
});

export interface MemberRow {
  workspace_id: string;
  user_id: string;
  role: string;
  joined_at: Stamp;
}

export const toMember = (r: MemberRow): MemberRecord => ({
  workspaceId: r.workspace_id,
  userId: r.user_id,
  role: r.role as WorkspaceRole,
  joinedAt: iso(r.joined_at),
});

/** A member joined with its user (`m` and `u` are the members and users tables). */
export const MEMBER_VIEW_COLUMNS =
  'm.workspace_id, m.user_id, m.role, m.joined_at, u.id, u.email, u.name, u.avatar_url, u.created_at, u.last_active_at, u.disabled';

export const toMemberView = (r: MemberRow & UserRow): MemberView => ({
  ...toMember(r),
  user: toUser(r),
});

export const toUserWorkspace = (
  r: WorkspaceRow & { role: string },
): WorkspaceRecord & { role: WorkspaceRole } => ({
  ...toWorkspace(r),
  role: r.role as WorkspaceRole,
});

export const toBoardRole = (r: { role: string } | undefined): Role | null =>
  r ? (r.role as Role) : null;

export interface InvitationRow {
  secret_hash: string;
  workspace_id: string;
  role: string;
  email: string | null;
  created_by: string;
  created_at: Stamp;
  expires_at: Stamp;
  max_uses: number;
  uses: number;
  revoked: Flag;
}

export const INVITATION_COLUMNS =
  'secret_hash, workspace_id, role, email, created_by, created_at, expires_at, max_uses, uses, revoked';

export const toInvitation = (r: InvitationRow): InvitationRecord => ({
  secretHash: r.secret_hash,
  workspaceId: r.workspace_id,
  role: r.role as WorkspaceRole,
  email: r.email,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  expiresAt: iso(r.expires_at),
  maxUses: r.max_uses,
  uses: r.uses,
  revoked: flag(r.revoked),
});

export interface AccessTokenRow {
  id: string;
  secret_hash: string;
  user_id: string;
  name: string;
  created_at: Stamp;
  expires_at: Stamp | null;
  last_used_at: Stamp | null;
  revoked: Flag;
}

export const ACCESS_TOKEN_COLUMNS =
  'id, secret_hash, user_id, name, created_at, expires_at, last_used_at, revoked';

export const toAccessToken = (r: AccessTokenRow): AccessTokenRecord => ({
  id: r.id,
  secretHash: r.secret_hash,
  userId: r.user_id,
  name: r.name,
  createdAt: iso(r.created_at),
  expiresAt: isoOrNull(r.expires_at),
  lastUsedAt: isoOrNull(r.last_used_at),
  revoked: flag(r.revoked),
});

export interface AuditRow {
  seq: number | string;
  workspace_id: string | null;
  at: Stamp;
  action: string;
  actor_id: string | null;
  actor_label: string;
  target: string | null;
  ip: string | null;
  detail: string | AuditEvent['detail'];
}

export const AUDIT_COLUMNS =
  'seq, workspace_id, at, action, actor_id, actor_label, target, ip, detail';

export const toAudit = (r: AuditRow): AuditEvent => ({
  seq: Number(r.seq),
  workspaceId: r.workspace_id,
  at: iso(r.at),
  action: r.action as AuditAction,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  target: r.target,
  ip: r.ip,
  detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as AuditEvent['detail']) : r.detail,
});
