import { nanoid } from 'nanoid';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { MailRecord, MailStore } from '../storage/mail.js';
import { WakeableLoop } from '../wakeableLoop.js';
import type { MailTransport } from './transport.js';

/** What a feature asks to send; the outbox does the rest (retries, one send across instances). */
export interface MailRequest {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What the mail is for, in logs (`password-reset`, `invitation`…). */
  kind: string;
  /** The same key twice is one mail (a retried request does not mail twice). */
  dedupeKey: string;
  headers?: Record<string, string>;
}

export interface MailerDeps {
  store: MailStore;
  transport: MailTransport;
  /** `SMTP_FROM` */
  from: string;
  /** Holds the leases of the mail this instance is sending. */
  instanceId: string;
  log: Logger;
  metrics: Pick<Metrics, 'mailSent' | 'mailFailed' | 'mailRetries' | 'mailQueued'>;
  retryMinMs: number;
  retryMaxMs: number;
  giveUpMs: number;
  now?: () => number;
}

/** Mails leased per round; a full round is followed by another at once. */
const BATCH = 10;
/** Longer than one attempt can take (transport.ts bounds it), so a lease never ends mid-send. */
const LEASE_MS = 5 * 60_000;
/** Idle, the outbox is still looked at this often: mail leased by an instance that died. */
const IDLE_LOOK_MS = 60_000;
/** Nothing is looked at more often than this while something is due (no busy loop). */
const MIN_WAIT_MS = 20;

/**
 * Sent and failed mail is kept this long (the inbox shows "E-mail failed" from it, and a digest
 * round's repair looks back 3 days), then forgotten, looked at once an hour.
 */
export const MAIL_KEPT_MS = 30 * 24 * 3_600_000;
const PURGE_EVERY_MS = 3_600_000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The sender: claims due mail (a lease in the database, so two instances never send the same
 * one), sends it, marks it. A failed attempt is retried after `retryMinMs`, doubling up to
 * `retryMaxMs`, until `giveUpMs` after it was queued, then it is `failed`. Enqueueing wakes it;
 * otherwise it sleeps until the next mail is due. The server works the same when SMTP is down.
 */
export class Mailer {
  private readonly now: () => number;
  private readonly loop: WakeableLoop;
  private lastPurge = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: MailerDeps) {
    this.now = deps.now ?? Date.now;
    this.loop = new WakeableLoop({
      round: () => this.round(),
      failed: (err) => {
        deps.log.warn({ err }, 'mail outbox unavailable; trying again');
        return deps.retryMinMs;
      },
    });
  }

  /** `host:port` of the mail server, for logs. */
  get where(): string {
    return this.deps.transport.where;
  }

  start(): void {
    this.loop.start();
  }

  /** Stores the mail (sent from the database, so a restart loses none); false for a duplicate. */
  async enqueueMail(request: MailRequest): Promise<boolean> {
    const stored = await this.deps.store.enqueueMail({
      id: nanoid(16),
      to: request.to,
      subject: request.subject.replace(/[\r\n]+/g, ' '),
      text: request.text,
      html: request.html,
      headers: request.headers ?? {},
      kind: request.kind,
      dedupeKey: request.dedupeKey,
      createdAt: iso(this.now()),
    });
    this.loop.wake();
    return stored;
  }

  /** Finishes the mail being sent; what is left stays in the database for the next start. */
  async stop(): Promise<void> {
    await this.loop.stop();
    this.deps.transport.close();
  }

  /** Sends what is due; answers how long until something may be due again. */
  private async round(): Promise<number> {
    const { store, instanceId } = this.deps;
    const now = this.now();
    const batch = await store.claimMail(instanceId, iso(now), iso(now + LEASE_MS), BATCH);
    for (const mail of batch) {
      // Given back, so the next start (or another instance) sends it without waiting the lease.
      if (this.loop.stopping) await store.releaseMail(mail.id, instanceId);
      else await this.deliver(mail);
    }
    await this.purge(now);
    this.deps.metrics.mailQueued.set((await store.countMail()).pending);
    if (batch.length === BATCH) return 0;
    const due = await store.nextMailDue();
    if (due === null) return IDLE_LOOK_MS;
    return Math.min(IDLE_LOOK_MS, Math.max(MIN_WAIT_MS, Date.parse(due) - this.now()));
  }

  private async purge(now: number): Promise<void> {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    const purged = await this.deps.store.purgeFinishedMail(iso(now - MAIL_KEPT_MS));
    if (purged > 0) this.deps.log.info({ purged }, 'old sent and failed mail forgotten');
  }

  private async deliver(mail: MailRecord): Promise<void> {
    const { store, transport, instanceId, log, metrics } = this.deps;
    const about = { mailId: mail.id, kind: mail.kind };
    try {
      await transport.send({
        from: this.deps.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      });
    } catch (err) {
      await this.failed(mail, transport.describe(err));
      return;
    }
    metrics.mailSent.inc();
    await store.markMailSent(mail.id, instanceId, iso(this.now()));
    log.info({ ...about, attempts: mail.attempts + 1 }, 'mail sent');
  }

  private async failed(mail: MailRecord, why: string): Promise<void> {
    const { store, instanceId, log, metrics, retryMinMs, retryMaxMs, giveUpMs } = this.deps;
    const now = this.now();
    const about = { mailId: mail.id, kind: mail.kind, smtp: this.where, err: why };
    const deadline = Date.parse(mail.createdAt) + giveUpMs;
    if (now >= deadline) {
      await store.markMailFailed(mail.id, instanceId, why, iso(now));
      metrics.mailFailed.inc();
      log.error({ ...about, attempts: mail.attempts + 1 }, 'mail given up: not sent in time');
      return;
    }
    const backoff = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(mail.attempts, 30));
    // The last attempt is at the deadline, not a backoff past it.
    const next = Math.min(now + backoff, deadline);
    await store.markMailRetry(mail.id, instanceId, why, iso(next));
    metrics.mailRetries.inc();
    log.warn(
      { ...about, attempts: mail.attempts + 1, retryInMs: next - now },
      'mail not sent; will retry',
    );
  }
}
