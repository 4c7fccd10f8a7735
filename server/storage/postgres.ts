import pg from 'pg';
import { docNamesOf } from '../../shared/protocol/boardId.js';
import { SqlMail } from './sqlMail.js';
import { SqlNotifications } from './sqlNotifications.js';
import { PostgresAccounts, postgresRunner } from './postgresAccounts.js';
import { SqlReviews } from './sqlReviews.js';
import { SqlVotes } from './sqlVotes.js';
import { POSTGRES_IMAGES, SqlImages } from './sqlImages.js';
import { SqlLinks } from './sqlLinks.js';
import { POSTGRES_SEARCH, SqlSearch } from './sqlSearch.js';
import { POSTGRES_DIGEST_TIME, SqlDigests } from './sqlDigests.js';
import {
  BOARD_COLUMNS,
  LOCK_DOCS,
  LOCK_DOCS_SHARED,
  SCHEMA_NAME,
  VERSION_COLUMNS,
  bytes,
  migrate,
  toBoard,
  toVersion,
  type BoardRow,
  type VersionRow,
} from './postgresSchema.js';
import type {
  BoardRecord,
  LogStats,
  PendingUpdate,
  Storage,
  StoredDoc,
  VersionMeta,
  VersionRecord,
} from './storage.js';

/**
 * PostgreSQL adapter (node-postgres pool). Several server processes may share one schema: seq
 * order and compaction stay correct across them thanks to the document locks (LOCK_DOCS in
 * postgresSchema.ts).
 */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const;
  readonly accounts = new PostgresAccounts({
    check: () => this.check(),
    query: (sql, params) => this.query(sql, params),
    tx: (fn) => this.tx(fn),
  });
  /** The sub-stores' way to this pool (their SQL is shared with SQLite). */
  private readonly runner: ConstructorParameters<typeof SqlMail>[0] = {
    ready: () => this.check(),
    rows: async <R extends object>(sql: string, params: unknown[]) =>
      (await this.query(sql, params)).rows as R[],
    run: async (sql, params) => (await this.query(sql, params)).rowCount ?? 0,
  };
  readonly mail = new SqlMail(this.runner);
  readonly notifications = new SqlNotifications(this.runner);
  /** The same, with transactions on one pooled connection. */
  private readonly txRunner = postgresRunner({
    check: () => this.check(),
    query: (sql, params) => this.query(sql, params),
    tx: (fn) => this.tx(fn),
  });
  readonly reviews = new SqlReviews(this.txRunner);
  readonly votes = new SqlVotes(this.txRunner);
  readonly images = new SqlImages(this.runner, POSTGRES_IMAGES);
  readonly links = new SqlLinks(this.txRunner);
  readonly search = new SqlSearch(this.txRunner, POSTGRES_SEARCH);
  readonly digests = new SqlDigests(this.runner, POSTGRES_DIGEST_TIME);
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private ready = false;
  private closing: Promise<void> | null = null;
  private errors = 0;
  private lastError: Error | null = null;

  constructor(opts: { connectionString: string; schema?: string; poolSize?: number }) {
    const schema = opts.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) {
      throw new Error(
        `PostgresStorage: schema must be a plain lower-case identifier (${SCHEMA_NAME}), got "${schema}"`,
      );
    }
    this.schema = schema;
    this.pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.poolSize ?? 10,
      // Set at connection start on every pooled connection; the name needs no quoting.
      options: `-c search_path=${schema}`,
      // A server that doesn't answer makes calls reject instead of waiting forever.
      connectionTimeoutMillis: 10_000,
    });
    // An idle client whose connection dies emits here; without a listener the process would
    // crash. The pool drops that client, and a later query fails or reconnects on its own.
    this.pool.on('error', (err) => this.noteError(err));
  }

  /** Connection errors seen outside of a call (idle clients, connections lost mid-transaction). */
  get connectionErrors(): { count: number; last: Error | null } {
    return { count: this.errors, last: this.lastError };
  }

  private noteError(err: Error): void {
    this.errors++;
    this.lastError = err;
  }

  private check(needsInit = true): void {
    if (this.closing) throw new Error('PostgresStorage is closed');
    if (needsInit && !this.ready) throw new Error('PostgresStorage.init() has not been called');
  }

  /** `SELECT`s (or single statements) outside a transaction. */
  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    this.check();
    return this.pool.query<R>(sql, params);
  }

  /** Runs `fn` in a READ COMMITTED transaction on one pooled client. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>, needsInit = true): Promise<T> {
    this.check(needsInit);
    const client = await this.pool.connect();
    // A checked-out client has no listener of the pool's: a connection lost mid-transaction
    // would otherwise be an uncaught 'error' event. The pending query rejects anyway.
    const onError = (err: Error) => this.noteError(err);
    client.on('error', onError);
    const release = (err?: Error) => {
      client.removeListener('error', onError);
      client.release(err);
    };
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      release();
      return result;
    } catch (err) {
      // A client that cannot even roll back is broken: drop it from the pool.
      await client.query('ROLLBACK').then(
        () => release(),
        (e: Error) => release(e),
      );
      throw err;
    }
  }

  private lockDocs(c: pg.PoolClient, docNames: string[], shared: boolean) {
    return c.query(shared ? LOCK_DOCS_SHARED : LOCK_DOCS, [
      `journeyboard:${this.schema}:doc:`,
      docNames,
    ]);
  }

  /**
   * Creates the schema if needed and applies the missing migrations, all under one advisory
   * lock so that several processes starting at once apply each migration exactly once.
   */
  async init(): Promise<void> {
    await this.tx((c) => migrate(c, this.schema), false);
    this.ready = true;
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async createBoard(board: BoardRecord, initialUpdate: Uint8Array): Promise<void> {
    await this.tx(async (c) => {
      await this.lockDocs(c, [board.id], true);
      await c.query(`INSERT INTO boards (${BOARD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        board.id,
        board.title,
        board.mapType,
        board.persona,
        board.createdAt,
        board.updatedAt,
        board.keyVersion,
      ]);
      await c.query('INSERT INTO doc_updates (doc_name, "update") VALUES ($1, $2)', [
        board.id,
        initialUpdate,
      ]);
    });
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const { rows } = await this.query<BoardRow>(
      `SELECT ${BOARD_COLUMNS} FROM boards WHERE id = $1`,
      [id],
    );
    return rows[0] ? toBoard(rows[0]) : null;
  }

  async listBoards(): Promise<BoardRecord[]> {
    const { rows } = await this.query<BoardRow>(
      `SELECT ${BOARD_COLUMNS} FROM boards ORDER BY updated_at DESC, created_at DESC, id`,
    );
    return rows.map(toBoard);
  }

  async updateBoardMeta(
    id: string,
    patch: Partial<Pick<BoardRecord, 'title' | 'mapType' | 'persona'>>,
  ): Promise<void> {
    this.check();
    if (patch.title === undefined && patch.mapType === undefined && patch.persona === undefined)
      return;
    await this.query(
      `UPDATE boards SET title = COALESCE($2, title), map_type = COALESCE($3, map_type),
         persona = COALESCE($4, persona) WHERE id = $1`,
      [id, patch.title ?? null, patch.mapType ?? null, patch.persona ?? null],
    );
  }

  async rotateKey(id: string): Promise<number | null> {
    const { rows } = await this.query<{ key_version: number }>(
      'UPDATE boards SET key_version = key_version + 1 WHERE id = $1 RETURNING key_version',
      [id],
    );
    return rows[0]?.key_version ?? null;
  }

  async deleteBoard(id: string): Promise<boolean> {
    return this.tx(async (c) => {
      const docs = docNamesOf(id);
      await this.lockDocs(c, docs, false);
      await c.query('DELETE FROM versions WHERE board_id = $1', [id]);
      const { rowCount } = await c.query('DELETE FROM boards WHERE id = $1', [id]);
      await c.query('DELETE FROM doc_updates WHERE doc_name = ANY($1)', [docs]);
      await c.query('DELETE FROM doc_snapshots WHERE doc_name = ANY($1)', [docs]);
      return (rowCount ?? 0) > 0;
    });
  }

  async appendUpdates(batch: readonly PendingUpdate[]): Promise<void> {
    this.check();
    if (batch.length === 0) return;
    const now = new Date().toISOString();
    const boardIds = [...new Set(batch.map((u) => u.boardId))].sort();
    await this.tx(async (c) => {
      await this.lockDocs(
        c,
        batch.map((u) => u.docName),
        true,
      );
      // ORDER BY ordinality: seqs follow the batch order.
      await c.query(
        `INSERT INTO doc_updates (doc_name, "update")
         SELECT d, u FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(d, u, i) ORDER BY i`,
        [batch.map((u) => u.docName), batch.map((u) => u.update)],
      );
      await c.query('UPDATE boards SET updated_at = $1 WHERE id = ANY($2) AND updated_at < $1', [
        now,
        boardIds,
      ]);
    });
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    return this.tx(async (c) => {
      await this.lockDocs(c, [docName], false);
      // Statements after the lock see everything committed before it (READ COMMITTED).
      const snap = await c.query<{ snapshot: Buffer; up_to_seq: string }>(
        'SELECT snapshot, up_to_seq FROM doc_snapshots WHERE doc_name = $1',
        [docName],
      );
      const row = snap.rows[0];
      let lastSeq = row ? Number(row.up_to_seq) : 0;
      const log = await c.query<{ seq: string; update: Buffer }>(
        'SELECT seq, "update" FROM doc_updates WHERE doc_name = $1 AND seq > $2 ORDER BY seq',
        [docName, lastSeq],
      );
      const updates = log.rows.map((r) => {
        lastSeq = Number(r.seq);
        return bytes(r.update);
      });
      return { snapshot: row ? bytes(row.snapshot) : null, updates, lastSeq };
    });
  }

  /**
   * Same semantics as SqliteStorage#compact: no-op when the stored snapshot already covers a
   * higher seq or when nothing of the document is stored any more; rejects an `upToSeq` that
   * was never issued.
   */
  async compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    this.check();
    if (!Number.isSafeInteger(upToSeq) || upToSeq < 0) {
      throw new RangeError(`compact: invalid upToSeq ${upToSeq}`);
    }
    await this.tx(async (c) => {
      await this.lockDocs(c, [docName], false);
      const seq = await c.query<{ last_value: string; is_called: boolean }>(
        'SELECT last_value, is_called FROM doc_updates_seq_seq',
      );
      const issued = seq.rows[0]!.is_called ? Number(seq.rows[0]!.last_value) : 0;
      if (upToSeq > issued) {
        throw new RangeError(`compact: upToSeq ${upToSeq} exceeds last issued seq ${issued}`);
      }
      const current = await c.query<{ up_to_seq: string }>(
        'SELECT up_to_seq FROM doc_snapshots WHERE doc_name = $1',
        [docName],
      );
      const covered = current.rows[0] ? Number(current.rows[0].up_to_seq) : null;
      if (covered !== null && covered > upToSeq) return;
      const { rowCount } = await c.query(
        'DELETE FROM doc_updates WHERE doc_name = $1 AND seq <= $2',
        [docName, upToSeq],
      );
      // Nothing stored (e.g. the board was deleted since loadDoc): don't resurrect the document.
      if (covered === null && !rowCount) return;
      await c.query(
        `INSERT INTO doc_snapshots (doc_name, snapshot, up_to_seq) VALUES ($1, $2, $3)
         ON CONFLICT (doc_name) DO UPDATE SET snapshot = excluded.snapshot, up_to_seq = excluded.up_to_seq`,
        [docName, snapshot, upToSeq],
      );
    });
  }

  async logStats(docName: string): Promise<LogStats> {
    const { rows } = await this.query<{ count: string; bytes: string }>(
      `SELECT COUNT(*) AS count, COALESCE(SUM(octet_length("update")), 0) AS bytes FROM doc_updates
       WHERE doc_name = $1
         AND seq > COALESCE((SELECT up_to_seq FROM doc_snapshots WHERE doc_name = $1), 0)`,
      [docName],
    );
    return { count: Number(rows[0]!.count), bytes: Number(rows[0]!.bytes) };
  }

  async saveVersion(v: VersionRecord): Promise<boolean> {
    const { rowCount } = await this.query(
      `INSERT INTO versions (${VERSION_COLUMNS}, state)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $2)`,
      [v.id, v.boardId, v.label, v.note, v.author, v.trigger, v.createdAt, v.state],
    );
    return (rowCount ?? 0) > 0;
  }

  async listVersions(boardId: string): Promise<VersionMeta[]> {
    const { rows } = await this.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM versions WHERE board_id = $1 ORDER BY created_at DESC, seq DESC`,
      [boardId],
    );
    return rows.map(toVersion);
  }

  async getVersion(boardId: string, versionId: string): Promise<VersionRecord | null> {
    const { rows } = await this.query<VersionRow & { state: Buffer }>(
      `SELECT ${VERSION_COLUMNS}, state FROM versions WHERE board_id = $1 AND id = $2`,
      [boardId, versionId],
    );
    return rows[0] ? { ...toVersion(rows[0]), state: bytes(rows[0].state) } : null;
  }

  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    await this.closing;
  }
}
