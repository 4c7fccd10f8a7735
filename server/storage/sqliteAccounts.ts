import type Database from 'better-sqlite3';
import { SqlAccounts } from './sqlAccounts.js';
import type { SqlRunner } from './sqlPeople.js';

/**
 * The account tables, appended to SqliteStorage's migrations (after the three of the boards).
 * Append new entries, never edit old ones.
 */
export const ACCOUNT_MIGRATIONS: readonly string[] = [
  // People and what proves who they are. E-mails are stored lower-cased: UNIQUE is enough.
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     avatar_url TEXT,
     created_at TEXT NOT NULL,
     last_active_at TEXT NOT NULL,
     disabled INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE password_hashes (
     user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
     hash TEXT NOT NULL
   );
   CREATE TABLE identities (
     issuer TEXT NOT NULL,
     subject TEXT NOT NULL,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     PRIMARY KEY (issuer, subject)
   );
   CREATE TABLE sessions (
     secret_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     method TEXT NOT NULL
   );
   CREATE INDEX sessions_user ON sessions (user_id);`,
  // Workspaces, their members, and who may do what on which board. Boards made before accounts
  // (or in open mode) have no workspace until one adopts them.
  `CREATE TABLE workspaces (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     open_signup INTEGER NOT NULL,
     guest_links INTEGER NOT NULL
   );
   CREATE TABLE members (
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     joined_at TEXT NOT NULL,
     PRIMARY KEY (workspace_id, user_id)
   );
   CREATE INDEX members_user ON members (user_id);
   ALTER TABLE boards ADD COLUMN workspace_id TEXT REFERENCES workspaces (id);
   CREATE INDEX boards_workspace ON boards (workspace_id);
   CREATE TABLE board_roles (
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     PRIMARY KEY (board_id, user_id)
   );
   CREATE TABLE board_seen (
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     PRIMARY KEY (user_id, board_id)
   );
   CREATE INDEX board_seen_board ON board_seen (board_id);`,
  // Links and tokens (by the SHA-256 of their secret), and the audit log (kept whatever goes).
  `CREATE TABLE invitations (
     secret_hash TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     email TEXT,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     max_uses INTEGER NOT NULL,
     uses INTEGER NOT NULL,
     revoked INTEGER NOT NULL
   );
   CREATE INDEX invitations_workspace ON invitations (workspace_id, created_at);
   CREATE TABLE access_tokens (
     id TEXT PRIMARY KEY,
     secret_hash TEXT NOT NULL UNIQUE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT,
     last_used_at TEXT,
     revoked INTEGER NOT NULL
   );
   CREATE INDEX access_tokens_user ON access_tokens (user_id, created_at);
   CREATE TABLE password_resets (
     secret_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     expires_at TEXT NOT NULL,
     used INTEGER NOT NULL
   );
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     workspace_id TEXT,
     at TEXT NOT NULL,
     action TEXT NOT NULL,
     actor_id TEXT,
     actor_label TEXT NOT NULL,
     target TEXT,
     ip TEXT,
     detail TEXT NOT NULL
   );
   CREATE INDEX audit_workspace_seq ON audit (workspace_id, seq);`,
];

/** better-sqlite3 binds no booleans. */
const bindable = (v: unknown): unknown => (typeof v === 'boolean' ? Number(v) : v);

/** `$1`, `$2`… are named parameters to SQLite: bound by name, the index. */
const named = (params: unknown[]): Record<number, unknown> =>
  Object.fromEntries(params.map((v, i) => [i + 1, bindable(v)]));

/** SqlAccounts' statements on a better-sqlite3 connection, each prepared once. */
export class SqliteRunner implements SqlRunner {
  /** Set once the migrations ran (SqliteStorage#init). */
  initialised = false;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  ready(): void {
    if (!this.db.open) throw new Error('SqliteStorage is closed');
    if (!this.initialised) throw new Error('SqliteStorage.init() has not been called');
  }

  private statement(sql: string): Database.Statement {
    this.ready();
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async rows<R extends object>(sql: string, params: unknown[]): Promise<R[]> {
    return this.statement(sql).all(named(params)) as R[];
  }

  async run(sql: string, params: unknown[]): Promise<number> {
    return this.statement(sql).run(named(params)).changes;
  }

  async batch(statements: [string, unknown[]][]): Promise<void> {
    // BEGIN IMMEDIATE: takes the write lock up front, as SqliteStorage's writes do.
    this.db
      .transaction(() => {
        for (const [sql, params] of statements) this.statement(sql).run(named(params));
      })
      .immediate();
  }

  isEmailTaken(err: unknown): boolean {
    const { code, message } = err as { code?: unknown; message?: unknown };
    return code === 'SQLITE_CONSTRAINT_UNIQUE' && String(message).includes('users.email');
  }
}

/** The account half of SqliteStorage, over its connection (SqliteStorage#accounts). */
export class SqliteAccounts extends SqlAccounts {
  private readonly runner: SqliteRunner;

  constructor(db: Database.Database) {
    const runner = new SqliteRunner(db);
    super(runner);
    this.runner = runner;
  }

  /** The same connection's runner, for the other stores over it (sqlReviews.ts). */
  get sqlRunner(): SqlRunner {
    return this.runner;
  }

  /** Called by SqliteStorage#init once the migrations ran. */
  prepare(): void {
    this.runner.initialised = true;
  }
}
