/**
 * The workshop timer, quiet mode and "Bring everyone here" on the wire: the server's clock over
 * REST, the doc keys behind the schema guard, who may summon, and both across two instances.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LocalBus, LocalHub } from '../../server/bus/localBus.js';
import type { RunningServer } from '../../server/server.js';
import { readQuietCursors, setQuietCursors } from '../../shared/model/gather.js';
import { readTimer, startTimer } from '../../shared/model/timer.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import { openedClients } from '../helpers/openedClients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';
import { whenStockSynced } from '../helpers/stockClients.js';

const opened = openedClients();
const user = (id: string) => ({ id, name: id, color: '#1d4ed8' });
const summon = { id: 'summon-1', x: 1200, y: -40, zoom: 0.8, at: Date.now() };

interface AwarenessLike {
  setLocalState(s: unknown): void;
  getStates(): Map<number, unknown>;
}
const awarenessOf = (provider: unknown) => (provider as { awareness: AwarenessLike }).awareness;
const stateOf = (awareness: AwarenessLike, id: string) =>
  [...awareness.getStates().values()].find(
    (s) => (s as { user?: { id?: string } }).user?.id === id,
  ) as { summon?: unknown; presenting?: boolean } | undefined;

describe('workshop on one instance', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir);
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W192: GET /api/time answers the server clock, never cached, without a token', async () => {
    const before = Date.now();
    const res = await fetch(`${server.url}/api/time`);
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { now: number };
    expect(body.now).toBeGreaterThanOrEqual(before);
    expect(body.now).toBeLessThanOrEqual(after);
  });

  it('W194, S95: a summon from a viewer or commenter is dropped; an editor’s reaches everyone', async () => {
    const board = await createBoard(server.url);
    const observer = opened.ours(ws, board.id, board.tokens.owner);
    await whenSynced(observer);
    const people = (['viewer', 'commenter', 'editor'] as const).map((role) => ({
      role,
      client: opened.stock('3.1.0', ws, board.id, board.tokens[role]),
    }));
    await Promise.all(people.map((p) => whenStockSynced(p.client)));
    for (const p of people)
      awarenessOf(p.client.provider).setLocalState({ user: user(p.role), summon });
    const seen = awarenessOf(observer.provider);
    await waitFor(() => people.every((p) => stateOf(seen, p.role)), 5000, 'everyone');
    expect(stateOf(seen, 'viewer')?.summon).toBeUndefined();
    expect(stateOf(seen, 'commenter')?.summon).toBeUndefined();
    expect(stateOf(seen, 'editor')?.summon).toEqual(summon);
  });

  it('W191, S96: only editors change the timer and quiet mode; a stock client’s wrong type is refused; honest stock clients keep working', async () => {
    const board = await createBoard(server.url);
    const editor = opened.ours(ws, board.id, board.tokens.editor);
    await whenSynced(editor);
    startTimer(editor.doc, 300_000, Date.now());
    setQuietCursors(editor.doc, true);
    // A stock client that knows nothing of the timer joins, reads and edits the board.
    const honest = opened.stock('1.5.4', ws, board.id, board.tokens.editor);
    await whenStockSynced(honest);
    await waitFor(() => readTimer(honest.doc) !== null, 5000, 'the timer at a stock client');
    honest.doc.getMap('meta').set('scenario', 'Workshop');
    await waitFor(() => editor.doc.getMap('meta').get('scenario') === 'Workshop', 5000, 'the edit');
    // A viewer's stop is not applied (W13): the timer runs on for everyone.
    const viewer = opened.stock('3.1.0', ws, board.id, board.tokens.viewer);
    await whenStockSynced(viewer);
    viewer.doc.getMap('timer').delete('runId');
    viewer.doc.getMap('gather').set('quietCursors', false);
    const probe = opened.ours(ws, board.id, board.tokens.owner);
    await whenSynced(probe);
    expect(readTimer(probe.doc)?.state).toBe('running');
    expect(readQuietCursors(probe.doc)).toBe(true);
    // An editor's wrong type is refused at the door (4400) and reaches no one.
    const foreign = opened.ours(ws, board.id, board.tokens.editor);
    await whenSynced(foreign);
    foreign.doc.getMap('timer').set('endsAt', 'in five minutes');
    expect(await foreign.closed).toBe(CloseCode.BAD_MESSAGE);
    const late = opened.ours(ws, board.id, board.tokens.owner);
    await whenSynced(late);
    expect(late.doc.getMap('timer').get('endsAt')).toBe(readTimer(editor.doc)?.endsAt);
  });
});

describe('workshop across two instances (in-process bus)', () => {
  const SECRET = 'workshop-test-secret-0123456789abcdef01';
  let dataDir: string;
  let hub: LocalHub;
  let servers: RunningServer[];
  let clients: Client[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    hub = new LocalHub();
    const start = (id: string) =>
      startTestServer(
        dataDir,
        { AUTH_SECRET: SECRET, INSTANCE_ID: id },
        { bus: new LocalBus(hub, id) },
      );
    servers = [await start('a'), await start('b')];
  });

  afterEach(() => {
    disconnectAll(clients);
    clients = [];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    removeDir(dataDir);
  });

  it('W190, W194: a timer started and a summon sent on instance A reach a participant on B', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const board = await createBoard(a.url);
    const onA = connectClient(wsUrlOf(a.url), board.id, new Y.Doc(), board.tokens.editor);
    const onB = connectClient(wsUrlOf(b.url), board.id, new Y.Doc(), board.tokens.viewer);
    clients.push(onA, onB);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    const timer = startTimer(onA.doc, 120_000, Date.now());
    onA.provider.awareness.setLocalState({ user: user('ada'), summon });
    await waitFor(() => readTimer(onB.doc)?.runId === timer.runId, 5000, 'the timer on B');
    await waitFor(
      () => stateOf(awarenessOf(onB.provider), 'ada')?.summon !== undefined,
      5000,
      'the summon on B',
    );
    expect(stateOf(awarenessOf(onB.provider), 'ada')?.summon).toEqual(summon);
  });
});
