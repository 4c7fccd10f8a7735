import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReachableBoard } from '../../../server/auth/workspaces.js';
import { portfolioOf } from '../../../server/portfolio/portfolio.js';
import { SqliteStorage } from '../../../server/storage/sqlite.js';
import type { BoardRecord } from '../../../server/storage/storage.js';

const CREATED = '2024-01-01T08:00:00.000Z';
const board = (id: string): BoardRecord => ({
  id,
  title: `Map ${id}`,
  mapType: 'service-blueprint',
  persona: 'Pat',
  createdAt: CREATED,
  updatedAt: CREATED,
  keyVersion: 1,
});
const reach = (boardId: string, workspace = 'w1'): ReachableBoard => ({
  boardId,
  workspace: { id: workspace, name: workspace },
  role: 'editor',
  owner: { id: 'u1', name: 'Ola Owner' },
  sharedWithMe: false,
  seenAt: null,
});
const DAY = 86_400_000;

describe('the portfolio of a workspace (W292)', () => {
  let storage: SqliteStorage;
  beforeEach(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    await storage.init();
    for (const id of ['fresh-map', 'stale-map', 'due-map', 'other-map'])
      await storage.createBoard(board(id), new Uint8Array([0, 0]));
  });
  afterEach(() => storage.close());

  it('W292: a map is overdue when its review period passed or its open review is past due', async () => {
    await storage.reviews.setReminderDays('fresh-map', 0);
    await storage.reviews.setReminderDays('stale-map', 30);
    await storage.reviews.setReminderDays('due-map', 0);
    await storage.reviews.createReview(
      {
        id: 'r1',
        boardId: 'due-map',
        requestedBy: 'u1',
        message: '',
        dueDate: '2024-01-20',
        createdAt: CREATED,
      },
      [],
    );
    const view = await portfolioOf(
      { storage, defaultReviewDays: 90, now: () => new Date(Date.parse(CREATED) + 40 * DAY) },
      'w1',
      [reach('fresh-map'), reach('stale-map'), reach('due-map'), reach('other-map', 'w2')],
    );
    const byId = new Map(view.maps.map((m) => [m.boardId, m]));
    expect([...byId.keys()].sort()).toEqual(['due-map', 'fresh-map', 'stale-map']);
    expect(byId.get('fresh-map')).toMatchObject({
      overdue: false,
      review: 'none',
      openThreads: null,
    });
    expect(byId.get('stale-map')).toMatchObject({ overdue: true, lastReviewedAt: CREATED });
    expect(byId.get('due-map')).toMatchObject({
      overdue: true,
      review: 'in-review',
      reviewDue: '2024-01-20',
      owner: { name: 'Ola Owner' },
      persona: 'Pat',
      mapType: 'service-blueprint',
    });
  });
});
