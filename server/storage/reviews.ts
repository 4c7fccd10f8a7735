import type { ReviewState, ReviewerStatus, Verdict } from '../../shared/protocol/reviews.js';

/**
 * Review requests: the storage port behind server/reviews/. Both adapters implement it with the
 * same SQL (sqlReviews.ts) over the database of the boards; test/contract/reviews.contract.ts is
 * its contract. Timestamps are `Date#toISOString()` strings; due dates are calendar dates
 * (`YYYY-MM-DD`), compared as text.
 */

export interface ReviewRecord {
  id: string;
  boardId: string;
  /** A user id. */
  requestedBy: string;
  message: string;
  dueDate: string | null;
  /** ISO 8601 */
  createdAt: string;
  state: ReviewState;
  /** ISO 8601: when it became approved or cancelled. */
  closedAt: string | null;
  approvedVersionId: string | null;
}

export interface ReviewerRecord {
  reviewId: string;
  userId: string;
  status: ReviewerStatus;
  comment: string | null;
  answeredAt: string | null;
  remindedAt: string | null;
}

export interface AnswerRecord {
  reviewId: string;
  userId: string;
  verdict: Verdict;
  comment: string | null;
  at: string;
}

export interface StoredReview extends ReviewRecord {
  /** In the order they were asked. */
  reviewers: ReviewerRecord[];
  /** Oldest first. */
  answers: AnswerRecord[];
}

/** A reviewer who has not answered an open review that is past its due date (not yet reminded). */
export interface OverdueCandidate {
  reviewId: string;
  boardId: string;
  userId: string;
  dueDate: string;
  /** IANA; null when the person never said (UTC then). */
  timeZone: string | null;
}

/** A board's review reminder as stored (W183–W185). */
export interface ReviewSettingsRecord {
  boardId: string;
  /** The board's own period in days; null: the server's default; 0: switched off. */
  reminderDays: number | null;
  /** ISO 8601: the last approved review's `closedAt`, else the board's `createdAt`. */
  lastReviewedAt: string;
  /** The approved review behind `lastReviewedAt` (null: the board's creation). */
  lastReviewId: string | null;
  /** The `lastReviewedAt` the last stale reminder went out for, if any. */
  remindedFor: string | null;
}

/** A board's place in its review cycle (`reviewStandings`). */
export interface ReviewStanding {
  boardId: string;
  /** The board's own period in days; null: the server's default; 0: switched off. */
  reminderDays: number | null;
  /** ISO 8601: the last approved review's `closedAt`, else the board's `createdAt`. */
  lastReviewedAt: string;
  /** Whether `lastReviewedAt` is an approval (false: the board's creation). */
  reviewed: boolean;
  /** The newest open review, if any: how many reviewers still owe an answer, asked for changes. */
  open: { reviewId: string; dueDate: string | null; pending: number; changes: number } | null;
}

/** A board in a workspace whose owners were not yet reminded since its last review. */
export interface StaleCandidate {
  boardId: string;
  title: string;
  reminderDays: number | null;
  lastReviewedAt: string;
  /** Whether `lastReviewedAt` is an approval (false: the board's creation). */
  reviewed: boolean;
}

export interface ReviewStore {
  /**
   * Stores an open review and its reviewers (all pending), in one transaction; false (nothing
   * stored) when the board does not exist. Deleting the board deletes its reviews.
   */
  createReview(
    review: Omit<ReviewRecord, 'state' | 'closedAt' | 'approvedVersionId'>,
    reviewerIds: string[],
  ): Promise<boolean>;
  /** Null when unknown or of another board. */
  getReview(boardId: string, reviewId: string): Promise<StoredReview | null>;
  /** Newest first (ties: by id, descending). */
  listReviews(boardId: string): Promise<StoredReview[]>;
  /**
   * Records a reviewer's answer on an open review (replacing their status, kept in the history);
   * false when the review is not open or they are not one of its reviewers.
   */
  answer(answer: AnswerRecord): Promise<boolean>;
  /**
   * Closes the review as approved if it is open and every reviewer's status is `approved`, in
   * one conditional update: of two racing calls (on any instance) one gets true.
   */
  claimApproval(reviewId: string, at: string): Promise<boolean>;
  /** Records the version saved for an approved review. */
  setApprovedVersion(reviewId: string, versionId: string): Promise<void>;
  /** Closes an open review as cancelled; false when it was not open. */
  cancelReview(reviewId: string, at: string): Promise<boolean>;
  /**
   * Pending reviewers of open reviews due on or before `dueOnOrBefore` and not yet reminded,
   * with their time zone; at most `limit`, oldest due first.
   */
  overdueCandidates(dueOnOrBefore: string, limit: number): Promise<OverdueCandidate[]>;
  /**
   * Marks the reminder sent if the reviewer is still pending, the review open and no reminder
   * went out yet; of two racing calls one gets true.
   */
  markReminded(reviewId: string, userId: string, at: string): Promise<boolean>;

  /** The board's review reminder and when it was last reviewed; null for an unknown board. */
  getReviewSettings(boardId: string): Promise<ReviewSettingsRecord | null>;
  /**
   * Where each board stands in its review cycle, for many boards in one call (the portfolio):
   * its reminder period, last review and newest open review. Unknown boards are left out.
   */
  reviewStandings(boardIds: readonly string[]): Promise<ReviewStanding[]>;
  /** Sets the board's own period (null: the default; 0: off); false for an unknown board. */
  setReminderDays(boardId: string, days: number | null): Promise<boolean>;
  /**
   * Boards of a workspace whose reminder is on (their own period, else `defaultDays`) and whose
   * owners were not reminded for their current `lastReviewedAt`; oldest review first. Whether
   * the period has passed is the caller's to decide.
   */
  staleCandidates(defaultDays: number): Promise<StaleCandidate[]>;
  /**
   * Records that the reminder for `lastReviewedAt` went out; true when that changed anything
   * (false: already recorded, or an unknown board).
   */
  markStaleReminded(boardId: string, lastReviewedAt: string): Promise<boolean>;

  /** The IANA time zone a person uses (set from their browser); null when never set. */
  getTimeZone(userId: string): Promise<string | null>;
  /** Nothing for an unknown user; null forgets it. */
  setTimeZone(userId: string, timeZone: string | null): Promise<void>;
}
