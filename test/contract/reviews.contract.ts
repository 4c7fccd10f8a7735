/**
 * The contract of the review store (`storage.reviews`, server/storage/reviews.ts). An adapter's
 * test file calls `reviewsContract(name, makeStorage)` with the factory it gives
 * `storageContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewStore } from '../../server/storage/reviews.js';
import type { BoardRecord, Storage } from '../../server/storage/storage.js';
import type { StorageFixture } from './storage.contract.js';

const T0 = Date.parse('2024-05-01T08:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const EMPTY_UPDATE = new Uint8Array([0, 0]);

const board = (id: string): BoardRecord => ({
  id,
  title: `Board ${id}`,
  mapType: 'current-state',
  persona: '',
  createdAt: at(0),
  updatedAt: at(0),
  keyVersion: 1,
});

const review = (
  id: string,
  boardId: string,
  extra: { dueDate?: string | null; minute?: number } = {},
) => ({
  id,
  boardId,
  requestedBy: 'anna',
  message: `please look at ${id}`,
  dueDate: extra.dueDate ?? null,
  createdAt: at(extra.minute ?? 0),
});

export function reviewsContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`${name}: reviews`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let reviews: ReviewStore;
    let others: Storage[] = [];

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      reviews = storage.reviews;
      await storage.createBoard(board('b1'), EMPTY_UPDATE);
      await storage.createBoard(board('b2'), EMPTY_UPDATE);
      for (const id of ['anna', 'ben', 'cleo'])
        await storage.accounts.createUser({
          id,
          email: `${id}@example.com`,
          name: id,
          avatarUrl: null,
          createdAt: at(0),
          lastActiveAt: at(0),
          disabled: false,
        });
    });

    afterEach(async () => {
      for (const other of others) await other.close();
      others = [];
      await storage.close();
      await fx.cleanup();
    });

    async function second(): Promise<Storage> {
      const other = await (fx.second ?? fx.reopen)();
      others.push(other);
      await other.init();
      return other;
    }

    it('stores a review with its reviewers pending, in the order asked', async () => {
      expect(
        await reviews.createReview(review('r1', 'b1', { dueDate: '2024-05-03' }), ['ben', 'cleo']),
      ).toBe(true);
      const got = await reviews.getReview('b1', 'r1');
      expect(got).toMatchObject({
        id: 'r1',
        boardId: 'b1',
        requestedBy: 'anna',
        message: 'please look at r1',
        dueDate: '2024-05-03',
        createdAt: at(0),
        state: 'open',
        closedAt: null,
        approvedVersionId: null,
        answers: [],
      });
      expect(got!.reviewers.map((r) => [r.userId, r.status, r.answeredAt, r.remindedAt])).toEqual([
        ['ben', 'pending', null, null],
        ['cleo', 'pending', null, null],
      ]);
      expect(await reviews.getReview('b2', 'r1')).toBeNull();
      expect(await reviews.getReview('b1', 'nope')).toBeNull();
    });

    it('refuses a review of an unknown board, storing nothing', async () => {
      expect(await reviews.createReview(review('r1', 'ghost'), ['ben'])).toBe(false);
      expect(await reviews.listReviews('ghost')).toEqual([]);
    });

    it('lists a board’s reviews newest first, with reviewers and answers of each', async () => {
      await reviews.createReview(review('r1', 'b1', { minute: 1 }), ['ben']);
      await reviews.createReview(review('r2', 'b1', { minute: 2 }), ['cleo']);
      await reviews.createReview(review('r3', 'b2', { minute: 3 }), ['ben']);
      await reviews.answer({
        reviewId: 'r1',
        userId: 'ben',
        verdict: 'comment',
        comment: 'ok',
        at: at(5),
      });
      const list = await reviews.listReviews('b1');
      expect(list.map((r) => r.id)).toEqual(['r2', 'r1']);
      expect(list[0]!.reviewers.map((r) => r.userId)).toEqual(['cleo']);
      expect(list[1]!.answers).toEqual([
        { reviewId: 'r1', userId: 'ben', verdict: 'comment', comment: 'ok', at: at(5) },
      ]);
    });

    it('a later answer replaces the status; every answer stays in the history', async () => {
      await reviews.createReview(review('r1', 'b1'), ['ben', 'cleo']);
      await reviews.answer({
        reviewId: 'r1',
        userId: 'ben',
        verdict: 'changes',
        comment: 'fix',
        at: at(1),
      });
      await reviews.answer({
        reviewId: 'r1',
        userId: 'ben',
        verdict: 'approve',
        comment: null,
        at: at(2),
      });
      const got = (await reviews.getReview('b1', 'r1'))!;
      expect(got.reviewers[0]).toMatchObject({
        status: 'approved',
        comment: null,
        answeredAt: at(2),
      });
      expect(got.answers.map((a) => a.verdict)).toEqual(['changes', 'approve']);
    });

    it('refuses an answer from someone not asked, or on a closed review', async () => {
      await reviews.createReview(review('r1', 'b1'), ['ben']);
      expect(
        await reviews.answer({
          reviewId: 'r1',
          userId: 'cleo',
          verdict: 'approve',
          comment: null,
          at: at(1),
        }),
      ).toBe(false);
      expect(await reviews.cancelReview('r1', at(2))).toBe(true);
      expect(await reviews.cancelReview('r1', at(3))).toBe(false);
      expect(
        await reviews.answer({
          reviewId: 'r1',
          userId: 'ben',
          verdict: 'approve',
          comment: null,
          at: at(4),
        }),
      ).toBe(false);
      const got = (await reviews.getReview('b1', 'r1'))!;
      expect(got).toMatchObject({ state: 'cancelled', closedAt: at(2), answers: [] });
    });

    it('W292: review standings of many boards in one call: last approval, open review, answers owed', async () => {
      expect(await reviews.reviewStandings(['b1', 'b2', 'nope'])).toEqual(
        expect.arrayContaining([
          { boardId: 'b1', reminderDays: null, lastReviewedAt: at(0), reviewed: false, open: null },
          { boardId: 'b2', reminderDays: null, lastReviewedAt: at(0), reviewed: false, open: null },
        ]),
      );
      await reviews.createReview(review('r1', 'b1'), ['ben']);
      await reviews.answer({
        reviewId: 'r1',
        userId: 'ben',
        verdict: 'approve',
        comment: null,
        at: at(1),
      });
      expect(await reviews.claimApproval('r1', at(2))).toBe(true);
      await reviews.createReview(review('r2', 'b1', { dueDate: '2024-06-01', minute: 3 }), [
        'ben',
        'cleo',
      ]);
      await reviews.answer({
        reviewId: 'r2',
        userId: 'cleo',
        verdict: 'changes',
        comment: 'no',
        at: at(4),
      });
      await reviews.setReminderDays('b2', 30);
      const standings = await reviews.reviewStandings(['b1', 'b2']);
      expect(standings.find((s) => s.boardId === 'b1')).toEqual({
        boardId: 'b1',
        reminderDays: null,
        lastReviewedAt: at(2),
        reviewed: true,
        open: { reviewId: 'r2', dueDate: '2024-06-01', pending: 1, changes: 1 },
      });
      expect(standings.find((s) => s.boardId === 'b2')).toMatchObject({
        reminderDays: 30,
        open: null,
      });
      expect(await reviews.reviewStandings([])).toEqual([]);
    });

    it('approval is claimed only when everyone approved, and only once', async () => {
      await reviews.createReview(review('r1', 'b1'), ['ben', 'cleo']);
      await reviews.answer({
        reviewId: 'r1',
        userId: 'ben',
        verdict: 'approve',
        comment: null,
        at: at(1),
      });
      expect(await reviews.claimApproval('r1', at(2))).toBe(false);
      await reviews.answer({
        reviewId: 'r1',
        userId: 'cleo',
        verdict: 'approve',
        comment: null,
        at: at(3),
      });
      expect(await reviews.claimApproval('r1', at(4))).toBe(true);
      expect(await reviews.claimApproval('r1', at(5))).toBe(false);
      await reviews.setApprovedVersion('r1', 'v1');
      expect(await reviews.getReview('b1', 'r1')).toMatchObject({
        state: 'approved',
        closedAt: at(4),
        approvedVersionId: 'v1',
      });
      expect(await reviews.cancelReview('r1', at(6))).toBe(false);
    });

    it('two instances claiming the same approval at once: exactly one wins', async () => {
      const other = await second();
      await reviews.createReview(review('r1', 'b1'), ['ben']);
      await reviews.answer({
        reviewId: 'r1',
        userId: 'ben',
        verdict: 'approve',
        comment: null,
        at: at(1),
      });
      const wins = await Promise.all([
        reviews.claimApproval('r1', at(2)),
        other.reviews.claimApproval('r1', at(2)),
        reviews.claimApproval('r1', at(2)),
        other.reviews.claimApproval('r1', at(2)),
      ]);
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('overdue candidates: open, due on or before the day, pending, not reminded; with time zone', async () => {
      await reviews.createReview(review('r1', 'b1', { dueDate: '2024-05-02' }), ['ben', 'cleo']);
      await reviews.createReview(review('r2', 'b1', { dueDate: '2024-05-09' }), ['ben']);
      await reviews.createReview(review('r3', 'b2'), ['ben']);
      await reviews.createReview(review('r4', 'b2', { dueDate: '2024-05-01' }), ['ben']);
      await reviews.cancelReview('r4', at(1));
      await reviews.answer({
        reviewId: 'r1',
        userId: 'cleo',
        verdict: 'comment',
        comment: 'hm',
        at: at(1),
      });
      await reviews.setTimeZone('ben', 'America/Chicago');
      expect(await reviews.overdueCandidates('2024-05-02', 10)).toEqual([
        {
          reviewId: 'r1',
          boardId: 'b1',
          userId: 'ben',
          dueDate: '2024-05-02',
          timeZone: 'America/Chicago',
        },
      ]);
      expect(await reviews.overdueCandidates('2024-05-01', 10)).toEqual([]);
      expect((await reviews.overdueCandidates('2024-05-09', 1)).length).toBe(1);
    });

    it('a reminder is marked once, even by two instances at once', async () => {
      const other = await second();
      await reviews.createReview(review('r1', 'b1', { dueDate: '2024-05-02' }), ['ben']);
      const marked = await Promise.all([
        reviews.markReminded('r1', 'ben', at(10)),
        other.reviews.markReminded('r1', 'ben', at(10)),
        reviews.markReminded('r1', 'ben', at(10)),
      ]);
      expect(marked.filter(Boolean)).toHaveLength(1);
      expect(await reviews.overdueCandidates('2024-05-03', 10)).toEqual([]);
      expect((await reviews.getReview('b1', 'r1'))!.reviewers[0]!.remindedAt).toBe(at(10));
    });

    it('no reminder for someone who answered', async () => {
      await reviews.createReview(review('r1', 'b1', { dueDate: '2024-05-02' }), ['ben']);
      await reviews.answer({
        reviewId: 'r1',
        userId: 'ben',
        verdict: 'comment',
        comment: 'x',
        at: at(1),
      });
      expect(await reviews.markReminded('r1', 'ben', at(10))).toBe(false);
    });

    it('time zones: set, replace, forget; nothing for an unknown user', async () => {
      expect(await reviews.getTimeZone('ben')).toBeNull();
      await reviews.setTimeZone('ben', 'Europe/Berlin');
      await reviews.setTimeZone('ben', 'Asia/Tokyo');
      expect(await reviews.getTimeZone('ben')).toBe('Asia/Tokyo');
      await reviews.setTimeZone('ben', null);
      expect(await reviews.getTimeZone('ben')).toBeNull();
      await reviews.setTimeZone('ghost', 'Asia/Tokyo');
      expect(await reviews.getTimeZone('ghost')).toBeNull();
    });

    it('deleting a board deletes its reviews, their reviewers and answers', async () => {
      await reviews.createReview(review('r1', 'b1', { dueDate: '2024-05-01' }), ['ben']);
      await reviews.answer({
        reviewId: 'r1',
        userId: 'ben',
        verdict: 'comment',
        comment: 'x',
        at: at(1),
      });
      await reviews.createReview(review('r2', 'b1', { dueDate: '2024-05-01' }), ['ben']);
      await reviews.createReview(review('r3', 'b2'), ['ben']);
      expect(await storage.deleteBoard('b1')).toBe(true);
      expect(await reviews.listReviews('b1')).toEqual([]);
      expect(await reviews.overdueCandidates('2024-06-01', 10)).toEqual([]);
      expect((await reviews.listReviews('b2')).map((r) => r.id)).toEqual(['r3']);
    });

    it('survives a reopen', async () => {
      await reviews.createReview(review('r1', 'b1'), ['ben']);
      await storage.close();
      storage = await fx.reopen();
      await storage.init();
      expect((await storage.reviews.getReview('b1', 'r1'))!.reviewers).toHaveLength(1);
    });
  });
}
