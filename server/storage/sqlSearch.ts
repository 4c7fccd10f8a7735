import type {
  SearchEntry,
  SearchHit,
  SearchKind,
  SearchScope,
  SearchStore,
  SearchTerms,
} from './search.js';
import { ENTRY_TEXT_MAX_CHARS, foldedWords, fts5Match, snippetOf, tsQuery } from './searchText.js';
import type { SqlRunner } from './sqlPeople.js';

/**
 * SQLite: the entries in a plain table (a board's delete cascades to it), an FTS5 index over
 * their words kept in step by triggers (external content), with prefix indexes for short
 * beginnings. The words are folded in JavaScript as for PostgreSQL (unicode61 alone leaves
 * "ё" as it is), so both adapters match the same words. Appended LAST to the adapter's migrations (after images).
 */
export const SQLITE_SEARCH_MIGRATION = `
  CREATE TABLE search_entries (
    id INTEGER PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    card_id TEXT,
    thread_id TEXT,
    context TEXT NOT NULL,
    body TEXT NOT NULL,
    words TEXT NOT NULL
  );
  CREATE INDEX search_entries_board ON search_entries (board_id);
  CREATE VIRTUAL TABLE search_fts USING fts5(
    words, content = 'search_entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
  );
  CREATE TRIGGER search_entries_added AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_fts (rowid, words) VALUES (new.id, new.words);
  END;
  CREATE TRIGGER search_entries_removed AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, words) VALUES ('delete', old.id, old.words);
  END;
  CREATE TABLE search_boards (
    board_id TEXT PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
    indexed_at TEXT NOT NULL
  );`;

/**
 * PostgreSQL: the words of each entry (folded in JavaScript, so no extension is needed for
 * diacritics) behind a generated tsvector of the 'simple' configuration (any language) and a
 * GIN index. Appended LAST to the adapter's migrations (after images).
 */
export const POSTGRES_SEARCH_MIGRATION = `
  CREATE TABLE search_entries (
    id BIGSERIAL PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    card_id TEXT,
    thread_id TEXT,
    context TEXT NOT NULL,
    body TEXT NOT NULL,
    words TEXT NOT NULL,
    doc tsvector GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED
  );
  CREATE INDEX search_entries_board ON search_entries (board_id);
  CREATE INDEX search_entries_doc ON search_entries USING GIN (doc);
  CREATE TABLE search_boards (
    board_id TEXT PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
    indexed_at TIMESTAMPTZ NOT NULL
  );`;

/** Where the dialects differ: the match, its rank, the scope, the rows of a JSON array. */
export interface SearchDialect {
  /** The query text the `$1` of `matchSql` takes. */
  match(terms: SearchTerms): string;
  /** FROM … WHERE of a search: `$1` the match, `$2` (when scoped) a JSON array of board ids. */
  from(scoped: boolean): string;
  /** ORDER BY of a search, best first. */
  order: string;
  /** Inserts `$2` (a JSON array of entries) for board `$1`. */
  insert: string;
  /** The indexed time as `$2` takes it. */
  time(n: number): string;
}

/** The fields of an entry row, in the order of search_entries' columns after board_id. */
const ENTRY_FIELDS = ['kind', 'cardId', 'threadId', 'context', 'text', 'words'];

export const SQLITE_SEARCH: SearchDialect = {
  match: fts5Match,
  from: (scoped) =>
    `FROM search_fts f JOIN search_entries e ON e.id = f.rowid JOIN boards b ON b.id = e.board_id
     WHERE search_fts MATCH $1
     ${scoped ? 'AND e.board_id IN (SELECT value FROM json_each($2))' : ''}`,
  order: 'ORDER BY f.rank, e.id',
  insert: `INSERT INTO search_entries (board_id, kind, card_id, thread_id, context, body, words)
    SELECT $1, ${ENTRY_FIELDS.map((field) => `json_extract(value, '$.${field}')`).join(', ')}
    FROM json_each($2) WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)`,
  time: (n) => `$${n}`,
};

export const POSTGRES_SEARCH: SearchDialect = {
  match: tsQuery,
  from: (scoped) =>
    `FROM search_entries e JOIN boards b ON b.id = e.board_id
     WHERE e.doc @@ to_tsquery('simple', $1)
     ${scoped ? 'AND e.board_id IN (SELECT jsonb_array_elements_text($2::jsonb))' : ''}`,
  order: "ORDER BY ts_rank(e.doc, to_tsquery('simple', $1)) DESC, e.id",
  insert: `INSERT INTO search_entries (board_id, kind, card_id, thread_id, context, body, words)
    SELECT $1, x.kind, x."cardId", x."threadId", x.context, x.text, x.words
    FROM json_to_recordset($2::json)
      AS x(kind text, "cardId" text, "threadId" text, context text, text text, words text)
    WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)`,
  time: (n) => `$${n}::timestamptz`,
};

interface HitRow {
  board_id: string;
  title: string;
  kind: string;
  card_id: string | null;
  thread_id: string | null;
  context: string;
  body: string;
}

/** The search store both SQL adapters share (same tables, `$n` parameters). */
export class SqlSearch implements SearchStore {
  constructor(
    private readonly sql: Pick<SqlRunner, 'rows' | 'run' | 'batch'>,
    private readonly dialect: SearchDialect,
  ) {}

  async indexBoard(
    boardId: string,
    entries: readonly SearchEntry[],
    indexedAt: string,
  ): Promise<void> {
    const rows = entries.map((e) => {
      const text = e.text.slice(0, ENTRY_TEXT_MAX_CHARS);
      return {
        kind: e.kind,
        cardId: e.cardId ?? null,
        threadId: e.threadId ?? null,
        context: e.context,
        text,
        words: foldedWords(text),
      };
    });
    await this.sql.batch([
      ['DELETE FROM search_entries WHERE board_id = $1', [boardId]],
      [this.dialect.insert, [boardId, JSON.stringify(rows)]],
      [
        `INSERT INTO search_boards (board_id, indexed_at)
         SELECT $1, ${this.dialect.time(2)} WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
         ON CONFLICT (board_id) DO UPDATE SET indexed_at = excluded.indexed_at`,
        [boardId, indexedAt],
      ],
    ]);
  }

  async markIndexed(boardId: string, indexedAt: string): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE search_boards SET indexed_at = ${this.dialect.time(2)} WHERE board_id = $1`,
      [boardId, indexedAt],
    );
    return changed > 0;
  }

  async clearBoard(boardId: string): Promise<void> {
    await this.sql.batch([
      ['DELETE FROM search_entries WHERE board_id = $1', [boardId]],
      ['DELETE FROM search_boards WHERE board_id = $1', [boardId]],
    ]);
  }

  async search(terms: SearchTerms, scope: SearchScope, limit: number): Promise<SearchHit[]> {
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw new RangeError(`search: limit must be a positive integer, got ${limit}`);
    const scoped = scope !== 'all';
    if (scoped && scope.boardIds.length === 0) return [];
    const match = this.dialect.match(terms);
    const params: unknown[] = scoped ? [match, JSON.stringify(scope.boardIds)] : [match];
    const rows = await this.sql.rows<HitRow>(
      `SELECT e.board_id, b.title, e.kind, e.card_id, e.thread_id, e.context, e.body
       ${this.dialect.from(scoped)} ${this.dialect.order} LIMIT $${params.length + 1}`,
      [...params, limit],
    );
    return rows.map((r) => ({
      boardId: r.board_id,
      boardTitle: r.title,
      kind: r.kind as SearchKind,
      ...(r.card_id !== null ? { cardId: r.card_id } : {}),
      ...(r.thread_id !== null ? { threadId: r.thread_id } : {}),
      context: r.context,
      ...snippetOf(r.body, terms),
    }));
  }

  async staleBoards(limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      `SELECT b.id FROM boards b LEFT JOIN search_boards s ON s.board_id = b.id
       WHERE s.board_id IS NULL OR s.indexed_at < b.updated_at
       ORDER BY b.updated_at, b.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}
