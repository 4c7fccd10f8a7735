/**
 * The sender on its own (server/mail/mailer.ts) over real SQLite and a real SMTP server: it
 * wakes on enqueue (W150), a dedupe key mails once, and a mail that cannot be sent is retried
 * with growing waits and then given up as `failed` (W150, W151).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountService } from '../../server/auth/accountService.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { HourlyLimiter } from '../../server/http/hourlyLimiter.js';
import { AccountMail } from '../../server/mail/accountMail.js';
import { MAIL_KEPT_MS, Mailer } from '../../server/mail/mailer.js';
import { smtpTransport } from '../../server/mail/transport.js';
import { createMetrics } from '../../server/metrics.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import { SmtpCatcher } from '../helpers/smtp.js';

let dir: string;
let storage: SqliteStorage;
let catcher: SmtpCatcher;
let mailer: Mailer | null;
let lines: Record<string, unknown>[];
let lineWaiters: ((line: Record<string, unknown>) => void)[];

/** A logger whose lines the test reads, and can wait for. */
function capturingLogger() {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        for (const waiter of lineWaiters) waiter(line);
      }
      done();
    },
  });
  return pino({ level: 'info' }, stream);
}

const logged = (msg: string) =>
  new Promise<Record<string, unknown>>((resolve) => {
    const seen = lines.find((l) => l.msg === msg);
    if (seen) return resolve(seen);
    lineWaiters.push((line) => line.msg === msg && resolve(line));
  });

function startMailer(options: { retryMinMs: number; giveUpMs: number; now?: () => number }) {
  const metrics = createMetrics();
  mailer = new Mailer({
    store: storage.mail,
    transport: smtpTransport(catcher.url),
    from: 'jb <jb@example.test>',
    instanceId: 'solo',
    log: capturingLogger(),
    metrics,
    retryMinMs: options.retryMinMs,
    retryMaxMs: options.retryMinMs * 4,
    giveUpMs: options.giveUpMs,
    ...(options.now ? { now: options.now } : {}),
  });
  mailer.start();
  return { mailer, metrics };
}

const request = (key: string) => ({
  to: 'someone@example.com',
  subject: 'Hello\r\nBcc: evil@example.com',
  text: 'plain',
  html: '<p>html</p>',
  kind: 'test',
  dedupeKey: key,
});

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'jb-mailer-'));
  storage = new SqliteStorage({ file: path.join(dir, 'journeyboard.db') });
  await storage.init();
  catcher = await SmtpCatcher.start();
  lines = [];
  lineWaiters = [];
  mailer = null;
});

afterEach(async () => {
  await mailer?.stop();
  await catcher.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the mail sender', () => {
  it('W150: wakes when mail is queued, without waiting for its next look', async () => {
    const { metrics } = startMailer({ retryMinMs: 60_000, giveUpMs: 86_400_000 });
    // Idle now: its next look is a minute away; the enqueue must wake it.
    await new Promise((r) => setImmediate(r));
    expect(await mailer!.enqueueMail(request('one'))).toBe(true);
    expect(await mailer!.enqueueMail(request('one'))).toBe(false);
    const mail = await catcher.nextMessage();
    // The subject is one line: a line break cannot add a header.
    expect(mail.parsed.subject).toBe('Hello Bcc: evil@example.com');
    expect(mail.parsed.bcc).toBeUndefined();
    await logged('mail sent');
    expect(
      (await metrics.registry.getSingleMetric('journeyboard_mail_sent_total')?.get())?.values[0]
        ?.value,
    ).toBe(1);
    expect(catcher.messages).toHaveLength(1);
  }, 5_000);

  it('W150, W151, S70: retries with growing waits, then gives up and counts it', async () => {
    await catcher.refuse();
    const { metrics } = startMailer({ retryMinMs: 40, giveUpMs: 700 });
    await mailer!.enqueueMail(request('doomed'));
    const given = await logged('mail given up: not sent in time');
    const retries = lines.filter((l) => l.msg === 'mail not sent; will retry');
    const waits = retries.map((l) => l.retryInMs as number);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits[1]).toBeGreaterThan(waits[0]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(160);
    expect(String(given.err)).toMatch(/ECONNREFUSED/);
    const failed = await metrics.registry.getSingleMetric('journeyboard_mail_failed_total')?.get();
    expect(failed?.values[0]?.value).toBe(1);
    const record = await storage.mail.getMail(given.mailId as string);
    expect(record).toMatchObject({ state: 'failed', text: '', html: '' });
    expect(await storage.mail.countMail()).toEqual({ pending: 0, sent: 0, failed: 1 });
  });
});

describe('outbox upkeep', () => {
  it('W178: sent and failed mail is forgotten after 30 days, pending mail never', async () => {
    let clock = Date.parse('2026-01-05T10:00:00.000Z');
    startMailer({ retryMinMs: 60_000, giveUpMs: 86_400_000, now: () => clock });
    await mailer!.enqueueMail(request('january'));
    await catcher.nextMessage();
    const first = (await logged('mail sent')).mailId as string;
    expect((await storage.mail.getMail(first))?.state).toBe('sent');

    clock += MAIL_KEPT_MS + 3_600_000;
    await mailer!.enqueueMail(request('february'));
    expect(await logged('old sent and failed mail forgotten')).toMatchObject({ purged: 1 });
    expect(await storage.mail.getMail(first)).toBeNull();
    await catcher.nextMessage();
    expect(await storage.mail.countMail()).toMatchObject({ pending: 0 });
  });
});

describe('reset mail by account kind (S68)', () => {
  it('S68: mails a local account, not one signed in only by single sign-on, nor a disabled one', async () => {
    startMailer({ retryMinMs: 60_000, giveUpMs: 86_400_000 });
    const accounts = storage.accounts;
    const service = new AccountService({
      accounts,
      mode: 'accounts',
      attempts: { perEmail: new HourlyLimiter(100), perAddress: new HourlyLimiter(100) },
    });
    await service.defaultWorkspace('Acme CX');
    const person = (id: string, disabled = false) => ({
      id,
      email: `${id}@example.com`,
      name: id,
      avatarUrl: null,
      createdAt: new Date().toISOString(),
      lastActiveAt: new Date().toISOString(),
      disabled,
    });
    await accounts.createUser(person('local'), await hashPassword('a local passphrase', 10));
    await accounts.createUser(person('gone', true), await hashPassword('a gone passphrase', 10));
    await accounts.createUser(person('sso'));
    await accounts.linkIdentity('sso', 'https://idp.example.com', 'sub-1');
    const mail = new AccountMail({
      mailer: mailer!,
      service,
      publicUrl: 'https://maps.example.com',
      limits: { perEmail: new HourlyLimiter(100), perAddress: new HourlyLimiter(100) },
      log: capturingLogger(),
    });
    for (const id of ['sso', 'gone', 'local'])
      mail.requestPasswordReset(`${id}@example.com`, { ip: '10.0.0.1' });
    const arrived = await catcher.nextMessage();
    expect(arrived.envelopeTo).toEqual(['local@example.com']);
    expect(arrived.parsed.text).toContain('https://maps.example.com/reset#secret=');
    expect(arrived.parsed.subject).toContain('Acme CX');
    // Every request is audited, mailed or not; only the local account's was.
    const audited = async () =>
      (await accounts.listAudit((await accounts.getDefaultWorkspace())!.id, { limit: 10 })).filter(
        (e) => e.action === 'password-reset-requested',
      );
    while ((await audited()).length < 3) await new Promise((r) => setImmediate(r));
    const mailed = Object.fromEntries(
      (await audited()).map((e) => [e.actorLabel, e.detail.mailed]),
    );
    expect(mailed).toEqual({
      'sso@example.com': false,
      'gone@example.com': false,
      'local@example.com': true,
    });
    await logged('mail sent');
    expect(await storage.mail.countMail()).toMatchObject({ pending: 0, sent: 1 });
  });
});
