import type { Role } from '../../shared/protocol/roles.js';
import type {
  AccessTokenRecord,
  AccountStore,
  AuditEvent,
  InvitationRecord,
  NewAuditEvent,
  PasswordResetRecord,
  UserBoardRecord,
  WorkspaceRole,
} from './accounts.js';
import {
  ACCESS_TOKEN_COLUMNS,
  AUDIT_COLUMNS,
  INVITATION_COLUMNS,
  auditPage,
  iso,
  normalEmail,
  toAccessToken,
  toAudit,
  toBoardRole,
  toInvitation,
  type AccessTokenRow,
  type AuditRow,
  type InvitationRow,
} from './accountRows.js';
import { SqlPeople } from './sqlPeople.js';

interface UserBoardRow {
  board_id: string;
  workspace_id: string;
  workspace_name: string;
  member_role: string;
  board_role: string | null;
  seen_at: string | Date | null;
  owner_id: string | null;
  owner_name: string | null;
}

const onBoard = (param: string) => `WHERE EXISTS (SELECT 1 FROM boards WHERE id = ${param})`;

/**
 * The account store both adapters share: the account tables have the same names and columns in
 * SQLite and PostgreSQL (sqliteAccounts.ts, postgresAccounts.ts), and accountRows.ts reads either
 * driver's rows. People, sessions and workspaces are in SqlPeople; boards, links, tokens and the
 * audit log here.
 */
export class SqlAccounts extends SqlPeople implements AccountStore {
  async adoptBoards(workspaceId: string): Promise<number> {
    return this.sql.run('UPDATE boards SET workspace_id = $1 WHERE workspace_id IS NULL', [
      workspaceId,
    ]);
  }

  async boardWorkspace(boardId: string): Promise<string | null> {
    const row = await this.one<{ workspace_id: string | null }>(
      'SELECT workspace_id FROM boards WHERE id = $1',
      [boardId],
    );
    return row?.workspace_id ?? null;
  }

  async setBoardWorkspace(boardId: string, workspaceId: string): Promise<void> {
    await this.sql.run('UPDATE boards SET workspace_id = $2 WHERE id = $1', [boardId, workspaceId]);
  }

  async getBoardRole(boardId: string, userId: string): Promise<Role | null> {
    const row = await this.one<{ role: string }>(
      'SELECT role FROM board_roles WHERE board_id = $1 AND user_id = $2',
      [boardId, userId],
    );
    return toBoardRole(row);
  }

  async setBoardRole(boardId: string, userId: string, role: Role | null): Promise<void> {
    if (role === null) {
      await this.sql.run('DELETE FROM board_roles WHERE board_id = $1 AND user_id = $2', [
        boardId,
        userId,
      ]);
      return;
    }
    await this.sql.run(
      `INSERT INTO board_roles (board_id, user_id, role) SELECT $1, $2, $3 ${onBoard('$1')}
       ON CONFLICT (board_id, user_id) DO UPDATE SET role = excluded.role`,
      [boardId, userId, role],
    );
  }

  async createInvitation(i: InvitationRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO invitations (${INVITATION_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        i.secretHash,
        i.workspaceId,
        i.role,
        i.email === null ? null : normalEmail(i.email),
        i.createdBy,
        i.createdAt,
        i.expiresAt,
        i.maxUses,
        i.uses,
        i.revoked,
      ],
    );
  }

  async getInvitation(secretHash: string): Promise<InvitationRecord | null> {
    const row = await this.one<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE secret_hash = $1`,
      [secretHash],
    );
    return row ? toInvitation(row) : null;
  }

  async useInvitation(secretHash: string, now: string): Promise<boolean> {
    // One UPDATE: SQLite runs it under its write lock; PostgreSQL makes a racing one wait for
    // the row lock, then checks the WHERE again on the row the winner wrote.
    const used = await this.sql.run(
      `UPDATE invitations SET uses = uses + 1
       WHERE secret_hash = $1 AND NOT revoked AND expires_at > $2 AND uses < max_uses`,
      [secretHash, now],
    );
    return used > 0;
  }

  async revokeInvitation(secretHash: string): Promise<void> {
    await this.sql.run('UPDATE invitations SET revoked = TRUE WHERE secret_hash = $1', [
      secretHash,
    ]);
  }

  async listInvitations(workspaceId: string): Promise<InvitationRecord[]> {
    const rows = await this.sql.rows<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE workspace_id = $1
       ORDER BY created_at DESC, secret_hash DESC`,
      [workspaceId],
    );
    return rows.map(toInvitation);
  }

  async createAccessToken(t: AccessTokenRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO access_tokens (${ACCESS_TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [t.id, t.secretHash, t.userId, t.name, t.createdAt, t.expiresAt, t.lastUsedAt, t.revoked],
    );
  }

  async getAccessTokenBySecret(secretHash: string): Promise<AccessTokenRecord | null> {
    const row = await this.one<AccessTokenRow>(
      `SELECT ${ACCESS_TOKEN_COLUMNS} FROM access_tokens WHERE secret_hash = $1`,
      [secretHash],
    );
    return row ? toAccessToken(row) : null;
  }

  async listAccessTokens(userId: string): Promise<AccessTokenRecord[]> {
    const rows = await this.sql.rows<AccessTokenRow>(
      `SELECT ${ACCESS_TOKEN_COLUMNS} FROM access_tokens WHERE user_id = $1
       ORDER BY created_at DESC, id DESC`,
      [userId],
    );
    return rows.map(toAccessToken);
  }

  async revokeAccessToken(userId: string, id: string): Promise<boolean> {
    const revoked = await this.sql.run(
      'UPDATE access_tokens SET revoked = TRUE WHERE id = $1 AND user_id = $2',
      [id, userId],
    );
    return revoked > 0;
  }

  async touchAccessToken(id: string, lastUsedAt: string): Promise<void> {
    await this.sql.run('UPDATE access_tokens SET last_used_at = $2 WHERE id = $1', [
      id,
      lastUsedAt,
    ]);
  }

  async createPasswordReset(r: PasswordResetRecord): Promise<void> {
    await this.sql.run(
      'INSERT INTO password_resets (secret_hash, user_id, expires_at, used) VALUES ($1, $2, $3, $4)',
      [r.secretHash, r.userId, r.expiresAt, r.used],
    );
  }

  async usePasswordReset(secretHash: string, now: string): Promise<string | null> {
    // One UPDATE, so one-time even when two requests race (see useInvitation).
    const row = await this.one<{ user_id: string }>(
      `UPDATE password_resets SET used = TRUE
       WHERE secret_hash = $1 AND NOT used AND expires_at > $2 RETURNING user_id`,
      [secretHash, now],
    );
    return row?.user_id ?? null;
  }

  async appendAudit(e: NewAuditEvent): Promise<void> {
    await this.sql.run(
      `INSERT INTO audit (workspace_id, at, action, actor_id, actor_label, target, ip, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        e.workspaceId,
        e.at,
        e.action,
        e.actorId,
        e.actorLabel,
        e.target,
        e.ip,
        JSON.stringify(e.detail),
      ],
    );
  }

  async listAudit(
    workspaceId: string,
    opts: { limit: number; beforeSeq?: number },
  ): Promise<AuditEvent[]> {
    const { limit, beforeSeq } = auditPage(opts);
    const rows = await this.sql.rows<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit WHERE workspace_id = $1 AND seq < $2
       ORDER BY seq DESC LIMIT $3`,
      [workspaceId, beforeSeq, limit],
    );
    return rows.map(toAudit);
  }

  async listUserBoards(userId: string): Promise<UserBoardRecord[]> {
    const rows = await this.sql.rows<UserBoardRow>(
      `SELECT b.id AS board_id, w.id AS workspace_id, w.name AS workspace_name,
              m.role AS member_role, r.role AS board_role, s.at AS seen_at,
              ou.id AS owner_id, ou.name AS owner_name
       FROM members m
       JOIN workspaces w ON w.id = m.workspace_id
       JOIN boards b ON b.workspace_id = m.workspace_id
       LEFT JOIN board_roles r ON r.board_id = b.id AND r.user_id = m.user_id
       LEFT JOIN board_seen s ON s.board_id = b.id AND s.user_id = m.user_id
       LEFT JOIN (SELECT board_id, MIN(user_id) AS user_id FROM board_roles
                  WHERE role = 'owner' GROUP BY board_id) o ON o.board_id = b.id
       LEFT JOIN users ou ON ou.id = o.user_id
       WHERE m.user_id = $1
       ORDER BY w.id, b.id`,
      [userId],
    );
    return rows.map((r) => ({
      boardId: r.board_id,
      workspaceId: r.workspace_id,
      workspaceName: r.workspace_name,
      memberRole: r.member_role as WorkspaceRole,
      boardRole: r.board_role as Role | null,
      owner: r.owner_id === null ? null : { id: r.owner_id, name: r.owner_name ?? '' },
      seenAt: r.seen_at === null ? null : iso(r.seen_at),
    }));
  }

  async getBoardSeen(userId: string, boardId: string): Promise<string | null> {
    const row = await this.one<{ at: string | Date }>(
      'SELECT at FROM board_seen WHERE user_id = $1 AND board_id = $2',
      [userId, boardId],
    );
    return row ? iso(row.at) : null;
  }

  async setBoardSeen(userId: string, boardId: string, at: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO board_seen (user_id, board_id, at) SELECT $1, $2, $3 ${onBoard('$2')}
       ON CONFLICT (user_id, board_id) DO UPDATE SET at = excluded.at`,
      [userId, boardId, at],
    );
  }
}
