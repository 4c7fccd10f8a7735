/**
 * The contract of the stale-map half of the review store (W183–W185): a board's own reminder
 * period, when it was last reviewed, which boards still owe their owners a reminder, and the
 * record that one went out. Called from sqlite.test.ts and postgres.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewStore } from '../../server/storage/reviews.js';
import type { BoardRecord, Storage } from '../../server/storage/storage.js';
import type { StorageFixture } from './storage.contract.js';

const T0 = Date.parse('2024-05-01T08:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

const board = (id: string, minute: number): BoardRecord => ({
  id,
  title: `Board ${id}`,
  mapType: 'current-state',
  persona: '',
  createdAt: at(minute),
  updatedAt: at(minute),
  keyVersion: 1,
});

export function reviewRemindersContract(
  name: string,
  makeStorage: () => Promise<StorageFixture>,
): void {
  describe(`${name}: stale-map reminders`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let reviews: ReviewStore;
    let others: Storage[] = [];

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      reviews = storage.reviews;
      await storage.accounts.createWorkspace({
        id: 'w1',
        name: 'Acme',
        createdAt: at(0),
        openSignup: false,
        guestLinks: true,
      });
      // b1 oldest, b3 newest; b0 has no workspace (made in open mode).
      for (const [id, minute] of [
        ['b0', 0],
        ['b1', 1],
        ['b2', 2],
        ['b3', 3],
      ] as const) {
        await storage.createBoard(board(id, minute), new Uint8Array([0, 0]));
        if (id !== 'b0') await storage.accounts.setBoardWorkspace(id, 'w1');
      }
    });

    afterEach(async () => {
      for (const other of others) await other.close();
      others = [];
      await storage.close();
      await fx.cleanup();
    });

    /** An approved review of `boardId`, closed at `minute`. */
    async function approve(reviewId: string, boardId: string, minute: number) {
      await reviews.createReview(
        {
          id: reviewId,
          boardId,
          requestedBy: 'anna',
          message: '',
          dueDate: null,
          createdAt: at(minute - 1),
        },
        ['ben'],
      );
      await reviews.answer({
        reviewId,
        userId: 'ben',
        verdict: 'approve',
        comment: null,
        at: at(minute),
      });
      expect(await reviews.claimApproval(reviewId, at(minute))).toBe(true);
    }

    const candidates = async (defaultDays = 90) =>
      (await reviews.staleCandidates(defaultDays)).map((c) => [c.boardId, c.lastReviewedAt]);

    it('W184: a board never reviewed was last reviewed when it was made; unknown boards are null', async () => {
      expect(await reviews.getReviewSettings('b1')).toEqual({
        boardId: 'b1',
        reminderDays: null,
        lastReviewedAt: at(1),
        lastReviewId: null,
        remindedFor: null,
      });
      expect(await reviews.getReviewSettings('ghost')).toBeNull();
    });

    it('W184: the last approved review counts; open and cancelled ones do not', async () => {
      await approve('r1', 'b1', 10);
      await approve('r2', 'b1', 20);
      await reviews.createReview(
        {
          id: 'r3',
          boardId: 'b1',
          requestedBy: 'anna',
          message: '',
          dueDate: null,
          createdAt: at(30),
        },
        ['ben'],
      );
      await reviews.createReview(
        {
          id: 'r4',
          boardId: 'b1',
          requestedBy: 'anna',
          message: '',
          dueDate: null,
          createdAt: at(31),
        },
        ['ben'],
      );
      await reviews.cancelReview('r4', at(40));
      expect(await reviews.getReviewSettings('b1')).toMatchObject({
        lastReviewedAt: at(20),
        lastReviewId: 'r2',
      });
    });

    it('W183: a board’s own period: days, off (0), back to the default (null)', async () => {
      expect(await reviews.setReminderDays('b1', 30)).toBe(true);
      expect((await reviews.getReviewSettings('b1'))!.reminderDays).toBe(30);
      expect(await reviews.setReminderDays('b1', 0)).toBe(true);
      expect((await reviews.getReviewSettings('b1'))!.reminderDays).toBe(0);
      expect(await reviews.setReminderDays('b1', null)).toBe(true);
      expect((await reviews.getReviewSettings('b1'))!.reminderDays).toBeNull();
      expect(await reviews.setReminderDays('ghost', 30)).toBe(false);
      expect(await reviews.getReviewSettings('ghost')).toBeNull();
    });

    it('W184: candidates are the workspace boards with reminders on, oldest review first', async () => {
      await approve('r1', 'b1', 50);
      expect(await candidates()).toEqual([
        ['b2', at(2)],
        ['b3', at(3)],
        ['b1', at(50)],
      ]);
      await reviews.setReminderDays('b2', 0);
      expect(await candidates()).toEqual([
        ['b3', at(3)],
        ['b1', at(50)],
      ]);
      // No default: only boards that set their own period.
      await reviews.setReminderDays('b3', 7);
      expect(await candidates(0)).toEqual([['b3', at(3)]]);
      expect((await reviews.staleCandidates(0))[0]).toEqual({
        boardId: 'b3',
        title: 'Board b3',
        reminderDays: 7,
        lastReviewedAt: at(3),
        reviewed: false,
      });
      expect((await reviews.staleCandidates(90)).find((c) => c.boardId === 'b1')).toMatchObject({
        reviewed: true,
      });
    });

    it('W184: a reminder recorded for the last review leaves the candidates until a new approval', async () => {
      expect(await reviews.markStaleReminded('b2', at(2))).toBe(true);
      expect(await reviews.markStaleReminded('b2', at(2))).toBe(false);
      expect((await candidates()).map(([id]) => id)).toEqual(['b1', 'b3']);
      expect((await reviews.getReviewSettings('b2'))!.remindedFor).toBe(at(2));
      // Recording keeps the board's own period, and setting a period keeps the record.
      await reviews.setReminderDays('b2', 45);
      expect(await reviews.getReviewSettings('b2')).toMatchObject({
        reminderDays: 45,
        remindedFor: at(2),
      });
      await approve('r1', 'b2', 60);
      expect(await candidates()).toEqual([
        ['b1', at(1)],
        ['b3', at(3)],
        ['b2', at(60)],
      ]);
      expect(await reviews.markStaleReminded('b2', at(60))).toBe(true);
      expect((await reviews.getReviewSettings('b2'))!.reminderDays).toBe(45);
      expect(await reviews.markStaleReminded('ghost', at(1))).toBe(false);
    });

    it('S94: of two instances recording the same reminder, one changes the record', async () => {
      const other = await (fx.second ?? fx.reopen)();
      others.push(other);
      await other.init();
      const results = await Promise.all([
        reviews.markStaleReminded('b1', at(1)),
        other.reviews.markStaleReminded('b1', at(1)),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('deleting a board deletes its reminder settings', async () => {
      await reviews.setReminderDays('b1', 10);
      await reviews.markStaleReminded('b1', at(1));
      expect(await storage.deleteBoard('b1')).toBe(true);
      expect(await reviews.getReviewSettings('b1')).toBeNull();
      await storage.createBoard(board('b1', 99), new Uint8Array([0, 0]));
      expect(await reviews.getReviewSettings('b1')).toMatchObject({
        reminderDays: null,
        remindedFor: null,
        lastReviewedAt: at(99),
      });
    });
  });
}
