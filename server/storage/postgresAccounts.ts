import type pg from 'pg';
import { SqlAccounts } from './sqlAccounts.js';
import type { SqlRunner } from './sqlPeople.js';

/**
 * The account tables, appended to PostgresStorage's migrations (postgresSchema.ts). Append new
 * entries, never edit old ones.
 */
export const ACCOUNT_MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL CONSTRAINT users_email_unique UNIQUE,
     name TEXT NOT NULL,
     avatar_url TEXT,
     created_at TIMESTAMPTZ NOT NULL,
     last_active_at TIMESTAMPTZ NOT NULL,
     disabled BOOLEAN NOT NULL DEFAULT false
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
     created_at TIMESTAMPTZ NOT NULL,
     last_seen_at TIMESTAMPTZ NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL,
     method TEXT NOT NULL
   );
   CREATE INDEX sessions_user ON sessions (user_id);
   CREATE TABLE workspaces (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     open_signup BOOLEAN NOT NULL,
     guest_links BOOLEAN NOT NULL
   );
   CREATE TABLE members (
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     joined_at TIMESTAMPTZ NOT NULL,
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
     at TIMESTAMPTZ NOT NULL,
     PRIMARY KEY (user_id, board_id)
   );
   CREATE INDEX board_seen_board ON board_seen (board_id);
   CREATE TABLE invitations (
     secret_hash TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     email TEXT,
     created_by TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL,
     max_uses INTEGER NOT NULL,
     uses INTEGER NOT NULL,
     revoked BOOLEAN NOT NULL
   );
   CREATE INDEX invitations_workspace ON invitations (workspace_id, created_at);
   CREATE TABLE access_tokens (
     id TEXT PRIMARY KEY,
     secret_hash TEXT NOT NULL UNIQUE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     expires_at TIMESTAMPTZ,
     last_used_at TIMESTAMPTZ,
     revoked BOOLEAN NOT NULL
   );
   CREATE INDEX access_tokens_user ON access_tokens (user_id, created_at);
   CREATE TABLE password_resets (
     secret_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     expires_at TIMESTAMPTZ NOT NULL,
     used BOOLEAN NOT NULL
   );
   CREATE TABLE audit (
     seq BIGSERIAL PRIMARY KEY,
     workspace_id TEXT,
     at TIMESTAMPTZ NOT NULL,
     action TEXT NOT NULL,
     actor_id TEXT,
     actor_label TEXT NOT NULL,
     target TEXT,
     ip TEXT,
     detail JSONB NOT NULL
   );
   CREATE INDEX audit_workspace_seq ON audit (workspace_id, seq);`,
];

/** What PostgresAccounts uses of its PostgresStorage: the same pool, checks and transactions. */
export interface PostgresAccess {
  /** Throws when closed or before init. */
  check(): void;
  query(sql: string, params: unknown[]): Promise<pg.QueryResult>;
  tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T>;
}

/** The shared SQL stores' statements on PostgresStorage's pool. */
export function postgresRunner(db: PostgresAccess): SqlRunner {
  return {
    ready: () => db.check(),
    async rows<R extends object>(sql: string, params: unknown[]) {
      return (await db.query(sql, params)).rows as R[];
    },
    run: async (sql, params) => (await db.query(sql, params)).rowCount ?? 0,
    batch: (statements) =>
      db.tx(async (c) => {
        for (const [sql, params] of statements) await c.query(sql, params);
      }),
    isEmailTaken(err) {
      const { code, constraint } = err as { code?: unknown; constraint?: unknown };
      return code === '23505' && constraint === 'users_email_unique';
    },
  };
}

/** The account half of PostgresStorage, over its pool (PostgresStorage#accounts). */
export class PostgresAccounts extends SqlAccounts {
  constructor(db: PostgresAccess) {
    super(postgresRunner(db));
  }
}
