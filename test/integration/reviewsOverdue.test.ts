/**
 * W172, S86: two servers on one PostgreSQL schema, both checking for overdue reviews often:
 * each reviewer whose morning after the due date came is reminded exactly once, across both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewEventMap } from '../../server/reviews/events.js';
import type { RunningServer } from '../../server/server.js';
import type { ReviewView } from '../../shared/protocol/reviews.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import { inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir } from '../helpers/server.js';

const dirs: string[] = [];
const servers: RunningServer[] = [];
let drop: () => Promise<void> = async () => {};
/** Set up by the first test, used by the second. */
const people: { admin?: Person; kiri?: Person; pago?: Person; kiriId?: string; pagoId?: string } =
  {};

/** How many checks each server has finished. */
const checks = [0, 0];
const overdue: { server: number; event: ReviewEventMap['overdue'] }[] = [];

/** Resolves once every server finished `n` more checks than now. */
function moreChecks(n: number): Promise<void> {
  const target = checks.map((c) => c + n);
  return new Promise((resolve) => {
    const offs = servers.map((s) =>
      s.reviews.on('checked', () => {
        if (checks.every((c, i) => c >= target[i]!)) {
          offs.forEach((off) => off());
          resolve();
        }
      }),
    );
  });
}

beforeAll(async () => {
  const schema = await testSchema();
  drop = schema.drop;
  for (let i = 0; i < 2; i++) {
    const dir = tempDataDir();
    dirs.push(dir);
    const server = await startTestServer(dir, {
      AUTH_MODE: 'accounts',
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema.schema,
      AUTH_SECRET: 'a-shared-secret-for-both-instances-0123456789',
      REVIEW_OVERDUE_CHECK_MS: '100',
    });
    servers.push(server);
    server.reviews.on('checked', () => void checks[i]!++);
    server.reviews.on('overdue', (event) => void overdue.push({ server: i, event }));
  }
}, 60_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) removeDir(d);
  await drop();
});

describe('overdue reminders across two instances', { timeout: 30_000 }, () => {
  it('W172, S86: reminds once, in the reviewer’s morning, never one who is not due', async () => {
    const admin = await setUpAdmin(servers[0]!.url);
    const workspaceId = ((await admin.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const join = (name: string) =>
      inviteAndSignUp(admin, workspaceId, {
        name,
        email: `${name.toLowerCase()}@example.com`,
        password: 'seven red kites flying',
      });
    const kiri = await join('Kiri');
    const pago = await join('Pago');
    // UTC+14: the morning after yesterday has always come. UTC−11: the morning after today
    // has never come yet.
    await kiri.call('PUT', '/api/me/time-zone', { timeZone: 'Pacific/Kiritimati' });
    await pago.call('PUT', '/api/me/time-zone', { timeZone: 'Pacific/Pago_Pago' });
    const kiriId = String((await kiri.get('/api/me')).body.id);
    const pagoId = String((await pago.get('/api/me')).body.id);
    Object.assign(people, { admin, kiri, pago, kiriId, pagoId });
    const boardId = String((await admin.post('/api/boards', { title: 'Claims' })).body.id);
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const yesterday = day(-1);
    // Asked on the other instance than the one the people signed up on: one database.
    const onB = new Person(servers[1]!.url);
    onB.cookie = admin.cookie;
    const late = (
      await onB.post(`/api/boards/${boardId}/reviews`, {
        reviewerIds: [kiriId],
        dueDate: yesterday,
      })
    ).body as unknown as ReviewView;
    expect(late.id).toEqual(expect.any(String));
    const notYet = (
      await onB.post(`/api/boards/${boardId}/reviews`, { reviewerIds: [pagoId], dueDate: day(0) })
    ).body as unknown as ReviewView;

    await moreChecks(4);
    expect(overdue.map((o) => [o.event.review.id, o.event.reviewerId])).toEqual([
      [late.id, kiriId],
    ]);
    expect(overdue[0]!.event.review.reviewers[0]!.remindedAt).toEqual(expect.any(String));
    const stored = (await admin.get(`/api/boards/${boardId}/reviews/${notYet.id}`)).body;
    expect((stored as unknown as ReviewView).reviewers[0]!.remindedAt).toBeNull();
  });

  it('W169: the last two approvals, on two instances at once, save one version', async () => {
    const { admin, kiri, pago, kiriId, pagoId } = people as Required<typeof people>;
    const boardId = String((await admin.post('/api/boards', { title: 'Race' })).body.id);
    const onB = (p: Person) => Object.assign(new Person(servers[1]!.url), { cookie: p.cookie });
    for (let round = 1; round <= 3; round++) {
      const review = (
        await admin.post(`/api/boards/${boardId}/reviews`, { reviewerIds: [kiriId, pagoId] })
      ).body as unknown as ReviewView;
      const answers = `/api/boards/${boardId}/reviews/${review.id}/answers`;
      const [a, b] = await Promise.all([
        kiri.post(answers, { verdict: 'approve' }),
        onB(pago).post(answers, { verdict: 'approve' }),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      const versions = (await admin.get(`/api/boards/${boardId}/versions`)).body.versions as {
        id: string;
      }[];
      expect(versions).toHaveLength(round);
      const final = (await admin.get(`/api/boards/${boardId}/reviews/${review.id}`))
        .body as unknown as ReviewView;
      expect(final).toMatchObject({ state: 'approved', approvedVersionId: versions[0]!.id });
    }
  });
});
