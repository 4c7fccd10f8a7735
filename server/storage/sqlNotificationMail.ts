import {
  DEFAULT_MAIL_MODES,
  MAIL_GROUP_NAMES,
  MAIL_MODES,
  type MailMode,
  type MailModes,
} from '../../shared/protocol/inbox.js';
import type {
  EmailState,
  MailPreferencesRecord,
  NotificationKind,
  NotificationMailStore,
  NotificationRecord,
} from './notifications.js';
import type { SqlRunner } from './sqlPeople.js';

/**
 * What notification e-mail adds to the inbox tables, appended LAST to both adapters' migrations
 * (the same text in both dialects). Items from before it are decided already: an upgrade does
 * not mail a backlog.
 */
export const NOTIFICATION_MAIL_MIGRATIONS: readonly string[] = [
  `ALTER TABLE notifications ADD COLUMN mail_state TEXT;
   ALTER TABLE notifications ADD COLUMN mail_key TEXT;
   UPDATE notifications SET mail_state = 'withheld';
   CREATE INDEX notifications_undecided ON notifications (created_at) WHERE mail_state IS NULL;
   CREATE INDEX notifications_mail_key ON notifications (mail_key);
   CREATE TABLE mail_preferences (
     user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
     modes TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE leases (
     name TEXT PRIMARY KEY,
     holder TEXT NOT NULL,
     lease_until TEXT NOT NULL
   );`,
];

/** What the inbox needs of an adapter's runner (SqlRunner without its account specifics). */
export type NotificationRunner = Pick<SqlRunner, 'ready' | 'rows' | 'run'>;

const ITEM_COLUMNS = [
  'id',
  'user_id',
  'kind',
  'board_id',
  'thread_id',
  'message_id',
  'workspace_id',
  'actor_id',
  'actor_name',
  'excerpt',
  'created_at',
  'read_at',
  'emailed_at',
  'mail_state',
];

/** The plain columns (INSERT, RETURNING). */
export const COLUMNS = ITEM_COLUMNS.join(', ');

/** An item with the state of the e-mail that carries it, from the outbox (same database). */
export const SELECT_ITEMS = `SELECT ${ITEM_COLUMNS.map((c) => `n.${c}`).join(', ')}, m.state AS outbox_state
  FROM notifications n LEFT JOIN mail_outbox m ON m.dedupe_key = n.mail_key`;

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  board_id: string | null;
  thread_id: string | null;
  message_id: string | null;
  workspace_id: string | null;
  actor_id: string | null;
  actor_name: string;
  excerpt: string;
  created_at: string;
  read_at: string | null;
  emailed_at: string | null;
  mail_state: string | null;
  outbox_state?: string | null;
}

function emailStateOf(r: NotificationRow): EmailState | null {
  if (r.mail_state !== 'mailed') return null;
  if (r.outbox_state === 'sent' || r.outbox_state === 'failed') return r.outbox_state;
  return 'queued';
}

export const toNotification = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind as NotificationKind,
  boardId: r.board_id,
  threadId: r.thread_id,
  messageId: r.message_id,
  workspaceId: r.workspace_id,
  actor: { id: r.actor_id, name: r.actor_name },
  excerpt: r.excerpt,
  createdAt: r.created_at,
  readAt: r.read_at,
  emailedAt: r.emailed_at,
  emailState: emailStateOf(r),
});

/** `$from`, `$from+1`… for a list of values. */
export const placeholders = (count: number, from: number): string =>
  Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

/** Stored modes, completed with the defaults (a group added later, a value no longer known). */
function modesOf(json: string): MailModes {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === 'object') stored = parsed as Record<string, unknown>;
  } catch {
    // Defaults below.
  }
  const modes = { ...DEFAULT_MAIL_MODES };
  for (const group of MAIL_GROUP_NAMES) {
    const mode = stored[group];
    if (typeof mode === 'string' && (MAIL_MODES as readonly string[]).includes(mode))
      modes[group] = mode as MailMode;
  }
  return modes;
}

/** The e-mail half of SqlNotifications (sqlNotifications.ts): the same SQL in both dialects. */
export class SqlNotificationMail implements NotificationMailStore {
  constructor(protected readonly sql: NotificationRunner) {}

  async listUnmailed(since: string, limit: number): Promise<NotificationRecord[]> {
    this.sql.ready();
    const rows = await this.sql.rows<NotificationRow>(
      `SELECT ${COLUMNS} FROM notifications
       WHERE mail_state IS NULL AND read_at IS NULL AND created_at >= $1
       ORDER BY user_id, created_at, id LIMIT $2`,
      [since, Math.max(0, Math.trunc(limit))],
    );
    return rows.map(toNotification);
  }

  async claimForMail(userId: string, ids: readonly string[], mailKey: string, at: string) {
    this.sql.ready();
    if (ids.length === 0) return [];
    const rows = await this.sql.rows<NotificationRow>(
      `UPDATE notifications SET mail_state = 'mailed', mail_key = $2, emailed_at = $3
       WHERE user_id = $1 AND mail_state IS NULL AND read_at IS NULL
         AND id IN (${placeholders(ids.length, 4)})
       RETURNING ${COLUMNS}`,
      [userId, mailKey, at, ...ids],
    );
    return rows.map(toNotification).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async withholdMail(userId: string, ids: readonly string[]): Promise<number> {
    this.sql.ready();
    if (ids.length === 0) return 0;
    return this.sql.run(
      `UPDATE notifications SET mail_state = 'withheld'
       WHERE user_id = $1 AND mail_state IS NULL AND id IN (${placeholders(ids.length, 2)})`,
      [userId, ...ids],
    );
  }

  async claimedWithoutMail(since: string, before: string) {
    this.sql.ready();
    const rows = await this.sql.rows<{ user_id: string; mail_key: string }>(
      `SELECT DISTINCT n.user_id, n.mail_key FROM notifications n
       LEFT JOIN mail_outbox m ON m.dedupe_key = n.mail_key
       WHERE n.mail_state = 'mailed' AND m.id IS NULL
         AND n.emailed_at >= $1 AND n.emailed_at < $2`,
      [since, before],
    );
    return rows.map((r) => ({ userId: r.user_id, mailKey: r.mail_key }));
  }

  async itemsOfMail(mailKey: string): Promise<NotificationRecord[]> {
    this.sql.ready();
    const rows = await this.sql.rows<NotificationRow>(
      `${SELECT_ITEMS} WHERE n.mail_key = $1 ORDER BY n.created_at, n.id`,
      [mailKey],
    );
    return rows.map(toNotification);
  }

  async getMailPreferences(userId: string): Promise<MailPreferencesRecord | null> {
    this.sql.ready();
    const [row] = await this.sql.rows<{ modes: string; updated_at: string }>(
      'SELECT modes, updated_at FROM mail_preferences WHERE user_id = $1',
      [userId],
    );
    return row ? { userId, modes: modesOf(row.modes), updatedAt: row.updated_at } : null;
  }

  async setMailPreferences(record: MailPreferencesRecord): Promise<void> {
    this.sql.ready();
    await this.sql.run(
      `INSERT INTO mail_preferences (user_id, modes, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET modes = $2, updated_at = $3`,
      [record.userId, JSON.stringify(record.modes), record.updatedAt],
    );
  }

  async takeLease(name: string, holder: string, now: string, until: string): Promise<boolean> {
    this.sql.ready();
    const changed = await this.sql.run(
      `INSERT INTO leases (name, holder, lease_until) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = $2, lease_until = $3
       WHERE leases.lease_until <= $4 OR leases.holder = $2`,
      [name, holder, until, now],
    );
    return changed > 0;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.sql.ready();
    await this.sql.run('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }
}
