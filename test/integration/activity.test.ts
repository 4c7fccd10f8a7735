import { toBase64 } from 'lib0/buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ActivityEntry, ActivitySummary } from '../../shared/model/activity.js';
import {
  addCard,
  readBoard,
  renameStage,
  setCardText,
  type BoardSnapshot,
} from '../../shared/model/index.js';
import type { RunningServer } from '../../server/server.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL, testSchema } from '../helpers/backends.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import {
  boardApiCaller,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
  boardTokens,
  type Role,
} from '../helpers/server.js';

let dataDir: string;
let server: RunningServer;
const clients: Client[] = [];

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
});

afterAll(async () => {
  disconnectAll(clients);
  await server.stop();
  removeDir(dataDir);
});

const ANA = { id: 'user-ana', name: 'Ana', color: '#c2410c' };
const BEN = { id: 'user-ben', name: 'Ben', color: '#1d4ed8' };

const call = boardApiCaller(() => server.url);

async function feed(boardId: string, query = '', role: Role = 'viewer') {
  const res = await call('GET', `/activity${query}`, boardId, role);
  expect(res.status).toBe(200);
  return res.body as { entries: ActivityEntry[]; next: string | null };
}

/** A client on the board with the link of `role`, presenting itself as `user` (if given). */
async function join(boardId: string, role: Role, user?: typeof ANA): Promise<Client> {
  const token = boardTokens.get(boardId)![role];
  const client = connectClient(wsUrlOf(server.url), boardId, new Y.Doc(), token);
  clients.push(client);
  if (user) client.provider.awareness.setLocalStateField('user', user);
  await whenSynced(client);
  return client;
}

/** Waits until `watcher` sees `user`'s presence: by then the server holds it too. */
const seesPresence = (watcher: Client, user: typeof ANA) =>
  waitFor(
    () =>
      [...watcher.provider.awareness.getStates().values()].some(
        (s) => (s as { user?: { id: string } }).user?.id === user.id,
      ),
    5000,
    `${user.name}'s presence`,
  );

/** Reads until `ok` holds (entries show up once the server applied the edit). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not there: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const firstCell = (b: BoardSnapshot) => ({ stageId: b.stages[0]!.id, laneId: b.lanes[0]!.id });

describe('activity feed', () => {
  let boardId: string;
  let ana: Client;
  let ben: Client;

  beforeAll(async () => {
    boardId = (await createBoard(server.url)).id;
    ana = await join(boardId, 'editor', ANA);
    ben = await join(boardId, 'owner', BEN);
    await seesPresence(ben, ANA);
    await seesPresence(ana, BEN);
  });

  it('W89: attributes each change to the presence name and link role of the socket that sent it', async () => {
    const cardId = addCard(ana.doc, firstCell(readBoard(ana.doc)));
    const stage = readBoard(ben.doc).stages[1]!;
    renameStage(ben.doc, stage.id, 'Checkout');
    await waitFor(() => readBoard(ben.doc).cards.some((c) => c.id === cardId));

    const { entries } = await eventually(
      () => feed(boardId),
      (f) => f.entries.length === 2,
    );
    const byAna = entries.find((e) => e.author.name === 'Ana')!;
    const byBen = entries.find((e) => e.author.name === 'Ben')!;
    expect(byAna).toMatchObject({ author: ANA, role: 'editor', via: 'live' });
    expect(byAna.records.card).toMatchObject({ added: 1, addedIds: [cardId], changed: 0 });
    expect(byBen).toMatchObject({ author: BEN, role: 'owner', via: 'live' });
    expect(byBen.records.stage).toMatchObject({ changed: 1, changedIds: [stage.id] });
    expect(byBen.records.card.added).toBe(0);
  });

  it('W90: calls a socket without presence "Someone" with its link role', async () => {
    const anonymous = await join(boardId, 'editor');
    addCard(anonymous.doc, firstCell(readBoard(anonymous.doc)));
    const { entries } = await eventually(
      () => feed(boardId),
      (f) => f.entries.some((e) => e.author.name === 'Someone'),
    );
    const someone = entries.find((e) => e.author.name === 'Someone');
    expect(someone).toMatchObject({ author: { id: null, color: null }, role: 'editor' });
  });

  it('W95, W97, W98, W146: answers since a state vector with only what that copy had not seen', async () => {
    const seenAt = new Date().toISOString();
    const stateVector = toBase64(Y.encodeStateVector(ben.doc));
    const since = async (body: object) => {
      const res = await call('POST', '/activity/since', boardId, 'viewer', body);
      expect(res.status).toBe(200);
      return res.body as { entries: ActivityEntry[]; summary: ActivitySummary };
    };
    expect((await since({ stateVector, seenAt })).entries).toEqual([]);
    // Edits are judged by the clocks the copy had, not by when it looked.
    const longAgo = '2000-01-01T00:00:00Z';
    expect((await since({ stateVector, seenAt: longAgo })).entries).toEqual([]);

    const card = readBoard(ana.doc).cards[0]!;
    setCardText(ana.doc, card.id, 'Compares plans');
    const unseen = (
      await eventually(
        () => since({ stateVector, seenAt }),
        (a) => a.entries.length > 0,
      )
    ).entries;
    expect(unseen.map((e) => e.author.name)).toEqual(['Ana']);
    const { summary } = await since({ stateVector, seenAt });
    expect(summary.authors.map((a) => a.name)).toEqual(['Ana']);
    expect(summary.entries).toBe(1);
    // The reader's own changes can be left out.
    const mine = await since({ stateVector, seenAt, excludeAuthorId: ANA.id });
    expect(mine.entries).toEqual([]);
    // A copy that had nothing has seen nothing.
    const empty = toBase64(Y.encodeStateVector(new Y.Doc()));
    const all = await since({ stateVector: empty, seenAt: '2000-01-01T00:00:00Z' });
    expect(all.entries.map((e) => e.author.name).sort()).toEqual(['Ana', 'Ben', 'Someone']);
    // Looked on another device (no state vector here): time alone decides.
    const byTime = await since({ seenAt });
    expect(byTime.entries.map((e) => e.author.name)).toEqual(['Ana']);
    expect((await since({ seenAt: new Date(Date.now() + 60_000).toISOString() })).entries).toEqual(
      [],
    );

    const bad = await call('POST', '/activity/since', boardId, 'viewer', {
      stateVector: '%%%',
      seenAt,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/stateVector/);
  });

  it('W4, W94, W96: pages newest first, needs a token, and refuses every socket on the activity doc', async () => {
    const first = await feed(boardId, '?limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const second = await feed(boardId, `?limit=2&before=${encodeURIComponent(first.next!)}`);
    expect(second.entries).toHaveLength(1);
    expect(second.next).toBeNull();
    const ends = [...first.entries, ...second.entries].map((e) => e.end);
    expect(ends).toEqual([...ends].sort().reverse());
    expect((await fetch(`${server.url}/api/boards/${boardId}/activity`)).status).toBe(401);
    expect((await call('GET', '/activity?limit=0', boardId, 'viewer')).status).toBe(400);

    for (const role of ['viewer', 'owner'] as const) {
      const token = boardTokens.get(boardId)![role];
      const c = connectClient(wsUrlOf(server.url), `${boardId}/activity`, new Y.Doc(), token);
      clients.push(c);
      expect(await c.closed).toBe(4404);
    }
  });

  it('W92: records a restore with the author the request names', async () => {
    const saved = await call('POST', '/versions', boardId, 'editor', { label: 'Q1' });
    addCard(ana.doc, firstCell(readBoard(ana.doc)));
    await waitFor(() => readBoard(ben.doc).cards.length === readBoard(ana.doc).cards.length);
    const vid = (saved.body as { id: string }).id;
    const res = await call('POST', `/versions/${vid}/restore`, boardId, 'editor', {
      author: 'Cara',
    });
    expect(res.status).toBe(200);
    const restore = (await feed(boardId)).entries.find((e) => e.via === 'restore');
    expect(restore).toMatchObject({ author: { name: 'Cara', id: null }, role: 'editor' });
    expect(restore!.records.card.removed).toBe(1);
  });

  it('W93: keeps every entry across a server restart', async () => {
    // An edit the server holds only in memory when it stops must be written on the way out.
    renameStage(ben.doc, readBoard(ben.doc).stages[0]!.id, 'Discover');
    const before = (
      await eventually(
        () => feed(boardId, '?limit=200'),
        (f) => f.entries.some((e) => e.author.name === 'Ben' && e.records.stage.changed === 2),
      )
    ).entries;
    disconnectAll(clients.splice(0));
    await server.stop();
    server = await startTestServer(dataDir);
    const after = (await feed(boardId, '?limit=200')).entries;
    expect(after).toEqual(before);
    expect(after.length).toBeGreaterThanOrEqual(4);
  });
});

describe('activity with PostgreSQL and Redis (two instances)', () => {
  let schema: Awaited<ReturnType<typeof testSchema>>;
  let instances: RunningServer[] = [];
  const local: Client[] = [];

  beforeAll(async () => {
    schema = await testSchema();
    const env = (id: string) => ({
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema.schema,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: schema.schema,
      AUTH_SECRET: 'activity-test-secret-0123456789abcdef',
      INSTANCE_ID: id,
    });
    instances = [
      await startTestServer(dataDir, env('a')),
      await startTestServer(dataDir, env('b')),
    ];
  });

  afterAll(async () => {
    disconnectAll(local);
    await Promise.all(instances.map((s) => s.stop()));
    await schema.drop();
  });

  it('W93: records each edit once, on the instance its socket is connected to', async () => {
    const [a, b] = instances as [RunningServer, RunningServer];
    const board = await createBoard(a.url);
    const joinAt = async (at: RunningServer, role: Role, user: typeof ANA) => {
      const c = connectClient(wsUrlOf(at.url), board.id, new Y.Doc(), board.tokens[role]);
      local.push(c);
      c.provider.awareness.setLocalStateField('user', user);
      await whenSynced(c);
      return c;
    };
    const anaOnA = await joinAt(a, 'editor', ANA);
    const benOnB = await joinAt(b, 'editor', BEN);
    await seesPresence(benOnB, ANA);
    await seesPresence(anaOnA, BEN);
    addCard(anaOnA.doc, firstCell(readBoard(anaOnA.doc)));
    addCard(benOnB.doc, firstCell(readBoard(benOnB.doc)));
    await waitFor(() => readBoard(anaOnA.doc).cards.length === readBoard(benOnB.doc).cards.length);

    // Both instances hold both people's edits; each wrote only its own socket's entry.
    const read = (at: RunningServer) => async () => {
      const res = await fetch(`${at.url}/api/boards/${board.id}/activity`, {
        headers: { authorization: `Bearer ${board.tokens.viewer}` },
      });
      return ((await res.json()) as { entries: ActivityEntry[] }).entries;
    };
    const names = (list: ActivityEntry[]) => list.map((e) => e.author.name).sort();
    for (const at of [a, b]) {
      const entries = await eventually(read(at), (list) => list.length >= 2);
      expect(names(entries)).toEqual(['Ana', 'Ben']);
    }
    // After the writes every instance reads the same, from storage or its relayed room.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(names(await read(a)())).toEqual(['Ana', 'Ben']);
    expect(names(await read(b)())).toEqual(['Ana', 'Ben']);
  });
});
