/**
 * W4 cold join: a board of C cards and M comments. Time from opening the sockets (board and
 * comments doc, as the app does) to both synced, for one client and for J joining at once.
 * journeyboard imports the board over REST and loads it from storage on the first join
 * (cold); the other servers keep no storage, so a seeding client syncs it in and stays.
 */
import * as Y from 'yjs';
import { BenchClient } from '../generator/client.js';
import { bigBoardJson, boardUpdate, commentsUpdate } from '../generator/boardData.js';
import { summarize } from '../generator/stats.js';
import { ProcessMeter, SelfMeter, whenQuiet } from '../proc.js';
import type { BenchServer, DocKind, RoomRef } from '../servers.js';
import { closeCodes, metric, sleep, type Workload } from './common.js';

/** journeyboard unloads an empty room after ROOM_UNLOAD_GRACE_MS (300 ms in the bench). */
const UNLOAD_WAIT_MS = 1200;
const JOIN_TIMEOUT_MS = 180_000;

interface Content {
  json: ReturnType<typeof bigBoardJson>;
  board: Uint8Array;
  comments: Uint8Array;
}

let cached: { key: string; content: Content } | null = null;

/** Built once per run and size: every server gets the same board. */
function content(cards: number, comments: number): Content {
  const key = `${cards}/${comments}`;
  if (cached?.key !== key) {
    const json = bigBoardJson(cards);
    cached = {
      key,
      content: { json, board: boardUpdate(json), comments: commentsUpdate(json, comments) },
    };
  }
  return cached.content;
}

/** Pushes `update` into a room's doc through one client; resolves once the server holds it. */
async function push(server: BenchServer, room: RoomRef, doc: DocKind, update: Uint8Array) {
  const client = new BenchClient(server.target(room, doc));
  await client.synced(60_000);
  client.sendUpdate(update);
  await client.roundTrip(Y.encodeStateVectorFromUpdate(update), 60_000);
  return client;
}

/** A room holding the content, ready to be joined (cold on journeyboard). */
async function seed(
  server: BenchServer,
  c: Content,
): Promise<{ room: RoomRef; seeders: BenchClient[] }> {
  if (server.importBoard) {
    const room = await server.importBoard(c.json);
    await (await push(server, room, 'comments', c.comments)).close();
    await whenUnloaded(server);
    return { room, seeders: [] };
  }
  const room = await server.newRoom();
  const seeders = [
    await push(server, room, 'board', c.board),
    await push(server, room, 'comments', c.comments),
  ];
  return { room, seeders };
}

/** Waits until journeyboard holds no room in memory, so the next join loads from storage. */
async function whenUnloaded(server: BenchServer): Promise<void> {
  const deadline = performance.now() + 10_000;
  await sleep(UNLOAD_WAIT_MS);
  while ((await server.loadedRooms!()) > 0) {
    if (performance.now() > deadline)
      throw new Error('rooms stayed loaded: the join would not be cold');
    await sleep(200);
  }
}

/** One person opening the board: both docs at once; resolves with ms to both synced. */
function join(
  server: BenchServer,
  room: RoomRef,
): { sockets: BenchClient[]; done: Promise<number> } {
  const sockets = [
    new BenchClient(server.target(room, 'board')),
    new BenchClient(server.target(room, 'comments')),
  ];
  const started = Math.min(...sockets.map((s) => s.startedAt));
  const done = Promise.all(sockets.map((s) => s.synced(JOIN_TIMEOUT_MS))).then(
    (at) => Math.max(...at) - started,
  );
  return { sockets, done };
}

/** RSS after a full GC, in KB. */
async function settledRssKb(server: BenchServer, settleMs: number): Promise<number> {
  await sleep(settleMs);
  return (await server.collectGarbage()).rss / 1024;
}

/**
 * What holding the board costs: RSS with its docs loaded (journeyboard: one person joined and
 * the room integrated its doc once joins paused) less RSS without them, after a full GC each.
 */
async function loadedBoardKb(server: BenchServer, c: Content, settleMs: number) {
  if (!server.importBoard) {
    const before = await settledRssKb(server, settleMs);
    const seeded = await seed(server, c);
    return { kb: (await settledRssKb(server, settleMs)) - before, ...seeded };
  }
  const seeded = await seed(server, c);
  const before = await settledRssKb(server, settleMs);
  const one = join(server, seeded.room);
  await one.done;
  const kb = (await settledRssKb(server, Math.max(settleMs, 1500))) - before;
  await Promise.all(one.sockets.map((s) => s.close()));
  await whenUnloaded(server);
  return { kb, ...seeded };
}

export const w4: Workload = async ({ server, scale }) => {
  const { cards, comments, joiners, singleJoins } = scale.w4;
  if (!server.stateful) {
    return {
      workload: 'W4',
      metrics: [],
      notes: ['the relay holds no document: nothing to join'],
      closeCodes: {},
    };
  }
  const c = content(cards, comments);
  const notes: string[] = [];
  const codes: Record<string, number> = {};
  const tally = (clients: BenchClient[]) => {
    for (const [code, n] of Object.entries(closeCodes(clients)))
      codes[code] = (codes[code] ?? 0) + n;
  };

  // One person, several times (journeyboard: cold each time, the room unloads in between).
  const loaded = await loadedBoardKb(server, c, scale.settleMs);
  let { room, seeders } = loaded;
  const encodedKb = (c.board.byteLength + c.comments.byteLength) / 1024;
  const singles: number[] = [];
  const singleCpuMs: number[] = [];
  for (let i = 0; i < singleJoins; i++) {
    const single = new ProcessMeter(server.pid, 1000);
    const one = join(server, room);
    singles.push(await one.done);
    singleCpuMs.push(single.stop().cpuMs);
    tally(one.sockets);
    await Promise.all(one.sockets.map((s) => s.close()));
    if (server.importBoard) await whenUnloaded(server);
  }
  await Promise.all(seeders.map((s) => s.close()));

  // The join storm, on a fresh (cold) copy.
  ({ room, seeders } = await seed(server, c));
  await whenQuiet(server.pid);
  const meter = new ProcessMeter(server.pid, 100);
  // Receiving 500 whole boards (880 MB) is work for the generator too: it may be the limit.
  const self = new SelfMeter();
  const stormStart = performance.now();
  const storm = Array.from({ length: joiners }, () => join(server, room));
  const settled = await Promise.allSettled(storm.map((j) => j.done));
  const stormMs = performance.now() - stormStart;
  const used = meter.stop();
  const generator = self.stop();
  const times = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.length - times.length;
  const sockets = storm.flatMap((j) => j.sockets);
  if (failed) {
    const reason = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    notes.push(`${failed} of ${joiners} joiners did not sync: ${(reason.reason as Error).message}`);
  }
  tally(sockets);
  await Promise.all([...sockets, ...seeders].map((s) => s.close()));
  const per = summarize(times);
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;
  if (!server.importBoard)
    notes.push('no storage: joins are warm (a seeding client keeps the docs loaded)');
  return {
    workload: 'W4',
    metrics: [
      metric('docMb', 'docs', (c.board.byteLength + c.comments.byteLength) / 1e6, 'MB', null, 2),
      metric('single', 'one join', median(singles), 'ms', true, 1),
      metric('singleCpu', 'one join, server CPU', median(singleCpuMs), 'ms', true, 0),
      metric('boardRss', 'loaded board, RSS', loaded.kb / 1024, 'MB', true, 1),
      metric(
        'boardRssRatio',
        'loaded board RSS ÷ encoded size',
        loaded.kb / encodedKb,
        '×',
        true,
        1,
      ),
      metric('joiners', 'joiners', joiners, '', null, 0),
      metric('storm', 'all synced', failed ? null : stormMs, 'ms', true, 0),
      metric('stormP50', 'join p50', per.p50, 'ms', true, 0),
      metric('stormP99', 'join p99', per.p99, 'ms', true, 0),
      metric('failed', 'failed', failed, '', true, 0),
      metric('cpu', 'server CPU', used.cpuPercent, '% core', true, 0),
      metric('cpuWait', 'server waiting for CPU', used.waitPercent, '%', null, 0),
      metric('cpuSec', 'CPU', used.cpuMs / 1000, 's', true, 2),
      metric('genCpu', 'generator CPU', generator.cpuPercent, '% core', null, 0),
      metric('genWait', 'generator waiting for CPU', generator.waitPercent, '%', null, 0),
      metric('rss', 'server RSS', used.maxRssKb / 1024, 'MB', true, 0),
    ],
    notes,
    closeCodes: codes,
  };
};
