import { iso } from './accountRows.js';
import type { MailCounts, MailRecord, MailState, MailStore, NewMail } from './mail.js';
import { MAIL_STATES } from './mail.js';
import type { SqlRunner } from './sqlPeople.js';

/**
 * The mail outbox table, appended last to SqliteStorage's migrations. Append new entries, never
 * edit old ones.
 */
export const SQLITE_MAIL_MIGRATIONS: readonly string[] = [
  `CREATE TABLE mail_outbox (
     id TEXT PRIMARY KEY,
     dedupe_key TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     recipient TEXT NOT NULL,
     subject TEXT NOT NULL,
     body_text TEXT NOT NULL,
     body_html TEXT NOT NULL,
     headers TEXT NOT NULL,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     next_attempt_at TEXT NOT NULL,
     lease_owner TEXT,
     lease_until TEXT,
     last_error TEXT,
     finished_at TEXT
   );
   CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);`,
];

/** The same table for PostgresStorage (postgresSchema.ts), appended last. */
export const POSTGRES_MAIL_MIGRATIONS: readonly string[] = [
  `CREATE TABLE mail_outbox (
     id TEXT PRIMARY KEY,
     dedupe_key TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     recipient TEXT NOT NULL,
     subject TEXT NOT NULL,
     body_text TEXT NOT NULL,
     body_html TEXT NOT NULL,
     headers TEXT NOT NULL,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     next_attempt_at TIMESTAMPTZ NOT NULL,
     lease_owner TEXT,
     lease_until TIMESTAMPTZ,
     last_error TEXT,
     finished_at TIMESTAMPTZ
   );
   CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);`,
];

type Stamp = string | Date;

interface MailRow {
  id: string;
  dedupe_key: string;
  kind: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string;
  headers: string;
  state: MailState;
  attempts: number;
  created_at: Stamp;
  next_attempt_at: Stamp;
  lease_owner: string | null;
  lease_until: Stamp | null;
  last_error: string | null;
  finished_at: Stamp | null;
}

const toMail = (r: MailRow): MailRecord => ({
  id: r.id,
  dedupeKey: r.dedupe_key,
  kind: r.kind,
  to: r.recipient,
  subject: r.subject,
  text: r.body_text,
  html: r.body_html,
  headers: JSON.parse(r.headers) as Record<string, string>,
  createdAt: iso(r.created_at),
  state: r.state,
  attempts: Number(r.attempts),
  nextAttemptAt: iso(r.next_attempt_at),
  lastError: r.last_error,
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until === null ? null : iso(r.lease_until),
  finishedAt: r.finished_at === null ? null : iso(r.finished_at),
});

/** Claimable: pending, due, and not leased to anyone (or the lease ran out). */
const CLAIMABLE = `state = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)`;

/**
 * The outbox both adapters share (SQLite text timestamps compare in order: every one is
 * `toISOString()`'s fixed width). The claim repeats its conditions outside the subquery: under
 * PostgreSQL's READ COMMITTED a claim that waited for another's row re-checks them on the row
 * as committed, and skips a mail leased meanwhile.
 */
export class SqlMail implements MailStore {
  constructor(private readonly sql: Pick<SqlRunner, 'ready' | 'rows' | 'run'>) {}

  async enqueueMail(mail: NewMail): Promise<boolean> {
    this.sql.ready();
    const changed = await this.sql.run(
      `INSERT INTO mail_outbox (id, dedupe_key, kind, recipient, subject, body_text, body_html,
         headers, state, attempts, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        mail.id,
        mail.dedupeKey,
        mail.kind,
        mail.to,
        mail.subject,
        mail.text,
        mail.html,
        JSON.stringify(mail.headers),
        mail.createdAt,
      ],
    );
    return changed > 0;
  }

  async claimMail(owner: string, now: string, leaseUntil: string, limit: number) {
    this.sql.ready();
    const rows = await this.sql.rows<MailRow>(
      `UPDATE mail_outbox SET lease_owner = $1, lease_until = $2
       WHERE id IN (SELECT id FROM mail_outbox WHERE ${CLAIMABLE}
                    ORDER BY next_attempt_at, id LIMIT $4)
         AND ${CLAIMABLE}
       RETURNING *`,
      [owner, leaseUntil, now, limit],
    );
    return rows
      .map(toMail)
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id.localeCompare(b.id));
  }

  async markMailSent(id: string, owner: string, at: string): Promise<boolean> {
    this.sql.ready();
    return (
      (await this.sql.run(
        `UPDATE mail_outbox SET state = 'sent', finished_at = $3, body_text = '', body_html = '',
           lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 AND state = 'pending'`,
        [id, owner, at],
      )) > 0
    );
  }

  async markMailRetry(id: string, owner: string, error: string, nextAttemptAt: string) {
    this.sql.ready();
    return (
      (await this.sql.run(
        `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $3, next_attempt_at = $4,
           lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 AND state = 'pending'`,
        [id, owner, error, nextAttemptAt],
      )) > 0
    );
  }

  async markMailFailed(id: string, owner: string, error: string, at: string): Promise<boolean> {
    this.sql.ready();
    return (
      (await this.sql.run(
        `UPDATE mail_outbox SET state = 'failed', attempts = attempts + 1, last_error = $3,
           finished_at = $4, body_text = '', body_html = '', lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 AND state = 'pending'`,
        [id, owner, error, at],
      )) > 0
    );
  }

  async releaseMail(id: string, owner: string): Promise<boolean> {
    this.sql.ready();
    return (
      (await this.sql.run(
        `UPDATE mail_outbox SET lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 AND state = 'pending'`,
        [id, owner],
      )) > 0
    );
  }

  async getMail(id: string): Promise<MailRecord | null> {
    this.sql.ready();
    const [row] = await this.sql.rows<MailRow>('SELECT * FROM mail_outbox WHERE id = $1', [id]);
    return row ? toMail(row) : null;
  }

  async nextMailDue(): Promise<string | null> {
    this.sql.ready();
    const [row] = await this.sql.rows<{ due: Stamp | null }>(
      `SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at
                       THEN lease_until ELSE next_attempt_at END) AS due
       FROM mail_outbox WHERE state = 'pending'`,
      [],
    );
    return row?.due ? iso(row.due) : null;
  }

  async purgeFinishedMail(before: string): Promise<number> {
    this.sql.ready();
    return this.sql.run(
      `DELETE FROM mail_outbox WHERE state IN ('sent', 'failed') AND finished_at < $1`,
      [before],
    );
  }

  async countMail(): Promise<MailCounts> {
    this.sql.ready();
    const counts = Object.fromEntries(MAIL_STATES.map((s) => [s, 0])) as MailCounts;
    const rows = await this.sql.rows<{ state: MailState; n: number | string }>(
      'SELECT state, COUNT(*) AS n FROM mail_outbox GROUP BY state',
      [],
    );
    for (const row of rows) if (row.state in counts) counts[row.state] = Number(row.n);
    return counts;
  }
}
