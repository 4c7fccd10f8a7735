/**
 * W175, W176, S87: notification e-mail rounds over real storage (SQLite) at chosen instants:
 * batched, at once, daily at 09:00 in the person's zone, never; nothing already read or about a
 * board the person can no longer open; one e-mail per item across two instances and a crash.
 * The e-mails are read from the outbox (mail.test.ts and notificationMail.test.ts send them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAIL_MODES, type MailModes } from '../../shared/protocol/inbox.js';
import { MailDigests } from '../../server/inbox/mailDigests.js';
import { createLogger } from '../../server/logger.js';
import type { MailRequest } from '../../server/mail/mailer.js';
import { UnsubscribeTokens } from '../../server/mail/unsubscribe.js';
import type { MailRecord } from '../../server/storage/mail.js';
import type { NewNotification } from '../../server/storage/notifications.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';

const T0 = Date.parse('2026-12-01T16:00:00.000Z');
const MIN = 60_000;
const DIGEST_MS = 10 * MIN;
const PUBLIC_URL = 'https://jb.example.test';
const SECRET = new TextEncoder().encode('a-test-secret-of-at-least-32-characters!');

let dir: string;
let storage: SqliteStorage;
let now: number;
let seq = 0;

function outboxOf(store: SqliteStorage) {
  return {
    async enqueueMail(request: MailRequest) {
      return store.mail.enqueueMail({
        ...request,
        id: `mail-${++seq}`,
        headers: request.headers ?? {},
        createdAt: new Date(now).toISOString(),
      });
    },
  };
}

function digests(instanceId = 'one') {
  return new MailDigests({
    storage,
    mailer: outboxOf(storage),
    tokens: new UnsubscribeTokens(SECRET),
    publicUrl: PUBLIC_URL,
    digestMs: DIGEST_MS,
    instanceId,
    async canOpen(boardId, userId) {
      const workspaceId = await storage.accounts.boardWorkspace(boardId);
      return (
        workspaceId !== null && (await storage.accounts.getMember(workspaceId, userId)) !== null
      );
    },
    log: createLogger('silent'),
    now: () => now,
  });
}

/** Every e-mail queued so far, oldest first. */
async function queued(): Promise<MailRecord[]> {
  const far = new Date(T0 + 30 * 86_400_000).toISOString();
  const mails = await storage.mail.claimMail('reader', far, far, 1000);
  for (const m of mails) await storage.mail.releaseMail(m.id, 'reader');
  return mails;
}

let itemSeq = 0;
async function notify(userId: string, extra: Partial<NewNotification> = {}): Promise<string> {
  const id = `n${++itemSeq}`;
  await storage.notifications.addNotification({
    id,
    userId,
    eventKey: `event-${id}`,
    kind: 'mention',
    boardId: 'b1',
    threadId: `t-${id}`,
    messageId: `m-${id}`,
    workspaceId: null,
    actor: { id: 'anna', name: 'Anna' },
    excerpt: `Please look at step ${id}`,
    createdAt: new Date(now).toISOString(),
    ...extra,
  });
  return id;
}

const prefer = (userId: string, modes: Partial<MailModes>) =>
  storage.notifications.setMailPreferences({
    userId,
    modes: { ...DEFAULT_MAIL_MODES, ...modes },
    updatedAt: new Date(now).toISOString(),
  });

beforeEach(async () => {
  now = T0;
  dir = mkdtempSync(path.join(os.tmpdir(), 'jb-digests-'));
  storage = new SqliteStorage({ file: path.join(dir, 'db') });
  await storage.init();
  const { accounts } = storage;
  const iso = new Date(T0).toISOString();
  await storage.createBoard(
    {
      id: 'b1',
      title: 'Claims',
      mapType: 'current-state',
      persona: '',
      createdAt: iso,
      updatedAt: iso,
      keyVersion: 1,
    },
    new Uint8Array([0, 0]),
  );
  await accounts.createWorkspace({
    id: 'w1',
    name: 'Acme CX',
    createdAt: iso,
    openSignup: false,
    guestLinks: true,
  });
  await accounts.setBoardWorkspace('b1', 'w1');
  for (const id of ['anna', 'austin', 'bea']) {
    await accounts.createUser({
      id,
      email: `${id}@example.com`,
      name: id,
      avatarUrl: null,
      createdAt: iso,
      lastActiveAt: iso,
      disabled: false,
    });
    await accounts.putMember({ workspaceId: 'w1', userId: id, role: 'member', joinedAt: iso });
  }
  await storage.reviews.setTimeZone('austin', 'America/Chicago');
});

afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('notification e-mail rounds', () => {
  it('W175: a burst waits for the oldest item to be NOTIFY_DIGEST_MS old, then goes as one e-mail', async () => {
    const round = digests();
    for (let i = 0; i < 10; i++) {
      await notify('bea', { kind: 'reply' });
      now += 30_000;
    }
    // Not yet, and the round says when to look again (at most every 30 s while idle).
    expect(await round.runOnce()).toBe(30_000);
    now = T0 + DIGEST_MS - 15_000;
    expect(await round.runOnce()).toBe(15_000);
    expect(await queued()).toEqual([]);
    now = T0 + DIGEST_MS;
    await round.runOnce();
    const [mail, ...more] = await queued();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ to: 'bea@example.com', kind: 'notification' });
    expect(mail!.subject).toBe('[Acme CX] 10 new updates on Claims');
    expect(mail!.text.match(/Anna replied in a thread you follow/g)).toHaveLength(10);
    expect(mail!.text).toContain(`${PUBLIC_URL}/b/b1?thread=t-n1`);
    expect(mail!.html).toContain(`href="${PUBLIC_URL}/b/b1?thread=t-n10"`);
    // Taken: a later round mails nothing again.
    now += DIGEST_MS;
    await round.runOnce();
    expect(await queued()).toHaveLength(1);
  });

  it('W175, W177: one item is its own subject; the e-mail carries a signed one-click unsubscribe', async () => {
    await notify('bea');
    now += DIGEST_MS;
    await digests().runOnce();
    const [mail] = await queued();
    expect(mail!.subject).toBe('[Acme CX] Anna mentioned you on Claims');
    expect(mail!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const header = /^<(.+)\?token=([\w.-]+)>$/.exec(mail!.headers['List-Unsubscribe']!);
    expect(header?.[1]).toBe(`${PUBLIC_URL}/api/mail/unsubscribe`);
    const token = header![2]!;
    expect(await new UnsubscribeTokens(SECRET).verify(token)).toBe('bea');
    expect(mail!.text).toContain(`${PUBLIC_URL}/unsubscribe#token=${token}`);
    expect(mail!.text).toContain(`${PUBLIC_URL}/account#notifications`);
    // No other credential: every link is the app's, and only the unsubscribe ones carry a token.
    const links = mail!.text.match(/https?:\/\/\S+/g) ?? [];
    expect(links.every((l) => l.startsWith(PUBLIC_URL))).toBe(true);
    expect(links.filter((l) => l.includes('token'))).toHaveLength(1);
  });

  it('W174: `immediately` goes at the next round, taking the batched items along', async () => {
    await prefer('bea', { reviews: 'immediately' });
    await notify('bea');
    now += MIN;
    await notify('bea', { kind: 'review-requested', threadId: null });
    await digests().runOnce();
    const [mail] = await queued();
    expect(mail!.subject).toBe('[Acme CX] 2 new updates on Claims');
    expect(mail!.text).toContain('asked you to review a map');
    expect(mail!.text).toContain(`${PUBLIC_URL}/b/b1\n`);
  });

  it('W174: `daily` waits for 09:00 in the person’s own time zone', async () => {
    await prefer('austin', { mentions: 'daily' });
    // 16:00 UTC is 10:00 in Chicago: the next summary is tomorrow 09:00 there (15:00 UTC).
    await notify('austin');
    const round = digests();
    now = Date.parse('2026-12-02T14:59:00.000Z');
    await round.runOnce();
    expect(await queued()).toEqual([]);
    now = Date.parse('2026-12-02T15:00:00.000Z');
    await round.runOnce();
    const [mail] = await queued();
    expect(mail).toMatchObject({
      to: 'austin@example.com',
      subject: '[Acme CX] Anna mentioned you on Claims',
    });
  });

  it('W174, W176: `never` items are decided for good; read ones are never mailed', async () => {
    await prefer('bea', { mentions: 'never' });
    const withheld = await notify('bea');
    const seen = await notify('bea', { kind: 'reply' });
    await storage.notifications.markRead('bea', { ids: [seen] }, new Date(now).toISOString());
    now += DIGEST_MS;
    const round = digests();
    await round.runOnce();
    await prefer('bea', { mentions: 'digest' });
    now += DIGEST_MS;
    await round.runOnce();
    expect(await queued()).toEqual([]);
    const states = await storage.notifications.listNotifications('bea', { limit: 10 });
    expect(states.map((i) => [i.id, i.emailState])).toEqual([
      [seen, null],
      [withheld, null],
    ]);
  });

  it('S87: nobody is mailed about a board they could open when told but cannot any more', async () => {
    await notify('bea');
    await storage.accounts.removeMember('w1', 'bea');
    now += DIGEST_MS;
    await digests().runOnce();
    expect(await queued()).toEqual([]);
  });

  it('W176: two instances running rounds at once queue each e-mail once', async () => {
    for (const person of ['bea', 'austin', 'anna']) await notify(person);
    now += DIGEST_MS;
    const [a, b] = [digests('one'), digests('two')];
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    const mails = await queued();
    expect(mails.map((m) => m.to).sort()).toEqual([
      'anna@example.com',
      'austin@example.com',
      'bea@example.com',
    ]);
  });

  it('W176: items claimed by an instance that stopped before queueing are mailed once after its lease', async () => {
    const first = await notify('bea');
    now += DIGEST_MS;
    // The crashed instance claimed, under its lease, and never queued.
    const at = new Date(now).toISOString();
    expect(
      await storage.notifications.takeLease(
        'mail-digests',
        'crashed',
        at,
        new Date(now + 2 * MIN).toISOString(),
      ),
    ).toBe(true);
    await storage.notifications.claimForMail('bea', [first], 'notify:lost', at);
    const round = digests('survivor');
    now += MIN;
    await round.runOnce();
    expect(await queued()).toEqual([]);
    now += 2 * MIN;
    await round.runOnce();
    await round.runOnce();
    const mails = await queued();
    expect(mails.map((m) => m.dedupeKey)).toEqual(['notify:lost']);
    expect(mails[0]!.text).toContain('Please look at step');
  });
});
