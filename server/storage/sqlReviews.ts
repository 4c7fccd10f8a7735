import type { ReviewState, ReviewerStatus, Verdict } from '../../shared/protocol/reviews.js';
import { iso } from './accountRows.js';
import type {
  AnswerRecord,
  OverdueCandidate,
  ReviewRecord,
  ReviewSettingsRecord,
  ReviewStanding,
  ReviewStore,
  ReviewerRecord,
  StaleCandidate,
  StoredReview,
} from './reviews.js';
import type { SqlRunner } from './sqlPeople.js';
import * as reminders from './sqlReviewReminders.js';

/**
 * The review tables, one list per dialect, each spread LAST into its adapter's migrations
 * (sqlite.ts, postgresSchema.ts). Append new entries, never edit old ones. A person's time zone
 * is a table of its own rather than a column of `users`, so the account rows stay as they are.
 */
const reviewTables = (time: string, seq: string) => [
  `CREATE TABLE reviews (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     requested_by TEXT NOT NULL,
     message TEXT NOT NULL,
     due_date TEXT,
     created_at ${time} NOT NULL,
     state TEXT NOT NULL,
     closed_at ${time},
     approved_version_id TEXT
   );
   CREATE INDEX reviews_board ON reviews (board_id, created_at);
   CREATE INDEX reviews_open_due ON reviews (state, due_date);
   CREATE TABLE review_reviewers (
     review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL,
     position INTEGER NOT NULL,
     status TEXT NOT NULL,
     comment TEXT,
     answered_at ${time},
     reminded_at ${time},
     PRIMARY KEY (review_id, user_id)
   );
   CREATE TABLE review_answers (
     seq ${seq},
     review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL,
     verdict TEXT NOT NULL,
     comment TEXT,
     at ${time} NOT NULL
   );
   CREATE INDEX review_answers_review ON review_answers (review_id, seq);
   CREATE TABLE user_time_zones (
     user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
     time_zone TEXT NOT NULL
   );`,
];

export const SQLITE_REVIEW_MIGRATIONS: readonly string[] = reviewTables(
  'TEXT',
  'INTEGER PRIMARY KEY AUTOINCREMENT',
);
export const POSTGRES_REVIEW_MIGRATIONS: readonly string[] = reviewTables(
  'TIMESTAMPTZ',
  'BIGSERIAL PRIMARY KEY',
);

type Stamp = string | Date;

interface ReviewRow {
  id: string;
  board_id: string;
  requested_by: string;
  message: string;
  due_date: string | null;
  created_at: Stamp;
  state: string;
  closed_at: Stamp | null;
  approved_version_id: string | null;
}
interface ReviewerRow {
  review_id: string;
  user_id: string;
  status: string;
  comment: string | null;
  answered_at: Stamp | null;
  reminded_at: Stamp | null;
}
interface AnswerRow {
  review_id: string;
  user_id: string;
  verdict: string;
  comment: string | null;
  at: Stamp;
}

const isoOrNull = (t: Stamp | null) => (t === null ? null : iso(t));

const REVIEW_COLUMNS =
  'r.id, r.board_id, r.requested_by, r.message, r.due_date, r.created_at, r.state, r.closed_at, r.approved_version_id';
const REVIEWER_COLUMNS =
  'v.review_id, v.user_id, v.status, v.comment, v.answered_at, v.reminded_at';
const ANSWER_COLUMNS = 'a.review_id, a.user_id, a.verdict, a.comment, a.at';

const toReview = (r: ReviewRow): ReviewRecord => ({
  id: r.id,
  boardId: r.board_id,
  requestedBy: r.requested_by,
  message: r.message,
  dueDate: r.due_date,
  createdAt: iso(r.created_at),
  state: r.state as ReviewState,
  closedAt: isoOrNull(r.closed_at),
  approvedVersionId: r.approved_version_id,
});
const toReviewer = (r: ReviewerRow): ReviewerRecord => ({
  reviewId: r.review_id,
  userId: r.user_id,
  status: r.status as ReviewerStatus,
  comment: r.comment,
  answeredAt: isoOrNull(r.answered_at),
  remindedAt: isoOrNull(r.reminded_at),
});
const toAnswer = (r: AnswerRow): AnswerRecord => ({
  reviewId: r.review_id,
  userId: r.user_id,
  verdict: r.verdict as Verdict,
  comment: r.comment,
  at: iso(r.at),
});

const STATUS_OF_VERDICT: Record<Verdict, ReviewerStatus> = {
  approve: 'approved',
  changes: 'changes',
  comment: 'commented',
};

/** The review store both adapters share (same tables, `$n` parameters, portable SQL). */
export class SqlReviews implements ReviewStore {
  constructor(private readonly sql: SqlRunner) {}

  async createReview(
    review: Omit<ReviewRecord, 'state' | 'closedAt' | 'approvedVersionId'>,
    reviewerIds: string[],
  ): Promise<boolean> {
    const board = await this.sql.rows('SELECT 1 AS one FROM boards WHERE id = $1', [
      review.boardId,
    ]);
    if (board.length === 0) return false;
    await this.sql.batch([
      [
        `INSERT INTO reviews (id, board_id, requested_by, message, due_date, created_at, state)
         VALUES ($1, $2, $3, $4, $5, $6, 'open')`,
        [
          review.id,
          review.boardId,
          review.requestedBy,
          review.message,
          review.dueDate,
          review.createdAt,
        ],
      ],
      ...reviewerIds.map((userId, i): [string, unknown[]] => [
        `INSERT INTO review_reviewers (review_id, user_id, position, status)
         VALUES ($1, $2, $3, 'pending')`,
        [review.id, userId, i],
      ]),
    ]);
    return true;
  }

  /** Reviews of a board (all, or one), with their reviewers and answers. */
  private async load(boardId: string, reviewId: string | null): Promise<StoredReview[]> {
    const one = reviewId === null ? '' : ' AND r.id = $2';
    const params = reviewId === null ? [boardId] : [boardId, reviewId];
    const reviews = await this.sql.rows<ReviewRow>(
      `SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE r.board_id = $1${one}
       ORDER BY r.created_at DESC, r.id DESC`,
      params,
    );
    if (reviews.length === 0) return [];
    const reviewers = await this.sql.rows<ReviewerRow>(
      `SELECT ${REVIEWER_COLUMNS} FROM review_reviewers v JOIN reviews r ON r.id = v.review_id
       WHERE r.board_id = $1${one} ORDER BY v.position`,
      params,
    );
    const answers = await this.sql.rows<AnswerRow>(
      `SELECT ${ANSWER_COLUMNS} FROM review_answers a JOIN reviews r ON r.id = a.review_id
       WHERE r.board_id = $1${one} ORDER BY a.seq`,
      params,
    );
    return reviews.map((row) => ({
      ...toReview(row),
      reviewers: reviewers.filter((v) => v.review_id === row.id).map(toReviewer),
      answers: answers.filter((a) => a.review_id === row.id).map(toAnswer),
    }));
  }

  async getReview(boardId: string, reviewId: string): Promise<StoredReview | null> {
    return (await this.load(boardId, reviewId))[0] ?? null;
  }

  listReviews(boardId: string): Promise<StoredReview[]> {
    return this.load(boardId, null);
  }

  async answer(a: AnswerRecord): Promise<boolean> {
    // The reviewer row changes only while the review is open: an answer racing a cancel or the
    // approval either lands before it (and counts) or not at all.
    const changed = await this.sql.run(
      `UPDATE review_reviewers SET status = $3, comment = $4, answered_at = $5
       WHERE review_id = $1 AND user_id = $2
         AND EXISTS (SELECT 1 FROM reviews WHERE id = $1 AND state = 'open')`,
      [a.reviewId, a.userId, STATUS_OF_VERDICT[a.verdict], a.comment, a.at],
    );
    if (changed === 0) return false;
    await this.sql.run(
      `INSERT INTO review_answers (review_id, user_id, verdict, comment, at)
       VALUES ($1, $2, $3, $4, $5)`,
      [a.reviewId, a.userId, a.verdict, a.comment, a.at],
    );
    return true;
  }

  async claimApproval(reviewId: string, at: string): Promise<boolean> {
    // One conditional UPDATE: SQLite runs it under its write lock, PostgreSQL re-checks the WHERE
    // on the row a racing winner wrote, so exactly one caller sees a change.
    const changed = await this.sql.run(
      `UPDATE reviews SET state = 'approved', closed_at = $2
       WHERE id = $1 AND state = 'open'
         AND NOT EXISTS (
           SELECT 1 FROM review_reviewers WHERE review_id = $1 AND status <> 'approved'
         )`,
      [reviewId, at],
    );
    return changed > 0;
  }

  async setApprovedVersion(reviewId: string, versionId: string): Promise<void> {
    await this.sql.run('UPDATE reviews SET approved_version_id = $2 WHERE id = $1', [
      reviewId,
      versionId,
    ]);
  }

  async cancelReview(reviewId: string, at: string): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE reviews SET state = 'cancelled', closed_at = $2 WHERE id = $1 AND state = 'open'`,
      [reviewId, at],
    );
    return changed > 0;
  }

  async overdueCandidates(dueOnOrBefore: string, limit: number): Promise<OverdueCandidate[]> {
    const rows = await this.sql.rows<{
      review_id: string;
      board_id: string;
      user_id: string;
      due_date: string;
      time_zone: string | null;
    }>(
      `SELECT r.id AS review_id, r.board_id, v.user_id, r.due_date, z.time_zone
       FROM reviews r
       JOIN review_reviewers v ON v.review_id = r.id
       LEFT JOIN user_time_zones z ON z.user_id = v.user_id
       WHERE r.state = 'open' AND r.due_date IS NOT NULL AND r.due_date <= $1
         AND v.status = 'pending' AND v.reminded_at IS NULL
       ORDER BY r.due_date, r.id, v.position
       LIMIT $2`,
      [dueOnOrBefore, limit],
    );
    return rows.map((r) => ({
      reviewId: r.review_id,
      boardId: r.board_id,
      userId: r.user_id,
      dueDate: r.due_date,
      timeZone: r.time_zone,
    }));
  }

  async markReminded(reviewId: string, userId: string, at: string): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE review_reviewers SET reminded_at = $3
       WHERE review_id = $1 AND user_id = $2 AND reminded_at IS NULL AND status = 'pending'
         AND EXISTS (SELECT 1 FROM reviews WHERE id = $1 AND state = 'open')`,
      [reviewId, userId, at],
    );
    return changed > 0;
  }

  getReviewSettings(boardId: string): Promise<ReviewSettingsRecord | null> {
    return reminders.getReviewSettings(this.sql, boardId);
  }

  reviewStandings(boardIds: readonly string[]): Promise<ReviewStanding[]> {
    return reminders.reviewStandings(this.sql, boardIds);
  }

  setReminderDays(boardId: string, days: number | null): Promise<boolean> {
    return reminders.setReminderDays(this.sql, boardId, days);
  }

  staleCandidates(defaultDays: number): Promise<StaleCandidate[]> {
    return reminders.staleCandidates(this.sql, defaultDays);
  }

  markStaleReminded(boardId: string, lastReviewedAt: string): Promise<boolean> {
    return reminders.markStaleReminded(this.sql, boardId, lastReviewedAt);
  }

  async getTimeZone(userId: string): Promise<string | null> {
    const [row] = await this.sql.rows<{ time_zone: string }>(
      'SELECT time_zone FROM user_time_zones WHERE user_id = $1',
      [userId],
    );
    return row?.time_zone ?? null;
  }

  async setTimeZone(userId: string, timeZone: string | null): Promise<void> {
    if (timeZone === null) {
      await this.sql.run('DELETE FROM user_time_zones WHERE user_id = $1', [userId]);
      return;
    }
    await this.sql.run(
      `INSERT INTO user_time_zones (user_id, time_zone)
       SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM users WHERE id = $1)
       ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone`,
      [userId, timeZone],
    );
  }
}
