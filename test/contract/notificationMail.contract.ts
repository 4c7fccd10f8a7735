/**
 * The contract of notification e-mail's half of the inbox port (NotificationMailStore in
 * server/storage/notifications.ts): undecided items, atomic claims, the state of the e-mail that
 * carries an item, preferences and the digest lease. Run on every adapter.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAIL_MODES } from '../../shared/protocol/inbox.js';
import type { NotificationStore } from '../../server/storage/notifications.js';
import type { Storage } from '../../server/storage/storage.js';
import { at, item, seedPeopleAndBoards } from './notifications.contract.js';
import type { StorageFixture } from './storage.contract.js';

const ids = (items: { id: string }[]) => items.map((i) => i.id);

export function notificationMailContract(
  name: string,
  makeStorage: () => Promise<StorageFixture>,
): void {
  describe(`${name}: notification e-mail`, () => {
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

    const second = async () => {
      const other = await (fx.second ?? fx.reopen)();
      others.push(other);
      await other.init();
      return other;
    };

    it('W176: lists undecided unread items by person then age, from `since` on', async () => {
      await inbox.addNotification(item('n3', { userId: 'cy' }));
      await inbox.addNotification(item('n1'));
      await inbox.addNotification(item('n2'));
      await inbox.addNotification(item('n4'));
      await inbox.addNotification(item('n9', { createdAt: at(-60) }));
      await inbox.markRead('bea', { ids: ['n2'] }, at(5));
      await inbox.withholdMail('bea', ['n4']);
      const listed = await inbox.listUnmailed(at(-1), 100);
      expect(listed.map((i) => [i.userId, i.id])).toEqual([
        ['bea', 'n1'],
        ['cy', 'n3'],
      ]);
      expect(ids(await inbox.listUnmailed(at(-1), 1))).toEqual(['n1']);
    });

    it('W176: an item is claimed for one e-mail only, even by two processes at once', async () => {
      for (let i = 1; i <= 6; i++) await inbox.addNotification(item(`n${i}`));
      const other = await second();
      const all = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
      const [mine, theirs] = await Promise.all([
        inbox.claimForMail('bea', all, 'key-a', at(10)),
        other.notifications.claimForMail('bea', [...all].reverse(), 'key-b', at(10)),
      ]);
      expect([...ids(mine), ...ids(theirs)].sort()).toEqual(all);
      // A claim names only the person's own items; a read one is not taken.
      await inbox.addNotification(item('n7'));
      await inbox.addNotification(item('n8'));
      await inbox.markRead('bea', { ids: ['n8'] }, at(11));
      expect(await inbox.claimForMail('cy', ['n7'], 'key-c', at(12))).toEqual([]);
      const claimed = await inbox.claimForMail('bea', ['n7', 'n8'], 'key-d', at(12));
      expect(claimed).toMatchObject([{ id: 'n7', emailedAt: at(12), emailState: 'queued' }]);
      expect(await inbox.listUnmailed(at(-1), 100)).toEqual([]);
      expect(await inbox.withholdMail('bea', ['n7'])).toBe(0);
    });

    it('W176: an item shows the state of the e-mail that carries it, from the outbox', async () => {
      await inbox.addNotification(item('n1'));
      await inbox.addNotification(item('n2'));
      await inbox.claimForMail('bea', ['n1'], 'key-1', at(10));
      const state = async () =>
        Object.fromEntries(
          (await inbox.listNotifications('bea', { limit: 10 })).map((i) => [i.id, i.emailState]),
        );
      expect(await state()).toEqual({ n1: 'queued', n2: null });
      // Claimed but not queued: found for recovery within the window, with its items.
      expect(await inbox.claimedWithoutMail(at(0), at(11))).toEqual([
        { userId: 'bea', mailKey: 'key-1' },
      ]);
      expect(await inbox.claimedWithoutMail(at(0), at(10))).toEqual([]);
      expect(ids(await inbox.itemsOfMail('key-1'))).toEqual(['n1']);
      const mail = {
        id: 'mail-1',
        to: 'bea@example.com',
        subject: 's',
        text: 't',
        html: 'h',
        headers: {},
        kind: 'notification',
        dedupeKey: 'key-1',
        createdAt: at(10),
      };
      await storage.mail.enqueueMail(mail);
      expect(await inbox.claimedWithoutMail(at(0), at(11))).toEqual([]);
      expect(await state()).toEqual({ n1: 'queued', n2: null });
      const [leased] = await storage.mail.claimMail('me', at(11), at(20), 1);
      await storage.mail.markMailFailed(leased!.id, 'me', 'refused', at(12));
      expect(await state()).toEqual({ n1: 'failed', n2: null });
      expect((await inbox.itemsOfMail('key-1'))[0]!.emailState).toBe('failed');
    });

    it('W174: preferences default to none stored, and are replaced as a whole, per person', async () => {
      expect(await inbox.getMailPreferences('bea')).toBeNull();
      const modes = { ...DEFAULT_MAIL_MODES, mentions: 'immediately', replies: 'never' } as const;
      await inbox.setMailPreferences({ userId: 'bea', modes, updatedAt: at(1) });
      expect(await inbox.getMailPreferences('bea')).toEqual({
        userId: 'bea',
        modes,
        updatedAt: at(1),
      });
      await inbox.setMailPreferences({
        userId: 'bea',
        modes: DEFAULT_MAIL_MODES,
        updatedAt: at(2),
      });
      expect((await inbox.getMailPreferences('bea'))?.modes).toEqual(DEFAULT_MAIL_MODES);
      expect(await inbox.getMailPreferences('cy')).toBeNull();
    });

    it('W176: one holder of a lease at a time, across processes, until it ends or is released', async () => {
      const other = await second();
      const [a, b] = await Promise.all([
        inbox.takeLease('digest', 'one', at(0), at(2)),
        other.notifications.takeLease('digest', 'two', at(0), at(2)),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const holder = a ? 'one' : 'two';
      const waiter = a ? 'two' : 'one';
      expect(await inbox.takeLease('digest', holder, at(1), at(3))).toBe(true);
      expect(await inbox.takeLease('digest', waiter, at(2), at(4))).toBe(false);
      expect(await inbox.takeLease('other-job', waiter, at(2), at(4))).toBe(true);
      // Ended: anyone takes it.
      expect(await inbox.takeLease('digest', waiter, at(3), at(5))).toBe(true);
      await inbox.releaseLease('digest', holder);
      expect(await inbox.takeLease('digest', holder, at(4), at(6))).toBe(false);
      await inbox.releaseLease('digest', waiter);
      expect(await inbox.takeLease('digest', holder, at(4), at(6))).toBe(true);
    });
  });
}
