/**
 * Presence moves (W327–W332, S136) against the real server: journeyboard clients that opt in
 * get cursor moves as moves frames, stock y-websocket clients in the same room get the whole
 * states exactly as before, and everyone ends with everyone's exact latest state.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { sendOwnAwarenessOnly } from '../../client/src/board/core/ownAwareness.js';
import {
  presenceMovesParams,
  receivePresenceMoves,
} from '../../client/src/board/core/presenceMoves.js';
import type { RunningServer } from '../../server/server.js';
import {
  MESSAGE_PRESENCE_MOVES,
  readMovesFrame,
  type Motion,
} from '../../shared/protocol/presenceMoves.js';
import { waitFor } from '../helpers/clients.js';
import { connectStock, destroyStock, type StockClient } from '../helpers/stockClients.js';
import {
  boardTokens,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

const user = (n: number) => ({ id: `user-${n}`, name: `Person ${n}`, color: '#1d4ed8' });

interface Ours {
  provider: WebsocketProvider;
  /** Moves frames it received. */
  moveFrames: number;
}

/** Our client as session.ts builds it: opted in, reading moves, sending only its own state. */
function connectOurs(wsUrl: string, boardId: string): Ours {
  const provider = new WebsocketProvider(wsUrl, boardId, new Y.Doc(), {
    params: { token: boardTokens.get(boardId)!.editor, ...presenceMovesParams },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  sendOwnAwarenessOnly(provider);
  receivePresenceMoves(provider);
  const ours: Ours = { provider, moveFrames: 0 };
  const read = provider.messageHandlers[MESSAGE_PRESENCE_MOVES]!;
  provider.messageHandlers[MESSAGE_PRESENCE_MOVES] = (...args) => {
    ours.moveFrames++;
    read(...args);
  };
  return ours;
}

/** The message types a stock provider is handed (it looks each up in its handlers). */
function typesSeenBy(client: StockClient): Set<number> {
  const seen = new Set<number>();
  const provider = client.provider as unknown as { messageHandlers: unknown[] };
  provider.messageHandlers = new Proxy(provider.messageHandlers, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) seen.add(Number(key));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return seen;
}

const awarenessOf = (client: StockClient) =>
  (client.provider as unknown as { awareness: Awareness }).awareness;

describe('presence moves (W327–W332)', () => {
  let dataDir: string;
  let server: RunningServer;
  let ours: Ours[] = [];
  let stock: StockClient[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      AWARENESS_BATCH_MS: '10',
      PRESENCE_OFFSCREEN_MS: '40',
      RATE_AWARENESS_PER_SEC: '1000',
    });
  });

  afterEach(() => {
    for (const o of ours.splice(0)) o.provider.destroy();
    destroyStock(stock.splice(0));
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W327, W328, W329, W331: opted-in clients get moves, stock clients (1.5.4, 3.1) whole states only; all end with the exact latest states, and removals reach everyone', async () => {
    const board = await createBoard(server.url);
    const ws = wsUrlOf(server.url);
    const token = boardTokens.get(board.id)!.editor;
    ours = [connectOurs(ws, board.id), connectOurs(ws, board.id)];
    stock = [
      connectStock('1.5.4', ws, board.id, token),
      connectStock('3.1.0', ws, board.id, token),
    ];
    const stockTypes = stock.map(typesSeenBy);
    const [mover, watcher] = ours as [Ours, Ours];
    await waitFor(() => ours.every((o) => o.provider.synced), 10_000, 'ours synced');
    await waitFor(() => stock.every((s) => s.provider.synced), 10_000, 'stock synced');
    const changes = { count: 0 };
    const id = mover.provider.awareness.clientID;
    watcher.provider.awareness.on('change', ({ updated }: { updated: number[] }) => {
      if (updated.includes(id)) changes.count++;
    });
    const holders: Awareness[] = [watcher.provider.awareness, ...stock.map(awarenessOf)];
    const latest = () => mover.provider.awareness.getLocalState();
    const allHoldLatest = () =>
      holders.every((a) => JSON.stringify(a.getStates().get(id)) === JSON.stringify(latest()));
    const state = (k: number, selection: string[]) => ({
      user: user(1),
      cursor: { x: 10 * k + 0.25, y: -k },
      selection,
      viewport: { x: k, y: 0, zoom: 1.5 },
    });
    watcher.provider.awareness.setLocalState({ user: user(2), cursor: null, selection: [] });
    mover.provider.awareness.setLocalState(state(0, []));
    await waitFor(allHoldLatest, 5000, 'the arrival');
    const moves = 12;
    for (let k = 1; k <= moves; k++) {
      // A selection in the middle: a whole state, then moves again on the new base.
      mover.provider.awareness.setLocalState(state(k, k > moves / 2 ? ['card-1'] : []));
      await waitFor(allHoldLatest, 5000, `move ${k}`);
    }
    for (const a of holders) expect(a.getStates().get(id)).toEqual(latest());
    // The watcher's own state reached the others exactly too.
    const watcherId = watcher.provider.awareness.clientID;
    for (const a of [mover.provider.awareness, ...stock.map(awarenessOf)]) {
      expect(a.getStates().get(watcherId)).toEqual(watcher.provider.awareness.getLocalState());
    }
    expect(watcher.moveFrames).toBeGreaterThanOrEqual(moves - 2);
    expect(changes.count).toBeGreaterThanOrEqual(moves);
    for (const types of stockTypes) {
      expect(types.has(MESSAGE_PRESENCE_MOVES)).toBe(false);
      expect([...types].every((t) => t <= 3)).toBe(true);
    }

    mover.provider.destroy();
    await waitFor(() => holders.every((a) => !a.getStates().has(id)), 5000, 'the removal');
  });
});

/** A raw socket collecting every frame it receives. */
function rawSocket(url: string): { ws: WebSocket; frames: Uint8Array[]; open: Promise<void> } {
  const ws = new WebSocket(url);
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const open = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  return { ws, frames, open };
}

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 1);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

const typeOf = (frame: Uint8Array) => decoding.readVarUint(decoding.createDecoder(frame));

describe('presence moves on the wire (W328, W330)', () => {
  let dataDir: string;
  let server: RunningServer;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, { AWARENESS_BATCH_MS: '10' });
  });

  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await server.stop();
    removeDir(dataDir);
  });

  it('W328, W330, S136: a move of a state the socket holds is a moves frame of a few bytes; a new selection is a whole state; a socket without the opt-in gets whole states only; a client sending a moves frame is closed 4400', async () => {
    const board = await createBoard(server.url);
    const base = `${wsUrlOf(server.url)}/${board.id}?token=${boardTokens.get(board.id)!.editor}`;
    const watcher = rawSocket(`${base}&presence=moves`);
    const plain = rawSocket(base);
    const sender = rawSocket(base);
    sockets.push(watcher.ws, plain.ws, sender.ws);
    await Promise.all([watcher.open, plain.open, sender.open]);
    const senderId = 4242;
    const state = {
      user: user(1),
      cursor: { x: 100, y: 200 },
      selection: [],
      viewport: { x: 0, y: 0, zoom: 1 },
    };
    const whole = (n: number) => watcher.frames.filter((f) => typeOf(f) === 1).length >= n;
    sender.ws.send(awarenessFrame(senderId, 1, state));
    await waitFor(() => whole(1), 5000, 'the arrival, whole');
    sender.ws.send(awarenessFrame(senderId, 2, { ...state, cursor: { x: -3, y: 7.5 } }));
    const moveFrames = () => watcher.frames.filter((f) => typeOf(f) === MESSAGE_PRESENCE_MOVES);
    await waitFor(() => moveFrames().length === 1, 5000, 'the move');
    const frame = moveFrames()[0]!;
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    const read: [number, number, Motion][] = [];
    const update = readMovesFrame(decoder, (id, clock, motion) => read.push([id, clock, motion]));
    expect([...update]).toEqual([0]);
    expect(read).toEqual([
      [senderId, 2, { cursor: { x: -3, y: 7.5 }, viewport: { x: 0, y: 0, zoom: 1 } }],
    ]);
    // type, empty update, count, id, clock, flags, 4 numbers: 22 bytes against a ~150 byte state.
    expect(frame.byteLength).toBeLessThanOrEqual(24);
    sender.ws.send(awarenessFrame(senderId, 3, { ...state, selection: ['card-1'] }));
    await waitFor(() => whole(2), 5000, 'the new selection, whole');
    expect(moveFrames()).toHaveLength(1);
    await waitFor(
      () => plain.frames.filter((f) => typeOf(f) === 1).length >= 3,
      5000,
      'the plain socket',
    );
    expect(plain.frames.every((f) => typeOf(f) <= 3)).toBe(true);
    const closed = new Promise<number>((resolve) => sender.ws.once('close', resolve));
    sender.ws.send(new Uint8Array([MESSAGE_PRESENCE_MOVES, 0, 0]));
    expect(await closed).toBe(4400);
  });
});
