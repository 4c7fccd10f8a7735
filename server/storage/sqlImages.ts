import { iso } from './accountRows.js';
import type {
  ImageBlob,
  ImageMeta,
  ImageStore,
  ImageVariant,
  NewImage,
  PutImageOutcome,
} from './images.js';
import type { SqlRunner } from './sqlPeople.js';

/**
 * The pictures table, one entry per dialect, appended LAST to its adapter's migrations (after
 * the votes). Both renditions live in one row: an image is written once and never changed, and a
 * board's delete cascades to its images.
 */
const imageTables = (time: string, blob: string) =>
  `CREATE TABLE images (
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     id TEXT NOT NULL,
     type TEXT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     bytes INTEGER NOT NULL,
     data ${blob} NOT NULL,
     thumb_width INTEGER NOT NULL,
     thumb_height INTEGER NOT NULL,
     thumb_bytes INTEGER NOT NULL,
     thumb ${blob} NOT NULL,
     created_at ${time} NOT NULL,
     PRIMARY KEY (board_id, id)
   );`;

export const SQLITE_IMAGE_MIGRATION = imageTables('TEXT', 'BLOB');
export const POSTGRES_IMAGE_MIGRATION = imageTables('TIMESTAMPTZ', 'BYTEA');

/** How the dialects differ here: PostgreSQL types the parameters of an INSERT … SELECT. */
export interface ImageDialect {
  blob(n: number): string;
  time(n: number): string;
}
export const SQLITE_IMAGES: ImageDialect = { blob: (n) => `$${n}`, time: (n) => `$${n}` };
export const POSTGRES_IMAGES: ImageDialect = {
  blob: (n) => `$${n}::bytea`,
  time: (n) => `$${n}::timestamptz`,
};

interface ImageRow {
  id: string;
  board_id: string;
  type: string;
  width: number;
  height: number;
  bytes: number;
  thumb_width: number;
  thumb_height: number;
  thumb_bytes: number;
  created_at: string | Date;
}

const META_COLUMNS =
  'id, board_id, type, width, height, bytes, thumb_width, thumb_height, thumb_bytes, created_at';
/** The column of each rendition (never a caller's string in SQL). */
const VARIANT_COLUMN: Record<ImageVariant, string> = { full: 'data', thumb: 'thumb' };

const toMeta = (r: ImageRow): ImageMeta => ({
  id: r.id,
  boardId: r.board_id,
  type: r.type,
  width: Number(r.width),
  height: Number(r.height),
  bytes: Number(r.bytes),
  thumbWidth: Number(r.thumb_width),
  thumbHeight: Number(r.thumb_height),
  thumbBytes: Number(r.thumb_bytes),
  createdAt: iso(r.created_at),
});

/** Both drivers bind a Buffer as a blob (better-sqlite3 refuses other typed arrays). */
const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The image store both SQL adapters share (same table, `$n` parameters). */
export class SqlImages implements ImageStore {
  constructor(
    private readonly sql: Pick<SqlRunner, 'rows' | 'run'>,
    private readonly dialect: ImageDialect,
  ) {}

  async putImage(
    boardId: string,
    image: NewImage,
    maxBoardBytes: number,
  ): Promise<PutImageOutcome> {
    const size = image.data.byteLength + image.thumb.data.byteLength;
    const { blob, time } = this.dialect;
    // One statement: the budget check and the insert see the same rows (on SQLite, always).
    const changed = await this.sql.run(
      `INSERT INTO images (board_id, id, type, width, height, bytes, data,
         thumb_width, thumb_height, thumb_bytes, thumb, created_at)
       SELECT $1, $2, $3, CAST($4 AS INTEGER), CAST($5 AS INTEGER), CAST($6 AS INTEGER), ${blob(7)},
         CAST($8 AS INTEGER), CAST($9 AS INTEGER), CAST($10 AS INTEGER), ${blob(11)}, ${time(12)}
       WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
         AND NOT EXISTS (SELECT 1 FROM images WHERE board_id = $1 AND id = $2)
         AND COALESCE((SELECT SUM(bytes + thumb_bytes) FROM images WHERE board_id = $1), 0)
           + CAST($13 AS INTEGER) <= CAST($14 AS BIGINT)
       ON CONFLICT (board_id, id) DO NOTHING`,
      [
        boardId,
        image.id,
        image.type,
        image.width,
        image.height,
        image.data.byteLength,
        asBuffer(image.data),
        image.thumb.width,
        image.thumb.height,
        image.thumb.data.byteLength,
        asBuffer(image.thumb.data),
        image.createdAt,
        size,
        maxBoardBytes,
      ],
    );
    if (changed > 0) return 'stored';
    const held = await this.sql.rows(
      'SELECT 1 AS one FROM images WHERE board_id = $1 AND id = $2',
      [boardId, image.id],
    );
    if (held.length > 0) return 'exists';
    const board = await this.sql.rows('SELECT 1 AS one FROM boards WHERE id = $1', [boardId]);
    return board.length > 0 ? 'over-budget' : 'no-board';
  }

  async getImage(boardId: string, id: string, variant: ImageVariant): Promise<ImageBlob | null> {
    const [row] = await this.sql.rows<ImageRow & { blob: Uint8Array }>(
      `SELECT ${META_COLUMNS}, ${VARIANT_COLUMN[variant]} AS blob FROM images
       WHERE board_id = $1 AND id = $2`,
      [boardId, id],
    );
    return row ? { meta: toMeta(row), data: new Uint8Array(row.blob) } : null;
  }

  async listImages(boardId: string): Promise<ImageMeta[]> {
    const rows = await this.sql.rows<ImageRow>(
      `SELECT ${META_COLUMNS} FROM images WHERE board_id = $1 ORDER BY created_at, id`,
      [boardId],
    );
    return rows.map(toMeta);
  }

  async imageBytesForBoard(boardId: string): Promise<number> {
    const [row] = await this.sql.rows<{ total: number | string | null }>(
      'SELECT COALESCE(SUM(bytes + thumb_bytes), 0) AS total FROM images WHERE board_id = $1',
      [boardId],
    );
    return Number(row?.total ?? 0);
  }
}
