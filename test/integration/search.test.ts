/**
 * Search across the workspace over the real server (AUTH_MODE=accounts): edits by real
 * WebsocketProvider clients reach the index without a restart (on SQLite and PostgreSQL), what each person finds is
 * limited to the boards they open, query syntax is harmless, and a missing index is rebuilt at
 * start. The store itself runs on both adapters in test/contract/search.contract.ts.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLanes, readStages } from '../../shared/model/axes.js';
import { addLane, addStage, exportBoard, initBoard } from '../../shared/model/index.js';
import { READ_HERE_BELOW_BYTES } from '../../server/search/indexer.js';
import { addCard, setCardText } from '../../shared/model/cards.js';
import { createThread } from '../../shared/model/comments.js';
import type { RunningServer } from '../../server/server.js';
import { disconnectAll, synced, waitForAsync, type Client } from '../helpers/clients.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import { connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { adminAuth, removeDir, startTestServer, tempDataDir, wsUrlOf } from '../helpers/server.js';

interface Hit {
  boardId: string;
  boardTitle: string;
  kind: string;
  cardId?: string;
  threadId?: string;
  context: string;
  snippet: string;
  highlights: [number, number][];
}

let clients: Client[] = [];
afterEach(() => {
  disconnectAll(clients);
  clients = [];
});
const keep = (client: Client) => (clients.push(client), client);

const someone = (name: string) => ({
  name,
  email: `${name.toLowerCase()}@example.com`,
  password: 'a long enough password',
});

const search = (who: Person, q: string, more = '') =>
  who.get(`/api/search?q=${encodeURIComponent(q)}${more}`);
const hitsOf = async (who: Person, q: string, more = '') => {
  const answer = await search(who, q, more);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.hits as Hit[];
};
/** Polls the API until `check` holds for the hits (the index follows within about a second). */
const whenFound = async (who: Person, q: string, check: (hits: Hit[]) => boolean) => {
  let last: Hit[] = [];
  await waitForAsync(
    async () => check((last = await hitsOf(who, q))),
    10_000,
    `search '${q}' to answer as expected`,
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}; last hits: ${JSON.stringify(last)}`);
  });
  return last;
};

describe.each(['SQLite', 'PostgreSQL'])('search on %s (AUTH_MODE=accounts)', (backend) => {
  let dataDir: string;
  let server: RunningServer;
  let ada: Person; // admin of Acme
  let bob: Person; // member of Acme, a viewer on Ada's board by its board role
  let cat: Person; // only in Beta
  let wsA: string;
  let wsB: string;
  let boardId: string;
  let betaBoard: string;
  let schema: Awaited<ReturnType<typeof testSchema>> | null = null;
  const env = () => ({
    AUTH_MODE: 'accounts',
    ...(schema ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema.schema } : {}),
  });

  beforeAll(async () => {
    dataDir = tempDataDir();
    schema = backend === 'PostgreSQL' ? await testSchema() : null;
    server = await startTestServer(dataDir, env());
    ada = await setUpAdmin(server.url, 'Acme');
    wsA = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    bob = await inviteAndSignUp(ada, wsA, someone('Bob'));
    cat = await setUpOther();
    boardId = String(
      (await ada.post('/api/boards', { title: 'Customer lifecycle', template: 'current-state' }))
        .body.id,
    );
  });
  afterAll(async () => {
    await server.stop();
    await schema?.drop();
    removeDir(dataDir);
  });

  /** Empties the index behind the server's back (it is stopped). */
  async function wipeIndex(): Promise<void> {
    const wipe = 'DELETE FROM search_entries; DELETE FROM search_boards;';
    if (!schema) {
      const db = new Database(path.join(dataDir, 'journeyboard.db'));
      db.exec(wipe);
      db.close();
      return;
    }
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`SET search_path TO ${schema.schema}; ${wipe}`);
    } finally {
      await client.end();
    }
  }

  /** Cat: a workspace of her own (made by Ada, who then leaves it to her). */
  async function setUpOther(): Promise<Person> {
    const made = await ada.post('/api/workspaces', { name: 'Beta' });
    wsB = String(made.body.id);
    const other = await inviteAndSignUp(ada, wsB, someone('Cat'), 'admin');
    betaBoard = String(
      (await other.post('/api/boards', { title: 'Walrus returns', workspaceId: wsB })).body.id,
    );
    // Ada made Beta; she leaves it, so Beta is Cat's alone.
    const adaId = String((await ada.get('/api/me')).body.id);
    const left = await other.delete(`/api/workspaces/${wsB}/members/${adaId}`);
    expect(left.status, JSON.stringify(left.body)).toBeLessThan(300);
    return other;
  }

  it('W266, W269, W270: a card, its tags and evidence, and a comment are found seconds after a live edit', async () => {
    await whenFound(ada, 'lifecycle', (hits) =>
      hits.some((h) => h.boardId === boardId && h.kind === 'board'),
    );
    const client = keep(connectAs(ada, wsUrlOf(server.url), boardId));
    await synced(client);
    const [stage] = readStages(client.doc);
    const [lane] = readLanes(client.doc);
    const cardId = addCard(client.doc, {
      stageId: stage!.id,
      laneId: lane!.id,
      text: 'The zebracorn form asks twice',
      tags: ['frictionpoint'],
      evidence: [
        { id: 'e1', kind: 'quote', text: 'I typed my address again', source: 'Interview 7' },
      ],
    });
    const [hit] = await whenFound(ada, 'zebracorn', (hits) => hits.length === 1);
    expect(hit).toMatchObject({
      boardId,
      boardTitle: 'Customer lifecycle',
      kind: 'card',
      cardId,
      context: `${stage!.name} › ${lane!.name}`,
    });
    expect(hit!.highlights.map(([s, e]) => hit!.snippet.slice(s, e))).toEqual(['zebracorn']);
    expect((await hitsOf(ada, 'frictionpoint'))[0]?.cardId).toBe(cardId);
    expect((await hitsOf(ada, 'interview address'))[0]?.cardId).toBe(cardId);

    // An edit replaces what was indexed.
    setCardText(client.doc, cardId, 'The unicornfish form asks once');
    await whenFound(ada, 'unicornfish', (hits) => hits.length === 1);
    expect(await hitsOf(ada, 'zebracorn')).toEqual([]);

    const comments = keep(connectAs(ada, wsUrlOf(server.url), `${boardId}/comments`));
    await synced(comments);
    const me = (await ada.get('/api/me')).body;
    const threadId = createThread(comments.doc, {
      anchor: { kind: 'card', id: cardId },
      // Vouched: the server accepts a comment only in its author's own name.
      author: { id: String(me.id), name: String(me.name) },
      body: 'Can the quokka step go?',
    });
    const [comment] = await whenFound(ada, 'quokka', (hits) => hits.length === 1);
    expect(comment).toMatchObject({ kind: 'comment', threadId, cardId, boardId });
  });

  it('W268, S120: each person finds only the boards they open, whatever the role', async () => {
    const bobId = String((await bob.get('/api/me')).body.id);
    const restricted = await ada.call('PUT', `/api/boards/${boardId}/people/${bobId}`, {
      role: 'viewer',
    });
    expect(restricted.status, JSON.stringify(restricted.body)).toBe(200);
    // A viewer still opens the board: he finds it, by session and by access token.
    expect((await hitsOf(bob, 'lifecycle')).map((h) => h.boardId)).toEqual([boardId]);
    const token = String((await bob.post('/api/me/tokens', { name: 'search' })).body.token);
    const byToken = await fetch(`${server.url}/api/search?q=lifecycle`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await byToken.json()) as { hits: Hit[] }).hits.map((h) => h.boardId)).toEqual([
      boardId,
    ]);
    // Another workspace's board: no text, no title, no count.
    await whenFound(cat, 'walrus', (hits) => hits.length === 1);
    expect(await hitsOf(ada, 'walrus')).toEqual([]);
    expect(await hitsOf(bob, 'walrus')).toEqual([]);
    expect(await hitsOf(cat, 'lifecycle')).toEqual([]);
    expect(await hitsOf(cat, 'unicornfish')).toEqual([]);
    // `workspace` narrows; one not theirs is 404.
    expect(await hitsOf(bob, 'lifecycle', `&workspace=${wsA}`)).toHaveLength(1);
    const notMine = await search(bob, 'lifecycle', `&workspace=${wsB}`);
    expect(notMine.status).toBe(404);
    expect(notMine.body.field).toBe('workspace');
    // The admin token searches every board.
    const all = await fetch(`${server.url}/api/search?q=walrus`, { headers: adminAuth });
    expect(((await all.json()) as { hits: Hit[] }).hits.map((h) => h.boardId)).toEqual([betaBoard]);
    expect((await new Person(server.url).get('/api/search?q=walrus')).status).toBe(401);
  });

  it('W267, S121: query syntax is harmless; bad parameters are 400 naming the field', async () => {
    const injections = [
      '"',
      'unicornfish"*',
      'NEAR(unicornfish form)',
      "unicornfish' | !form",
      "'); DROP TABLE boards; --",
      'words:unicornfish',
      '-unicornfish',
      'unicornfish OR 1=1',
      '(form) & !:*',
    ];
    for (const q of injections) {
      const answer = await search(ada, q);
      expect([200, 400], `${q}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
    }
    expect((await hitsOf(ada, '"unicornfish*')).map((h) => h.kind)).toEqual(['card']);
    // Still there: nothing was dropped.
    expect((await ada.get(`/api/boards/${boardId}/summary`)).status).toBe(200);
    for (const [more, field] of [
      ['', 'q'],
      ['&q=%22*-%3A', 'q'],
      [`&q=${'a'.repeat(201)}`, 'q'],
      ['&q=a&q=b', 'q'],
      ['&q=form&limit=0', 'limit'],
      ['&q=form&limit=51', 'limit'],
      ['&q=form&limit=x', 'limit'],
      ['&q=form&workspace=..%2F', 'workspace'],
    ] as const) {
      const answer = await ada.get(`/api/search?x=1${more}`);
      expect(answer.status, more).toBe(400);
      expect(answer.body.error, more).toContain(field);
    }
  });

  it('W269, W270: a large imported board is read off the event loop and found', async () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Big map', mapType: 'current-state' });
    const stage = addStage(doc, { name: 'Only stage' });
    const lane = addLane(doc, { name: 'Actions', kind: 'actions' });
    const filler = 'A long description of what the customer does here. '.repeat(12);
    let last = '';
    for (let i = 0; i < 600; i++)
      last = addCard(doc, { stageId: stage, laneId: lane, text: `${filler} step${i}` });
    const update = Y.encodeStateAsUpdate(doc);
    expect(update.byteLength).toBeGreaterThan(READ_HERE_BELOW_BYTES);
    const made = await ada.post('/api/boards/import', exportBoard(doc));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const [hit] = await whenFound(ada, 'step599', (hits) => hits.length === 1);
    expect(hit).toMatchObject({ boardId: made.body.id, cardId: last, kind: 'card' });
  });

  it('W270: a board whose index is missing is indexed again at start', async () => {
    await server.stop();
    await wipeIndex();
    server = await startTestServer(dataDir, env());
    for (const who of [ada, bob, cat]) Object.assign(who, { baseUrl: server.url });
    await whenFound(ada, 'unicornfish', (hits) => hits.length === 1);
    await whenFound(cat, 'walrus', (hits) => hits.length === 1);
  });
});

describe('search in AUTH_MODE=open', () => {
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir);
  });
  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W267: only the admin token searches (a share link opens one board, never a search)', async () => {
    const made = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Open narwhal map' }),
    });
    const { id, tokens } = (await made.json()) as { id: string; tokens: Record<string, string> };
    const anyone = await fetch(`${server.url}/api/search?q=narwhal`, {
      headers: { authorization: `Bearer ${tokens.owner}` },
    });
    expect(anyone.status).toBe(403);
    expect(((await anyone.json()) as { error: string }).error).toMatch(/admin token/);
    const admin = new Person(server.url);
    await waitForAsync(
      async () => {
        const answer = await admin.get('/api/search?q=narwhal', adminAuth);
        return (answer.body.hits as Hit[]).some((h) => h.boardId === id);
      },
      10_000,
      'the new board to be found',
    );
    const withWorkspace = await admin.get('/api/search?q=narwhal&workspace=abc', adminAuth);
    expect(withWorkspace.status).toBe(400);
    expect(String(withWorkspace.body.error)).toContain('workspace');
  });
});
