import type { ReviewView, Verdict } from '../../shared/protocol/reviews.js';
import type { Logger } from '../logger.js';

/**
 * What the review service tells the rest of the server, in process, after the fact (the store
 * already holds it). The inbox and the e-mail outbox subscribe here; the review service knows
 * nothing of them. Reviewers named in `requested` and `overdue` could open the board at that
 * moment; for anyone else (the requester, reviewers in `answered`/`approved`/`cancelled`) a
 * listener checks access before telling them. Each event is emitted once per cluster: by the instance whose request (or
 * whose conditional update, for `approved` and `overdue`) made it happen.
 */
export interface ReviewEventMap {
  /** A review was asked for: tell each of `reviewerIds` (the requester is `review.requestedBy`). */
  requested: { review: ReviewView; reviewerIds: string[] };
  /** A reviewer answered (again, perhaps): tell the requester. */
  answered: { review: ReviewView; reviewerId: string; verdict: Verdict };
  /**
   * Everyone approved and the version "Approved — <date>" was saved (`versionId` null when
   * saving it failed: the review is approved all the same). Tell the requester and reviewers.
   */
  approved: { review: ReviewView; versionId: string | null };
  /** The requester or a board owner withdrew the request: tell the reviewers still pending. */
  cancelled: { review: ReviewView; byUserId: string };
  /** The morning after the due date in the reviewer's time zone, still pending: remind once. */
  overdue: { review: ReviewView; reviewerId: string };
  /** One overdue check ran (every `REVIEW_OVERDUE_CHECK_MS`): how many reminders it sent. */
  checked: { reminded: number };
  /**
   * A board went its reminder period without an approved review (W184): tell `ownerIds`, once
   * per `lastReviewedAt` (the listener keys the item by it, so instances racing make one).
   */
  stale: {
    boardId: string;
    title: string;
    ownerIds: string[];
    lastReviewedAt: string;
    /** Whether `lastReviewedAt` is an approval (false: the board's creation). */
    reviewed: boolean;
    days: number;
    /** The instant of the check. */
    at: string;
  };
}
export type ReviewEventKind = keyof ReviewEventMap;
export type ReviewListener<K extends ReviewEventKind> = (
  event: ReviewEventMap[K],
) => void | Promise<void>;

/** A typed listener list. A listener that throws or rejects is logged; the others still run. */
export class ReviewEvents {
  private readonly listeners = new Map<ReviewEventKind, Set<ReviewListener<never>>>();

  constructor(private readonly log?: Logger) {}

  /** Subscribes; the returned function unsubscribes. */
  on<K extends ReviewEventKind>(kind: K, listener: ReviewListener<K>): () => void {
    let set = this.listeners.get(kind);
    if (!set) this.listeners.set(kind, (set = new Set()));
    set.add(listener as ReviewListener<never>);
    return () => set.delete(listener as ReviewListener<never>);
  }

  emit<K extends ReviewEventKind>(kind: K, event: ReviewEventMap[K]): void {
    void this.emitSettled(kind, event);
  }

  /** As `emit`, resolving once every listener finished (failures logged, never thrown). */
  async emitSettled<K extends ReviewEventKind>(kind: K, event: ReviewEventMap[K]): Promise<void> {
    const failed = (err: unknown) =>
      this.log?.error({ err, event: kind }, 'a review listener failed');
    const running: Promise<void>[] = [];
    for (const listener of this.listeners.get(kind) ?? []) {
      try {
        const done = (listener as ReviewListener<K>)(event);
        if (done) running.push(done.catch(failed));
      } catch (err) {
        failed(err);
      }
    }
    await Promise.all(running);
  }
}
