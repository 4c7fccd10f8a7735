/**
 * Dot voting over the real server in open mode (share links, guests by voter id), W196–W207,
 * S97–S99: what the REST routes answer to whom, that nobody learns a total while a vote runs,
 * that the board doc carries only the marker (a raw y-websocket client listens), the deadline,
 * and a restart keeping a running vote.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { readVoteMarker } from '../../shared/model/vote.js';
import type { VoteView } from '../../shared/protocol/votes.js';
import { connectClient, disconnectAll, synced, whenDoc, type Client } from '../helpers/clients.js';
import {
  boardApiCaller,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
  type Role,
} from '../helpers/server.js';

let dataDir: string;
let server: RunningServer;
let boardId: string;
let cards: { id: string; laneId: string; text: string }[];
let lanes: { id: string; kind: string }[];
const clients: Client[] = [];
const api = boardApiCaller(() => server.url);

/** A participant: a share link's role and the random voter id their browser keeps. */
const person = (role: Role, voterId: string, name?: string) => ({
  role,
  headers: (): Record<string, string> => ({
    authorization: `Bearer ${tokens[role]}`,
    'x-voter-id': voterId,
    ...(name ? { 'x-voter-name': encodeURIComponent(name) } : {}),
  }),
});
let tokens: Record<Role, string>;

/** A name as a whole word: random ids ("xS6xEOFURBoU") may hold "Bo" without naming anyone. */
const mentionsWord = (text: string, word: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9_-])${word}($|[^A-Za-z0-9_-])`).test(text);
const fay = person('editor', 'fay-facilitator-0001', 'Fay');
const ann = person('viewer', 'ann-viewer-voter-0002', 'Ann');
const bo = person('commenter', 'bo-commenter-voter-03', 'Bo');
const eve = person('editor', 'eve-other-editor-0004', 'Eve');
const olga = person('owner', 'olga-owner-voter-0005', 'Olga');

type P = ReturnType<typeof person>;
const call = (p: P, method: string, path: string, body?: unknown) =>
  api(method, path, boardId, p.headers(), body);
const place = (p: P, voteId: string, cardId: string) =>
  call(p, 'PUT', `/votes/${voteId}/ballots/${cardId}`);
const takeBack = (p: P, voteId: string, cardId: string) =>
  call(p, 'DELETE', `/votes/${voteId}/ballots/${cardId}`);
const view = async (p: P, voteId: string) =>
  (await call(p, 'GET', `/votes/${voteId}`)).body as VoteView;
const laneOf = (kind: string) => lanes.find((l) => l.kind === kind)!.id;
const cardsIn = (kind: string) => cards.filter((c) => c.laneId === laneOf(kind)).map((c) => c.id);

/** A raw y-websocket client on the board doc that keeps every update it receives. */
function listen(): { client: Client; updates: Uint8Array[] } {
  const client = connectClient(wsUrlOf(server.url), boardId, new Y.Doc(), tokens.viewer);
  clients.push(client);
  const updates: Uint8Array[] = [];
  client.doc.on('update', (u: Uint8Array) => updates.push(u));
  return { client, updates };
}

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, { VOTE_CHECK_MS: '100' });
  const board = await createBoard(server.url, { title: 'Claims', template: 'current-state' });
  boardId = board.id;
  tokens = board.tokens;
  const json = (await api('GET', '', boardId, 'viewer')).body as {
    cards: { id: string; laneId: string; text: string }[];
    lanes: { id: string; kind: string }[];
  };
  cards = json.cards;
  lanes = json.lanes;
}, 60_000);

afterAll(async () => {
  disconnectAll(clients);
  await server?.stop();
  removeDir(dataDir);
});

describe('dot voting', { timeout: 30_000 }, () => {
  let voteId: string;

  it('W196, W204: an editor starts a vote on chosen lanes; bad input is refused and nothing starts', async () => {
    const body = { title: 'Top pain points', votesPerPerson: 3, maxPerCard: 2 };
    expect(
      (await call(ann, 'POST', '/votes', { ...body, lanes: [laneOf('painPoints')] })).status,
    ).toBe(403);
    const bad = await call(fay, 'POST', '/votes', { ...body, votesPerPerson: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/votesPerPerson/);
    const noLane = await call(fay, 'POST', '/votes', { ...body, lanes: ['nope'] });
    expect(noLane).toMatchObject({
      status: 400,
      body: { error: "invalid lanes: no lane 'nope' on this board" },
    });
    expect((await call(fay, 'POST', '/votes', { ...body, maxPerCard: 4 })).status).toBe(400);
    expect((await call(fay, 'GET', '/votes')).body).toEqual({ votes: [] });

    const started = await call(fay, 'POST', '/votes', {
      ...body,
      lanes: [laneOf('painPoints'), laneOf('opportunities')],
    });
    expect(started.status).toBe(201);
    voteId = started.body.id as string;
    expect(started.headers.get('location')).toBe(`/api/boards/${boardId}/votes/${voteId}`);
    expect(started.body).toMatchObject({
      status: 'running',
      title: 'Top pain points',
      votesPerPerson: 3,
      maxPerCard: 2,
      anonymous: false,
      createdBy: 'Fay',
      endsAt: null,
      remaining: 3,
      mine: {},
      canEnd: true,
    });
    expect([...(started.body.eligibleCardIds as string[])].sort()).toEqual(
      [...cardsIn('painPoints'), ...cardsIn('opportunities')].sort(),
    );
    const again = await call(eve, 'POST', '/votes', body);
    expect(again).toMatchObject({
      status: 409,
      body: { error: 'a vote is already running on this board; end it first' },
    });
  });

  it('W205: a guest votes with a voter id; without one the ballot is refused', async () => {
    const res = await api(
      'PUT',
      `/votes/${voteId}/ballots/${cardsIn('painPoints')[0]}`,
      boardId,
      'viewer',
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/x-voter-id/);
  });

  it('W197, W199, S97: everyone sees only their own dots; no totals for anyone, the facilitator included', async () => {
    const [p1, p2, p3] = cardsIn('painPoints');
    expect((await place(ann, voteId, p1!)).body).toEqual({ mine: { [p1!]: 1 }, remaining: 2 });
    expect((await place(ann, voteId, p1!)).body).toEqual({ mine: { [p1!]: 2 }, remaining: 1 });
    expect((await place(bo, voteId, p2!)).body).toEqual({ mine: { [p2!]: 1 }, remaining: 2 });
    expect((await place(fay, voteId, p3!)).body).toEqual({ mine: { [p3!]: 1 }, remaining: 2 });
    for (const [p, mine] of [
      [fay, { [p3!]: 1 }],
      [ann, { [p1!]: 2 }],
      [bo, { [p2!]: 1 }],
      [olga, {}],
    ] as const) {
      const seen = await call(p, 'GET', `/votes/${voteId}`);
      expect(seen.body).toMatchObject({ status: 'running', mine, endsAt: null });
      expect(seen.body).not.toHaveProperty('results');
      expect(seen.body).not.toHaveProperty('participants');
      // Nothing of anyone else's ballots, in any field.
      const text = JSON.stringify(seen.body);
      for (const other of [p1, p2, p3].filter((c) => !(c! in mine)))
        expect(text.match(new RegExp(other!, 'g'))?.length ?? 0).toBe(1); // only in eligibleCardIds
      for (const name of ['Ann', 'Bo']) expect(mentionsWord(text, name)).toBe(false);
    }
    for (const format of ['csv', 'json'])
      expect((await call(fay, 'GET', `/votes/${voteId}/results.${format}`)).status).toBe(409);
  });

  it('W198: over the allowance, past the cap or on an ineligible card: 409 and nothing changes', async () => {
    const [p1, p2] = cardsIn('painPoints');
    const capped = await place(ann, voteId, p1!);
    expect(capped).toMatchObject({
      status: 409,
      body: { error: 'at most 2 of your votes can go on one card' },
    });
    const touchpoint = cardsIn('touchpoints')[0]!;
    const ineligible = await place(ann, voteId, touchpoint);
    expect(ineligible).toMatchObject({
      status: 409,
      body: { error: `card '${touchpoint}' is not part of this vote` },
    });
    expect((await place(ann, voteId, p2!)).body).toEqual({
      mine: { [p1!]: 2, [p2!]: 1 },
      remaining: 0,
    });
    const spent = await place(ann, voteId, cardsIn('opportunities')[0]!);
    expect(spent.status).toBe(409);
    expect(spent.body.error).toMatch(/no votes left \(3 per person\)/);
    const none = await takeBack(ann, voteId, cardsIn('opportunities')[0]!);
    expect(none).toMatchObject({
      status: 409,
      body: { error: 'you have no vote on that card to take back' },
    });
    expect(await view(ann, voteId)).toMatchObject({ mine: { [p1!]: 2, [p2!]: 1 }, remaining: 0 });
    expect((await takeBack(ann, voteId, p2!)).body).toEqual({ mine: { [p1!]: 2 }, remaining: 1 });
  });

  it('W208: concurrent ballots at the limit: exactly one lands', async () => {
    const opportunities = cardsIn('opportunities');
    const answers = await Promise.all(opportunities.slice(0, 4).map((c) => place(ann, voteId, c)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    expect(
      (await view(ann, voteId)).status === 'running' && (await view(ann, voteId)),
    ).toMatchObject({
      remaining: 0,
    });
  });

  it('W201, S99: a viewer, a commenter or another editor forging the end gets 403 and the vote runs on', async () => {
    for (const p of [ann, bo, eve]) {
      const forged = await call(p, 'POST', `/votes/${voteId}/end`);
      expect(forged).toMatchObject({
        status: 403,
        body: { error: 'only whoever started the vote or a board owner can end it' },
      });
    }
    // Claiming to be the facilitator needs their secret voter id, and a viewer link still is not one.
    const asFay = await api('POST', `/votes/${voteId}/end`, boardId, {
      authorization: `Bearer ${tokens.viewer}`,
      'x-voter-id': 'fay-facilitator-0002',
    });
    expect(asFay.status).toBe(403);
    expect((await view(fay, voteId)).status).toBe('running');
  });

  it('W200, W201, W207, S97: the facilitator ends it: ranked results with voters; the doc only flips its marker', async () => {
    const { client, updates } = listen();
    await synced(client);
    expect(readVoteMarker(client.doc)).toEqual({
      id: voteId,
      title: 'Top pain points',
      endsAt: null,
      status: 'running',
    });
    const withoutVote = () => {
      const { vote: _vote, ...rest } = client.doc.toJSON();
      return JSON.stringify(rest);
    };
    const before = withoutVote();
    const seenBefore = updates.length;
    // Ballots change nothing in the doc (and nothing reaches a listening client).
    const [, p2] = cardsIn('painPoints');
    await takeBack(fay, voteId, cardsIn('painPoints')[2]!);
    await place(fay, voteId, p2!);
    await place(bo, voteId, p2!);
    const ended = await call(fay, 'POST', `/votes/${voteId}/end`);
    expect(ended.status).toBe(200);
    await whenDoc(client.doc, () => readVoteMarker(client.doc)?.status === 'ended');
    // What reached the listener since the ballots changed nothing but the marker.
    expect(updates.length).toBeGreaterThan(seenBefore);
    expect(withoutVote()).toBe(before);
    expect(Object.keys(client.doc.getMap('vote').toJSON()).sort()).toEqual([
      'id',
      'status',
      'title',
    ]);
    const text = JSON.stringify(client.doc.toJSON());
    for (const secret of ['Ann', 'Bo', 'ann-viewer', 'votes'])
      expect(mentionsWord(text, secret)).toBe(false);

    const results = ended.body as Extract<VoteView, { status: 'ended' }>;
    const [p1] = cardsIn('painPoints');
    expect(results.status).toBe('ended');
    expect(results.participants).toBe(3);
    expect(results.results.slice(0, 2)).toEqual([
      {
        rank: 1,
        cardId: p2,
        votes: 3,
        voters: [
          { name: 'Bo', votes: 2 },
          { name: 'Fay', votes: 1 },
        ],
      },
      { rank: 2, cardId: p1, votes: 2, voters: [{ name: 'Ann', votes: 2 }] },
    ]);
    expect(results.results.map((r) => r.votes)).toEqual([3, 2, 1]);
    // Every one sees the same results now.
    expect((await view(ann, voteId)).status).toBe('ended');
    expect(await view(ann, voteId)).toMatchObject({ results: results.results });
  });

  it('W198: after the end no dot is placed or taken back', async () => {
    const [p1] = cardsIn('painPoints');
    for (const res of [await place(ann, voteId, p1!), await takeBack(ann, voteId, p1!)])
      expect(res).toMatchObject({
        status: 409,
        body: { error: 'the vote has ended; no more votes can be placed or taken back' },
      });
  });

  it('W202, W203, S100: past votes are listed; results export as CSV and JSON, naming voters by name only', async () => {
    const list = (await call(ann, 'GET', '/votes')).body.votes as { id: string; status: string }[];
    expect(list).toMatchObject([{ id: voteId, status: 'ended', title: 'Top pain points' }]);
    const csv = await fetch(`${server.url}/api/boards/${boardId}/votes/${voteId}/results.csv`, {
      headers: ann.headers(),
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('rank,card_id,stage,lane,text,votes,voters');
    expect(lines[1]).toMatch(
      new RegExp(`^1,${cardsIn('painPoints')[1]},.*,3,Bo \\(2\\); Fay \\(1\\)$`),
    );
    const json = await call(ann, 'GET', `/votes/${voteId}/results.json`);
    expect(json.body).toMatchObject({ id: voteId, status: 'ended' });
    expect(json.body.results[0]).toMatchObject({ rank: 1, votes: 3 });
    expect(json.body).not.toHaveProperty('mine');
    // No voter key (guest voter ids, user ids) anywhere in what the server answers.
    const everything = JSON.stringify([list, json.body, await view(olga, voteId)]);
    for (const key of ['ann-viewer-voter', 'bo-commenter-voter', 'fay-facilitator', 'g:', 'u:'])
      expect(everything).not.toContain(key);
  });

  it('W200, W201: an owner ends an anonymous vote someone else started; no names in its results', async () => {
    const started = await call(eve, 'POST', '/votes', {
      title: 'Which opportunity first?',
      votesPerPerson: 2,
      cardIds: cardsIn('opportunities').slice(0, 2),
      anonymous: true,
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    expect((await place(ann, id, cardsIn('opportunities')[0]!)).status).toBe(200);
    const ended = await call(olga, 'POST', `/votes/${id}/end`);
    expect(ended.body).toMatchObject({ status: 'ended', results: [{ rank: 1, votes: 1 }] });
    expect(JSON.stringify(ended.body.results)).not.toContain('Ann');
    const csv = await fetch(`${server.url}/api/boards/${boardId}/votes/${id}/results.csv`, {
      headers: olga.headers(),
    });
    expect((await csv.text()).split('\r\n')[0]).toBe('rank,card_id,stage,lane,text,votes');
  });

  it('W206: a timed vote ends by itself at its deadline and the reveal reaches listening clients', async () => {
    const { client } = listen();
    await synced(client);
    const started = await call(fay, 'POST', '/votes', {
      title: 'Quick pick',
      votesPerPerson: 1,
      durationMs: 1_500,
    });
    const id = started.body.id as string;
    expect(
      Date.parse(started.body.endsAt as string) - Date.parse(started.body.createdAt as string),
    ).toBe(1_500);
    await whenDoc(client.doc, () => readVoteMarker(client.doc)?.id === id);
    expect(readVoteMarker(client.doc)?.endsAt).toBe(started.body.endsAt);
    expect((await place(bo, id, cards[0]!.id)).status).toBe(200);
    await whenDoc(client.doc, () => readVoteMarker(client.doc)?.status === 'ended');
    expect(await view(bo, id)).toMatchObject({
      status: 'ended',
      endedAt: started.body.endsAt,
      results: [{ votes: 1 }],
    });
    expect((await place(ann, id, cards[1]!.id)).status).toBe(409);
  });
});
