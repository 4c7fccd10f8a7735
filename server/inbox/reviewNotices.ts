/**
 * Review requests in the inbox (W173): each review event (server/reviews/events.ts, emitted once
 * per cluster) becomes items for the people it concerns, keyed so that an event is one item per
 * person. Who may open the board is checked again here (`Inbox#aboutBoard`): someone removed
 * since the request hears nothing more about it.
 */
import type { ReviewView } from '../../shared/protocol/reviews.js';
import { staleText } from '../../shared/protocol/reviewSettings.js';
import type { Storage } from '../storage/storage.js';
import type { ReviewEvents } from '../reviews/events.js';
import type { Inbox } from './inbox.js';

const VERDICT_TEXT = {
  approve: 'Approved',
  changes: 'Changes requested',
  comment: 'Commented',
} as const;

export function tellOfReviews(
  events: ReviewEvents,
  inbox: Pick<Inbox, 'aboutBoard'>,
  storage: Pick<Storage, 'getBoard'>,
): void {
  const titleOf = async (review: ReviewView) =>
    (await storage.getBoard(review.boardId))?.title ?? 'a map';
  const withMessage = (title: string, message: string) =>
    message ? `${title}: ${message}` : title;

  events.on('requested', async ({ review, reviewerIds }) => {
    await inbox.aboutBoard({
      kind: 'review-requested',
      recipients: reviewerIds,
      boardId: review.boardId,
      actorId: review.requestedBy.userId,
      excerpt: withMessage(await titleOf(review), review.message),
      eventKey: `review-requested:${review.id}`,
    });
  });

  events.on('answered', async ({ review, reviewerId, verdict }) => {
    const answer = review.reviewers.find((r) => r.userId === reviewerId);
    await inbox.aboutBoard({
      kind: 'review-answered',
      recipients: [review.requestedBy.userId],
      boardId: review.boardId,
      actorId: reviewerId,
      excerpt: withMessage(
        `${VERDICT_TEXT[verdict]} · ${await titleOf(review)}`,
        answer?.comment ?? '',
      ),
      // Each answer is news: a reviewer who comments, then approves, is two items.
      eventKey: `review-answered:${review.id}:${reviewerId}:${review.answers.length}`,
    });
  });

  events.on('approved', async ({ review }) => {
    await inbox.aboutBoard({
      kind: 'review-approved',
      recipients: [review.requestedBy.userId, ...review.reviewers.map((r) => r.userId)],
      boardId: review.boardId,
      actorId: null,
      actorName: 'Every reviewer',
      excerpt: await titleOf(review),
      eventKey: `review-approved:${review.id}`,
    });
  });

  events.on('cancelled', async ({ review, byUserId }) => {
    await inbox.aboutBoard({
      kind: 'review-cancelled',
      recipients: review.reviewers.filter((r) => r.status === 'pending').map((r) => r.userId),
      boardId: review.boardId,
      actorId: byUserId,
      excerpt: await titleOf(review),
      eventKey: `review-cancelled:${review.id}`,
    });
  });

  events.on('overdue', async ({ review, reviewerId }) => {
    await inbox.aboutBoard({
      kind: 'review-overdue',
      recipients: [reviewerId],
      boardId: review.boardId,
      actorId: review.requestedBy.userId,
      excerpt: withMessage(`Due ${review.dueDate ?? ''} · ${await titleOf(review)}`, ''),
      eventKey: `review-overdue:${review.id}`,
    });
  });

  // W184: one item per owner and stale period; the key names the review the period runs from,
  // so instances racing make one item and a new approval starts a new period.
  events.on('stale', async (stale) => {
    await inbox.aboutBoard({
      kind: 'map-stale',
      recipients: stale.ownerIds,
      boardId: stale.boardId,
      actorId: null,
      actorName: 'Review reminder',
      excerpt: staleText(stale.title, stale.lastReviewedAt, stale.reviewed, Date.parse(stale.at)),
      eventKey: `map-stale:${stale.boardId}:${stale.lastReviewedAt}`,
    });
  });
}
