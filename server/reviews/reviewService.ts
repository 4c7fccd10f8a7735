import { newId } from '../../shared/model/order.js';
import { type ReviewView, type Verdict } from '../../shared/protocol/reviews.js';
import type { Logger } from '../logger.js';
import type { AccountStore, UserRecord } from '../storage/accounts.js';
import type { ReviewStore, StoredReview } from '../storage/reviews.js';
import type { VersionMeta } from '../storage/storage.js';
import type { ReviewEvents } from './events.js';
import { latestRemindableDueDate, reminderDue } from './overdue.js';

/** How the service saves the approved version (Versions#save). */
export type SaveVersion = (
  boardId: string,
  fields: { label: string; note: string; author: string },
) => Promise<VersionMeta | null>;

export interface ReviewServiceDeps {
  store: ReviewStore;
  accounts: AccountStore;
  /** Whether the person may open the board (a member of its workspace, not disabled). */
  canOpen(boardId: string, userId: string): Promise<boolean>;
  saveVersion: SaveVersion;
  events: ReviewEvents;
  log: Logger;
  now?: () => Date;
}

export interface NewReview {
  reviewerIds: string[];
  dueDate?: string | null;
  message?: string;
}

/** Why a request or an answer was refused; `field` names the body field at fault. */
export class ReviewRefused extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ReviewRefused';
  }
}

/** Reminders sent per check at most; the rest wait for the next check. */
const REMINDERS_PER_CHECK = 500;
const NOTE_MAX = 5000;

/**
 * Review requests: asked of some of a board's people, answered by each, approved when every
 * one of them approved (then a named version is saved), reminded once when overdue. What
 * happens is told to listeners (events.ts); storage is the source of truth across instances.
 */
export class ReviewService {
  private readonly now: () => Date;

  constructor(private readonly deps: ReviewServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The review as the API shows it: people by their current names. */
  private async view(review: StoredReview): Promise<ReviewView> {
    const ids = new Set([
      review.requestedBy,
      ...review.reviewers.map((r) => r.userId),
      ...review.answers.map((a) => a.userId),
    ]);
    const names = new Map<string, string>();
    await Promise.all(
      [...ids].map(async (id) =>
        names.set(id, (await this.deps.accounts.getUser(id))?.name ?? '(removed)'),
      ),
    );
    const ref = (userId: string) => ({ userId, name: names.get(userId)! });
    return {
      id: review.id,
      boardId: review.boardId,
      requestedBy: ref(review.requestedBy),
      message: review.message,
      dueDate: review.dueDate,
      createdAt: review.createdAt,
      state: review.state,
      closedAt: review.closedAt,
      approvedVersionId: review.approvedVersionId,
      reviewers: review.reviewers.map((r) => ({
        ...ref(r.userId),
        status: r.status,
        comment: r.comment,
        answeredAt: r.answeredAt,
        remindedAt: r.remindedAt,
      })),
      answers: review.answers.map((a) => ({
        ...ref(a.userId),
        verdict: a.verdict,
        comment: a.comment,
        at: a.at,
      })),
    };
  }

  private async stored(boardId: string, reviewId: string): Promise<StoredReview> {
    const review = await this.deps.store.getReview(boardId, reviewId);
    if (!review) throw new ReviewRefused(404, `no review '${reviewId}' of this board`);
    return review;
  }

  async list(boardId: string): Promise<ReviewView[]> {
    const reviews = await this.deps.store.listReviews(boardId);
    return Promise.all(reviews.map((r) => this.view(r)));
  }

  async get(boardId: string, reviewId: string): Promise<ReviewView> {
    return this.view(await this.stored(boardId, reviewId));
  }

  async request(boardId: string, requester: UserRecord, body: NewReview): Promise<ReviewView> {
    const reviewerIds = [...new Set(body.reviewerIds)];
    if (reviewerIds.includes(requester.id))
      throw new ReviewRefused(400, 'you cannot review your own request', 'reviewerIds');
    for (const id of reviewerIds) {
      if (!(await this.deps.canOpen(boardId, id)))
        throw new ReviewRefused(
          400,
          `'${id}' is not someone who can open this board`,
          'reviewerIds',
        );
    }
    const id = newId();
    const created = await this.deps.store.createReview(
      {
        id,
        boardId,
        requestedBy: requester.id,
        message: body.message ?? '',
        dueDate: body.dueDate ?? null,
        createdAt: this.now().toISOString(),
      },
      reviewerIds,
    );
    if (!created) throw new ReviewRefused(404, 'no such board');
    const review = await this.get(boardId, id);
    this.deps.events.emit('requested', { review, reviewerIds });
    return review;
  }

  async answer(
    boardId: string,
    reviewId: string,
    reviewer: UserRecord,
    verdict: Verdict,
    comment: string | null,
  ): Promise<ReviewView> {
    const before = await this.stored(boardId, reviewId);
    if (!before.reviewers.some((r) => r.userId === reviewer.id))
      throw new ReviewRefused(403, 'you were not asked to review this');
    const at = this.now().toISOString();
    const recorded = await this.deps.store.answer({
      reviewId,
      userId: reviewer.id,
      verdict,
      comment,
      at,
    });
    if (!recorded)
      throw new ReviewRefused(
        409,
        `this review is ${(await this.stored(boardId, reviewId)).state}`,
      );
    this.deps.events.emit('answered', {
      review: await this.get(boardId, reviewId),
      reviewerId: reviewer.id,
      verdict,
    });
    if (verdict === 'approve') await this.approveIfEveryoneDid(boardId, reviewId, reviewer);
    return this.get(boardId, reviewId);
  }

  /**
   * The last approval closes the review and saves the version. Claiming first (a conditional
   * update) makes one caller in the cluster do it, however many approvals race.
   */
  private async approveIfEveryoneDid(boardId: string, reviewId: string, last: UserRecord) {
    const at = this.now();
    if (!(await this.deps.store.claimApproval(reviewId, at.toISOString()))) return;
    const review = await this.get(boardId, reviewId);
    const approvers = review.reviewers.map((r) => r.name);
    const asked = review.message ? ` — “${review.message}”` : '';
    const note = `Approved by ${approvers.join(', ')}. Review asked by ${review.requestedBy.name}${asked}`;
    let versionId: string | null = null;
    try {
      const version = await this.deps.saveVersion(boardId, {
        label: `Approved — ${at.toISOString().slice(0, 10)}`,
        note: note.slice(0, NOTE_MAX),
        author: last.name,
      });
      if (version) {
        versionId = version.id;
        await this.deps.store.setApprovedVersion(reviewId, version.id);
      }
    } catch (err) {
      this.deps.log.error({ err, boardId, reviewId }, 'saving the approved version failed');
    }
    this.deps.events.emit('approved', { review: await this.get(boardId, reviewId), versionId });
  }

  /** The requester or a board owner withdraws an open request. */
  async cancel(boardId: string, reviewId: string, by: UserRecord, isOwner: boolean) {
    const review = await this.stored(boardId, reviewId);
    if (review.requestedBy !== by.id && !isOwner)
      throw new ReviewRefused(
        403,
        'only who asked for the review, or a board owner, may cancel it',
      );
    if (!(await this.deps.store.cancelReview(reviewId, this.now().toISOString())))
      throw new ReviewRefused(409, `this review is ${review.state}`);
    const view = await this.get(boardId, reviewId);
    this.deps.events.emit('cancelled', { review: view, byUserId: by.id });
    return view;
  }

  /** One overdue check: reminds each reviewer whose morning came, once across the cluster. */
  async remindOverdue(): Promise<number> {
    const now = this.now();
    const candidates = await this.deps.store.overdueCandidates(
      latestRemindableDueDate(now),
      REMINDERS_PER_CHECK,
    );
    let reminded = 0;
    for (const c of candidates) {
      if (!reminderDue(c.dueDate, c.timeZone, now)) continue;
      // Someone who lost access since being asked hears nothing more of the board (S86).
      if (!(await this.deps.canOpen(c.boardId, c.userId))) continue;
      if (!(await this.deps.store.markReminded(c.reviewId, c.userId, now.toISOString()))) continue;
      reminded++;
      this.deps.events.emit('overdue', {
        review: await this.get(c.boardId, c.reviewId),
        reviewerId: c.userId,
      });
    }
    this.deps.events.emit('checked', { reminded });
    return reminded;
  }
}
