/**
 * W172, S86: the overdue check over real storage (SQLite, the adapter the server runs by
 * default) at chosen instants: reminded in the reviewer's morning after the due date, once;
 * never someone who lost access to the board since being asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReviewEvents, type ReviewEventMap } from '../../server/reviews/events.js';
import { ReviewService } from '../../server/reviews/reviewService.js';
import { createLogger } from '../../server/logger.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';

const T0 = '2026-12-01T00:00:00.000Z';
let dir: string;
let storage: SqliteStorage;
let now: Date;
let service: ReviewService;
const overdue: ReviewEventMap['overdue'][] = [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'jb-reminders-'));
  storage = new SqliteStorage({ file: path.join(dir, 'db') });
  await storage.init();
  const { accounts } = storage;
  await storage.createBoard(
    {
      id: 'b1',
      title: 'Claims',
      mapType: 'current-state',
      persona: '',
      createdAt: T0,
      updatedAt: T0,
      keyVersion: 1,
    },
    new Uint8Array([0, 0]),
  );
  await accounts.createWorkspace({
    id: 'w1',
    name: 'Acme',
    createdAt: T0,
    openSignup: false,
    guestLinks: true,
  });
  await accounts.setBoardWorkspace('b1', 'w1');
  for (const id of ['anna', 'austin', 'tokyo', 'gone']) {
    await accounts.createUser({
      id,
      email: `${id}@example.com`,
      name: id,
      avatarUrl: null,
      createdAt: T0,
      lastActiveAt: T0,
      disabled: false,
    });
    await accounts.putMember({ workspaceId: 'w1', userId: id, role: 'member', joinedAt: T0 });
  }
  await storage.reviews.setTimeZone('austin', 'America/Chicago');
  await storage.reviews.setTimeZone('tokyo', 'Asia/Tokyo');
  await storage.reviews.setTimeZone('gone', 'Asia/Tokyo');
  const events = new ReviewEvents();
  overdue.length = 0;
  events.on('overdue', (e) => void overdue.push(e));
  service = new ReviewService({
    store: storage.reviews,
    accounts,
    events,
    log: createLogger('silent'),
    async canOpen(boardId, userId) {
      const workspaceId = await accounts.boardWorkspace(boardId);
      return workspaceId !== null && (await accounts.getMember(workspaceId, userId)) !== null;
    },
    saveVersion: () => Promise.reject(new Error('not in this test')),
    now: () => now,
  });
});

afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const anna = async () => (await storage.accounts.getUser('anna'))!;
const reminded = () => overdue.map((e) => e.reviewerId).sort();

describe('overdue reminders at chosen instants (W172, S86)', () => {
  it('each reviewer in their own morning after the due date, once', async () => {
    now = new Date('2026-12-09T12:00:00Z');
    await service.request('b1', await anna(), {
      reviewerIds: ['austin', 'tokyo'],
      dueDate: '2026-12-10',
    });
    // 00:30 on the 11th in Tokyo, 18:30 on the 10th in Austin: no one yet.
    now = new Date('2026-12-10T15:30:00Z');
    expect(await service.remindOverdue()).toBe(0);
    // 09:00 on the 11th in Tokyo.
    now = new Date('2026-12-11T00:00:00Z');
    expect(await service.remindOverdue()).toBe(1);
    expect(reminded()).toEqual(['tokyo']);
    // 08:59 in Austin, then 09:00.
    now = new Date('2026-12-11T14:59:00Z');
    expect(await service.remindOverdue()).toBe(0);
    now = new Date('2026-12-11T15:00:00Z');
    expect(await service.remindOverdue()).toBe(1);
    // Days later: nobody twice.
    now = new Date('2026-12-20T15:00:00Z');
    expect(await service.remindOverdue()).toBe(0);
    expect(reminded()).toEqual(['austin', 'tokyo']);
    expect(overdue[0]!.review.reviewers.find((r) => r.userId === 'tokyo')!.remindedAt).toBe(
      '2026-12-11T00:00:00.000Z',
    );
  });

  it('not someone removed from the workspace after being asked', async () => {
    now = new Date('2026-12-09T12:00:00Z');
    await service.request('b1', await anna(), {
      reviewerIds: ['tokyo', 'gone'],
      dueDate: '2026-12-10',
    });
    expect(await storage.accounts.removeMember('w1', 'gone')).toBe(true);
    now = new Date('2026-12-12T00:00:00Z');
    expect(await service.remindOverdue()).toBe(1);
    expect(reminded()).toEqual(['tokyo']);
  });

  it('not someone who answered, nor anyone on a cancelled review', async () => {
    now = new Date('2026-12-09T12:00:00Z');
    const a = await service.request('b1', await anna(), {
      reviewerIds: ['tokyo'],
      dueDate: '2026-12-10',
    });
    const b = await service.request('b1', await anna(), {
      reviewerIds: ['austin'],
      dueDate: '2026-12-10',
    });
    await service.answer('b1', a.id, (await storage.accounts.getUser('tokyo'))!, 'comment', 'soon');
    await service.cancel('b1', b.id, await anna(), false);
    now = new Date('2026-12-20T00:00:00Z');
    expect(await service.remindOverdue()).toBe(0);
  });
});
