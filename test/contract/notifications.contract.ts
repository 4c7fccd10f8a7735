/**
 * The contract of the inbox half of the storage port (`storage.notifications`, see
 * server/storage/notifications.ts). An adapter's test file calls
 * `notificationsContract(name, makeStorage)` with the factory it gives `storageContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewNotification, NotificationStore } from '../../server/storage/notifications.js';
import type { Storage } from '../../server/storage/storage.js';
import type { StorageFixture } from './storage.contract.js';

export const T0 = Date.parse('2024-05-01T08:00:00.000Z');
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

export function item(id: string, extra: Partial<NewNotification> = {}): NewNotification {
  return {
    id,
    userId: 'bea',
    eventKey: `event-${id}`,
    kind: 'mention',
    boardId: 'b1',
    threadId: 't1',
    messageId: `m-${id}`,
    workspaceId: null,
    actor: { id: 'ann', name: 'Ann' },
    excerpt: `excerpt ${id}`,
    createdAt: at(Number(id.replace(/\D/g, '')) || 0),
    ...extra,
  };
}

/** People ann, bea and cy; boards b1 and b2 (the items' foreign keys). */
export async function seedPeopleAndBoards(storage: Storage): Promise<void> {
  for (const id of ['ann', 'bea', 'cy'])
    await storage.accounts.createUser({
      id,
      email: `${id}@example.com`,
      name: id,
      avatarUrl: null,
      createdAt: at(0),
      lastActiveAt: at(0),
      disabled: false,
    });
  for (const id of ['b1', 'b2'])
    await storage.createBoard(
      {
        id,
        title: id,
        mapType: 'current-state',
        persona: '',
        createdAt: at(0),
        updatedAt: at(0),
        keyVersion: 1,
      },
      new Uint8Array([0, 0]),
    );
}

export function notificationsContract(
  name: string,
  makeStorage: () => Promise<StorageFixture>,
): void {
  describe(`${name}: notifications`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let inbox: NotificationStore;
    const others: Storage[] = [];

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      inbox = storage.notifications;
      await seedPeopleAndBoards(storage);
    });

    afterEach(async () => {
      for (const other of others.splice(0)) await other.close();
      await storage.close();
      await fx.cleanup();
    });

    it('creates an item once per person and event, even from a second process at once', async () => {
      const other = await (fx.second ?? fx.reopen)();
      others.push(other);
      await other.init();
      const results = await Promise.all([
        inbox.addNotification(item('n1')),
        other.notifications.addNotification(item('n1b', { eventKey: 'event-n1' })),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      // The same event for someone else is their own item.
      expect(await inbox.addNotification(item('n2', { userId: 'cy', eventKey: 'event-n1' }))).toBe(
        true,
      );
      expect(await inbox.listNotifications('bea', { limit: 10 })).toHaveLength(1);
      const [stored] = await inbox.listNotifications('cy', { limit: 10 });
      expect(stored).toEqual({
        id: 'n2',
        userId: 'cy',
        kind: 'mention',
        boardId: 'b1',
        threadId: 't1',
        messageId: 'm-n2',
        workspaceId: null,
        actor: { id: 'ann', name: 'Ann' },
        excerpt: 'excerpt n2',
        createdAt: at(2),
        readAt: null,
        emailedAt: null,
        emailState: null,
      });
    });

    it('lists newest first, pages without gaps or repeats, filters by board and by age', async () => {
      for (let i = 1; i <= 7; i++)
        await inbox.addNotification(item(`n${i}`, { boardId: i % 2 ? 'b1' : 'b2' }));
      // Two items at the same instant: the id breaks the tie.
      await inbox.addNotification(item('n8', { createdAt: at(7) }));
      const seen: string[] = [];
      let before: { createdAt: string; id: string } | undefined;
      for (;;) {
        const page = await inbox.listNotifications('bea', { limit: 3, before });
        seen.push(...page.map((n) => n.id));
        if (page.length < 3) break;
        const last = page[page.length - 1]!;
        before = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen).toEqual(['n8', 'n7', 'n6', 'n5', 'n4', 'n3', 'n2', 'n1']);
      const onB2 = await inbox.listNotifications('bea', { limit: 10, boardId: 'b2' });
      expect(onB2.map((n) => n.id)).toEqual(['n6', 'n4', 'n2']);
      const recent = await inbox.listNotifications('bea', { limit: 10, since: at(6) });
      expect(recent.map((n) => n.id)).toEqual(['n8', 'n7', 'n6']);
      const folded = await inbox.listNotifications('bea', { limit: 10, until: at(2) });
      expect(folded.map((n) => n.id)).toEqual(['n1']);
      expect(await inbox.listNotifications('ann', { limit: 10 })).toEqual([]);
    });

    it('counts and marks read by ids, thread, board and all, only the person’s own', async () => {
      await inbox.addNotification(item('n1', { threadId: 't1', boardId: 'b1' }));
      await inbox.addNotification(item('n2', { threadId: 't2', boardId: 'b1' }));
      await inbox.addNotification(item('n3', { threadId: 't3', boardId: 'b2' }));
      await inbox.addNotification(item('n4', { threadId: null, boardId: 'b2' }));
      await inbox.addNotification(item('n5', { userId: 'cy' }));
      expect(await inbox.countUnread('bea', at(0))).toBe(4);
      expect(await inbox.countUnread('bea', at(3))).toBe(2);
      // Someone else's id marks nothing.
      expect(await inbox.markRead('bea', { ids: ['n1', 'n5'] }, at(10))).toBe(1);
      expect(await inbox.markRead('bea', { ids: [] }, at(10))).toBe(0);
      expect(await inbox.markRead('bea', { threadId: 't2' }, at(11))).toBe(1);
      expect(await inbox.markRead('bea', { threadId: 't3', boardId: 'b1' }, at(11))).toBe(0);
      expect(await inbox.markRead('bea', { boardId: 'b2' }, at(12))).toBe(2);
      expect(await inbox.countUnread('bea', at(0))).toBe(0);
      const [n1] = await inbox.listNotifications('bea', { limit: 1, until: at(2) });
      expect(n1?.readAt).toBe(at(10));
      expect(await inbox.countUnread('cy', at(0))).toBe(1);
      expect(await inbox.markRead('cy', { all: true }, at(13))).toBe(1);
      expect(await inbox.countUnread('cy', at(0))).toBe(0);
    });

    it('keeps follows and mutes; an automatic follow never overrides a stand', async () => {
      expect(
        await inbox.followUnlessDecided({
          userId: 'ann',
          boardId: 'b1',
          threadId: 't1',
          at: at(1),
        }),
      ).toBe(true);
      expect(
        await inbox.followUnlessDecided({
          userId: 'ann',
          boardId: 'b1',
          threadId: 't1',
          at: at(2),
        }),
      ).toBe(false);
      await inbox.setFollow({
        userId: 'bea',
        boardId: 'b1',
        threadId: null,
        following: true,
        at: at(3),
      });
      await inbox.setFollow({
        userId: 'cy',
        boardId: 'b1',
        threadId: 't1',
        following: false,
        at: at(4),
      });
      expect(
        await inbox.followUnlessDecided({ userId: 'cy', boardId: 'b1', threadId: 't1', at: at(5) }),
      ).toBe(false);
      await inbox.setFollow({
        userId: 'cy',
        boardId: 'b1',
        threadId: 't2',
        following: true,
        at: at(6),
      });
      const ofT1 = await inbox.followsOf('b1', 't1');
      expect(ofT1.map((f) => [f.userId, f.threadId, f.following]).sort()).toEqual([
        ['ann', 't1', true],
        ['bea', null, true],
        ['cy', 't1', false],
      ]);
      expect((await inbox.followsOf('b1', null)).map((f) => f.userId)).toEqual(['bea']);
      await inbox.clearFollow('cy', 'b1', 't1');
      expect(await inbox.listFollows('cy')).toEqual([
        { userId: 'cy', boardId: 'b1', threadId: 't2', following: true, at: at(6) },
      ]);
      expect(await inbox.listFollows('cy', 'b2')).toEqual([]);
    });

    it('forgets a board’s items and follows when the board is deleted', async () => {
      await inbox.addNotification(item('n1'));
      await inbox.setFollow({
        userId: 'bea',
        boardId: 'b1',
        threadId: null,
        following: true,
        at: at(1),
      });
      expect(await storage.deleteBoard('b1')).toBe(true);
      expect(await inbox.listNotifications('bea', { limit: 10 })).toEqual([]);
      expect(await inbox.listFollows('bea')).toEqual([]);
    });

    it('S89: forgets what a person held about a workspace and its boards when they leave it', async () => {
      await storage.accounts.createWorkspace({
        id: 'w1',
        name: 'Acme',
        createdAt: at(0),
        openSignup: false,
        guestLinks: true,
      });
      await storage.accounts.setBoardWorkspace('b1', 'w1');
      await inbox.addNotification(item('n1'));
      await inbox.addNotification(item('n2', { boardId: 'b2' }));
      await inbox.addNotification(
        item('n3', {
          kind: 'added-to-workspace',
          boardId: null,
          threadId: null,
          workspaceId: 'w1',
        }),
      );
      await inbox.addNotification(item('n4', { userId: 'cy' }));
      for (const boardId of ['b1', 'b2'])
        await inbox.setFollow({
          userId: 'bea',
          boardId,
          threadId: null,
          following: true,
          at: at(1),
        });
      expect(await inbox.forgetWorkspace('bea', 'w1')).toBe(2);
      expect((await inbox.listNotifications('bea', { limit: 10 })).map((i) => i.id)).toEqual([
        'n2',
      ]);
      expect((await inbox.listFollows('bea')).map((f) => f.boardId)).toEqual(['b2']);
      expect(await inbox.listNotifications('cy', { limit: 10 })).toHaveLength(1);
    });
  });
}
