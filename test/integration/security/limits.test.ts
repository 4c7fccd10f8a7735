/**
 * Resource limits over the real server: slow consumers (a spawned server process whose memory
 * is read from /metrics), message budgets, connection caps, the board size cap and the origin
 * check of the sync endpoint.
 */
import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../../server/server.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  waitForAsync,
  whenSynced,
  type Client,
} from '../../helpers/clients.js';
import {
  createBoard,
  removeDir,
  spawnServer,
  startTestServer,
  tempDataDir,
  wsUrlOf,
  type ServerProcess,
} from '../../helpers/server.js';
import {
  awarenessEntries,
  closeCodeOf,
  frame,
  GC_EVERY_50_MS,
  rawConnect,
  rawJoin,
  rawTcpSession,
  serverMemory,
  sleep,
  trackDenials,
  type RawClient,
} from './support.js';

let clients: Client[] = [];
let raws: RawClient[] = [];

beforeAll(() => {
  process.setMaxListeners(50); // every y-websocket provider adds a process 'exit' listener
});

afterEach(() => {
  for (const r of raws) r.ws.terminate();
  raws = [];
  disconnectAll(clients);
  clients = [];
});

function join(wsBase: string, room: string, token: string): Client {
  const client = connectClient(wsBase, room, new Y.Doc(), token);
  trackDenials(client.provider);
  clients.push(client);
  return client;
}

function keep<T extends RawClient>(raw: T): T {
  raws.push(raw);
  return raw;
}

/** A stream of distinct updates from one scratch client (each one replaces `key`). */
function updateSource(clientId?: number) {
  const doc = new Y.Doc();
  if (clientId !== undefined) doc.clientID = clientId;
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  return (key: string, value: string): Uint8Array => {
    doc.getMap('limits').set(key, value);
    return out.shift()!;
  };
}

describe('a consumer that never reads (spawned server)', () => {
  let dataDir: string;
  let proc: ServerProcess;
  const SOFT = 64 << 10;
  const HARD = 1 << 20;

  beforeAll(async () => {
    dataDir = tempDataDir();
    proc = await spawnServer(dataDir, {
      SLOW_SOCKET_SOFT_BYTES: String(SOFT),
      SLOW_SOCKET_HARD_BYTES: String(HARD),
      RATE_DOC_PER_SEC: '100000',
      RATE_AWARENESS_PER_SEC: '100000',
      RATE_BYTES_PER_SEC: String(1 << 30),
      MAX_BOARD_BYTES: String(512 << 20),
      NODE_OPTIONS: GC_EVERY_50_MS,
    });
  });

  afterAll(async () => {
    proc.child.kill('SIGKILL');
    await proc.exited;
    removeDir(dataDir);
  });

  const metrics = () => serverMemory(proc.url);

  it('S29: skips presence for it, then drops it on doc traffic, keeping server memory bounded', async () => {
    const board = await createBoard(proc.url);
    const ws = wsUrlOf(proc.url);
    const slow = keep(await rawJoin(ws, board.id, board.tokens.viewer));
    const slowSocket = (slow.ws as unknown as { _socket: Socket })._socket;
    slowSocket.pause(); // from now on it reads nothing: the kernel buffers fill, then the server's
    const writer = keep(await rawJoin(ws, board.id, board.tokens.editor));
    const reader = join(ws, board.id, board.tokens.viewer);
    await whenSynced(reader);
    const start = await metrics();
    expect(start.connections).toBe(3);

    // 1. Presence traffic: 64 MiB of awareness, droppable, so the slow socket is only skipped.
    const blob = 'x'.repeat(32 << 10);
    const FRAMES = 2048;
    for (let i = 1; i <= FRAMES; i++) {
      writer.send(
        frame.awareness(
          awarenessEntries([{ clientId: 4242, clock: i, state: JSON.stringify({ i, blob }) }]),
        ),
      );
      if (i % 128 === 0) await sleep(2);
    }
    await waitFor(
      () => (reader.provider.awareness.getStates().get(4242) as { i?: number })?.i === FRAMES,
      20_000,
      'the reader sees the last presence frame',
    );
    await sleep(300);
    const afterPresence = await metrics();
    expect(afterPresence.connections).toBe(3); // presence alone never closes a slow socket
    expect(afterPresence.memory - start.memory).toBeLessThan(16);

    // 2. Document traffic: 64 MiB of updates, which must reach everyone or close the laggard.
    const next = updateSource();
    for (let i = 1; i <= FRAMES; i++) {
      writer.send(frame.update(next('blob', `${i} ${blob}`)));
      if (i % 128 === 0) await sleep(2);
    }
    await waitFor(
      () =>
        (reader.doc.getMap('limits').get('blob') as string | undefined)?.startsWith(
          `${FRAMES} `,
        ) === true,
      30_000,
      'the reader has the last update',
    );
    await waitForAsync(
      async () => (await metrics()).connections === 2,
      5000,
      'the slow socket dropped',
    ).catch(() => {});
    // 64 MiB of updates also queue for the disk, legitimately; on a busy machine the writer
    // lags behind. That memory is not the slow socket's, so it is measured once written.
    await waitForAsync(async () => (await metrics()).pending === 0, 20_000, 'the updates written');
    // Written, the log is compacted (maybe twice, if the burst outran the first compaction),
    // and then nothing of the 64 MiB stays. Memory is polled: the compactions end in their time.
    let afterDocs = await metrics();
    await waitForAsync(
      async () => (afterDocs = await metrics()).memory - start.memory < 16,
      20_000,
      'memory back near where it started',
    ).catch(() => {});
    console.info(
      `slow consumer: heap+external MiB ${start.memory.toFixed(1)} → ${afterPresence.memory.toFixed(1)} (presence) → ${afterDocs.memory.toFixed(1)} (docs); rss MiB ${start.rss.toFixed(0)} → ${afterDocs.rss.toFixed(0)}`,
    );
    expect(afterDocs.connections).toBe(2);
    // What the slow socket was never sent is not held for it: 64 MiB went by.
    expect(afterDocs.memory - start.memory).toBeLessThan(16);
    expect(writer.closeInfo).toBeNull();
    expect(reader.provider.wsconnected).toBe(true);

    // Once it reads again it finds the connection gone (the server cut it off).
    slowSocket.resume();
    const { code } = await slow.closed;
    // The server calls close(4508) and terminate() at once; the close frame sits behind the
    // unread bytes, so what arrives is an abnormal closure. Either proves the cut.
    expect([CloseCode.SLOW_CONSUMER, 1006]).toContain(code);
  }, 120_000);
});

describe('message budgets', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      RATE_DOC_PER_SEC: '5',
      RATE_AWARENESS_PER_SEC: '5',
    });
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W22, S12, S13: reads a doc flooder more slowly, keeping every update, while an honest client carries on', async () => {
    const board = await createBoard(server.url);
    const honest = join(ws, board.id, board.tokens.editor);
    const watcher = join(ws, board.id, board.tokens.viewer);
    await Promise.all([whenSynced(honest), whenSynced(watcher)]);
    const flooder = keep(await rawJoin(ws, board.id, board.tokens.editor));
    const next = updateSource();
    const started = Date.now();
    // Sent in bursts so they arrive over several reads, not all in the first one.
    for (let burst = 0; burst < 4; burst++) {
      for (let i = 0; i < 10; i++) flooder.send(frame.update(next(`flood-${burst * 10 + i}`, 'x')));
      await sleep(50);
    }
    const flooded = () => [...watcher.doc.getMap('limits').keys()].length;

    // The honest client keeps its connection and its edits keep flowing (within its budget).
    for (let i = 0; i < 3; i++) {
      honest.doc.getMap('honest').set(`edit-${i}`, i);
      await waitFor(() => watcher.doc.getMap('honest').get(`edit-${i}`) === i);
      await sleep(100);
    }
    expect(honest.provider.wsconnected).toBe(true);
    // Slowed to the budget: at most the burst (3 × rate), what refilled meanwhile, and what
    // the server had already read when it stopped reading.
    const elapsed = (Date.now() - started) / 1000;
    expect(flooded()).toBeLessThanOrEqual(15 + Math.ceil(5 * elapsed) + 10);
    expect(flooded()).toBeLessThan(40);
    // ...and nothing lost: the rest arrives, and the flooder was never closed.
    await waitFor(() => flooded() === 40, 15_000, 'every flooded update');
    expect(flooder.closeInfo).toBeNull();
  });

  it('W23: drops presence over budget without closing its sender', async () => {
    const board = await createBoard(server.url);
    const watcher = join(ws, board.id, board.tokens.viewer);
    await whenSynced(watcher);
    const chatty = keep(await rawJoin(ws, board.id, board.tokens.viewer));
    for (let i = 1; i <= 200; i++)
      chatty.send(
        frame.awareness(awarenessEntries([{ clientId: 777, clock: i, state: `{"i":${i}}` }])),
      );
    // A sync round trip: its answer comes once the server has handled all 200 (in order).
    const before = chatty.frames.length;
    chatty.send(frame.step1());
    await waitFor(() => chatty.frames.slice(before).some((f) => f[0] === 0 && f[1] === 1));
    const seenNow = () =>
      (watcher.provider.awareness.getStates().get(777) as { i: number } | undefined)?.i;
    await waitFor(() => seenNow() !== undefined, 5000, 'the chatty state at the watcher');
    expect(chatty.closeInfo).toBeNull();
    expect(seenNow()!).toBeLessThan(200); // the tail of the burst was dropped
    // After a pause the budget refilled and presence flows again.
    await sleep(1000);
    chatty.send(
      frame.awareness(awarenessEntries([{ clientId: 777, clock: 1000, state: '{"i":1000}' }])),
    );
    await waitFor(
      () =>
        (watcher.provider.awareness.getStates().get(777) as { i: number } | undefined)?.i === 1000,
    );
  });

  // Every other message a client sends is budgeted; a query-awareness is one byte in and every
  // presence state of the room out.
  it('S13, S22: budgets query-awareness messages too', async () => {
    const board = await createBoard(server.url);
    const present = join(ws, board.id, board.tokens.viewer);
    await whenSynced(present);
    present.provider.awareness.setLocalState({ user: { name: 'P' }, pad: 'p'.repeat(16 << 10) });
    const asker = keep(await rawJoin(ws, board.id, board.tokens.viewer));
    await sleep(200);
    const before = asker.frames.length;
    for (let i = 0; i < 200; i++) asker.send(frame.queryAwareness());
    await sleep(1000);
    const answers = asker.frames.slice(before).filter((f) => f[0] === 1).length;
    // Answered no more often than a budget allows, never closed.
    expect(asker.closeInfo).toBeNull();
    expect(answers).toBeLessThanOrEqual(15 + 5 + 1);
  });

  it('W24: holds, and then applies, everything a client sends before its board is ready', async () => {
    const board = await createBoard(server.url);
    const watcher = join(ws, board.id, board.tokens.viewer);
    await whenSynced(watcher);
    // The frames travel in the same TCP write as the handshake: they all arrive while the
    // token is still being checked.
    const next = updateSource();
    const frames = Array.from({ length: 100 }, (_, i) => frame.update(next(`early-${i}`, 'e')));
    const tcp = await rawTcpSession(
      server.url,
      `/sync/${board.id}?token=${board.tokens.editor}`,
      frames,
    );
    await waitFor(() => watcher.doc.getMap('limits').size === 100, 30_000, 'every early update');
    expect(await Promise.race([tcp.closeCode, sleep(100).then(() => 'open')])).toBe('open');
    tcp.socket.destroy();
  });
});

describe('board size cap', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;
  const CAP = 64 << 10;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      MAX_BOARD_BYTES: String(CAP),
      RATE_DOC_PER_SEC: '100000',
    });
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W26, W27: closes with 4513 (retry later) the writer of an update that would grow the board past the cap, and still takes deletions', async () => {
    const board = await createBoard(server.url);
    const writer = keep(await rawJoin(ws, board.id, board.tokens.editor));
    const next = updateSource();
    writer.send(frame.update(next('almost', 'a'.repeat(CAP / 2))));
    writer.send(frame.update(next('big', 'b'.repeat(CAP / 2))));
    expect((await writer.closed).code).toBe(CloseCode.BOARD_FULL);
    const fresh = join(ws, board.id, board.tokens.editor);
    await whenSynced(fresh);
    expect(fresh.doc.getMap('limits').get('almost')).toBeDefined();
    expect(fresh.doc.getMap('limits').get('big')).toBeUndefined();
    // Deleting is how a full board is cleaned up: it passes.
    const other = join(ws, board.id, board.tokens.viewer);
    await whenSynced(other);
    fresh.doc.getMap('limits').delete('almost');
    await waitFor(() => !other.doc.getMap('limits').has('almost'), 5000, 'the deletion');
    expect(fresh.provider.wsconnected).toBe(true);
  });

  // An update whose dependencies never arrived is kept in memory (Yjs "pending structs"), is
  // re-sent to every joiner with the board, but emits no doc update: it must still count.
  it('W16, S25: keeps nothing of updates waiting for missing dependencies, and asks their sender to resync', async () => {
    const board = await createBoard(server.url);
    const step2Size = async () => {
      const joiner = keep(await rawJoin(ws, board.id, board.tokens.viewer));
      joiner.send(frame.step1());
      await waitFor(() => joiner.frames.some((f) => f[0] === 0 && f[1] === 1), 5000, 'step 2');
      return joiner.frames.find((f) => f[0] === 0 && f[1] === 1)!.byteLength;
    };
    const before = await step2Size();
    const writer = keep(await rawJoin(ws, board.id, board.tokens.editor));
    const next = updateSource(0x5ca1ab1e);
    next('first', 'never sent'); // the dependency every later update waits for
    const chunk = 'p'.repeat(2 << 10);
    let sent = 0;
    for (let i = 0; sent < 3 * CAP && !writer.closeInfo; i++) {
      const update = next(`pending-${i}`, chunk);
      writer.send(frame.update(update));
      sent += update.byteLength;
      if (i % 16 === 15) await sleep(5);
    }
    await Promise.race([writer.closed, sleep(1000)]);
    // Each such update is answered with the server's state vector (a sync step 1)...
    const step1s = writer.frames.filter((f) => f[0] === 0 && f[1] === 0);
    expect(step1s.length).toBeGreaterThan(1);
    // ...and adds nothing to the board, so the size cap never closes its sender.
    expect(writer.closeInfo).toBeNull();
    // What a joiner is sent for the board holds none of it.
    expect(await step2Size()).toBe(before);
  });
});

describe('connection caps', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, { MAX_CONNECTIONS_PER_BOARD: '3' });
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('S35: refuses the 4th connection to a board (either doc) with 4529, and admits again after a leave', async () => {
    const board = await createBoard(server.url);
    const three = [0, 1, 2].map(() => join(ws, board.id, board.tokens.editor));
    await Promise.all(three.map((c) => whenSynced(c)));
    expect(await closeCodeOf(ws, board.id, board.tokens.editor)).toBe(
      CloseCode.TOO_MANY_CONNECTIONS,
    );
    expect(await closeCodeOf(ws, `${board.id}/comments`, board.tokens.owner)).toBe(
      CloseCode.TOO_MANY_CONNECTIONS,
    );
    // Other boards are not affected.
    const other = await createBoard(server.url);
    keep(await rawJoin(ws, other.id, other.tokens.viewer));

    three[0]!.provider.destroy();
    await sleep(200);
    keep(await rawJoin(ws, board.id, board.tokens.viewer));
    expect(three.slice(1).every((c) => c.provider.wsconnected)).toBe(true);
  });

  it('S35: admits at most the cap when connections arrive at the same moment', async () => {
    const board = await createBoard(server.url);
    const rush = Array.from({ length: 8 }, () =>
      keep(rawConnect(ws, board.id, board.tokens.editor)),
    );
    const joined = (r: RawClient) => r.frames.some((f) => f[0] === 0 && f[1] === 0);
    await waitFor(() => rush.every((r) => joined(r) || r.closeInfo !== null), 5000, 'the rush');
    await sleep(100);
    const admitted = rush.filter((r) => joined(r) && r.closeInfo === null);
    const refused = rush.filter((r) => r.closeInfo !== null).map((r) => r.closeInfo!.code);
    expect(admitted.length).toBe(3);
    expect(refused).toEqual(new Array<number>(5).fill(CloseCode.TOO_MANY_CONNECTIONS));
  });
});

describe('origin check', () => {
  let dirs: string[] = [];
  let servers: RunningServer[] = [];

  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const d of dirs) removeDir(d);
    dirs = [];
    servers = [];
  });

  async function serve(env: Record<string, string> = {}) {
    const dir = tempDataDir();
    const server = await startTestServer(dir, env);
    dirs.push(dir);
    servers.push(server);
    return { server, ws: wsUrlOf(server.url) };
  }

  /** Whether a socket with this Origin joins the board (null), or its close code. */
  async function outcome(ws: string, room: string, token: string, origin?: string) {
    const raw = keep(rawConnect(ws, room, token, origin ? { headers: { origin } } : {}));
    await waitFor(
      () => raw.closeInfo !== null || raw.frames.some((f) => f[0] === 0 && f[1] === 0),
      5000,
      `the outcome for ${origin}`,
    );
    return raw.closeInfo?.code ?? null;
  }

  it('S11: allows same-origin and no Origin; refuses other sites with 4403', async () => {
    const { server, ws } = await serve();
    const board = await createBoard(server.url);
    const t = board.tokens.editor;
    expect(await outcome(ws, board.id, t)).toBeNull();
    expect(await outcome(ws, board.id, t, server.url)).toBeNull();
    expect(await outcome(ws, board.id, t, 'https://evil.example')).toBe(CloseCode.FORBIDDEN);
    expect(await outcome(ws, `${board.id}/comments`, t, 'https://evil.example')).toBe(
      CloseCode.FORBIDDEN,
    );
    expect(await outcome(ws, board.id, t, 'null')).toBe(CloseCode.FORBIDDEN);
    expect(await outcome(ws, board.id, t, 'https://good.example')).toBe(CloseCode.FORBIDDEN);
    // The host of the server under another port is another origin.
    const port = Number(new URL(server.url).port);
    expect(await outcome(ws, board.id, t, `http://127.0.0.1:${port + 1}`)).toBe(
      CloseCode.FORBIDDEN,
    );
    // The origin is checked before anything else: even a bad token gets 4403.
    expect(await outcome(ws, board.id, 'garbage', 'https://evil.example')).toBe(
      CloseCode.FORBIDDEN,
    );
  });

  it('S11: lets in the origins listed in ALLOWED_ORIGINS, and only those', async () => {
    const { server, ws } = await serve({
      ALLOWED_ORIGINS: 'https://good.example, https://also.example',
    });
    const board = await createBoard(server.url);
    const t = board.tokens.editor;
    expect(await outcome(ws, board.id, t, 'https://good.example')).toBeNull();
    expect(await outcome(ws, board.id, t, 'https://also.example')).toBeNull();
    expect(await outcome(ws, board.id, t, server.url)).toBeNull();
    expect(await outcome(ws, board.id, t, 'https://evil.example')).toBe(CloseCode.FORBIDDEN);
    expect(await outcome(ws, board.id, t, 'https://good.example.evil.example')).toBe(
      CloseCode.FORBIDDEN,
    );
    expect(await outcome(ws, board.id, t, 'http://good.example')).toBe(CloseCode.FORBIDDEN);
  });
});
