/**
 * The mail outbox port (`storage.mail`): e-mail waiting to be sent lives in the database, not in
 * memory, so a restart loses none and instances sharing a database send each one once (a lease).
 * Both adapters run test/contract/mail.contract.ts.
 */

export const MAIL_STATES = ['pending', 'sent', 'failed'] as const;
export type MailState = (typeof MAIL_STATES)[number];

/** A mail as enqueued. */
export interface NewMail {
  id: string;
  /** One address. */
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (`List-Unsubscribe`…); never a credential. */
  headers: Record<string, string>;
  /** What the mail is for (`password-reset`, `invitation`…), for logs and metrics. */
  kind: string;
  /** Unique: a second enqueue with the same key is the same mail (stored once). */
  dedupeKey: string;
  /** ISO 8601; the first attempt is due then, and it is given up a day after. */
  createdAt: string;
}

export interface MailRecord extends NewMail {
  state: MailState;
  /** Attempts that failed so far. */
  attempts: number;
  /** ISO 8601: not tried again before. */
  nextAttemptAt: string;
  /** Why the last attempt failed (without credentials); null until one did. */
  lastError: string | null;
  /** The instance that holds the lease, while `leaseUntil` is in the future. */
  leaseOwner: string | null;
  leaseUntil: string | null;
  /** ISO 8601: when it was sent or given up. */
  finishedAt: string | null;
}

export type MailCounts = Record<MailState, number>;

export interface MailStore {
  /** Stores a pending mail; false (nothing stored) when its `dedupeKey` is already there. */
  enqueueMail(mail: NewMail): Promise<boolean>;
  /**
   * Leases up to `limit` pending mails due at `now` and not leased (or whose lease ended) to
   * `owner` until `leaseUntil`, oldest due first. Two owners claiming at once never get the same
   * mail.
   */
  claimMail(owner: string, now: string, leaseUntil: string, limit: number): Promise<MailRecord[]>;
  /**
   * Sent: the body is erased (it may carry a one-time link). False when `owner` no longer holds
   * the lease (it ran out and someone else took it).
   */
  markMailSent(id: string, owner: string, at: string): Promise<boolean>;
  /** One more failed attempt; tried again at `nextAttemptAt`. False without the lease. */
  markMailRetry(id: string, owner: string, error: string, nextAttemptAt: string): Promise<boolean>;
  /** Given up for good (state `failed`, body erased). False without the lease. */
  markMailFailed(id: string, owner: string, error: string, at: string): Promise<boolean>;
  /** Gives a leased mail back unsent (a stopping server), claimable at once by anyone. */
  releaseMail(id: string, owner: string): Promise<boolean>;
  getMail(id: string): Promise<MailRecord | null>;
  /** The earliest moment a pending mail becomes claimable (due and unleased); null when none. */
  nextMailDue(): Promise<string | null>;
  countMail(): Promise<MailCounts>;
  /**
   * Forgets sent and failed mail finished before `before` (pending mail is never touched);
   * answers how many. Keeps the outbox, and every count of it, from growing without end.
   */
  purgeFinishedMail(before: string): Promise<number>;
}
