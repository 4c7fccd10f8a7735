import type pg from 'pg';
import type { MapType } from '../../shared/model/schema.js';
import { ACCOUNT_MIGRATIONS } from './postgresAccounts.js';
import { POSTGRES_MAIL_MIGRATIONS } from './sqlMail.js';
import { NOTIFICATION_MAIL_MIGRATIONS } from './sqlNotificationMail.js';
import { NOTIFICATION_MIGRATIONS } from './sqlNotifications.js';
import { POSTGRES_REVIEW_MIGRATIONS } from './sqlReviews.js';
import { POSTGRES_VOTE_MIGRATION } from './sqlVotes.js';
import { POSTGRES_IMAGE_MIGRATION } from './sqlImages.js';
import { LINKS_MIGRATION, LINKS_READ_MIGRATION, SHARED_COPIES_MIGRATION } from './sqlLinks.js';
import { POSTGRES_SEARCH_MIGRATION } from './sqlSearch.js';
import { POSTGRES_DIGEST_MIGRATION } from './sqlDigests.js';
import { POSTGRES_REMINDER_MIGRATION } from './sqlReviewReminders.js';
import type { BoardRecord, VersionMeta, VersionTrigger } from './storage.js';

/* PostgresStorage's tables: migrations, row shapes and the SQL its methods share. */

/**
 * Schema migrations, applied in order; `schema_migrations` records the versions (index + 1).
 * Append new entries, never edit old ones.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     map_type TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     updated_at TIMESTAMPTZ NOT NULL,
     key_version INTEGER NOT NULL DEFAULT 1
   );
   CREATE INDEX boards_updated_at ON boards (updated_at);
   CREATE TABLE doc_updates (
     seq BIGSERIAL PRIMARY KEY,
     doc_name TEXT NOT NULL,
     "update" BYTEA NOT NULL
   );
   CREATE INDEX doc_updates_doc_seq ON doc_updates (doc_name, seq);
   CREATE TABLE doc_snapshots (
     doc_name TEXT PRIMARY KEY,
     snapshot BYTEA NOT NULL,
     up_to_seq BIGINT NOT NULL
   );`,
  // Named versions (review cycles): whole states, so one opens without replaying the log.
  `CREATE TABLE versions (
     seq BIGSERIAL PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     label TEXT NOT NULL,
     note TEXT NOT NULL,
     author TEXT NOT NULL,
     trigger_kind TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     state BYTEA NOT NULL
   );
   CREATE INDEX versions_board_created ON versions (board_id, created_at);`,
  // People, workspaces, sessions, links, tokens, the audit log (postgresAccounts.ts).
  ...ACCOUNT_MIGRATIONS,
  // The persona's name in the listing, for the boards page's filter.
  `ALTER TABLE boards ADD COLUMN persona TEXT NOT NULL DEFAULT '';`,
  // The mail outbox (sqlMail.ts).
  ...POSTGRES_MAIL_MIGRATIONS,
  // The inbox: notifications and follows (sqlNotifications.ts, the same text as SQLite's).
  ...NOTIFICATION_MIGRATIONS,
  // Review requests (sqlReviews.ts).
  ...POSTGRES_REVIEW_MIGRATIONS,
  // Stale-map reminders (sqlReviewReminders.ts).
  POSTGRES_REMINDER_MIGRATION,
  // Notification e-mail: preferences, per-item decisions, the digest lease (sqlNotificationMail.ts).
  ...NOTIFICATION_MAIL_MIGRATIONS,
  // Dot voting: votes and each voter's dots (sqlVotes.ts).
  POSTGRES_VOTE_MIGRATION,
  // Pictures on the map: both renditions of each board's images (sqlImages.ts).
  POSTGRES_IMAGE_MIGRATION,
  // Linked maps: the reverse index of board links (sqlLinks.ts).
  LINKS_MIGRATION,
  // Full-text search: entries with their tsvector, when each board was indexed (sqlSearch.ts).
  POSTGRES_SEARCH_MIGRATION,
  // The portfolio's board digests (sqlDigests.ts).
  POSTGRES_DIGEST_MIGRATION,
  // Which boards the link index has read: the rest are backfilled (sqlLinks.ts).
  LINKS_READ_MIGRATION,
  // Shared insights: the index of shared copies (sqlLinks.ts).
  SHARED_COPIES_MIGRATION,
];

export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface BoardRow {
  id: string;
  title: string;
  map_type: string;
  persona: string;
  created_at: Date;
  updated_at: Date;
  key_version: number;
}

export const toBoard = (r: BoardRow): BoardRecord => ({
  id: r.id,
  title: r.title,
  mapType: r.map_type as MapType,
  persona: r.persona,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  keyVersion: r.key_version,
});

export interface VersionRow {
  id: string;
  board_id: string;
  label: string;
  note: string;
  author: string;
  trigger_kind: string;
  created_at: Date;
}

export const toVersion = (r: VersionRow): VersionMeta => ({
  id: r.id,
  boardId: r.board_id,
  label: r.label,
  note: r.note,
  author: r.author,
  createdAt: r.created_at.toISOString(),
  trigger: r.trigger_kind as VersionTrigger,
});

export const VERSION_COLUMNS = 'id, board_id, label, note, author, trigger_kind, created_at';

/** Copies a driver Buffer into a plain Uint8Array (own ArrayBuffer, no pool sharing). */
export const bytes = (b: Uint8Array): Uint8Array => new Uint8Array(b);

/*
 * Per-document advisory locks. A bigserial value is assigned at INSERT but becomes visible at
 * COMMIT, so transactions can commit out of seq order: a reader could see seq 10 while seq 8 is
 * still uncommitted, and a compaction up to 10 would then hide row 8 forever. Every writer of a
 * document's rows holds its lock until commit (appends shared, so they don't serialise each
 * other); loadDoc takes it exclusively before reading, so every seq issued for the document
 * before that point is committed or rolled back, and every later one is higher than what it read.
 * compact and deleteBoard take it exclusively too, which also makes their read-then-write safe.
 * Keys are sorted so that transactions locking several documents never deadlock each other.
 */
const lockDocsSql = (fn: 'pg_advisory_xact_lock' | 'pg_advisory_xact_lock_shared'): string =>
  `SELECT ${fn}(k) FROM (
     SELECT DISTINCT hashtextextended($1::text || d, 0) AS k FROM unnest($2::text[]) AS d ORDER BY k
   ) AS keys`;
export const LOCK_DOCS = lockDocsSql('pg_advisory_xact_lock');
export const LOCK_DOCS_SHARED = lockDocsSql('pg_advisory_xact_lock_shared');

export const BOARD_COLUMNS = 'id, title, map_type, persona, created_at, updated_at, key_version';

/**
 * Creates the schema if needed and applies the missing migrations, all under one advisory
 * lock so that several processes starting at once apply each migration exactly once. Runs in
 * the caller's transaction.
 */
export async function migrate(c: pg.PoolClient, schema: string): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `journeyboard:migrate:${schema}`,
  ]);
  // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the
  // schema exists, which a locked-down role given a ready schema may not have.
  const { rowCount } = await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (rowCount === 0) await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  // An `options` parameter in the connection string replaces ours: refuse to use `public`.
  const { rows: path } = await c.query<{ p: string }>("SELECT current_setting('search_path') AS p");
  if (path[0]?.p !== schema) {
    throw new Error(
      `PostgresStorage: search_path is "${path[0]?.p}", not "${schema}" (options in the connection string?)`,
    );
  }
  await c.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY,
       applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
  );
  const { rows } = await c.query<{ v: number }>(
    'SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations',
  );
  for (let v = rows[0]!.v; v < MIGRATIONS.length; v++) {
    await c.query(MIGRATIONS[v]!);
    await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
  }
}
