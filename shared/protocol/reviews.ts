/**
 * Review requests on the wire (docs/WIRE.md W167–W172): what `/api/boards/:id/reviews` answers
 * and what the client shows. A review asks some of a board's people to approve the map; when
 * every one of them approved, the server saves a named version "Approved — <date>".
 */

/** What a reviewer answers; `changes` carries a comment. */
export const VERDICTS = ['approve', 'changes', 'comment'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A reviewer's standing: their latest answer, or none yet. */
export type ReviewerStatus = 'pending' | 'approved' | 'changes' | 'commented';

export const REVIEW_STATES = ['open', 'approved', 'cancelled'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** At most this many reviewers per request. */
export const MAX_REVIEWERS = 20;
export const REVIEW_MESSAGE_MAX = 2000;
export const REVIEW_COMMENT_MAX = 5000;

/** The status a verdict leaves its reviewer in. */
export const STATUS_OF: Record<Verdict, ReviewerStatus> = {
  approve: 'approved',
  changes: 'changes',
  comment: 'commented',
};

export interface PersonRef {
  userId: string;
  /** As the person is called now; '(removed)' for an account that is gone. */
  name: string;
}

export interface ReviewerView extends PersonRef {
  status: ReviewerStatus;
  comment: string | null;
  /** ISO 8601 of the latest answer. */
  answeredAt: string | null;
  /** ISO 8601: when the overdue reminder went out (once). */
  remindedAt: string | null;
}

/** One answer as it was given (a later one replaces it in `reviewers`, not here). */
export interface AnswerView extends PersonRef {
  verdict: Verdict;
  comment: string | null;
  at: string;
}

export interface ReviewView {
  id: string;
  boardId: string;
  requestedBy: PersonRef;
  message: string;
  /** A calendar date (YYYY-MM-DD), the last day of the review; null for no due date. */
  dueDate: string | null;
  /** ISO 8601 */
  createdAt: string;
  state: ReviewState;
  /** ISO 8601: when it was approved or cancelled. */
  closedAt: string | null;
  /** The version saved when everyone approved (null until then, or when saving it failed). */
  approvedVersionId: string | null;
  reviewers: ReviewerView[];
  /** Every answer, oldest first. */
  answers: AnswerView[];
}
