/**
 * Interest management (W307–W310) with real y-websocket clients: the cursor moves of someone a
 * client does not see reach it less often, yet it ends holding their exact latest state; a
 * client without a viewport (a stock client) gets every move; anything but a move, and the
 * moves of someone followed, are never held back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { connectClient, disconnectAll, synced, waitFor, type Client } from '../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

type View = { x: number; y: number; zoom: number } | null;

const user = (n: number) => ({ id: `user-${n}`, name: `Person ${n}`, color: '#1d4ed8' });

/** A client publishing a W35 state; `viewport` null: a stock client's state, without one. */
function publish(client: Client, n: number, cursor: { x: number; y: number }, viewport: View) {
  client.provider.awareness.setLocalState({
    user: user(n),
    cursor,
    selection: [],
    ...(viewport ? { viewport } : {}),
  });
}

/** Counts the awareness entries of `clientId` that reach `client`. */
function countEntries(client: Client, clientId: number): { count: number } {
  const seen = { count: 0 };
  client.provider.awareness.on(
    'update',
    ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin !== 'local' && [...added, ...updated].includes(clientId)) seen.count++;
    },
  );
  return seen;
}

const stateOf = (client: Client, clientId: number) =>
  client.provider.awareness.getStates().get(clientId);

async function room(server: RunningServer, count: number): Promise<Client[]> {
  const ws = wsUrlOf(server.url);
  const board = await createBoard(server.url);
  const clients = Array.from({ length: count }, () => connectClient(ws, board.id));
  await Promise.all(clients.map(synced));
  return clients;
}

const FAR = { x: 100_000, y: 100_000, zoom: 1 };
const NEAR = { x: 0, y: 0, zoom: 1 };

describe('presence interest (W307–W310)', () => {
  let dataDir: string;
  let server: RunningServer;
  let clients: Client[] = [];
  const offscreenMs = 300;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      AWARENESS_BATCH_MS: '10',
      PRESENCE_OFFSCREEN_MS: String(offscreenMs),
      RATE_AWARENESS_PER_SEC: '1000',
    });
  });

  afterEach(() => disconnectAll(clients.splice(0)));

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W307, W308: a far viewport gets fewer moves of an off-screen mover, ends with its exact latest state; a viewport-less client gets all', async () => {
    clients = await room(server, 4);
    const [mover, near, far, stock] = clients as [Client, Client, Client, Client];
    publish(near, 1, { x: 0, y: 0 }, NEAR);
    publish(far, 2, FAR, FAR);
    publish(stock, 3, { x: 5, y: 5 }, null);
    publish(mover, 0, { x: 0, y: 0 }, NEAR);
    const id = mover.doc.clientID;
    await waitFor(() => [near, far, stock].every((c) => stateOf(c, id)), 5000, 'the arrival');
    const toNear = countEntries(near, id);
    const toFar = countEntries(far, id);
    const toStock = countEntries(stock, id);
    const moves = 30;
    const started = performance.now();
    for (let k = 1; k <= moves; k++) {
      publish(mover, 0, { x: k, y: k }, NEAR);
      // One move per tick: each is the latest state of its own batch.
      await waitFor(() => (stateOf(near, id)?.cursor as { x: number }).x === k, 5000, `move ${k}`);
    }
    const elapsed = performance.now() - started;
    const latest = mover.provider.awareness.getLocalState();
    await waitFor(
      () => JSON.stringify(stateOf(stock, id)) === JSON.stringify(latest),
      5000,
      'stock',
    );
    // The far client waits at most PRESENCE_OFFSCREEN_MS for the latest state (W307).
    await waitFor(() => JSON.stringify(stateOf(far, id)) === JSON.stringify(latest), 5000, 'far');
    expect(stateOf(far, id)).toEqual(latest);
    expect(toNear.count).toBe(moves);
    expect(toStock.count).toBe(moves);
    // One move per PRESENCE_OFFSCREEN_MS, plus the last one's, at most.
    expect(toFar.count).toBeLessThanOrEqual(Math.ceil(elapsed / offscreenMs) + 1);
    expect(toFar.count).toBeLessThan(moves / 2);
  });
});

describe('presence interest, moves held back for long (W308–W310)', () => {
  let dataDir: string;
  let server: RunningServer;
  let clients: Client[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    // Off-screen moves wait a minute: whatever arrives sooner was not held back.
    server = await startTestServer(dataDir, {
      AWARENESS_BATCH_MS: '10',
      PRESENCE_OFFSCREEN_MS: '60000',
      RATE_AWARENESS_PER_SEC: '1000',
    });
  });

  afterEach(() => disconnectAll(clients.splice(0)));

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W308: a cursor that enters or leaves a viewport reaches it at every tick', async () => {
    clients = await room(server, 2);
    const [mover, watcher] = clients as [Client, Client];
    publish(watcher, 1, { x: 0, y: 0 }, NEAR);
    publish(mover, 0, FAR, FAR);
    const id = mover.doc.clientID;
    await waitFor(() => stateOf(watcher, id) !== undefined, 5000, 'the arrival');
    const seen = countEntries(watcher, id);
    // Into the watcher's view (2560 × 1600 CSS px around its centre at zoom 1), then out.
    for (const [k, x] of [
      [1, 100],
      [2, 200],
      [3, 50_000],
    ] as const) {
      publish(mover, 0, { x, y: 0 }, FAR);
      await waitFor(() => seen.count === k, 5000, `move ${k}`);
      expect(stateOf(watcher, id)?.cursor).toEqual({ x, y: 0 });
    }
  });

  it('W309: a change of anything but cursor or viewport goes to everyone at once, with the latest cursor', async () => {
    clients = await room(server, 3);
    const [mover, near, far] = clients as [Client, Client, Client];
    publish(near, 1, { x: 0, y: 0 }, NEAR);
    publish(far, 2, FAR, FAR);
    publish(mover, 0, { x: 0, y: 0 }, NEAR);
    const id = mover.doc.clientID;
    await waitFor(() => stateOf(far, id) !== undefined, 5000, 'the arrival');
    const toFar = countEntries(far, id);
    for (let k = 1; k <= 5; k++) {
      publish(mover, 0, { x: k, y: 0 }, NEAR);
      await waitFor(() => (stateOf(near, id)?.cursor as { x: number }).x === k, 5000, `move ${k}`);
    }
    mover.provider.awareness.setLocalStateField('selection', ['card-1']);
    await waitFor(() => toFar.count > 0, 5000, 'the selection');
    expect(toFar.count).toBe(1);
    expect(stateOf(far, id)).toEqual(mover.provider.awareness.getLocalState());
  });

  it('W310: the moves of the person a client follows, or of a presenter, are never held back', async () => {
    clients = await room(server, 3);
    const [leader, follower, presenter] = clients as [Client, Client, Client];
    publish(leader, 0, FAR, FAR);
    follower.provider.awareness.setLocalState({
      user: user(1),
      cursor: null,
      selection: [],
      viewport: NEAR,
      following: user(0).id,
    });
    presenter.provider.awareness.setLocalState({
      user: user(2),
      cursor: { x: -FAR.x, y: 0 },
      selection: [],
      viewport: { x: -FAR.x, y: 0, zoom: 1 },
      presenting: true,
    });
    const [leaderId, presenterId] = [leader.doc.clientID, presenter.doc.clientID];
    await waitFor(
      () =>
        stateOf(follower, leaderId) !== undefined && stateOf(follower, presenterId) !== undefined,
      5000,
      'the arrivals',
    );
    for (let k = 1; k <= 3; k++) {
      publish(leader, 0, { x: FAR.x + k, y: FAR.y }, { ...FAR, x: FAR.x + k });
      presenter.provider.awareness.setLocalStateField('viewport', { x: -FAR.x + k, y: 0, zoom: 1 });
      await waitFor(
        () =>
          (stateOf(follower, leaderId)?.viewport as { x: number }).x === FAR.x + k &&
          (stateOf(follower, presenterId)?.viewport as { x: number }).x === -FAR.x + k,
        5000,
        `move ${k}`,
      );
    }
  });
});
