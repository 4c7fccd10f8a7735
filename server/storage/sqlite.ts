import Database from 'better-sqlite3';
import { docNamesOf } from '../../shared/protocol/boardId.js';
import type { MapType } from '../../shared/model/schema.js';
import { ACCOUNT_MIGRATIONS, SqliteAccounts } from './sqliteAccounts.js';
import { SQLITE_MAIL_MIGRATIONS, SqlMail } from './sqlMail.js';
import { NOTIFICATION_MAIL_MIGRATIONS } from './sqlNotificationMail.js';
import { NOTIFICATION_MIGRATIONS, SqlNotifications } from './sqlNotifications.js';
import { SQLITE_REVIEW_MIGRATIONS, SqlReviews } from './sqlReviews.js';
import { SQLITE_VOTE_MIGRATION, SqlVotes } from './sqlVotes.js';
import { SQLITE_IMAGE_MIGRATION, SQLITE_IMAGES, SqlImages } from './sqlImages.js';
import {
  LINKS_MIGRATION,
  LINKS_READ_MIGRATION,
  SHARED_COPIES_MIGRATION,
  SqlLinks,
} from './sqlLinks.js';
import { SQLITE_SEARCH, SQLITE_SEARCH_MIGRATION, SqlSearch } from './sqlSearch.js';
import { SQLITE_REMINDER_MIGRATION } from './sqlReviewReminders.js';
import { SQLITE_DIGEST_MIGRATION, SQLITE_DIGEST_TIME, SqlDigests } from './sqlDigests.js';
import type {
  BoardRecord,
  LogStats,
  PendingUpdate,
  Storage,
  StoredDoc,
  VersionMeta,
  VersionRecord,
  VersionTrigger,
} from './storage.js';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
 * Append new entries, never edit old ones (an install made before accounts is at 3).
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     map_type TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX boards_updated_at ON boards (updated_at);
   CREATE TABLE doc_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     doc_name TEXT NOT NULL,
     "update" BLOB NOT NULL
   );
   CREATE INDEX doc_updates_doc_seq ON doc_updates (doc_name, seq);
   CREATE TABLE doc_snapshots (
     doc_name TEXT PRIMARY KEY,
     snapshot BLOB NOT NULL,
     up_to_seq INTEGER NOT NULL
   );`,
  // Share-link key version: rotating it invalidates every token issued for the board before.
  `ALTER TABLE boards ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;`,
  // Named versions (review cycles): whole states, so one opens without replaying the log.
  `CREATE TABLE versions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     label TEXT NOT NULL,
     note TEXT NOT NULL,
     author TEXT NOT NULL,
     trigger_kind TEXT NOT NULL,
     created_at TEXT NOT NULL,
     state BLOB NOT NULL
   );
   CREATE INDEX versions_board_created ON versions (board_id, created_at);`,
  ...ACCOUNT_MIGRATIONS,
  // The persona's name in the listing, for the boards page's filter.
  `ALTER TABLE boards ADD COLUMN persona TEXT NOT NULL DEFAULT '';`,
  ...SQLITE_MAIL_MIGRATIONS,
  // The inbox: notifications and follows (sqlNotifications.ts).
  ...NOTIFICATION_MIGRATIONS,
  // Review requests (sqlReviews.ts).
  ...SQLITE_REVIEW_MIGRATIONS,
  // Stale-map reminders (sqlReviewReminders.ts).
  SQLITE_REMINDER_MIGRATION,
  // Notification e-mail: preferences, per-item decisions, the digest lease (sqlNotificationMail.ts).
  ...NOTIFICATION_MAIL_MIGRATIONS,
  // Dot voting: votes and each voter's dots (sqlVotes.ts).
  SQLITE_VOTE_MIGRATION,
  // Pictures on the map: both renditions of each board's images (sqlImages.ts).
  SQLITE_IMAGE_MIGRATION,
  // Linked maps: the reverse index of board links (sqlLinks.ts).
  LINKS_MIGRATION,
  // Full-text search: entries, their FTS5 index, when each board was indexed (sqlSearch.ts).
  SQLITE_SEARCH_MIGRATION,
  // The portfolio's board digests (sqlDigests.ts).
  SQLITE_DIGEST_MIGRATION,
  // Which boards the link index has read: the rest are backfilled (sqlLinks.ts).
  LINKS_READ_MIGRATION,
  // Shared insights: the index of shared copies (sqlLinks.ts).
  SHARED_COPIES_MIGRATION,
];

interface BoardRow {
  id: string;
  title: string;
  map_type: string;
  persona: string;
  created_at: string;
  updated_at: string;
  key_version: number;
}

const toBoard = (r: BoardRow): BoardRecord => ({
  id: r.id,
  title: r.title,
  mapType: r.map_type as MapType,
  persona: r.persona,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  keyVersion: r.key_version,
});

interface VersionRow {
  id: string;
  board_id: string;
  label: string;
  note: string;
  author: string;
  trigger_kind: string;
  created_at: string;
}

const toVersion = (r: VersionRow): VersionMeta => ({
  id: r.id,
  boardId: r.board_id,
  label: r.label,
  note: r.note,
  author: r.author,
  createdAt: r.created_at,
  trigger: r.trigger_kind as VersionTrigger,
});

const VERSION_COLUMNS = 'id, board_id, label, note, author, trigger_kind, created_at';

/** Copies a driver Buffer into a plain Uint8Array (own ArrayBuffer, no pool sharing). */
const bytes = (b: Uint8Array): Uint8Array => new Uint8Array(b);

function prepareAll(db: Database.Database) {
  const p = <R = unknown>(sql: string) => db.prepare<unknown[], R>(sql);
  return {
    ping: p('SELECT 1'),
    insertBoard: p(
      'INSERT INTO boards (id, title, map_type, persona, created_at, updated_at, key_version) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    getBoard: p<BoardRow>('SELECT * FROM boards WHERE id = ?'),
    listBoards: p<BoardRow>('SELECT * FROM boards ORDER BY updated_at DESC, created_at DESC, id'),
    setTitle: p('UPDATE boards SET title = ? WHERE id = ?'),
    setMapType: p('UPDATE boards SET map_type = ? WHERE id = ?'),
    setPersona: p('UPDATE boards SET persona = ? WHERE id = ?'),
    touchBoard: p('UPDATE boards SET updated_at = ? WHERE id = ? AND updated_at < ?'),
    deleteBoard: p('DELETE FROM boards WHERE id = ?'),
    rotateKey: p<{ key_version: number }>(
      'UPDATE boards SET key_version = key_version + 1 WHERE id = ? RETURNING key_version',
    ),
    insertUpdate: p('INSERT INTO doc_updates (doc_name, "update") VALUES (?, ?)'),
    getSnapshot: p<{ snapshot: Uint8Array; up_to_seq: number }>(
      'SELECT snapshot, up_to_seq FROM doc_snapshots WHERE doc_name = ?',
    ),
    getUpdates: p<{ seq: number; update: Uint8Array }>(
      'SELECT seq, "update" FROM doc_updates WHERE doc_name = ? AND seq > ? ORDER BY seq',
    ),
    maxIssuedSeq: p<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'doc_updates'"),
    upsertSnapshot: p(
      `INSERT INTO doc_snapshots (doc_name, snapshot, up_to_seq) VALUES (?, ?, ?)
       ON CONFLICT (doc_name) DO UPDATE SET snapshot = excluded.snapshot, up_to_seq = excluded.up_to_seq`,
    ),
    deleteUpdatesUpTo: p('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?'),
    deleteDocUpdates: p('DELETE FROM doc_updates WHERE doc_name IN (?, ?, ?)'),
    deleteDocSnapshots: p('DELETE FROM doc_snapshots WHERE doc_name IN (?, ?, ?)'),
    insertVersion: p(
      `INSERT INTO versions (${VERSION_COLUMNS}, state)
       SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)`,
    ),
    listVersions: p<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM versions WHERE board_id = ? ORDER BY created_at DESC, seq DESC`,
    ),
    getVersion: p<VersionRow & { state: Uint8Array }>(
      `SELECT ${VERSION_COLUMNS}, state FROM versions WHERE board_id = ? AND id = ?`,
    ),
    deleteVersions: p('DELETE FROM versions WHERE board_id = ?'),
    logStats: p<LogStats>(
      `SELECT COUNT(*) AS count, COALESCE(SUM(LENGTH("update")), 0) AS bytes FROM doc_updates
       WHERE doc_name = ? AND seq > COALESCE((SELECT up_to_seq FROM doc_snapshots WHERE doc_name = ?), 0)`,
    ),
  };
}

/**
 * SQLite adapter (better-sqlite3). Every call runs synchronously on the event loop, so the busy
 * timeout is short: a locked database makes the call reject quickly instead of stalling the server.
 * Methods are `async` so that SQLite errors surface as rejected promises.
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  readonly accounts: SqliteAccounts;
  readonly mail: SqlMail;
  readonly notifications: SqlNotifications;
  readonly reviews: SqlReviews;
  readonly votes: SqlVotes;
  readonly images: SqlImages;
  readonly links: SqlLinks;
  readonly search: SqlSearch;
  readonly digests: SqlDigests;
  private readonly db: Database.Database;
  private stmts: ReturnType<typeof prepareAll> | null = null;

  /** `file` is a path (its directory must exist) or ':memory:'. */
  /**
   * `busyTimeoutMs`: how long a call waits for another connection's lock (default 100 ms, for
   * the main thread; the storage worker can afford to wait longer).
   */
  constructor(opts: { file: string; busyTimeoutMs?: number }) {
    const busy = opts.busyTimeoutMs ?? 100;
    this.db = new Database(opts.file, { timeout: busy });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`busy_timeout = ${Math.trunc(busy)}`);
    this.db.pragma('foreign_keys = ON');
    this.accounts = new SqliteAccounts(this.db);
    // One runner (statement cache, init check) for the sub-stores that share accounts' SQL style.
    this.mail = new SqlMail(this.accounts.sqlRunner);
    this.notifications = new SqlNotifications(this.accounts.sqlRunner);
    this.reviews = new SqlReviews(this.accounts.sqlRunner);
    this.votes = new SqlVotes(this.accounts.sqlRunner);
    this.images = new SqlImages(this.accounts.sqlRunner, SQLITE_IMAGES);
    this.links = new SqlLinks(this.accounts.sqlRunner);
    this.search = new SqlSearch(this.accounts.sqlRunner, SQLITE_SEARCH);
    this.digests = new SqlDigests(this.accounts.sqlRunner, SQLITE_DIGEST_TIME);
  }

  /** Runs `fn` in a write transaction (BEGIN IMMEDIATE: takes the write lock up front). */
  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private get s(): ReturnType<typeof prepareAll> {
    if (!this.db.open) throw new Error('SqliteStorage is closed');
    if (!this.stmts) throw new Error('SqliteStorage.init() has not been called');
    return this.stmts;
  }

  async init(): Promise<void> {
    this.write(() => {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      for (let v = version; v < MIGRATIONS.length; v++) this.db.exec(MIGRATIONS[v]!);
      if (version < MIGRATIONS.length) this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    });
    this.stmts ??= prepareAll(this.db);
    this.accounts.prepare();
  }

  async ping(): Promise<void> {
    this.s.ping.get();
  }

  async createBoard(board: BoardRecord, initialUpdate: Uint8Array): Promise<void> {
    const s = this.s;
    this.write(() => {
      s.insertBoard.run(
        board.id,
        board.title,
        board.mapType,
        board.persona,
        board.createdAt,
        board.updatedAt,
        board.keyVersion,
      );
      s.insertUpdate.run(board.id, initialUpdate);
    });
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.s.getBoard.get(id);
    return row ? toBoard(row) : null;
  }

  async listBoards(): Promise<BoardRecord[]> {
    return this.s.listBoards.all().map(toBoard);
  }

  async updateBoardMeta(
    id: string,
    patch: Partial<Pick<BoardRecord, 'title' | 'mapType' | 'persona'>>,
  ): Promise<void> {
    const s = this.s;
    this.write(() => {
      if (patch.title !== undefined) s.setTitle.run(patch.title, id);
      if (patch.mapType !== undefined) s.setMapType.run(patch.mapType, id);
      if (patch.persona !== undefined) s.setPersona.run(patch.persona, id);
    });
  }

  async rotateKey(id: string): Promise<number | null> {
    const s = this.s;
    return this.write(() => s.rotateKey.get(id)?.key_version ?? null);
  }

  async deleteBoard(id: string): Promise<boolean> {
    const s = this.s;
    return this.write(() => {
      s.deleteVersions.run(id);
      const { changes } = s.deleteBoard.run(id);
      s.deleteDocUpdates.run(...docNamesOf(id));
      s.deleteDocSnapshots.run(...docNamesOf(id));
      return changes > 0;
    });
  }

  async appendUpdates(batch: readonly PendingUpdate[]): Promise<void> {
    if (batch.length === 0) return;
    const s = this.s;
    const now = new Date().toISOString();
    this.write(() => {
      for (const u of batch) s.insertUpdate.run(u.docName, u.update);
      for (const boardId of new Set(batch.map((u) => u.boardId))) {
        s.touchBoard.run(now, boardId, now);
      }
    });
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    const s = this.s;
    // A read transaction gives one consistent view even if another process compacts meanwhile.
    return this.db.transaction((): StoredDoc => {
      const snap = s.getSnapshot.get(docName);
      let lastSeq = snap?.up_to_seq ?? 0;
      const updates = s.getUpdates.all(docName, lastSeq).map((r) => {
        lastSeq = r.seq;
        return bytes(r.update);
      });
      return { snapshot: snap ? bytes(snap.snapshot) : null, updates, lastSeq };
    })();
  }

  /**
   * No-op when the stored snapshot already covers a higher seq (a stale compaction must not move
   * `up_to_seq` backwards) or when nothing of the document is stored any more. Rejects an `upToSeq` that was never issued: later appends would hide
   * behind it.
   */
  async compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    const s = this.s;
    if (!Number.isSafeInteger(upToSeq) || upToSeq < 0) {
      throw new RangeError(`compact: invalid upToSeq ${upToSeq}`);
    }
    this.write(() => {
      const issued = s.maxIssuedSeq.get()?.seq ?? 0;
      if (upToSeq > issued) {
        throw new RangeError(`compact: upToSeq ${upToSeq} exceeds last issued seq ${issued}`);
      }
      const current = s.getSnapshot.get(docName);
      if (current && current.up_to_seq > upToSeq) return;
      const { changes } = s.deleteUpdatesUpTo.run(docName, upToSeq);
      // Nothing stored (e.g. the board was deleted since loadDoc): don't resurrect the document.
      if (!current && changes === 0) return;
      s.upsertSnapshot.run(docName, snapshot, upToSeq);
    });
  }

  async logStats(docName: string): Promise<LogStats> {
    return this.s.logStats.get(docName, docName) ?? { count: 0, bytes: 0 };
  }

  async saveVersion(v: VersionRecord): Promise<boolean> {
    const s = this.s;
    return this.write(() => {
      const { changes } = s.insertVersion.run(
        v.id,
        v.boardId,
        v.label,
        v.note,
        v.author,
        v.trigger,
        v.createdAt,
        v.state,
        v.boardId,
      );
      return changes > 0;
    });
  }

  async listVersions(boardId: string): Promise<VersionMeta[]> {
    return this.s.listVersions.all(boardId).map(toVersion);
  }

  async getVersion(boardId: string, versionId: string): Promise<VersionRecord | null> {
    const row = this.s.getVersion.get(boardId, versionId);
    return row ? { ...toVersion(row), state: bytes(row.state) } : null;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
