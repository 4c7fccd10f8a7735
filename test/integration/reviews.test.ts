/**
 * Review requests with a real server and signed-in people (W167–W171, S83–S86): who may ask,
 * who may answer, approval saving exactly one version, cancelling, guests refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewEventMap } from '../../server/reviews/events.js';
import type { RunningServer } from '../../server/server.js';
import type { ReviewView } from '../../shared/protocol/reviews.js';
import { inviteAndSignUp, setUpAdmin, type Person } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir } from '../helpers/server.js';

let dataDir: string;
let server: RunningServer;
let admin: Person;
let ben: Person;
let cleo: Person;
let gus: Person;
const ids: Record<string, string> = {};
let boardId: string;
let shareTokens: Record<string, string>;
const events: { kind: keyof ReviewEventMap; event: unknown }[] = [];

const reviews = () => `/api/boards/${boardId}/reviews`;
const idOf = async (p: Person) => String((await p.get('/api/me')).body.id);

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, { AUTH_MODE: 'accounts' });
  for (const kind of ['requested', 'answered', 'approved', 'cancelled'] as const)
    server.reviews.on(kind, (event) => void events.push({ kind, event }));
  admin = await setUpAdmin(server.url);
  const workspaceId = ((await admin.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
  const join = (name: string, role: 'member' | 'guest' = 'member') =>
    inviteAndSignUp(
      admin,
      workspaceId,
      {
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
        password: 'seven red kites flying',
      },
      role,
    );
  ben = await join('Ben Builder');
  cleo = await join('Cleo Critic');
  gus = await join('Gus Guest', 'guest');
  const dora = await join('Dora Departed');
  for (const [name, p] of Object.entries({ admin, ben, cleo, gus, dora }))
    ids[name] = await idOf(p);
  expect((await admin.delete(`/api/workspaces/${workspaceId}/members/${ids.dora}`)).status).toBe(
    204,
  );
  const made = await admin.post('/api/boards', { title: 'Claims' });
  boardId = String(made.body.id);
  shareTokens = made.body.tokens as Record<string, string>;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  removeDir(dataDir);
});

describe('review requests', { timeout: 30_000 }, () => {
  it('W167: a request lists its reviewers pending, in the history newest first', async () => {
    const asked = await admin.post(reviews(), {
      reviewerIds: [ids.ben, ids.cleo],
      dueDate: '2099-12-11',
      message: 'Ready for sign-off?',
    });
    expect(asked.status).toBe(201);
    const review = asked.body as unknown as ReviewView;
    expect(review).toMatchObject({
      boardId,
      requestedBy: { userId: ids.admin, name: 'Ada Admin' },
      message: 'Ready for sign-off?',
      dueDate: '2099-12-11',
      state: 'open',
      approvedVersionId: null,
    });
    expect(review.reviewers.map((r) => [r.name, r.status])).toEqual([
      ['Ben Builder', 'pending'],
      ['Cleo Critic', 'pending'],
    ]);
    expect(events.at(-1)).toEqual({
      kind: 'requested',
      event: { review, reviewerIds: [ids.ben, ids.cleo] },
    });
    const listed = await cleo.get(reviews());
    expect((listed.body.reviews as ReviewView[])[0]!.id).toBe(review.id);
    expect((await cleo.get(`${reviews()}/${review.id}`)).body).toEqual(review);
  });

  it('W167: reviewers must be people who can open the board, not the requester; 1 to 20', async () => {
    const gone = await admin.post(reviews(), { reviewerIds: [ids.ben, ids.dora] });
    expect(gone.status).toBe(400);
    expect(gone.body.error).toContain(ids.dora);
    expect(gone.body.issues).toEqual([{ path: 'reviewerIds', message: expect.any(String) }]);
    const nobody = await admin.post(reviews(), { reviewerIds: ['no-such-person'] });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error).toContain('no-such-person');
    const self = await admin.post(reviews(), { reviewerIds: [ids.admin] });
    expect(self.status).toBe(400);
    expect((await admin.post(reviews(), { reviewerIds: [] })).body.issues).toEqual([
      { path: 'reviewerIds', message: 'name at least one reviewer' },
    ]);
    const many = Array.from({ length: 21 }, (_, i) => `p${i}`);
    expect((await admin.post(reviews(), { reviewerIds: many })).status).toBe(400);
    const badDate = await admin.post(reviews(), { reviewerIds: [ids.ben], dueDate: '2099-02-30' });
    expect(badDate.body.issues).toEqual([{ path: 'dueDate', message: expect.any(String) }]);
    const past = await admin.post(reviews(), { reviewerIds: [ids.ben], dueDate: '2001-01-01' });
    expect(past.body.issues).toEqual([{ path: 'dueDate', message: 'is in the past' }]);
  });

  it('W167, S83: a commenter cannot ask for a review; a share-link guest cannot see them', async () => {
    const asked = await gus.post(reviews(), { reviewerIds: [ids.ben] });
    expect(asked.status).toBe(403);
    const guest = await fetch(`${server.url}${reviews()}`, {
      headers: { authorization: `Bearer ${shareTokens.viewer}` },
    });
    expect(guest.status).toBe(401);
  });

  it('W168, S84: only a listed reviewer answers; changes need a comment; a later answer replaces', async () => {
    const review = (await admin.post(reviews(), { reviewerIds: [ids.ben, ids.gus] }))
      .body as unknown as ReviewView;
    const answers = `${reviews()}/${review.id}/answers`;
    expect((await cleo.post(answers, { verdict: 'approve' })).status).toBe(403);
    expect((await admin.post(answers, { verdict: 'approve' })).status).toBe(403);
    const bare = await ben.post(answers, { verdict: 'changes' });
    expect(bare.status).toBe(400);
    expect(bare.body.issues).toEqual([{ path: 'comment', message: expect.any(String) }]);
    expect((await ben.post(answers, { verdict: 'maybe' })).status).toBe(400);
    const changes = await ben.post(answers, { verdict: 'changes', comment: 'Stage 3 is wrong' });
    expect(changes.status).toBe(201);
    // A commenter asked to review answers too.
    expect((await gus.post(answers, { verdict: 'comment', comment: 'Looks fine' })).status).toBe(
      201,
    );
    const now = (await ben.post(answers, { verdict: 'approve' })).body as unknown as ReviewView;
    expect(now.reviewers.map((r) => [r.name, r.status])).toEqual([
      ['Ben Builder', 'approved'],
      ['Gus Guest', 'commented'],
    ]);
    expect(now.answers.map((a) => a.verdict)).toEqual(['changes', 'comment', 'approve']);
    expect(now.state).toBe('open');
  });

  it('W169: when everyone approved, exactly one version "Approved — <date>" names the approvers', async () => {
    const before = await versionCount();
    const review = (await admin.post(reviews(), { reviewerIds: [ids.ben, ids.cleo] }))
      .body as unknown as ReviewView;
    const answers = `${reviews()}/${review.id}/answers`;
    await ben.post(answers, { verdict: 'approve' });
    expect(await versionCount()).toBe(before);
    const done = (await cleo.post(answers, { verdict: 'approve' })).body as unknown as ReviewView;
    expect(done.state).toBe('approved');
    const versions = await listVersions();
    expect(versions).toHaveLength(before + 1);
    const version = versions[0]!;
    expect(done.approvedVersionId).toBe(version.id);
    expect(version.label).toBe(`Approved — ${new Date().toISOString().slice(0, 10)}`);
    expect(version.note).toContain('Ben Builder, Cleo Critic');
    expect(version.trigger).toBe('review-approved');
    expect(events.filter((e) => e.kind === 'approved').at(-1)).toEqual({
      kind: 'approved',
      event: { review: done, versionId: version.id },
    });
    // Approved is final: no more answers.
    expect((await ben.post(answers, { verdict: 'comment', comment: 'late' })).status).toBe(409);
  });

  it('W169: the last two approvals racing save one version', async () => {
    for (let round = 0; round < 3; round++) {
      const before = await versionCount();
      const review = (await admin.post(reviews(), { reviewerIds: [ids.ben, ids.cleo] }))
        .body as unknown as ReviewView;
      const answers = `${reviews()}/${review.id}/answers`;
      const [a, b] = await Promise.all([
        ben.post(answers, { verdict: 'approve' }),
        cleo.post(answers, { verdict: 'approve' }),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(await versionCount()).toBe(before + 1);
      const final = (await admin.get(`${reviews()}/${review.id}`)).body as unknown as ReviewView;
      expect(final.state).toBe('approved');
      expect(final.approvedVersionId).toBe((await listVersions())[0]!.id);
    }
  });

  it('W170, S85: the requester or an owner cancels; no one else; then no answers', async () => {
    const review = (await ben.post(reviews(), { reviewerIds: [ids.cleo] }))
      .body as unknown as ReviewView;
    const one = `${reviews()}/${review.id}`;
    expect((await cleo.delete(one)).status).toBe(403);
    const cancelled = await admin.delete(one);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', closedAt: expect.any(String) });
    expect((await ben.delete(one)).status).toBe(409);
    expect((await cleo.post(`${one}/answers`, { verdict: 'approve' })).status).toBe(409);
    expect(events.at(-1)).toMatchObject({ kind: 'cancelled', event: { byUserId: ids.admin } });
    expect((await admin.get(`${reviews()}/nope`)).status).toBe(404);
  });

  it('W171: a person keeps an IANA time zone; anything else is refused', async () => {
    expect((await ben.get('/api/me/time-zone')).body).toEqual({ timeZone: null });
    expect((await ben.call('PUT', '/api/me/time-zone', { timeZone: 'Asia/Tokyo' })).status).toBe(
      200,
    );
    expect((await ben.get('/api/me/time-zone')).body).toEqual({ timeZone: 'Asia/Tokyo' });
    const bad = await ben.call('PUT', '/api/me/time-zone', { timeZone: 'Mars/Olympus' });
    expect(bad.body.issues).toEqual([{ path: 'timeZone', message: 'not an IANA time zone' }]);
  });
});

async function listVersions() {
  return (await admin.get(`/api/boards/${boardId}/versions`)).body.versions as {
    id: string;
    label: string;
    note: string;
    trigger: string;
  }[];
}
const versionCount = async () => (await listVersions()).length;
