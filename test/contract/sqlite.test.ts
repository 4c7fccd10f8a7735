import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SqliteStorage } from '../../server/storage/sqlite.js';
import { SQLITE_MAIL_MIGRATIONS } from '../../server/storage/sqlMail.js';
import { SQLITE_REVIEW_MIGRATIONS } from '../../server/storage/sqlReviews.js';
import { SQLITE_IMAGE_MIGRATION } from '../../server/storage/sqlImages.js';
import { LINKS_MIGRATION, LINKS_READ_MIGRATION } from '../../server/storage/sqlLinks.js';
import { SQLITE_SEARCH_MIGRATION } from '../../server/storage/sqlSearch.js';
import { parseSearchQuery } from '../../server/storage/searchText.js';
import { sqliteInWorker } from '../../server/storage/workerStorage.js';
import { accountsContract } from './accounts.contract.js';
import { workspaceBoardsContract } from './workspaceBoards.contract.js';
import { mailContract } from './mail.contract.js';
import { notificationMailContract } from './notificationMail.contract.js';
import { notificationsContract } from './notifications.contract.js';
import { reviewsContract } from './reviews.contract.js';
import { reviewRemindersContract } from './reviewReminders.contract.js';
import { votesContract } from './votes.contract.js';
import { digestsContract } from './digests.contract.js';
import { imagesContract } from './images.contract.js';
import { linksContract } from './links.contract.js';
import { searchContract } from './search.contract.js';
import { storageContract, type StorageFixture } from './storage.contract.js';

/** When the board of an upgraded file (`upgradedFrom`) was made. */
const KEPT_AT = '2025-05-05T00:00:00.000Z';

async function tempFile(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jb-sqlite-'));
  return { dir, file: path.join(dir, 'journeyboard.db') };
}

async function direct(): Promise<StorageFixture> {
  const { dir, file } = await tempFile();
  return {
    storage: new SqliteStorage({ file }),
    reopen: async () => new SqliteStorage({ file }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
    spec: `sqlite:${file}`,
  };
}

// What the server runs: the same adapter behind a worker thread (server/storage/workerStorage.ts).
async function inWorker(): Promise<StorageFixture> {
  const { dir, file } = await tempFile();
  return {
    storage: sqliteInWorker({ file }),
    reopen: async () => sqliteInWorker({ file }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
    spec: `sqlite:${file}`,
  };
}

storageContract('SqliteStorage', direct);
storageContract('SqliteStorage in a worker thread', inWorker);
accountsContract('SqliteStorage', direct);
workspaceBoardsContract('SqliteStorage', direct);
accountsContract('SqliteStorage in a worker thread', inWorker);
workspaceBoardsContract('SqliteStorage in a worker thread', inWorker);
mailContract('SqliteStorage', direct);
mailContract('SqliteStorage in a worker thread', inWorker);
notificationsContract('SqliteStorage', direct);
notificationsContract('SqliteStorage in a worker thread', inWorker);
notificationMailContract('SqliteStorage', direct);
notificationMailContract('SqliteStorage in a worker thread', inWorker);
reviewsContract('SqliteStorage', direct);
reviewsContract('SqliteStorage in a worker thread', inWorker);
reviewRemindersContract('SqliteStorage', direct);
reviewRemindersContract('SqliteStorage in a worker thread', inWorker);
votesContract('SqliteStorage', direct);
votesContract('SqliteStorage in a worker thread', inWorker);
imagesContract('SqliteStorage', direct);
digestsContract('SqliteStorage', direct);
imagesContract('SqliteStorage in a worker thread', inWorker);
linksContract('SqliteStorage', direct);
linksContract('SqliteStorage in a worker thread', inWorker);
searchContract('SqliteStorage', direct);
searchContract('SqliteStorage in a worker thread', inWorker);
digestsContract('SqliteStorage in a worker thread', inWorker);

describe('SqliteStorage specifics', () => {
  let dir: string;
  let file: string;
  let storage: SqliteStorage;

  beforeEach(async () => {
    ({ dir, file } = await tempFile());
    storage = new SqliteStorage({ file });
    await storage.init();
  });

  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts the file in WAL mode and records the schema version', async () => {
    await storage.init();
    const other = new Database(file, { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(other.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      other.close();
    }
  });

  it('rejects quickly while another connection holds an exclusive lock, then recovers', async () => {
    await storage.createBoard(
      {
        id: 'a',
        title: 'A',
        mapType: 'current-state',
        persona: '',
        createdAt: '2021-01-01T00:00:00.000Z',
        updatedAt: '2021-01-01T00:00:00.000Z',
        keyVersion: 1,
      },
      new Uint8Array([1]),
    );
    const update = { boardId: 'a', docName: 'a', update: new Uint8Array([2]) };
    const other = new Database(file);
    try {
      other.exec('BEGIN EXCLUSIVE');
      const started = Date.now();
      await expect(storage.appendUpdates([update])).rejects.toThrow(/locked|busy/i);
      await expect(storage.compact('a', new Uint8Array([3]), 1)).rejects.toThrow(/locked|busy/i);
      expect(Date.now() - started).toBeLessThan(2_000);
      // Readers are not blocked by a writer in WAL mode.
      expect((await storage.loadDoc('a')).updates).toHaveLength(1);
      other.exec('COMMIT');
    } finally {
      other.close();
    }
    await storage.appendUpdates([update]);
    expect((await storage.loadDoc('a')).updates.map((u) => [...u])).toEqual([[1], [2]]);
  });

  it('migrates a file made before the mail outbox: its users stay, mail can be queued', async () => {
    // Append-only: everything but the mail outbox's own migrations is what such an install ran.
    const BEFORE_MAIL = MIGRATIONS.indexOf(SQLITE_MAIL_MIGRATIONS[0]!);
    const oldFile = path.join(dir, 'before-mail.db');
    const old = new Database(oldFile);
    for (const migration of MIGRATIONS.slice(0, BEFORE_MAIL)) old.exec(migration);
    old.pragma(`user_version = ${BEFORE_MAIL}`);
    old
      .prepare(
        "INSERT INTO users (id, email, name, created_at, last_active_at) VALUES ('u', 'u@example.com', 'U', 'x', 'x')",
      )
      .run();
    old.close();
    const upgraded = new SqliteStorage({ file: oldFile });
    try {
      await upgraded.init();
      expect((await upgraded.accounts.getUser('u'))?.email).toBe('u@example.com');
      const mail = {
        id: 'm',
        to: 'u@example.com',
        subject: 's',
        text: 't',
        html: 'h',
        headers: {},
        kind: 'test',
        dedupeKey: 'k',
        createdAt: '2024-01-01T00:00:00.000Z',
      };
      expect(await upgraded.mail.enqueueMail(mail)).toBe(true);
      expect(await upgraded.mail.countMail()).toEqual({ pending: 1, sent: 0, failed: 0 });
    } finally {
      await upgraded.close();
    }
  });

  /**
   * A database file as an install made it before `migration` existed (the migrations are
   * append-only), holding one board `kept`, opened by today's code and migrated.
   */
  async function upgradedFrom(migration: string, name: string): Promise<SqliteStorage> {
    const before = MIGRATIONS.indexOf(migration);
    expect(before).toBeGreaterThan(0);
    const oldFile = path.join(dir, `${name}.db`);
    const old = new Database(oldFile);
    for (const m of MIGRATIONS.slice(0, before)) old.exec(m);
    old.pragma(`user_version = ${before}`);
    old
      .prepare(
        'INSERT INTO boards (id, title, map_type, created_at, updated_at, key_version) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('kept', 'Kept board', 'current-state', KEPT_AT, KEPT_AT, 1);
    old.close();
    const upgraded = new SqliteStorage({ file: oldFile });
    await upgraded.init();
    expect((await upgraded.getBoard('kept'))?.title).toBe('Kept board');
    return upgraded;
  }

  it('migrates a file made before review requests: its boards take reviews', async () => {
    const upgraded = await upgradedFrom(SQLITE_REVIEW_MIGRATIONS[0]!, 'before-reviews');
    try {
      const review = {
        id: 'r1',
        boardId: 'kept',
        requestedBy: 'u',
        message: '',
        dueDate: null,
        createdAt: KEPT_AT,
      };
      expect(await upgraded.reviews.createReview(review, ['v'])).toBe(true);
      expect((await upgraded.reviews.listReviews('kept')).map((r) => r.id)).toEqual(['r1']);
    } finally {
      await upgraded.close();
    }
  });

  it('W224: migrates a file made before images: its boards take pictures', async () => {
    const upgraded = await upgradedFrom(SQLITE_IMAGE_MIGRATION, 'before-images');
    try {
      const picture = {
        id: 'p1',
        type: 'image/webp',
        width: 1,
        height: 1,
        data: new Uint8Array([1, 2, 3]),
        thumb: { width: 1, height: 1, data: new Uint8Array([4]) },
        createdAt: KEPT_AT,
      };
      expect(await upgraded.images.putImage('kept', picture, 100)).toBe('stored');
      expect(await upgraded.images.imageBytesForBoard('kept')).toBe(4);
    } finally {
      await upgraded.close();
    }
  });

  it('W243: migrates a file made before the link index: its boards take links', async () => {
    const upgraded = await upgradedFrom(LINKS_MIGRATION, 'before-links');
    try {
      const link = { itemKind: 'stage', itemId: 's1', boardId: 'childBoard' } as const;
      expect(await upgraded.links.setLinks('kept', [link])).toBe(true);
      expect(await upgraded.links.linksTo('childBoard')).toEqual([{ ...link, fromBoard: 'kept' }]);
    } finally {
      await upgraded.close();
    }
  });

  it('W279: migrates a file made before the link index kept a record: every board is unread', async () => {
    const upgraded = await upgradedFrom(LINKS_READ_MIGRATION, 'before-links-read');
    try {
      expect(await upgraded.links.unreadBoards(10)).toEqual(['kept']);
      await upgraded.links.setLinks('kept', []);
      expect(await upgraded.links.unreadBoards(10)).toEqual([]);
    } finally {
      await upgraded.close();
    }
  });

  it('W270: migrates a file made before search: its boards are stale until indexed, then found', async () => {
    const upgraded = await upgradedFrom(SQLITE_SEARCH_MIGRATION, 'before-search');
    try {
      expect(await upgraded.search.staleBoards(10)).toEqual(['kept']);
      await upgraded.search.indexBoard(
        'kept',
        [{ kind: 'board', context: '', text: 'Kept board' }],
        new Date().toISOString(),
      );
      expect(await upgraded.search.staleBoards(10)).toEqual([]);
      const hits = await upgraded.search.search(parseSearchQuery('kept'), 'all', 5);
      expect(hits.map((h) => h.boardId)).toEqual(['kept']);
    } finally {
      await upgraded.close();
    }
  });

  it('migrates a file made before accounts without losing a board, which a workspace adopts', async () => {
    // The migrations are append-only: the first three are what an install before accounts ran.
    const BEFORE_ACCOUNTS = 3;
    const oldFile = path.join(dir, 'before-accounts.db');
    const old = new Database(oldFile);
    old.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS.slice(0, BEFORE_ACCOUNTS)) old.exec(migration);
    old.pragma(`user_version = ${BEFORE_ACCOUNTS}`);
    const created = '2022-02-02T00:00:00.000Z';
    old
      .prepare(
        'INSERT INTO boards (id, title, map_type, created_at, updated_at, key_version) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('legacy', 'Legacy board', 'future-state', created, created, 4);
    old
      .prepare('INSERT INTO doc_updates (doc_name, "update") VALUES (?, ?)')
      .run('legacy', Buffer.from([7, 7]));
    old
      .prepare(
        'INSERT INTO versions (id, board_id, label, note, author, trigger_kind, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run('v1', 'legacy', 'Q1', 'note', 'editor', 'manual', created, Buffer.from([1]));
    old.close();

    const upgraded = new SqliteStorage({ file: oldFile });
    try {
      await upgraded.init();
      expect(await upgraded.getBoard('legacy')).toEqual({
        id: 'legacy',
        title: 'Legacy board',
        mapType: 'future-state',
        persona: '',
        createdAt: created,
        updatedAt: created,
        keyVersion: 4,
      });
      expect((await upgraded.loadDoc('legacy')).updates.map((u) => [...u])).toEqual([[7, 7]]);
      expect((await upgraded.getVersion('legacy', 'v1'))?.state).toEqual(new Uint8Array([1]));
      expect(await upgraded.accounts.boardWorkspace('legacy')).toBeNull();
      await upgraded.accounts.createWorkspace({
        id: 'w',
        name: 'Acme',
        createdAt: created,
        openSignup: false,
        guestLinks: true,
      });
      expect(await upgraded.accounts.adoptBoards('w')).toBe(1);
      expect(await upgraded.accounts.boardWorkspace('legacy')).toBe('w');
      expect(await upgraded.listBoards()).toHaveLength(1);
    } finally {
      await upgraded.close();
    }
    const check = new Database(oldFile, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      check.close();
    }
  });

  it('works in memory', async () => {
    const mem = new SqliteStorage({ file: ':memory:' });
    try {
      await mem.init();
      await mem.appendUpdates([{ boardId: 'x', docName: 'x', update: new Uint8Array([5]) }]);
      expect((await mem.loadDoc('x')).updates.map((u) => [...u])).toEqual([[5]]);
    } finally {
      await mem.close();
    }
  });

  it('rejects calls before init and compaction beyond the last issued seq', async () => {
    const fresh = new SqliteStorage({ file });
    try {
      await expect(fresh.loadDoc('a')).rejects.toThrow(/init/);
    } finally {
      await fresh.close();
    }
    await expect(storage.compact('a', new Uint8Array([1]), 1_000)).rejects.toThrow(RangeError);
  });
});
