/**
 * W173: review requests reach the inbox of the people they concern, once per event, and only
 * people who can still open the board.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { waitForAsync } from '../helpers/clients.js';
import { inviteAndSignUp, setUpAdmin, type Person } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir } from '../helpers/server.js';

interface Item {
  kind: string;
  boardId: string | null;
  actor: { id: string | null; name: string };
  excerpt: string;
}

let dataDir: string;
let server: RunningServer;
let admin: Person;
let ben: Person;
let cleo: Person;
let workspaceId: string;
const ids: Record<string, string> = {};

const inbox = async (p: Person) => (await p.get('/api/inbox')).body.items as Item[];
const kinds = async (p: Person) =>
  (await inbox(p)).map((i) => i.kind).filter((k) => k.startsWith('review-'));
/** Waits until `p`'s review items are exactly `expected` (newest first). */
const expectKinds = (p: Person, expected: string[]) =>
  waitForAsync(
    async () => JSON.stringify(await kinds(p)) === JSON.stringify(expected),
    10_000,
    `inbox items ${expected.join(', ')}`,
  );

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, { AUTH_MODE: 'accounts' });
  admin = await setUpAdmin(server.url);
  workspaceId = ((await admin.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
  const join = (name: string) =>
    inviteAndSignUp(admin, workspaceId, {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
      password: 'seven red kites flying',
    });
  ben = await join('Ben Builder');
  cleo = await join('Cleo Critic');
  for (const [name, p] of Object.entries({ admin, ben, cleo }))
    ids[name] = String((await p.get('/api/me')).body.id);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  removeDir(dataDir);
});

describe('review requests in the inbox', { timeout: 60_000 }, () => {
  it('W173: asked, answered, approved: each person hears what concerns them, once', async () => {
    const boardId = String((await admin.post('/api/boards', { title: 'Claims' })).body.id);
    const reviews = `/api/boards/${boardId}/reviews`;
    const asked = await admin.post(reviews, {
      reviewerIds: [ids.ben, ids.cleo],
      message: 'Ready for sign-off?',
    });
    expect(asked.status).toBe(201);
    const reviewId = String(asked.body.id);
    await expectKinds(ben, ['review-requested']);
    await expectKinds(cleo, ['review-requested']);
    const [request] = await inbox(ben);
    expect(request).toMatchObject({
      boardId,
      actor: { id: ids.admin, name: 'Ada Admin' },
      excerpt: 'Claims: Ready for sign-off?',
    });

    const changes = await ben.post(`${reviews}/${reviewId}/answers`, {
      verdict: 'changes',
      comment: 'Stage 3 lacks evidence',
    });
    expect(changes.status).toBe(201);
    await expectKinds(admin, ['review-answered']);
    expect((await inbox(admin))[0]).toMatchObject({
      actor: { id: ids.ben, name: 'Ben Builder' },
      excerpt: 'Changes requested · Claims: Stage 3 lacks evidence',
    });

    // Each answer is news; the last approval tells everyone, the requester too.
    expect((await ben.post(`${reviews}/${reviewId}/answers`, { verdict: 'approve' })).status).toBe(
      201,
    );
    expect((await cleo.post(`${reviews}/${reviewId}/answers`, { verdict: 'approve' })).status).toBe(
      201,
    );
    await expectKinds(admin, [
      'review-approved',
      'review-answered',
      'review-answered',
      'review-answered',
    ]);
    await expectKinds(ben, ['review-approved', 'review-requested']);
    await expectKinds(cleo, ['review-approved', 'review-requested']);
    // The author of an answer is not told of it.
    expect(await kinds(ben)).not.toContain('review-answered');
  });

  it('W173: a withdrawn request tells the reviewers still pending who can open the board', async () => {
    const boardId = String((await admin.post('/api/boards', { title: 'Onboarding' })).body.id);
    const reviews = `/api/boards/${boardId}/reviews`;
    const before = await kinds(cleo);
    const asked = await admin.post(reviews, { reviewerIds: [ids.ben, ids.cleo] });
    const reviewId = String(asked.body.id);
    await expectKinds(cleo, ['review-requested', ...before]);
    // Ben leaves the workspace: he can no longer open the board, so he is not told.
    const left = await admin.delete(`/api/workspaces/${workspaceId}/members/${ids.ben}`);
    expect(left.status).toBe(204);
    expect((await admin.delete(`${reviews}/${reviewId}`)).status).toBe(200);
    // Recipients are handled in order (Ben first): Cleo's item means Ben's turn is over.
    await expectKinds(cleo, ['review-cancelled', 'review-requested', ...before]);
    const db = new Database(path.join(dataDir, 'journeyboard.db'), { readonly: true });
    try {
      const benKinds = db
        .prepare('SELECT kind FROM notifications WHERE user_id = ? ORDER BY created_at')
        .all(ids.ben)
        .map((r) => (r as { kind: string }).kind);
      // Leaving emptied his inbox of the workspace (S89) before the withdrawal was handled (one
      // queue): any item now would be the cancellation he must not get.
      expect(benKinds).toEqual([]);
    } finally {
      db.close();
    }
  });
});
