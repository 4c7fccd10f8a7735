/**
 * Dot voting that outlives a process and spans instances (W205, W206, W208, S98): a restart keeps
 * a running vote, its ballots and its deadline; a deadline passed while the server was down ends
 * the vote at start; two instances on one PostgreSQL schema share every ballot and the
 * allowance holds under racing ballots on both; a signed-in person has one allowance whatever
 * voter id they send.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalBus, LocalHub } from '../../server/bus/localBus.js';
import type { RunningServer } from '../../server/server.js';
import { readVoteMarker } from '../../shared/model/vote.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import {
  connectClient,
  disconnectAll,
  synced,
  waitFor,
  whenDoc,
  type Client,
} from '../helpers/clients.js';
import { inviteAndSignUp, setUpAdmin } from '../helpers/people.js';
import {
  boardApiCaller,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

const SECRET = 'votes-test-secret-0123456789abcdef0123';
let dataDir: string;
let servers: RunningServer[] = [];
let clients: Client[] = [];
let cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  disconnectAll(clients);
  clients = [];
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  for (const c of cleanups) await c();
  cleanups = [];
  removeDir(dataDir);
});

const guest = (token: string, voterId: string) => ({
  authorization: `Bearer ${token}`,
  'x-voter-id': voterId,
});

function listen(server: RunningServer, boardId: string, token: string): Client {
  const client = connectClient(wsUrlOf(server.url), boardId, new Y.Doc(), token);
  clients.push(client);
  return client;
}

async function boardWithCards(server: RunningServer) {
  const board = await createBoard(server.url, { title: 'Claims', template: 'current-state' });
  const api = boardApiCaller(() => server.url);
  const json = (await api('GET', '', board.id, 'viewer')).body as { cards: { id: string }[] };
  return { board, cards: json.cards.map((c) => c.id) };
}

describe('dot voting across restarts and instances', { timeout: 60_000 }, () => {
  it('W206: a restart keeps the running vote, its ballots and its deadline, and it still ends by itself', async () => {
    dataDir = tempDataDir();
    servers = [await startTestServer(dataDir, { AUTH_SECRET: SECRET, VOTE_CHECK_MS: '100' })];
    const { board, cards } = await boardWithCards(servers[0]!);
    let api = boardApiCaller(() => servers[0]!.url);
    const fay = guest(board.tokens.editor, 'fay-facilitator-0001');
    const ann = guest(board.tokens.viewer, 'ann-viewer-voter-0002');
    const started = await api('POST', '/votes', board.id, fay, {
      title: 'Survives',
      votesPerPerson: 3,
      durationMs: 15_000,
    });
    const voteId = started.body.id as string;
    await api('PUT', `/votes/${voteId}/ballots/${cards[0]}`, board.id, ann);
    await api('PUT', `/votes/${voteId}/ballots/${cards[1]}`, board.id, ann);
    await servers[0]!.stop();
    servers = [await startTestServer(dataDir, { AUTH_SECRET: SECRET, VOTE_CHECK_MS: '100' })];
    api = boardApiCaller(() => servers[0]!.url);
    const after = await api('GET', `/votes/${voteId}`, board.id, ann);
    expect(after.body).toMatchObject({
      status: 'running',
      endsAt: started.body.endsAt,
      mine: { [cards[0]!]: 1, [cards[1]!]: 1 },
      remaining: 1,
    });
    const listener = listen(servers[0]!, board.id, board.tokens.viewer);
    await synced(listener);
    expect(readVoteMarker(listener.doc)?.status).toBe('running');
    await whenDoc(listener.doc, () => readVoteMarker(listener.doc)?.status === 'ended');
    expect((await api('GET', `/votes/${voteId}`, board.id, fay)).body).toMatchObject({
      status: 'ended',
      endedAt: started.body.endsAt,
      results: [{ votes: 1 }, { votes: 1 }],
    });
  });

  it('W206: a deadline that passed while the server was down ends the vote when it starts', async () => {
    dataDir = tempDataDir();
    servers = [await startTestServer(dataDir, { AUTH_SECRET: SECRET })];
    const { board, cards } = await boardWithCards(servers[0]!);
    const api = boardApiCaller(() => servers[0]!.url);
    const fay = guest(board.tokens.editor, 'fay-facilitator-0001');
    const started = await api('POST', '/votes', board.id, fay, {
      title: 'Over while down',
      votesPerPerson: 1,
      durationMs: 1_000,
    });
    await api('PUT', `/votes/${started.body.id}/ballots/${cards[2]}`, board.id, fay);
    await servers[0]!.stop();
    servers = [];
    const endsAt = Date.parse(started.body.endsAt as string);
    await waitFor(() => Date.now() > endsAt, 5_000, 'the deadline to pass');
    // A long check interval: only the check at start can end it.
    servers = [await startTestServer(dataDir, { AUTH_SECRET: SECRET, VOTE_CHECK_MS: '60000' })];
    const listener = listen(servers[0]!, board.id, board.tokens.viewer);
    await whenDoc(listener.doc, () => readVoteMarker(listener.doc)?.status === 'ended');
  });

  it('W208: two instances on one PostgreSQL schema: ballots on either count once, racing ballots stop at the allowance, the reveal reaches both', async () => {
    dataDir = tempDataDir();
    const schema = await testSchema();
    cleanups.push(schema.drop);
    const hub = new LocalHub();
    const env = {
      AUTH_SECRET: SECRET,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema.schema,
      VOTE_CHECK_MS: '100',
    };
    servers = [
      await startTestServer(
        `${dataDir}/a`,
        { ...env, INSTANCE_ID: 'a' },
        { bus: new LocalBus(hub, 'a') },
      ),
      await startTestServer(
        `${dataDir}/b`,
        { ...env, INSTANCE_ID: 'b' },
        { bus: new LocalBus(hub, 'b') },
      ),
    ];
    const [a, b] = servers as [RunningServer, RunningServer];
    const { board, cards } = await boardWithCards(a);
    const onA = boardApiCaller(() => a.url);
    const onB = boardApiCaller(() => b.url);
    const fay = guest(board.tokens.editor, 'fay-facilitator-0001');
    const ann = guest(board.tokens.viewer, 'ann-viewer-voter-0002');
    const listenerOnB = listen(b, board.id, board.tokens.viewer);
    await synced(listenerOnB);
    const started = await onA('POST', '/votes', board.id, fay, {
      title: 'Cluster',
      votesPerPerson: 3,
    });
    const voteId = started.body.id as string;
    await whenDoc(listenerOnB.doc, () => readVoteMarker(listenerOnB.doc)?.id === voteId);
    expect((await onB('PUT', `/votes/${voteId}/ballots/${cards[0]}`, board.id, ann)).status).toBe(
      200,
    );
    expect((await onA('PUT', `/votes/${voteId}/ballots/${cards[0]}`, board.id, ann)).body).toEqual({
      mine: { [cards[0]!]: 2 },
      remaining: 1,
    });
    // One dot left; eight ballots race for it on both instances.
    const raced = await Promise.all(
      cards
        .slice(1, 9)
        .map((c, i) => (i % 2 ? onA : onB)('PUT', `/votes/${voteId}/ballots/${c}`, board.id, ann)),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const ended = await onB('POST', `/votes/${voteId}/end`, board.id, fay);
    expect(ended.body).toMatchObject({ status: 'ended', participants: 1 });
    expect((ended.body.results as { votes: number }[]).reduce((n, r) => n + r.votes, 0)).toBe(3);
    const listenerOnA = listen(a, board.id, board.tokens.viewer);
    await whenDoc(listenerOnA.doc, () => readVoteMarker(listenerOnA.doc)?.status === 'ended');
    await whenDoc(listenerOnB.doc, () => readVoteMarker(listenerOnB.doc)?.status === 'ended');
  });

  it('W205, S98: a signed-in person has one allowance whatever voter id they send; an owner ends a vote they did not start', async () => {
    dataDir = tempDataDir();
    servers = [await startTestServer(dataDir, { AUTH_MODE: 'accounts' })];
    const url = servers[0]!.url;
    const admin = await setUpAdmin(url);
    const workspaceId = ((await admin.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const ben = await inviteAndSignUp(admin, workspaceId, {
      name: 'Ben Builder',
      email: 'ben@example.com',
      password: 'seven red kites flying',
    });
    const made = await admin.post('/api/boards', { title: 'Claims', template: 'current-state' });
    const boardId = String(made.body.id);
    const cards = ((await admin.get(`/api/boards/${boardId}`)).body.cards as { id: string }[]).map(
      (c) => c.id,
    );
    const votes = `/api/boards/${boardId}/votes`;
    const started = await ben.post(votes, { title: 'Per person', votesPerPerson: 2 });
    expect(started.status).toBe(201);
    const voteId = String(started.body.id);
    const put = (cardId: string, voterId: string) =>
      ben.call('PUT', `${votes}/${voteId}/ballots/${cardId}`, undefined, { 'x-voter-id': voterId });
    expect((await put(cards[0]!, 'first-browser-id-0001')).status).toBe(200);
    expect((await put(cards[1]!, 'second-browser-id-002')).status).toBe(200);
    const third = await put(cards[2]!, 'third-browser-id-0003');
    expect(third.status).toBe(409);
    // A viewer link (a guest) cannot end it; the board's owner can, though Ben started it.
    const viewerToken = (made.body.tokens as Record<string, string>).viewer!;
    const forged = await fetch(`${url}${votes}/${voteId}/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${viewerToken}`, 'x-voter-id': 'first-browser-id-0001' },
    });
    expect(forged.status).toBe(403);
    const ended = await admin.post(`${votes}/${voteId}/end`);
    expect(ended.body).toMatchObject({ status: 'ended', participants: 1 });
    expect(ended.body.results).toEqual([
      {
        rank: 1,
        cardId: [cards[0], cards[1]].sort()[0],
        votes: 1,
        voters: [{ name: 'Ben Builder', votes: 1 }],
      },
      {
        rank: 1,
        cardId: [cards[0], cards[1]].sort()[1],
        votes: 1,
        voters: [{ name: 'Ben Builder', votes: 1 }],
      },
    ]);
  });
});
