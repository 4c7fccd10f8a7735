import { nanoid } from 'nanoid';
import {
  DEFAULT_MAIL_MODES,
  groupOf,
  itemPath,
  type MailModes,
} from '../../shared/protocol/inbox.js';
import type { Logger } from '../logger.js';
import { WakeableLoop } from '../wakeableLoop.js';
import type { Mailer } from '../mail/mailer.js';
import { notificationMail, type MailedSection } from '../mail/notificationMail.js';
import type { UnsubscribeTokens } from '../mail/unsubscribe.js';
import { addDays, localDateHour, REMIND_AT_HOUR, reminderDue } from '../reviews/overdue.js';
import type { AccountStore, UserRecord } from '../storage/accounts.js';
import type { NotificationRecord, NotificationStore } from '../storage/notifications.js';
import type { Storage } from '../storage/storage.js';

export interface MailDigestDeps {
  storage: Pick<Storage, 'notifications' | 'accounts' | 'reviews' | 'getBoard'>;
  mailer: Pick<Mailer, 'enqueueMail'>;
  tokens: UnsubscribeTokens;
  /** `PUBLIC_URL`, without a trailing slash. */
  publicUrl: string;
  /** `NOTIFY_DIGEST_MS`: how long the first item of a batch waits for others. */
  digestMs: number;
  /** Holds the digest lease while this instance runs rounds. */
  instanceId: string;
  canOpen(boardId: string, userId: string): Promise<boolean>;
  log: Logger;
  now?: () => number;
}

/** Items older than this are never mailed (a daily summary waits at most a day and a half). */
const MAIL_WINDOW_MS = 3 * 86_400_000;
/** Undecided items read per round; a full read is followed by another round at once. */
const SCAN_LIMIT = 2_000;
/** One round at a time across a cluster; a round's lease ends after this if its holder died. */
export const DIGEST_LEASE = 'mail-digests';
const LEASE_MS = 120_000;
/** Another instance is running a round: look again this soon (it may have missed our item). */
const BUSY_RETRY_MS = 1_000;
/** Idle, rounds still run this often (daily summaries, another instance's dead lease). */
const IDLE_MS = 30_000;
/** Wakes closer together than this are one round: a burst of replies is one scan. */
const COALESCE_MS = 100;

const iso = (ms: number) => new Date(ms).toISOString();

/** The first 09:00 in `zone` at or after `createdAt`, as the day before it (reminderDue's input). */
function dailyDueDate(createdAt: string, zone: string): string {
  const local = localDateHour(new Date(createdAt), zone);
  const morning = local.hour < REMIND_AT_HOUR ? local.date : addDays(local.date, 1);
  return addDays(morning, -1);
}

/**
 * Notification e-mail (W175–W176): turns undecided inbox items into e-mails, per person and by
 * their preferences. `immediately` items go at the next round; `digest` items wait until the
 * oldest of them is `digestMs` old, then go together; `daily` items wait for 09:00 in the
 * person's time zone; `never` items, items already read and items about a board the person can
 * no longer open are never mailed. Exactly once: rounds hold a lease in the database, and each
 * item is claimed for one e-mail atomically before the e-mail is queued under that claim's key.
 */
export class MailDigests {
  private readonly now: () => number;
  private readonly loop: WakeableLoop;

  constructor(private readonly deps: MailDigestDeps) {
    this.now = deps.now ?? Date.now;
    this.loop = new WakeableLoop({
      round: () => this.runOnce(),
      failed: (err) => {
        deps.log.warn({ err }, 'notification e-mail round failed; trying again');
        return IDLE_MS;
      },
      coalesceMs: COALESCE_MS,
    });
  }

  private get store(): NotificationStore {
    return this.deps.storage.notifications;
  }

  private get accounts(): AccountStore {
    return this.deps.storage.accounts;
  }

  start(): void {
    this.loop.start();
  }

  /** Something changed (an item created or read): run a round soon. */
  wake(): void {
    this.loop.wake();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One round: mails what is due; answers how long until something may be due. */
  async runOnce(): Promise<number> {
    const now = this.now();
    const { instanceId } = this.deps;
    if (!(await this.store.takeLease(DIGEST_LEASE, instanceId, iso(now), iso(now + LEASE_MS))))
      return BUSY_RETRY_MS;
    try {
      return await this.round(now);
    } finally {
      await this.store.releaseLease(DIGEST_LEASE, instanceId);
    }
  }

  private async round(now: number): Promise<number> {
    await this.recover(now);
    const items = await this.store.listUnmailed(iso(now - MAIL_WINDOW_MS), SCAN_LIMIT);
    const byPerson = new Map<string, NotificationRecord[]>();
    for (const item of items) {
      const theirs = byPerson.get(item.userId) ?? [];
      theirs.push(item);
      byPerson.set(item.userId, theirs);
    }
    let wait = items.length === SCAN_LIMIT ? 0 : IDLE_MS;
    for (const [userId, theirs] of byPerson)
      wait = Math.min(wait, await this.forPerson(userId, theirs, now));
    return wait;
  }

  /**
   * Re-queues the e-mail of items claimed but never queued: an instance stopped between the two.
   * The outbox's dedupe key is the claim's, so a second attempt is the same e-mail.
   */
  private async recover(now: number): Promise<void> {
    const lost = await this.store.claimedWithoutMail(
      iso(now - MAIL_WINDOW_MS),
      iso(now - LEASE_MS),
    );
    for (const { userId, mailKey } of lost) {
      const user = await this.accounts.getUser(userId);
      const items = await this.store.itemsOfMail(mailKey);
      if (user && items.length > 0) await this.enqueue(user, mailKey, items);
    }
  }

  private async forPerson(userId: string, items: NotificationRecord[], now: number) {
    const user = await this.accounts.getUser(userId);
    if (!user || user.disabled) {
      await this.store.withholdMail(
        userId,
        items.map((i) => i.id),
      );
      return IDLE_MS;
    }
    const modes: MailModes =
      (await this.store.getMailPreferences(userId))?.modes ?? DEFAULT_MAIL_MODES;
    const withheld: string[] = [];
    const soon: NotificationRecord[] = [];
    const daily: NotificationRecord[] = [];
    // Several items are often about one board: each board's access is looked up once.
    const access = new Map<string, Promise<boolean>>();
    const canOpen = (boardId: string) => {
      let answer = access.get(boardId);
      if (!answer) access.set(boardId, (answer = this.deps.canOpen(boardId, userId)));
      return answer;
    };
    for (const item of items) {
      const mode = modes[groupOf(item.kind)];
      if (mode === 'never' || (item.boardId && !(await canOpen(item.boardId))))
        withheld.push(item.id);
      else if (mode === 'daily') daily.push(item);
      else soon.push(item);
    }
    await this.store.withholdMail(userId, withheld);

    let wait = IDLE_MS;
    const batch: NotificationRecord[] = [];
    if (soon.length > 0) {
      const at = soon.some((i) => modes[groupOf(i.kind)] === 'immediately')
        ? now
        : Date.parse(soon[0]!.createdAt) + this.deps.digestMs;
      if (at <= now) batch.push(...soon);
      else wait = at - now;
    }
    const dailyOnly = batch.length === 0;
    if (daily.length > 0) {
      const zone = (await this.deps.storage.reviews.getTimeZone(userId)) ?? 'UTC';
      if (reminderDue(dailyDueDate(daily[0]!.createdAt, zone), zone, new Date(now)))
        batch.push(...daily);
    }
    if (batch.length === 0) return wait;
    const mailKey = `notify:${nanoid(16)}`;
    const claimed = await this.store.claimForMail(
      userId,
      batch.map((i) => i.id),
      mailKey,
      iso(now),
    );
    if (claimed.length > 0) await this.enqueue(user, mailKey, claimed, dailyOnly);
    return wait;
  }

  private async enqueue(
    user: UserRecord,
    mailKey: string,
    items: NotificationRecord[],
    daily = false,
  ): Promise<void> {
    const { publicUrl } = this.deps;
    const sections: MailedSection[] = [];
    const workspaces = new Set<string>();
    const byBoard = new Map<string | null, MailedSection>();
    for (const item of items) {
      if (!item.boardId && item.workspaceId) workspaces.add(item.workspaceId);
      let section = byBoard.get(item.boardId);
      if (!section) {
        // Looked up once per board, not per item.
        const board = item.boardId ? await this.deps.storage.getBoard(item.boardId) : null;
        const workspace = item.boardId ? await this.accounts.boardWorkspace(item.boardId) : null;
        if (workspace) workspaces.add(workspace);
        section = { boardTitle: item.boardId ? (board?.title ?? 'A map') : null, items: [] };
        byBoard.set(item.boardId, section);
        sections.push(section);
      }
      section.items.push({
        kind: item.kind,
        actorName: item.actor.name,
        excerpt: item.excerpt,
        link: `${publicUrl}${itemPath(item) ?? '/'}`,
      });
    }
    const [only] = workspaces.size === 1 ? [...workspaces] : [];
    const workspaceName = only ? ((await this.accounts.getWorkspace(only))?.name ?? null) : null;
    const token = await this.deps.tokens.sign(user.id);
    const oneClick = `${publicUrl}/api/mail/unsubscribe?token=${token}`;
    const mail = notificationMail({
      workspaceName,
      sections,
      settingsLink: `${publicUrl}/account#notifications`,
      unsubscribeLink: `${publicUrl}/unsubscribe#token=${token}`,
      daily,
    });
    await this.deps.mailer.enqueueMail({
      to: user.email,
      kind: 'notification',
      dedupeKey: mailKey,
      ...mail,
      // RFC 8058: a mail client's one-click unsubscribe is a POST to this address.
      headers: {
        'List-Unsubscribe': `<${oneClick}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }
}
