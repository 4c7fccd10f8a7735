import { iso } from './accountRows.js';
import type { DigestStore, StoredDigest } from './digests.js';
import type { SqlRunner } from './sqlPeople.js';

/**
 * The digests table, one entry per dialect, appended LAST to its adapter's migrations. One row
 * per board, replaced whole; a board's delete cascades to it.
 */
const digestTable = (time: string) =>
  `CREATE TABLE board_digests (
     board_id TEXT PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
     digest TEXT NOT NULL,
     version INTEGER NOT NULL,
     computed_at ${time} NOT NULL
   );`;

export const SQLITE_DIGEST_MIGRATION = digestTable('TEXT');
export const POSTGRES_DIGEST_MIGRATION = digestTable('TIMESTAMPTZ');
export const SQLITE_DIGEST_TIME = (n: number): string => `$${n}`;
export const POSTGRES_DIGEST_TIME = (n: number): string => `$${n}::timestamptz`;

interface DigestRow {
  board_id: string;
  digest: string;
  version: number;
  computed_at: string | Date;
}

/** Ids per `IN (…)` list: far below both databases' parameter limits. */
const CHUNK = 500;

/** The digest store both SQL adapters share (same table, `$n` parameters). */
export class SqlDigests implements DigestStore {
  constructor(
    private readonly sql: Pick<SqlRunner, 'rows' | 'run'>,
    /** PostgreSQL types the parameters of an INSERT … SELECT: `$4::timestamptz` there. */
    private readonly time: (n: number) => string,
  ) {}

  async putDigest({ boardId, digest, version, computedAt }: StoredDigest): Promise<boolean> {
    const changed = await this.sql.run(
      `INSERT INTO board_digests (board_id, digest, version, computed_at)
       SELECT $1, $2, CAST($3 AS INTEGER), ${this.time(4)} WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
       ON CONFLICT (board_id) DO UPDATE
         SET digest = excluded.digest, version = excluded.version,
             computed_at = excluded.computed_at`,
      [boardId, digest, version, computedAt],
    );
    return changed > 0;
  }

  async markComputed(boardId: string, version: number, computedAt: string): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE board_digests SET computed_at = ${this.time(3)}
       WHERE board_id = $1 AND version = CAST($2 AS INTEGER)`,
      [boardId, version, computedAt],
    );
    return changed > 0;
  }

  async getDigests(boardIds: readonly string[]): Promise<StoredDigest[]> {
    const found: StoredDigest[] = [];
    for (let at = 0; at < boardIds.length; at += CHUNK) {
      const ids = boardIds.slice(at, at + CHUNK);
      const rows = await this.sql.rows<DigestRow>(
        `SELECT board_id, digest, version, computed_at FROM board_digests
         WHERE board_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`,
        ids,
      );
      for (const r of rows)
        found.push({
          boardId: r.board_id,
          digest: r.digest,
          version: Number(r.version),
          computedAt: iso(r.computed_at),
        });
    }
    return found;
  }

  async staleDigests(version: number, limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      `SELECT b.id FROM boards b LEFT JOIN board_digests d ON d.board_id = b.id
       WHERE d.board_id IS NULL OR d.version <> CAST($1 AS INTEGER)
          OR d.computed_at < b.updated_at
       ORDER BY b.updated_at, b.id LIMIT CAST($2 AS INTEGER)`,
      [version, limit],
    );
    return rows.map((r) => r.id);
  }
}
