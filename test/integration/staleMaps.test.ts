/**
 * W183–W185, S94: the stale-map check over real storage (SQLite and PostgreSQL) at chosen
 * instants. Each "instance" is what a server runs: its own review events, inbox and checker,
 * over the one database; the clock is the test's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../server/inbox/inbox.js';
import { InboxSignals } from '../../server/inbox/inboxSignals.js';
import { tellOfReviews } from '../../server/inbox/reviewNotices.js';
import { createLogger } from '../../server/logger.js';
import { ReviewEvents } from '../../server/reviews/events.js';
import { StaleMaps } from '../../server/reviews/staleMaps.js';
import { PostgresStorage } from '../../server/storage/postgres.js';
import type { ReviewStore } from '../../server/storage/reviews.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';

const T0 = Date.parse('2026-01-05T10:00:00.000Z');
const DAY = 86_400_000;
const day = (n: number) => new Date(T0 + n * DAY);
const log = createLogger('silent');

interface Backend {
  open(): Promise<{ storage: Storage; close(): Promise<void> }>;
}

const BACKENDS: Record<string, Backend> = {
  SQLite: {
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'jb-stale-'));
      const storage = new SqliteStorage({ file: path.join(dir, 'db') });
      return {
        storage,
        async close() {
          await storage.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  PostgreSQL: {
    async open() {
      const { schema, drop } = await testSchema();
      const storage = new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema });
      return {
        storage,
        async close() {
          await storage.close();
          await drop();
        },
      };
    },
  },
};

describe.each(Object.entries(BACKENDS))('stale maps on %s', (_name, backend) => {
  let storage: Storage;
  let close: () => Promise<void>;
  let now: Date;

  beforeEach(async () => {
    ({ storage, close } = await backend.open());
    await storage.init();
    const { accounts } = storage;
    await accounts.createWorkspace({
      id: 'w1',
      name: 'Acme',
      createdAt: day(0).toISOString(),
      openSignup: false,
      guestLinks: true,
    });
    const people = { olga: 'member', ed: 'member', adam: 'admin', otto: 'member' } as const;
    for (const [id, role] of Object.entries(people)) {
      await accounts.createUser({
        id,
        email: `${id}@example.com`,
        name: id,
        avatarUrl: null,
        createdAt: day(0).toISOString(),
        lastActiveAt: day(0).toISOString(),
        disabled: false,
      });
      await accounts.putMember({
        workspaceId: 'w1',
        userId: id,
        role,
        joinedAt: day(0).toISOString(),
      });
    }
    const boards = { b1: 'Onboarding map', b2: 'Claims', b3: 'Renewal', b4: 'Legacy' };
    for (const [id, title] of Object.entries(boards)) {
      const createdAt = day(0).toISOString();
      await storage.createBoard(
        {
          id,
          title,
          mapType: 'current-state',
          persona: '',
          createdAt,
          updatedAt: createdAt,
          keyVersion: 1,
        },
        new Uint8Array([0, 0]),
      );
      await accounts.setBoardWorkspace(id, 'w1');
      // b4 was made before accounts: nobody holds its owner role.
      if (id !== 'b4') await accounts.setBoardRole(id, 'olga', 'owner');
    }
    await accounts.setBoardRole('b1', 'ed', 'editor');
    await accounts.setBoardRole('b1', 'otto', 'owner');
    // Only b1 reminds unless a test says otherwise: the others are off.
    for (const id of ['b2', 'b3', 'b4']) await storage.reviews.setReminderDays(id, 0);
  }, 30_000);

  afterEach(async () => close());

  /** One server's worth: its events, inbox and checker over the shared storage. */
  async function instance(store: ReviewStore = storage.reviews, defaultDays = 90) {
    const events = new ReviewEvents(log);
    const signals = new InboxSignals(null, log);
    const inbox = new Inbox(storage, signals, log, () => now.getTime());
    tellOfReviews(events, inbox, storage);
    const accounts = storage.accounts;
    const checker = new StaleMaps({
      store,
      accounts,
      events,
      defaultDays,
      log,
      now: () => now,
      async canOpen(boardId, userId) {
        const workspaceId = await accounts.boardWorkspace(boardId);
        const user = await accounts.getUser(userId);
        if (!workspaceId || !user || user.disabled) return false;
        return (await accounts.getMember(workspaceId, userId)) !== null;
      },
    });
    return { checker, inbox };
  }

  const staleItems = async (userId: string) =>
    (await storage.notifications.listNotifications(userId, { limit: 100 }))
      .filter((n) => n.kind === 'map-stale')
      .map((n) => [n.boardId, n.excerpt]);

  /** An approved review of `boardId`, closed at `at`. */
  async function approve(id: string, boardId: string, at: Date) {
    const iso = at.toISOString();
    const r = { id, boardId, requestedBy: 'ed', message: '', dueDate: null, createdAt: iso };
    await storage.reviews.createReview(r, ['adam']);
    await storage.reviews.answer({
      reviewId: id,
      userId: 'adam',
      verdict: 'approve',
      comment: null,
      at: iso,
    });
    expect(await storage.reviews.claimApproval(id, iso)).toBe(true);
  }

  it('W184, W185: once the period passed, one item for each owner; none for editors or admins', async () => {
    const { checker } = await instance();
    now = new Date(day(90).getTime() - 1);
    expect(await checker.check()).toBe(0);
    now = day(90);
    expect(await checker.check()).toBe(1);
    const item = ['b1', 'Onboarding map made 3 months ago, never reviewed'];
    expect(await staleItems('olga')).toEqual([item]);
    expect(await staleItems('otto')).toEqual([item]);
    expect(await staleItems('ed')).toEqual([]);
    expect(await staleItems('adam')).toEqual([]);
    const [stored] = await storage.notifications.listNotifications('olga', { limit: 1 });
    expect(stored).toMatchObject({
      kind: 'map-stale',
      actor: { id: null, name: 'Review reminder' },
      createdAt: day(90).toISOString(),
    });
    // Later checks: nothing more for the same period.
    now = day(200);
    expect(await checker.check()).toBe(0);
    expect(await staleItems('olga')).toEqual([item]);
  });

  it('S94, W184: two instances checking at once make one item per owner', async () => {
    // Both read the candidates before either records its reminder: only the item's key
    // stands between them and a second item.
    let arrived = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const racing = new Proxy(storage.reviews, {
      get(target, prop, receiver) {
        if (prop !== 'staleCandidates') return Reflect.get(target, prop, receiver) as unknown;
        return async (days: number) => {
          const found = await target.staleCandidates(days);
          if (++arrived === 2) release();
          await bothRead;
          return found;
        };
      },
    });
    const a = await instance(racing);
    const b = await instance(racing);
    now = day(120);
    const counts = await Promise.all([a.checker.check(), b.checker.check()]);
    expect(counts).toEqual([1, 1]);
    expect(await staleItems('olga')).toHaveLength(1);
    expect(await staleItems('otto')).toHaveLength(1);
    // And a third instance later finds nothing to do.
    const c = await instance();
    expect(await c.checker.check()).toBe(0);
    expect(await staleItems('olga')).toHaveLength(1);
  });

  it('W184: an approval re-arms the reminder, counted from the approval', async () => {
    const { checker } = await instance();
    now = day(95);
    expect(await checker.check()).toBe(1);
    await approve('r1', 'b1', day(100));
    expect((await storage.reviews.getReviewSettings('b1'))!.lastReviewedAt).toBe(
      day(100).toISOString(),
    );
    now = new Date(day(190).getTime() - 1);
    expect(await checker.check()).toBe(0);
    now = day(190);
    expect(await checker.check()).toBe(1);
    expect(await staleItems('olga')).toEqual([
      ['b1', 'Onboarding map last reviewed 3 months ago'],
      ['b1', 'Onboarding map made 3 months ago, never reviewed'],
    ]);
    now = day(400);
    await approve('r2', 'b1', day(390));
    expect(await checker.check()).toBe(0);
  });

  it('W183, W184: a board switched off reminds nobody; a board’s own period replaces the default', async () => {
    const { checker } = await instance();
    await storage.reviews.setReminderDays('b1', 0);
    await storage.reviews.setReminderDays('b3', 7);
    now = day(7);
    expect(await checker.check()).toBe(1);
    expect(await staleItems('olga')).toEqual([['b3', 'Renewal made 7 days ago, never reviewed']]);
    now = day(1000);
    expect(await checker.check()).toBe(0);
    // Switching b1 back on (to the default) reminds once for its long-stale period.
    await storage.reviews.setReminderDays('b1', null);
    expect(await checker.check()).toBe(1);
    // With no default, boards following it do not remind.
    await storage.reviews.setReminderDays('b2', null);
    const noDefault = await instance(storage.reviews, 0);
    expect(await noDefault.checker.check()).toBe(0);
    expect((await staleItems('olga')).map(([id]) => id)).toEqual(['b1', 'b3']);
  });

  it('W185, S94: no board owner of its own: the admins; never a disabled or removed owner', async () => {
    const { checker } = await instance();
    await storage.reviews.setReminderDays('b4', 30);
    await storage.accounts.updateUser('otto', { disabled: true });
    now = day(100);
    expect(await checker.check()).toBe(2);
    expect(await staleItems('adam')).toEqual([['b4', 'Legacy made 3 months ago, never reviewed']]);
    expect(await staleItems('olga')).toEqual([
      ['b1', 'Onboarding map made 3 months ago, never reviewed'],
    ]);
    expect(await staleItems('otto')).toEqual([]);
    // Olga leaves the workspace: the next period of b1 reaches nobody.
    await approve('r1', 'b1', day(101));
    await storage.accounts.removeMember('w1', 'olga');
    now = day(300);
    expect(await checker.check()).toBe(1);
    expect(await staleItems('olga')).toHaveLength(1);
  });
});
