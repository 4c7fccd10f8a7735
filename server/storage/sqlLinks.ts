import type { BoardLink, LinkItemKind } from '../../shared/model/links.js';
import type { SharedRef } from '../../shared/model/sharedRef.js';
import type { LinkStore, StoredLink, StoredSharedCopy } from './links.js';
import type { SqlRunner } from './sqlPeople.js';

/**
 * The link index (W243), one statement for both dialects, appended LAST to each adapter's
 * migrations (after the images). A board's delete cascades to the links it holds; links to a
 * deleted board stay (the source still holds them: they read as missing).
 */
export const LINKS_MIGRATION = `CREATE TABLE board_links (
     from_board TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     to_board TEXT NOT NULL,
     item_kind TEXT NOT NULL CHECK (item_kind IN ('stage', 'card')),
     item_id TEXT NOT NULL,
     PRIMARY KEY (from_board, item_kind, item_id)
   );
   CREATE INDEX board_links_to ON board_links (to_board);`;

/**
 * The index of shared copies (W302), appended LAST (after the links read). A board's delete
 * cascades to the copies it holds; copies of a deleted origin stay (they read as removed).
 */
export const SHARED_COPIES_MIGRATION = `CREATE TABLE shared_copies (
     copy_board TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     copy_card TEXT NOT NULL,
     origin_board TEXT NOT NULL,
     origin_card TEXT NOT NULL,
     PRIMARY KEY (copy_board, copy_card)
   );
   CREATE INDEX shared_copies_origin ON shared_copies (origin_board);`;

interface SharedCopyRow {
  copy_board: string;
  copy_card: string;
  origin_board: string;
  origin_card: string;
}

/**
 * Which boards the link index has read (W279), appended after the digests: a board with no row
 * here (every board when this table arrives) is read by the board indexer's backfill.
 */
export const LINKS_READ_MIGRATION = `CREATE TABLE board_links_read (
     board_id TEXT PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE
   );`;

interface LinkRow {
  from_board: string;
  to_board: string;
  item_kind: LinkItemKind;
  item_id: string;
}

const COLUMNS = 'from_board, to_board, item_kind, item_id';
const ORDER = 'ORDER BY from_board, item_kind DESC, item_id';

const toLink = (r: LinkRow): StoredLink => ({
  fromBoard: r.from_board,
  itemKind: r.item_kind,
  itemId: r.item_id,
  boardId: r.to_board,
});

/** The link store both SQL adapters share (same table, `$n` parameters). */
export class SqlLinks implements LinkStore {
  constructor(private readonly sql: Pick<SqlRunner, 'rows' | 'batch'>) {}

  async setLinks(fromBoard: string, links: readonly BoardLink[]): Promise<boolean> {
    const board = await this.sql.rows('SELECT 1 AS one FROM boards WHERE id = $1', [fromBoard]);
    if (board.length === 0) return false;
    // The insert re-checks the board: one deleted meanwhile gets no rows (no FK failure).
    await this.sql.batch([
      ['DELETE FROM board_links WHERE from_board = $1', [fromBoard]],
      ...links.map((l): [string, unknown[]] => [
        `INSERT INTO board_links (${COLUMNS})
         SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
         ON CONFLICT (from_board, item_kind, item_id) DO NOTHING`,
        [fromBoard, l.boardId, l.itemKind, l.itemId],
      ]),
      [
        `INSERT INTO board_links_read (board_id)
         SELECT $1 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
         ON CONFLICT (board_id) DO NOTHING`,
        [fromBoard],
      ],
    ]);
    return true;
  }

  async linksFrom(fromBoard: string): Promise<StoredLink[]> {
    const rows = await this.sql.rows<LinkRow>(
      `SELECT ${COLUMNS} FROM board_links WHERE from_board = $1 ${ORDER}`,
      [fromBoard],
    );
    return rows.map(toLink);
  }

  async linksTo(toBoard: string): Promise<StoredLink[]> {
    const rows = await this.sql.rows<LinkRow>(
      `SELECT ${COLUMNS} FROM board_links WHERE to_board = $1 ${ORDER}`,
      [toBoard],
    );
    return rows.map(toLink);
  }

  async linksAmong(fromBoards: readonly string[]): Promise<StoredLink[]> {
    if (fromBoards.length === 0) return [];
    const found: StoredLink[] = [];
    // Chunks keep the parameter count well under SQLite's limit.
    for (let at = 0; at < fromBoards.length; at += 500) {
      const chunk = fromBoards.slice(at, at + 500);
      const marks = chunk.map((_, i) => `$${i + 1}`).join(', ');
      const rows = await this.sql.rows<LinkRow>(
        `SELECT ${COLUMNS} FROM board_links WHERE from_board IN (${marks}) ${ORDER}`,
        chunk,
      );
      found.push(...rows.map(toLink));
    }
    return found.sort((a, b) =>
      a.fromBoard < b.fromBoard ? -1 : a.fromBoard > b.fromBoard ? 1 : 0,
    );
  }

  async setSharedCopies(
    copyBoard: string,
    copies: readonly { cardId: string; origin: SharedRef }[],
  ): Promise<boolean> {
    const board = await this.sql.rows('SELECT 1 AS one FROM boards WHERE id = $1', [copyBoard]);
    if (board.length === 0) return false;
    await this.sql.batch([
      ['DELETE FROM shared_copies WHERE copy_board = $1', [copyBoard]],
      ...copies.map((c): [string, unknown[]] => [
        `INSERT INTO shared_copies (copy_board, copy_card, origin_board, origin_card)
         SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
         ON CONFLICT (copy_board, copy_card) DO NOTHING`,
        [copyBoard, c.cardId, c.origin.board, c.origin.card],
      ]),
    ]);
    return true;
  }

  async sharedCopiesOf(originBoard: string): Promise<StoredSharedCopy[]> {
    const rows = await this.sql.rows<SharedCopyRow>(
      `SELECT copy_board, copy_card, origin_board, origin_card FROM shared_copies
       WHERE origin_board = $1 ORDER BY copy_board, copy_card`,
      [originBoard],
    );
    return rows.map((r) => ({
      copyBoard: r.copy_board,
      copyCard: r.copy_card,
      originBoard: r.origin_board,
      originCard: r.origin_card,
    }));
  }

  async unreadBoards(limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      `SELECT b.id FROM boards b LEFT JOIN board_links_read r ON r.board_id = b.id
       WHERE r.board_id IS NULL ORDER BY b.updated_at, b.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}
