/**
 * The contract of the mail outbox (`storage.mail`, server/storage/mail.ts). An adapter's test
 * file calls `mailContract(name, makeStorage)` with the factory it gives `storageContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailStore, NewMail } from '../../server/storage/mail.js';
import type { Storage } from '../../server/storage/storage.js';
import type { StorageFixture } from './storage.contract.js';

const T0 = Date.parse('2024-05-01T08:00:00.000Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

function mail(id: string, extra: Partial<NewMail> = {}): NewMail {
  return {
    id,
    to: `${id}@example.com`,
    subject: `Subject ${id}`,
    text: `text ${id}`,
    html: `<p>html ${id}</p>`,
    headers: { 'X-Kind': 'test' },
    kind: 'test',
    dedupeKey: `key-${id}`,
    createdAt: at(0),
    ...extra,
  };
}

export function mailContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`${name}: mail outbox`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let outbox: MailStore;
    let others: Storage[] = [];

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      outbox = storage.mail;
    });

    afterEach(async () => {
      for (const other of others) await other.close();
      others = [];
      await storage.close();
      await fx.cleanup();
    });

    it('stores a mail once per dedupe key, pending, with what was given', async () => {
      expect(await outbox.enqueueMail(mail('a'))).toBe(true);
      expect(await outbox.enqueueMail(mail('b', { dedupeKey: 'key-a' }))).toBe(false);
      expect(await outbox.getMail('b')).toBeNull();
      expect(await outbox.getMail('a')).toEqual({
        ...mail('a'),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: at(0),
        lastError: null,
        leaseOwner: null,
        leaseUntil: null,
        finishedAt: null,
      });
      expect(await outbox.countMail()).toEqual({ pending: 1, sent: 0, failed: 0 });
    });

    it('leases due mail to one owner until the lease ends, then to another', async () => {
      await outbox.enqueueMail(mail('a'));
      await outbox.enqueueMail(mail('later', { createdAt: at(100) }));
      const first = await outbox.claimMail('one', at(10), at(70), 10);
      expect(first.map((m) => [m.id, m.leaseOwner, m.leaseUntil])).toEqual([['a', 'one', at(70)]]);
      expect(await outbox.claimMail('two', at(20), at(80), 10)).toEqual([]);
      expect(await outbox.nextMailDue()).toBe(at(70));
      const again = await outbox.claimMail('two', at(70), at(130), 10);
      expect(again.map((m) => m.id)).toEqual(['a']);
      // The first owner's lease ran out and was taken: it may no longer mark the mail.
      expect(await outbox.markMailSent('a', 'one', at(71))).toBe(false);
      expect(await outbox.markMailSent('a', 'two', at(71))).toBe(true);
    });

    it('claims at most `limit`, oldest due first', async () => {
      for (const [id, s] of [
        ['c', 3],
        ['a', 1],
        ['b', 2],
      ] as const)
        await outbox.enqueueMail(mail(id, { createdAt: at(s) }));
      expect((await outbox.claimMail('one', at(10), at(70), 2)).map((m) => m.id)).toEqual([
        'a',
        'b',
      ]);
      expect((await outbox.claimMail('two', at(10), at(70), 2)).map((m) => m.id)).toEqual(['c']);
    });

    it('never leases one mail to two owners claiming at once (two instances)', async () => {
      const second = await (fx.second ?? fx.reopen)();
      others.push(second);
      await second.init();
      for (let i = 0; i < 40; i++) await outbox.enqueueMail(mail(`m${String(i).padStart(2, '0')}`));
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? second.mail : outbox).claimMail(`owner${i}`, at(10), at(70), 7),
        ),
      );
      // A claim that lost a race for a row may come back short; what it got is its own.
      const rest = await outbox.claimMail('late', at(10), at(70), 40);
      const ids = [...claims.flat(), ...rest].map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(40);
    });

    it('sent: the body is erased and the mail is never claimed again', async () => {
      await outbox.enqueueMail(mail('a'));
      await outbox.claimMail('one', at(1), at(61), 10);
      expect(await outbox.markMailSent('a', 'one', at(2))).toBe(true);
      const sent = await outbox.getMail('a');
      expect(sent).toMatchObject({ state: 'sent', text: '', html: '', finishedAt: at(2) });
      expect(sent?.leaseOwner).toBeNull();
      expect(await outbox.claimMail('two', at(1000), at(1060), 10)).toEqual([]);
      expect(await outbox.markMailSent('a', 'one', at(3))).toBe(false);
      expect(await outbox.nextMailDue()).toBeNull();
      expect(await outbox.countMail()).toEqual({ pending: 0, sent: 1, failed: 0 });
    });

    it('a failed attempt waits until its next attempt, then is claimable again', async () => {
      await outbox.enqueueMail(mail('a'));
      await outbox.claimMail('one', at(1), at(61), 10);
      expect(await outbox.markMailRetry('a', 'other', 'nope', at(30))).toBe(false);
      expect(await outbox.markMailRetry('a', 'one', 'connection refused', at(30))).toBe(true);
      expect(await outbox.getMail('a')).toMatchObject({
        state: 'pending',
        attempts: 1,
        lastError: 'connection refused',
        nextAttemptAt: at(30),
        leaseOwner: null,
      });
      expect(await outbox.nextMailDue()).toBe(at(30));
      expect(await outbox.claimMail('one', at(29), at(89), 10)).toEqual([]);
      expect((await outbox.claimMail('one', at(30), at(90), 10)).map((m) => m.id)).toEqual(['a']);
    });

    it('a released mail is claimable at once, by anyone', async () => {
      await outbox.enqueueMail(mail('a'));
      await outbox.claimMail('one', at(1), at(61), 10);
      expect(await outbox.releaseMail('a', 'two')).toBe(false);
      expect(await outbox.releaseMail('a', 'one')).toBe(true);
      expect((await outbox.claimMail('two', at(2), at(62), 10)).map((m) => m.id)).toEqual(['a']);
    });

    it('given up: state failed, body erased, counted', async () => {
      await outbox.enqueueMail(mail('a'));
      await outbox.enqueueMail(mail('b'));
      await outbox.claimMail('one', at(1), at(61), 10);
      expect(await outbox.markMailFailed('a', 'one', 'gave up', at(5))).toBe(true);
      expect(await outbox.getMail('a')).toMatchObject({
        state: 'failed',
        attempts: 1,
        lastError: 'gave up',
        text: '',
        html: '',
        finishedAt: at(5),
      });
      expect(await outbox.countMail()).toEqual({ pending: 1, sent: 0, failed: 1 });
    });

    it('forgets sent and failed mail finished before a moment, never pending mail', async () => {
      for (const id of ['old-sent', 'old-failed', 'new-sent', 'waiting'])
        await outbox.enqueueMail(mail(id));
      await outbox.claimMail('one', at(1), at(61), 10);
      await outbox.markMailSent('old-sent', 'one', at(2));
      await outbox.markMailFailed('old-failed', 'one', 'gave up', at(3));
      await outbox.markMailSent('new-sent', 'one', at(10));
      await outbox.releaseMail('waiting', 'one');
      expect(await outbox.purgeFinishedMail(at(10))).toBe(2);
      expect(await outbox.getMail('old-sent')).toBeNull();
      expect(await outbox.getMail('old-failed')).toBeNull();
      expect(await outbox.countMail()).toEqual({ pending: 1, sent: 1, failed: 0 });
      expect(await outbox.purgeFinishedMail(at(1_000_000))).toBe(1);
      expect((await outbox.getMail('waiting'))?.state).toBe('pending');
    });

    it('pending mail survives a reopen', async () => {
      await outbox.enqueueMail(mail('a'));
      await storage.close();
      storage = await fx.reopen();
      await storage.init();
      expect((await storage.mail.claimMail('one', at(1), at(61), 10)).map((m) => m.to)).toEqual([
        'a@example.com',
      ]);
    });
  });
}
