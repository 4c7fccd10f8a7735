import {
  EmailTaken,
  type MemberRecord,
  type MemberView,
  type PasswordHash,
  type SessionRecord,
  type UserRecord,
  type WorkspaceRecord,
  type WorkspaceRole,
} from './accounts.js';
import {
  MEMBER_VIEW_COLUMNS,
  SESSION_COLUMNS,
  USER_COLUMNS,
  USER_FIELDS,
  WORKSPACE_COLUMNS,
  WORKSPACE_FIELDS,
  assignments,
  normalEmail,
  toMember,
  toMemberView,
  toSession,
  toUser,
  toUserWorkspace,
  toWorkspace,
  type MemberRow,
  type SessionRow,
  type UserRow,
  type WorkspaceRow,
} from './accountRows.js';

/**
 * What an adapter gives SqlAccounts. SQL uses `$1`, `$2`… (PostgreSQL's placeholders, which
 * SQLite reads as named parameters) and only what both dialects understand; a parameter is a
 * string, a number, a boolean or null.
 */
export interface SqlRunner {
  /** Throws when the storage is closed or not initialised. */
  ready(): void;
  rows<R extends object>(sql: string, params: unknown[]): Promise<R[]>;
  /** Runs a statement; how many rows it changed. */
  run(sql: string, params: unknown[]): Promise<number>;
  /** Runs the statements in one transaction. */
  batch(statements: [sql: string, params: unknown[]][]): Promise<void>;
  /** Whether `err` is the unique violation of `users.email`. */
  isEmailTaken(err: unknown): boolean;
}

/**
 * People, sessions, workspaces and members: the first half of SqlAccounts (sqlAccounts.ts), the
 * account store both adapters share.
 */
export class SqlPeople {
  constructor(protected readonly sql: SqlRunner) {}

  protected async one<R extends object>(sql: string, params: unknown[]): Promise<R | undefined> {
    return (await this.sql.rows<R>(sql, params))[0];
  }

  /** One UPDATE of the patch's fields (columns from a fixed map, never from the caller). */
  private async update(table: 'users' | 'workspaces', id: string, set: [string, unknown][]) {
    this.sql.ready();
    if (set.length === 0) return;
    const columns = set.map(([c], i) => `${c} = $${i + 2}`).join(', ');
    await this.sql.run(`UPDATE ${table} SET ${columns} WHERE id = $1`, [
      id,
      ...set.map(([, v]) => v),
    ]);
  }

  async createUser(user: UserRecord, passwordHash?: PasswordHash): Promise<void> {
    const email = normalEmail(user.email);
    const statements: [string, unknown[]][] = [
      [
        `INSERT INTO users (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          user.id,
          email,
          user.name,
          user.avatarUrl,
          user.createdAt,
          user.lastActiveAt,
          user.disabled,
        ],
      ],
    ];
    if (passwordHash !== undefined) {
      statements.push([
        'INSERT INTO password_hashes (user_id, hash) VALUES ($1, $2)',
        [user.id, passwordHash],
      ]);
    }
    try {
      await this.sql.batch(statements);
    } catch (err) {
      if (this.sql.isEmailTaken(err)) throw new EmailTaken(email);
      throw err;
    }
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const row = await this.one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return row ? toUser(row) : null;
  }

  async getUserByEmail(email: string): Promise<UserRecord | null> {
    const row = await this.one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [
      normalEmail(email),
    ]);
    return row ? toUser(row) : null;
  }

  async countUsers(): Promise<number> {
    // PostgreSQL answers a BIGINT as a string.
    const row = await this.one<{ n: number | string }>('SELECT COUNT(*) AS n FROM users', []);
    return Number(row!.n);
  }

  async updateUser(
    id: string,
    patch: Partial<Pick<UserRecord, 'name' | 'avatarUrl' | 'disabled' | 'lastActiveAt'>>,
  ): Promise<void> {
    await this.update('users', id, assignments(patch, USER_FIELDS));
  }

  async getPasswordHash(userId: string): Promise<PasswordHash | null> {
    const row = await this.one<{ hash: string }>(
      'SELECT hash FROM password_hashes WHERE user_id = $1',
      [userId],
    );
    return row?.hash ?? null;
  }

  async setPasswordHash(userId: string, hash: PasswordHash): Promise<void> {
    await this.sql.run(
      `INSERT INTO password_hashes (user_id, hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash`,
      [userId, hash],
    );
  }

  async getUserByIdentity(issuer: string, subject: string): Promise<UserRecord | null> {
    const row = await this.one<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users
       WHERE id = (SELECT user_id FROM identities WHERE issuer = $1 AND subject = $2)`,
      [issuer, subject],
    );
    return row ? toUser(row) : null;
  }

  async linkIdentity(userId: string, issuer: string, subject: string): Promise<void> {
    // No transaction needed: a link, once made, never changes.
    await this.sql.run(
      `INSERT INTO identities (issuer, subject, user_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [issuer, subject, userId],
    );
    const row = await this.one<{ user_id: string }>(
      'SELECT user_id FROM identities WHERE issuer = $1 AND subject = $2',
      [issuer, subject],
    );
    if (row?.user_id !== userId) {
      throw new Error('linkIdentity: this identity is linked to another user');
    }
  }

  async createSession(x: SessionRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
      [x.secretHash, x.userId, x.createdAt, x.lastSeenAt, x.expiresAt, x.method],
    );
  }

  async getSession(secretHash: string): Promise<SessionRecord | null> {
    const row = await this.one<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE secret_hash = $1`,
      [secretHash],
    );
    return row ? toSession(row) : null;
  }

  async touchSession(secretHash: string, lastSeenAt: string): Promise<void> {
    await this.sql.run(
      'UPDATE sessions SET last_seen_at = $2 WHERE secret_hash = $1 AND last_seen_at < $2',
      [secretHash, lastSeenAt],
    );
  }

  async deleteSession(secretHash: string): Promise<void> {
    await this.sql.run('DELETE FROM sessions WHERE secret_hash = $1', [secretHash]);
  }

  async deleteUserSessions(userId: string): Promise<number> {
    return this.sql.run('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  async deleteExpiredSessions(now: string, idleBefore: string): Promise<number> {
    return this.sql.run('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2', [
      now,
      idleBefore,
    ]);
  }

  async createWorkspace(w: WorkspaceRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO workspaces (${WORKSPACE_COLUMNS}) VALUES ($1, $2, $3, $4, $5)`,
      [w.id, w.name, w.createdAt, w.openSignup, w.guestLinks],
    );
  }

  async getWorkspace(id: string): Promise<WorkspaceRecord | null> {
    const row = await this.one<WorkspaceRow>(
      `SELECT ${WORKSPACE_COLUMNS} FROM workspaces WHERE id = $1`,
      [id],
    );
    return row ? toWorkspace(row) : null;
  }

  async getDefaultWorkspace(): Promise<WorkspaceRecord | null> {
    const row = await this.one<WorkspaceRow>(
      `SELECT ${WORKSPACE_COLUMNS} FROM workspaces ORDER BY created_at, id LIMIT 1`,
      [],
    );
    return row ? toWorkspace(row) : null;
  }

  async updateWorkspace(
    id: string,
    patch: Partial<Pick<WorkspaceRecord, 'name' | 'openSignup' | 'guestLinks'>>,
  ): Promise<void> {
    await this.update('workspaces', id, assignments(patch, WORKSPACE_FIELDS));
  }

  async putMember(m: MemberRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO members (workspace_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
      [m.workspaceId, m.userId, m.role, m.joinedAt],
    );
  }

  async getMember(workspaceId: string, userId: string): Promise<MemberRecord | null> {
    const row = await this.one<MemberRow>(
      `SELECT workspace_id, user_id, role, joined_at FROM members
       WHERE workspace_id = $1 AND user_id = $2`,
      [workspaceId, userId],
    );
    return row ? toMember(row) : null;
  }

  async listMembers(workspaceId: string): Promise<MemberView[]> {
    const rows = await this.sql.rows<MemberRow & UserRow>(
      `SELECT ${MEMBER_VIEW_COLUMNS} FROM members m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = $1 ORDER BY m.joined_at, m.user_id`,
      [workspaceId],
    );
    return rows.map(toMemberView);
  }

  async listUserWorkspaces(userId: string): Promise<(WorkspaceRecord & { role: WorkspaceRole })[]> {
    const rows = await this.sql.rows<WorkspaceRow & { role: string }>(
      `SELECT ${WORKSPACE_COLUMNS}, m.role FROM workspaces JOIN members m ON m.workspace_id = id
       WHERE m.user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    return rows.map(toUserWorkspace);
  }

  async removeMember(workspaceId: string, userId: string): Promise<boolean> {
    const removed = await this.sql.run(
      'DELETE FROM members WHERE workspace_id = $1 AND user_id = $2',
      [workspaceId, userId],
    );
    return removed > 0;
  }
}
