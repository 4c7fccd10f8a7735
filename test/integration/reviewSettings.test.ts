/**
 * A board's review reminder over HTTP with a real server and signed-in people (W183, S93):
 * anyone who can open the board sees when it was last reviewed; only an owner changes the
 * period; an approval moves "last reviewed".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import type { ReviewSettingsView } from '../../shared/protocol/reviewSettings.js';
import type { ReviewView } from '../../shared/protocol/reviews.js';
import { inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir } from '../helpers/server.js';

const DAY = 86_400_000;
let dataDir: string;
let server: RunningServer;
let admin: Person;
let ben: Person;
let cleo: Person;
let boardId: string;
let createdAt: string;
let tokens: Record<string, string>;

const settings = () => `/api/boards/${boardId}/review-settings`;
const put = (p: Person, body: unknown) => p.call('PUT', settings(), body);

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, { AUTH_MODE: 'accounts', REVIEW_REMINDER_DAYS: '120' });
  admin = await setUpAdmin(server.url);
  const workspaceId = ((await admin.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
  const join = (name: string) =>
    inviteAndSignUp(admin, workspaceId, {
      name,
      email: `${name.toLowerCase()}@example.com`,
      password: 'seven red kites flying',
    });
  ben = await join('Ben');
  cleo = await join('Cleo');
  // Ben makes the board: he owns it; Cleo, a member, edits it.
  const made = await ben.post('/api/boards', { title: 'Onboarding map' });
  boardId = String(made.body.id);
  createdAt = String(made.body.createdAt);
  tokens = made.body.tokens as Record<string, string>;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  removeDir(dataDir);
});

describe('review settings', () => {
  it('W183: shows when the map was last reviewed and the period that applies', async () => {
    const seen = await cleo.get(settings());
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      boardId,
      reminderDays: null,
      defaultReminderDays: 120,
      effectiveReminderDays: 120,
      lastReviewedAt: createdAt,
      lastReviewId: null,
      remindAt: new Date(Date.parse(createdAt) + 120 * DAY).toISOString(),
      canChange: false,
    } satisfies ReviewSettingsView);
    expect((await ben.get(settings())).body.canChange).toBe(true);
  });

  it('W183, S93: an owner sets a period, switches it off, goes back to the default; nobody else', async () => {
    const set = await put(ben, { reminderDays: 30 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      reminderDays: 30,
      effectiveReminderDays: 30,
      remindAt: new Date(Date.parse(createdAt) + 30 * DAY).toISOString(),
      canChange: true,
    });
    expect((await put(ben, { reminderDays: 0 })).body).toMatchObject({
      reminderDays: 0,
      effectiveReminderDays: null,
      remindAt: null,
    });
    // A workspace admin owns every board by default.
    expect((await put(admin, { reminderDays: null })).body).toMatchObject({
      reminderDays: null,
      effectiveReminderDays: 120,
    });
    const editor = await put(cleo, { reminderDays: 0 });
    expect(editor.status).toBe(403);
    // A share link, even the owner's, is no person (401), and reads nothing either.
    const link = { authorization: `Bearer ${tokens.owner}` };
    expect(
      (await new Person(server.url).call('PUT', settings(), { reminderDays: 0 }, link)).status,
    ).toBe(401);
    expect((await new Person(server.url).call('GET', settings(), undefined, link)).status).toBe(
      401,
    );
    expect((await cleo.get(settings())).body.reminderDays).toBeNull();
  });

  it('W183: refuses a period that is not a whole number of days from 0 to 3650', async () => {
    for (const body of [
      { reminderDays: -1 },
      { reminderDays: 1.5 },
      { reminderDays: 3651 },
      { reminderDays: '30' },
      {},
      { reminderDays: 30, boardId: 'another' },
    ]) {
      const answer = await put(ben, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(String(answer.body.error)).toMatch(/^invalid /);
    }
    expect((await put(ben, { reminderDays: 3650 })).status).toBe(200);
    expect((await ben.get('/api/boards/nope/review-settings')).status).toBe(404);
  });

  it('W183: an approved review moves “last reviewed”; an open one does not', async () => {
    const cleoId = String((await cleo.get('/api/me')).body.id);
    const review = (await ben.post(`/api/boards/${boardId}/reviews`, { reviewerIds: [cleoId] }))
      .body as unknown as ReviewView;
    expect((await cleo.get(settings())).body.lastReviewId).toBeNull();
    await cleo.post(`/api/boards/${boardId}/reviews/${review.id}/answers`, { verdict: 'approve' });
    const approved = (await ben.get(`/api/boards/${boardId}/reviews/${review.id}`))
      .body as unknown as ReviewView;
    expect(approved.state).toBe('approved');
    const after = (await cleo.get(settings())).body as unknown as ReviewSettingsView;
    expect(after).toMatchObject({ lastReviewId: review.id, lastReviewedAt: approved.closedAt });
  });
});
