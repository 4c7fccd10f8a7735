import { iso } from './accountRows.js';
import type { ReviewSettingsRecord, ReviewStanding, StaleCandidate } from './reviews.js';
import type { SqlRunner } from './sqlPeople.js';

/**
 * Stale-map reminders (W183–W185): a board's own reminder period and the last review its owners
 * were reminded after. One migration per dialect, appended LAST to each adapter's list
 * (sqlite.ts, postgresSchema.ts), self-contained. `reminded_for` has the type of the review
 * timestamps, so the database compares it with `closed_at` / `created_at` exactly.
 */
const reminderTable = (time: string) =>
  `CREATE TABLE board_review_settings (
     board_id TEXT PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
     reminder_days INTEGER,
     reminded_for ${time}
   );
   CREATE INDEX reviews_board_approved ON reviews (board_id, state, closed_at);`;

export const SQLITE_REMINDER_MIGRATION = reminderTable('TEXT');
export const POSTGRES_REMINDER_MIGRATION = reminderTable('TIMESTAMPTZ');

type Stamp = string | Date;

/** The latest approval of each board (the review that last passed). */
const LAST_APPROVED = `SELECT board_id, MAX(closed_at) AS last_approved FROM reviews
  WHERE state = 'approved' GROUP BY board_id`;

export async function getReviewSettings(
  sql: SqlRunner,
  boardId: string,
): Promise<ReviewSettingsRecord | null> {
  const [row] = await sql.rows<{
    board_id: string;
    created_at: Stamp;
    reminder_days: number | null;
    reminded_for: Stamp | null;
    last_review_id: string | null;
    last_approved: Stamp | null;
  }>(
    `SELECT b.id AS board_id, b.created_at, s.reminder_days, s.reminded_for,
       (SELECT r.id FROM reviews r WHERE r.board_id = b.id AND r.state = 'approved'
        ORDER BY r.closed_at DESC, r.id DESC LIMIT 1) AS last_review_id,
       a.last_approved
     FROM boards b
     LEFT JOIN board_review_settings s ON s.board_id = b.id
     LEFT JOIN (${LAST_APPROVED}) a ON a.board_id = b.id
     WHERE b.id = $1`,
    [boardId],
  );
  if (!row) return null;
  return {
    boardId: row.board_id,
    reminderDays: row.reminder_days === null ? null : Number(row.reminder_days),
    lastReviewedAt: iso(row.last_approved ?? row.created_at),
    lastReviewId: row.last_approved === null ? null : row.last_review_id,
    remindedFor: row.reminded_for === null ? null : iso(row.reminded_for),
  };
}

/** Ids per `IN (…)` list: far below both databases' parameter limits. */
const CHUNK = 500;

export async function reviewStandings(
  sql: SqlRunner,
  boardIds: readonly string[],
): Promise<ReviewStanding[]> {
  const standings: ReviewStanding[] = [];
  for (let at = 0; at < boardIds.length; at += CHUNK) {
    const ids = boardIds.slice(at, at + CHUNK);
    const list = ids.map((_, i) => `$${i + 1}`).join(', ');
    const rows = await sql.rows<{
      board_id: string;
      created_at: Stamp;
      reminder_days: number | null;
      last_approved: Stamp | null;
      open_id: string | null;
      due_date: string | null;
      pending: number | string | null;
      changes: number | string | null;
    }>(
      `SELECT b.id AS board_id, b.created_at, s.reminder_days, a.last_approved,
         o.id AS open_id, o.due_date,
         (SELECT COUNT(*) FROM review_reviewers v WHERE v.review_id = o.id
            AND v.status = 'pending') AS pending,
         (SELECT COUNT(*) FROM review_reviewers v WHERE v.review_id = o.id
            AND v.status = 'changes') AS changes
       FROM boards b
       LEFT JOIN board_review_settings s ON s.board_id = b.id
       LEFT JOIN (SELECT board_id, MAX(closed_at) AS last_approved FROM reviews
                  WHERE state = 'approved' AND board_id IN (${list}) GROUP BY board_id) a
         ON a.board_id = b.id
       LEFT JOIN reviews o ON o.id = (SELECT r.id FROM reviews r
         WHERE r.board_id = b.id AND r.state = 'open' ORDER BY r.created_at DESC, r.id DESC LIMIT 1)
       WHERE b.id IN (${list})`,
      ids,
    );
    for (const r of rows)
      standings.push({
        boardId: r.board_id,
        reminderDays: r.reminder_days === null ? null : Number(r.reminder_days),
        lastReviewedAt: iso(r.last_approved ?? r.created_at),
        reviewed: r.last_approved !== null,
        open:
          r.open_id === null
            ? null
            : {
                reviewId: r.open_id,
                dueDate: r.due_date,
                pending: Number(r.pending ?? 0),
                changes: Number(r.changes ?? 0),
              },
      });
  }
  return standings;
}

export async function setReminderDays(
  sql: SqlRunner,
  boardId: string,
  days: number | null,
): Promise<boolean> {
  const changed = await sql.run(
    `INSERT INTO board_review_settings (board_id, reminder_days)
     SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
     ON CONFLICT (board_id) DO UPDATE SET reminder_days = excluded.reminder_days`,
    [boardId, days],
  );
  return changed > 0;
}

export async function staleCandidates(
  sql: SqlRunner,
  defaultDays: number,
): Promise<StaleCandidate[]> {
  const rows = await sql.rows<{
    board_id: string;
    title: string;
    created_at: Stamp;
    reminder_days: number | null;
    last_approved: Stamp | null;
  }>(
    `SELECT b.id AS board_id, b.title, b.created_at, s.reminder_days, a.last_approved
     FROM boards b
     LEFT JOIN board_review_settings s ON s.board_id = b.id
     LEFT JOIN (${LAST_APPROVED}) a ON a.board_id = b.id
     WHERE b.workspace_id IS NOT NULL
       AND COALESCE(s.reminder_days, $1) > 0
       AND (s.reminded_for IS NULL OR s.reminded_for <> COALESCE(a.last_approved, b.created_at))
     ORDER BY COALESCE(a.last_approved, b.created_at), b.id`,
    [defaultDays],
  );
  return rows.map((r) => ({
    boardId: r.board_id,
    title: r.title,
    reminderDays: r.reminder_days === null ? null : Number(r.reminder_days),
    lastReviewedAt: iso(r.last_approved ?? r.created_at),
    reviewed: r.last_approved !== null,
  }));
}

export async function markStaleReminded(
  sql: SqlRunner,
  boardId: string,
  lastReviewedAt: string,
): Promise<boolean> {
  // One conditional upsert: of two instances recording the same reminder, one changes the row.
  const changed = await sql.run(
    `INSERT INTO board_review_settings (board_id, reminded_for)
     SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
     ON CONFLICT (board_id) DO UPDATE SET reminded_for = excluded.reminded_for
     WHERE board_review_settings.reminded_for IS NULL
        OR board_review_settings.reminded_for <> excluded.reminded_for`,
    [boardId, lastReviewedAt],
  );
  return changed > 0;
}
