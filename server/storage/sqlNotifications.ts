import type {
  FollowRecord,
  NewNotification,
  NotificationQuery,
  NotificationRecord,
  NotificationStore,
  ReadSelection,
} from './notifications.js';
import {
  COLUMNS,
  placeholders,
  SELECT_ITEMS,
  SqlNotificationMail,
  toNotification,
  type NotificationRow,
} from './sqlNotificationMail.js';

/**
 * The inbox tables, the same text in both dialects (timestamps as ISO text, `following` as
 * 0/1), appended LAST to each adapter's migrations. Append new entries, never edit old ones.
 * A thread id of '' is the board itself: a primary key cannot hold NULL in PostgreSQL.
 */
export const NOTIFICATION_MIGRATIONS: readonly string[] = [
  `CREATE TABLE notifications (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     event_key TEXT NOT NULL,
     kind TEXT NOT NULL,
     board_id TEXT REFERENCES boards (id) ON DELETE CASCADE,
     thread_id TEXT,
     message_id TEXT,
     workspace_id TEXT REFERENCES workspaces (id) ON DELETE CASCADE,
     actor_id TEXT,
     actor_name TEXT NOT NULL,
     excerpt TEXT NOT NULL,
     created_at TEXT NOT NULL,
     read_at TEXT,
     emailed_at TEXT,
     UNIQUE (user_id, event_key)
   );
   CREATE INDEX notifications_user_created ON notifications (user_id, created_at);
   CREATE TABLE follows (
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     thread_id TEXT NOT NULL,
     following INTEGER NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (user_id, board_id, thread_id)
   );
   CREATE INDEX follows_board_thread ON follows (board_id, thread_id);`,
];

interface FollowRow {
  user_id: string;
  board_id: string;
  thread_id: string;
  following: number;
  at: string;
}

const toFollow = (r: FollowRow): FollowRecord => ({
  userId: r.user_id,
  boardId: r.board_id,
  threadId: r.thread_id === '' ? null : r.thread_id,
  following: Number(r.following) === 1,
  at: r.at,
});

/** The notification store both adapters share: the SQL is the same in both dialects. */
export class SqlNotifications extends SqlNotificationMail implements NotificationStore {
  async addNotification(n: NewNotification): Promise<boolean> {
    this.sql.ready();
    const changed = await this.sql.run(
      `INSERT INTO notifications (${COLUMNS}, event_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL, NULL, $12)
       ON CONFLICT (user_id, event_key) DO NOTHING`,
      [
        n.id,
        n.userId,
        n.kind,
        n.boardId,
        n.threadId,
        n.messageId,
        n.workspaceId,
        n.actor.id,
        n.actor.name,
        n.excerpt,
        n.createdAt,
        n.eventKey,
      ],
    );
    return changed > 0;
  }

  async listNotifications(userId: string, q: NotificationQuery): Promise<NotificationRecord[]> {
    this.sql.ready();
    const where = ['n.user_id = $1'];
    const params: unknown[] = [userId];
    const add = (clause: (at: number) => string, ...values: unknown[]) => {
      where.push(clause(params.length + 1));
      params.push(...values);
    };
    if (q.boardId !== undefined) add((i) => `n.board_id = $${i}`, q.boardId);
    if (q.since !== undefined) add((i) => `n.created_at >= $${i}`, q.since);
    if (q.until !== undefined) add((i) => `n.created_at < $${i}`, q.until);
    if (q.before)
      add(
        (i) => `(n.created_at < $${i} OR (n.created_at = $${i} AND n.id < $${i + 1}))`,
        q.before.createdAt,
        q.before.id,
      );
    params.push(Math.max(0, Math.trunc(q.limit)));
    const rows = await this.sql.rows<NotificationRow>(
      `${SELECT_ITEMS} WHERE ${where.join(' AND ')}
       ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toNotification);
  }

  async countUnread(userId: string, since: string): Promise<number> {
    this.sql.ready();
    const rows = await this.sql.rows<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL AND created_at >= $2',
      [userId, since],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async markRead(userId: string, which: ReadSelection, at: string): Promise<number> {
    this.sql.ready();
    const base = 'UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL';
    if ('ids' in which) {
      if (which.ids.length === 0) return 0;
      return this.sql.run(`${base} AND id IN (${placeholders(which.ids.length, 3)})`, [
        userId,
        at,
        ...which.ids,
      ]);
    }
    if ('all' in which) return this.sql.run(base, [userId, at]);
    if ('threadId' in which) {
      if (which.boardId !== undefined)
        return this.sql.run(`${base} AND thread_id = $3 AND board_id = $4`, [
          userId,
          at,
          which.threadId,
          which.boardId,
        ]);
      return this.sql.run(`${base} AND thread_id = $3`, [userId, at, which.threadId]);
    }
    return this.sql.run(`${base} AND board_id = $3`, [userId, at, which.boardId]);
  }

  async setFollow(f: FollowRecord): Promise<void> {
    this.sql.ready();
    await this.sql.run(
      `INSERT INTO follows (user_id, board_id, thread_id, following, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, board_id, thread_id) DO UPDATE SET following = $4, at = $5`,
      [f.userId, f.boardId, f.threadId ?? '', f.following ? 1 : 0, f.at],
    );
  }

  async followUnlessDecided(f: Omit<FollowRecord, 'following'>): Promise<boolean> {
    this.sql.ready();
    const changed = await this.sql.run(
      `INSERT INTO follows (user_id, board_id, thread_id, following, at) VALUES ($1, $2, $3, 1, $4)
       ON CONFLICT (user_id, board_id, thread_id) DO NOTHING`,
      [f.userId, f.boardId, f.threadId ?? '', f.at],
    );
    return changed > 0;
  }

  async clearFollow(userId: string, boardId: string, threadId: string | null): Promise<void> {
    this.sql.ready();
    await this.sql.run(
      'DELETE FROM follows WHERE user_id = $1 AND board_id = $2 AND thread_id = $3',
      [userId, boardId, threadId ?? ''],
    );
  }

  async followsOf(boardId: string, threadId: string | null): Promise<FollowRecord[]> {
    this.sql.ready();
    const rows = await this.sql.rows<FollowRow>(
      `SELECT user_id, board_id, thread_id, following, at FROM follows
       WHERE board_id = $1 AND (thread_id = '' OR thread_id = $2)`,
      [boardId, threadId ?? ''],
    );
    return rows.map(toFollow);
  }

  async listFollows(userId: string, boardId?: string): Promise<FollowRecord[]> {
    this.sql.ready();
    const rows =
      boardId === undefined
        ? await this.sql.rows<FollowRow>(
            'SELECT user_id, board_id, thread_id, following, at FROM follows WHERE user_id = $1 ORDER BY at DESC',
            [userId],
          )
        : await this.sql.rows<FollowRow>(
            'SELECT user_id, board_id, thread_id, following, at FROM follows WHERE user_id = $1 AND board_id = $2 ORDER BY at DESC',
            [userId, boardId],
          );
    return rows.map(toFollow);
  }

  async forgetWorkspace(userId: string, workspaceId: string): Promise<number> {
    this.sql.ready();
    const itsBoards = 'SELECT id FROM boards WHERE workspace_id = $2';
    await this.sql.run(`DELETE FROM follows WHERE user_id = $1 AND board_id IN (${itsBoards})`, [
      userId,
      workspaceId,
    ]);
    return this.sql.run(
      `DELETE FROM notifications
       WHERE user_id = $1 AND (workspace_id = $2 OR board_id IN (${itsBoards}))`,
      [userId, workspaceId],
    );
  }
}
