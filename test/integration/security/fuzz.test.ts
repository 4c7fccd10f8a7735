/**
 * Protocol fuzzing against a live server: fast-check drives several raw connections (editor
 * links, so frames reach the document) with random bytes, empty frames, wrong message types,
 * huge varUints, truncated and bit-flipped real updates, garbage sync steps, oversized frames
 * and awareness junk. A bad frame may close its sender, nothing else: idle "anchor" sockets in
 * every room must stay open, the server must stay healthy, an honest client must still sync
 * and edit, and every loaded room must equal what storage holds of it.
 *
 * Reproduce a run with FUZZ_SEED=<seed>; failing runs are kept in REGRESSIONS below.
 */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  deleteCard,
  moveCard,
  readCards,
  setCardText,
  setEmotion,
} from '../../../shared/model/index.js';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../../server/server.js';
import { connectClient, disconnectAll, waitFor, whenSynced } from '../../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
  type CreatedBoard,
} from '../../helpers/server.js';
import {
  MSG_AWARENESS,
  MSG_SYNC,
  SYNC_STEP2,
  SYNC_UPDATE,
  awarenessEntries,
  docJson,
  firstDifference,
  frame,
  rawJoin,
  sleep,
  stateVectorOf,
  storedDoc,
  type RawClient,
} from './support.js';

const MAX_MESSAGE_BYTES = 256 * 1024;
const MIN_FRAMES = 10_000;
/** fast-check runs per round; rooms are compared with storage after each round. */
const ROUND_RUNS = 100;
/** An update (bit-flipped from a real addStage) that fails to decode after two structs. */
const PARTIAL_UPDATE_HEX =
  '0103b3ecdbd404002701067374616765730c754b76556e745a416c756b68012800b3ecdbd40400046e616d65' +
  '0177037320300000b3ecdbd40400056f72646572017705613774567000';
/**
 * Runs that once failed: the base seed and how many rounds it took (the rounds build on each
 * other's state). Connections run concurrently, so a replay is faithful but not bit-exact.
 */
const REGRESSIONS: readonly { seed: number; rounds: number }[] = [
  // round 4 (seed 121840856): room SV ahead of storage for the corpus client (9 vs 11)
  { seed: 121840556, rounds: 4 },
  // round 4 (seed 121867617): room SV ahead of storage
  { seed: 121867317, rounds: 4 },
];

/** How a fuzzed socket may end: closed as malformed, or too big (MAX_MESSAGE_BYTES). */
const ALLOWED_CLOSES: readonly number[] = [CloseCode.BAD_MESSAGE, CloseCode.TOO_LARGE];
/**
 * An update that fails half-applied makes the server reload its room, closing every socket of
 * that room with 4503 (retry later), so a fuzzed socket sharing the room with the culprit in
 * the same burst may end that way too. Storage never fails here, so no other 4503 is expected.
 */
const RELOAD_REASON = 'the board is being reloaded';
const isReload = (code: number, reason: string) =>
  code === CloseCode.STORAGE_UNAVAILABLE && reason === RELOAD_REASON;
let reloads = 0;

let dataDir: string;
let server: RunningServer;
let ws: string;
let boardA: CreatedBoard;
let boardB: CreatedBoard;
let rooms: string[];
/** Room → token of an editor of its board. */
const editorOf = new Map<string, string>();
/** One idle socket per room: keeps the room loaded and must never be closed by others' junk. */
const anchors = new Map<string, RawClient>();
let boardUpdates: Uint8Array[] = [];
let commentUpdates: Uint8Array[] = [];
let awarenessUpdates: Uint8Array[] = [];

beforeAll(async () => {
  process.setMaxListeners(50);
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, {
    MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
    RATE_DOC_PER_SEC: '1000000',
    RATE_AWARENESS_PER_SEC: '1000000',
    MAX_CONNECTIONS_PER_IP: '1000',
  });
  ws = wsUrlOf(server.url);
  ({ boardUpdates, commentUpdates, awarenessUpdates } = buildCorpus());
});

afterAll(async () => {
  for (const a of anchors.values()) a.ws.terminate();
  await server.stop();
  removeDir(dataDir);
});

/** Two new boards to fuzz (board A, its comments, board B), each room held open by an anchor. */
async function freshBoards(): Promise<void> {
  for (const a of anchors.values()) a.ws.terminate();
  anchors.clear();
  boardA = await createBoard(server.url);
  boardB = await createBoard(server.url);
  rooms = [boardA.id, `${boardA.id}/comments`, boardB.id];
  editorOf.set(boardA.id, boardA.tokens.editor);
  editorOf.set(`${boardA.id}/comments`, boardA.tokens.editor);
  editorOf.set(boardB.id, boardB.tokens.editor);
  for (const room of rooms) anchors.set(room, await rawJoin(ws, room, editorOf.get(room)));
}

/**
 * Real updates of real board and comment edits (not sent: fuzz material). Deterministic (fixed
 * client ids, explicit record ids, fixed times), so a seed generates the same frames every time.
 */
function buildCorpus() {
  const doc = new Y.Doc();
  doc.clientID = 0x0c0ffee;
  const boardUpdates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => boardUpdates.push(u));
  for (let i = 0; i < 3; i++) addStage(doc, { id: `fuzz-stage-${i}`, name: `Stage ${i}` });
  addLane(doc, { id: 'fuzz-lane-0', name: 'Actions', kind: 'actions' });
  addLane(doc, { id: 'fuzz-lane-1', name: 'Feelings', kind: 'emotions' });
  for (let i = 0; i < 40; i++) {
    const stageId = `fuzz-stage-${i % 3}`;
    const laneId = `fuzz-lane-${i % 2}`;
    const cards = readCards(doc);
    if (i % 5 === 4 && cards.length > 2) deleteCard(doc, cards[0]!.id);
    else if (i % 5 === 3 && cards.length > 0) moveCard(doc, cards.at(-1)!.id, { stageId, laneId });
    else if (i % 5 === 2 && cards.length > 0) setCardText(doc, cards[0]!.id, `text ${i} ✓ ünïcødé`);
    else if (i % 5 === 1 && cards.length > 0) setEmotion(doc, cards[0]!.id, (i % 5) - 2);
    else if (i % 7 === 0) addStage(doc, { id: `fuzz-stage-x${i}`, name: `Extra ${i}` });
    else addCard(doc, { id: `fuzz-card-${i}`, stageId, laneId, text: `card ${i}` });
  }
  // The comments doc's shape (threads of messages), written with plain Yjs for fixed ids.
  const comments = new Y.Doc();
  comments.clientID = 0x0dec0de;
  const commentUpdates: Uint8Array[] = [];
  comments.on('update', (u: Uint8Array) => commentUpdates.push(u));
  const author = { id: 'u-fuzz', name: 'Fuzz' };
  const at = '2025-01-01T00:00:00.000Z';
  const message = (id: string, body: string) =>
    new Y.Map<unknown>([
      ['id', id],
      ['author', author],
      ['body', body],
      ['createdAt', at],
      ['mentions', []],
    ]);
  for (let i = 0; i < 10; i++) {
    const thread = new Y.Map<unknown>();
    comments.transact(() => {
      thread.set('anchor', { kind: 'point', x: i, y: i });
      thread.set('resolved', false);
      thread.set('createdAt', at);
      thread.set('createdBy', author);
      thread.set('messages', Y.Array.from([message(`m${i}`, `thread ${i}`)]));
      comments.getMap('threads').set(`fuzz-thread-${i}`, thread);
    });
    (thread.get('messages') as Y.Array<Y.Map<unknown>>).push([message(`r${i}`, `reply ${i}`)]);
    if (i % 3 === 2) thread.set('resolved', true);
  }
  const awarenessDoc = new Y.Doc();
  awarenessDoc.clientID = 0x0a11ce;
  const aw = new awarenessProtocol.Awareness(awarenessDoc);
  const awarenessUpdates: Uint8Array[] = [];
  for (let i = 0; i < 5; i++) {
    aw.setLocalState({ user: { name: `fuzz ${i}` }, cursor: { x: i * 10, y: i } });
    awarenessUpdates.push(awarenessProtocol.encodeAwarenessUpdate(aw, [aw.clientID]));
  }
  aw.destroy();
  return { boardUpdates, commentUpdates, awarenessUpdates };
}

/** What the loaded room holds (its full state as a sync step 2), in a new Y.Doc. */
async function roomState(room: string): Promise<Y.Doc> {
  const raw = await rawJoin(ws, room, editorOf.get(room));
  const from = raw.frames.length;
  raw.send(frame.step1());
  // The answer is the whole document, possibly followed by the updates since it was encoded;
  // a query's answer comes after both (a socket's frames are handled in order).
  raw.send(frame.queryAwareness());
  await waitFor(
    () => raw.frames.slice(from).some((f) => f[0] === MSG_AWARENESS),
    5000,
    'the room state',
  );
  raw.ws.close();
  const doc = new Y.Doc();
  for (const f of raw.frames.slice(from)) {
    if (f[0] !== MSG_SYNC || (f[1] !== SYNC_STEP2 && f[1] !== SYNC_UPDATE)) continue;
    const d = decoding.createDecoder(f);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    try {
      Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    } catch (err) {
      throw new Error(
        `the full state of room ${room} (its sync answer) cannot be applied to a new Y.Doc: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
  return doc;
}

// ---- frame arbitraries ----

const varUint = (n: number): number[] => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return [...encoding.toUint8Array(e)];
};
const bytes = (...parts: (ArrayLike<number> | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => [...Array.from(p)]));

function flipBits(data: Uint8Array, positions: number[]): Uint8Array {
  const out = Uint8Array.from(data);
  for (const p of positions) out[(p >> 3) % out.length]! ^= 1 << (p & 7);
  return out;
}

function frameArbitrary(): fc.Arbitrary<Uint8Array> {
  const realUpdate = fc.constantFrom(...boardUpdates, ...commentUpdates);
  const wrap = fc.constantFrom(frame.update, frame.step2);
  const varUintPrefix = fc.constantFrom<number[]>([], [0], [0, 0], [0, 1], [0, 2], [1], [3]);
  return fc.oneof(
    // random bytes
    { weight: 4, arbitrary: fc.uint8Array({ maxLength: 96 }) },
    // random bytes after a plausible header
    {
      weight: 3,
      arbitrary: fc
        .tuple(varUintPrefix, fc.uint8Array({ maxLength: 64 }))
        .map(([p, tail]) => bytes(p, tail)),
    },
    // empty frames
    { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
    // wrong message types (2 = auth, never sent by clients; 4+ unknown)
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.oneof(fc.constantFrom(2, 4, 5, 127, 128, 2 ** 31, 2 ** 53 - 1), fc.nat()),
          fc.uint8Array({ maxLength: 16 }),
        )
        .map(([type, tail]) => bytes(varUint(type), tail)),
    },
    // huge varUints where types and lengths go
    {
      weight: 2,
      arbitrary: fc
        .tuple(varUintPrefix, fc.integer({ min: 5, max: 16 }), fc.uint8Array({ maxLength: 8 }))
        .map(([p, n, tail]) => bytes(p, new Array<number>(n).fill(0xff), [0x7f], tail)),
    },
    // truncated real updates
    {
      weight: 3,
      arbitrary: fc
        .tuple(realUpdate, wrap, fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([u, w, at]) => {
          const f = w(u);
          return f.slice(0, Math.floor(at * (f.length - 1)));
        }),
    },
    // bit-flipped real updates (sometimes inside the update, sometimes in the header)
    {
      weight: 4,
      arbitrary: fc
        .tuple(realUpdate, wrap, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }))
        .map(([u, w, positions]) => w(flipBits(u, positions))),
    },
    // valid real updates, in any order (so some wait for missing dependencies)
    { weight: 2, arbitrary: fc.tuple(realUpdate, wrap).map(([u, w]) => w(u)) },
    // sync steps with garbage payloads
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }).map((g) => frame.step2(g)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 32 }).map((g) => frame.step1(g)) },
    // sync step 1 with a valid but absurd state vector
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }).map((entries) =>
        frame.step1(
          bytes(
            varUint(entries.length),
            entries.flatMap(([c, k]) => [...varUint(c), ...varUint(k)]),
          ),
        ),
      ),
    },
    // oversized frames (over MAX_MESSAGE_BYTES)
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(0, 1, 2, 3, 0xff), fc.integer({ min: 1, max: 4096 }))
        .map(([first, extra]) => {
          const f = new Uint8Array(MAX_MESSAGE_BYTES + extra);
          f[0] = first;
          return f;
        }),
    },
    // awareness junk: random payloads, structured entries with junk states, flipped real ones
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }).map((g) => frame.awareness(g)) },
    {
      weight: 2,
      arbitrary: fc
        .array(
          fc.record({
            clientId: fc.oneof(fc.nat(), fc.constant(2 ** 53 - 1)),
            clock: fc.oneof(fc.nat(), fc.constant(2 ** 53 - 1)),
            state: fc.oneof(
              fc.string(),
              fc.json(),
              fc.constantFrom('null', '{}', '[]', '{"user":', '\u0000', '"x"'),
            ),
          }),
          { maxLength: 12 },
        )
        .map((entries) => frame.awareness(awarenessEntries(entries))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...awarenessUpdates),
          fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        )
        .map(([u, positions]) => frame.awareness(flipBits(u, positions))),
    },
    { weight: 1, arbitrary: fc.constant(frame.queryAwareness()) },
  );
}

// ---- the fuzzer ----

let framesSent = 0;
let probeClock = 0;
let nextProbeId = 0x7fff0000;
const closes = new Map<number, number>();
/** Open fuzz sockets by room, reused across runs until the server closes them. */
const pool = new Map<string, RawClient & { probeId: number }>();

/** The open socket of connection slot `slot` to `room`, or a new one. */
async function socketFor(slot: number, room: string) {
  const key = `${slot} ${room}`;
  const open = pool.get(key);
  if (open && !open.closeInfo) return open;
  const raw = Object.assign(await rawJoin(ws, room, editorOf.get(room)), {
    probeId: nextProbeId++,
  });
  pool.set(key, raw);
  return raw;
}

/**
 * Sends a burst, then waits until the server handled it or closed the socket. The barrier is an
 * awareness probe with a fresh nonce on the socket's own id plus a query-awareness: only the
 * answer to that query carries the nonce back (broadcasts skip their origin).
 */
async function burst(slot: number, room: string, frames: Uint8Array[]): Promise<void> {
  const raw = await socketFor(slot, room);
  for (const f of frames) {
    if (raw.ws.readyState !== raw.ws.OPEN) break;
    raw.send(f);
    framesSent++;
  }
  const nonce = ++probeClock;
  const from = raw.frames.length;
  raw.send(
    frame.awareness(
      awarenessEntries([{ clientId: raw.probeId, clock: nonce, state: `{"n":${nonce}}` }]),
    ),
  );
  raw.send(frame.queryAwareness());
  const answered = () =>
    raw.frames.slice(from).some((f) => f[0] === 1 && includesNonce(f, raw.probeId, nonce));
  await waitFor(() => answered() || raw.closeInfo !== null, 10_000, `burst on ${room}`);
  if (raw.closeInfo) {
    const { code, reason } = raw.closeInfo;
    closes.set(code, (closes.get(code) ?? 0) + 1);
    if (isReload(code, reason)) reloads++;
    else if (!ALLOWED_CLOSES.includes(code))
      throw new Error(`fuzzed socket closed with ${code} (${reason})`);
  }
}

function includesNonce(f: Uint8Array, probeId: number, nonce: number): boolean {
  try {
    const d = decoding.createDecoder(f);
    decoding.readVarUint(d);
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(u);
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(u);
      decoding.readVarUint(u);
      const state = decoding.readVarString(u);
      if (id === probeId && state === `{"n":${nonce}}`) return true;
    }
  } catch {
    // not ours
  }
  return false;
}

/**
 * The idle honest sockets are still open. One exception: an update that decodes but fails half
 * applied makes the server give up that room and close its sockets with 4503 (retry later), so
 * clients resync against a fresh load; such an anchor reconnects, as y-websocket would.
 */
async function anchorsOpen(): Promise<void> {
  for (const [room, anchor] of anchors) {
    if (!anchor.closeInfo) continue;
    if (!isReload(anchor.closeInfo.code, anchor.closeInfo.reason)) {
      throw new Error(`the idle socket of ${room} was closed: ${JSON.stringify(anchor.closeInfo)}`);
    }
    reloads++;
    anchors.set(room, await rawJoin(ws, room, editorOf.get(room)));
  }
}

async function fuzz(seed: number, numRuns: number): Promise<void> {
  const session = fc.array(
    fc.record({
      room: fc.constantFrom(...rooms),
      frames: fc.array(frameArbitrary(), { minLength: 1, maxLength: 40 }),
    }),
    { minLength: 1, maxLength: 4 },
  );
  try {
    await fc.assert(
      fc.asyncProperty(session, async (bursts) => {
        // Several connections at once, each with its burst.
        await Promise.all(bursts.map((b, slot) => burst(slot, b.room, b.frames)));
        await anchorsOpen();
      }),
      { seed, numRuns, endOnFailure: true },
    );
  } catch (err) {
    console.error(`fast-check failed with seed ${seed}`);
    throw err;
  }
}

async function closePool(): Promise<void> {
  const leaving = [...pool.values()];
  for (const raw of leaving) raw.ws.close();
  await Promise.all(leaving.map((raw) => raw.closed));
  pool.clear();
}

/** Every loaded room equals what storage holds of it (after the group commit flushed). */
async function roomsMatchStorage(): Promise<void> {
  await sleep(150);
  for (const room of rooms) {
    const live = await roomState(room);
    const stored = storedDoc(dataDir, room);
    const [liveSv, storedSv] = [stateVectorOf(live), stateVectorOf(stored)];
    if (JSON.stringify(liveSv) !== JSON.stringify(storedSv))
      throw new Error(
        `room ${room}: live state vector ${JSON.stringify(liveSv)} != stored ${JSON.stringify(storedSv)}`,
      );
    const diff = firstDifference(docJson(live), docJson(stored));
    if (diff) throw new Error(`room ${room}: live content != stored content ${diff}`);
  }
}

/** One round: `ROUND_RUNS` fast-check runs, then the rooms are compared with storage. */
async function round(seed: number): Promise<void> {
  try {
    await fuzz(seed, ROUND_RUNS);
    await closePool();
    await anchorsOpen();
    await roomsMatchStorage();
  } catch (err) {
    console.error(`fuzz round failed: round seed ${seed}: ${(err as Error).message}`);
    throw err;
  }
}

async function checkAfterwards(): Promise<void> {
  await closePool();
  await anchorsOpen();
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

  // An honest client still syncs and edits (a plain Yjs edit: the fuzz may have left model
  // fields of any type behind, which is not what this checks).
  const writer = connectClient(ws, boardA.id, new Y.Doc(), boardA.tokens.editor);
  const reader = connectClient(ws, boardA.id, new Y.Doc(), boardA.tokens.editor);
  try {
    await Promise.all([whenSynced(writer), whenSynced(reader)]);
    writer.doc.getMap('honest').set('edit', 'after the fuzz');
    await waitFor(
      () => reader.doc.getMap('honest').get('edit') === 'after the fuzz',
      5000,
      'an honest edit after the fuzz',
    );
    expect(stateVectorOf(reader.doc)).toEqual(stateVectorOf(writer.doc));
  } finally {
    disconnectAll([writer, reader]);
  }
  await roomsMatchStorage();
}

describe('fuzzing the sync endpoint', () => {
  it(`S23, S34: survives at least ${MIN_FRAMES} hostile frames on several connections`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    await freshBoards();
    const started = Date.now();
    console.info(`fuzz: seed ${seed} (FUZZ_SEED=${seed} reproduces this run)`);
    const failures: string[] = [];
    let runs = 0;
    /** The first round seed played on the current boards (a replay starts there). */
    let since = seed;
    // Runs in rounds until enough frames went out (runs vary in size). A failing round is
    // recorded, and the next rounds start on new boards, so one bug does not mask the others.
    while (framesSent < MIN_FRAMES) {
      const roundSeed = seed + runs;
      runs += ROUND_RUNS;
      try {
        await round(roundSeed);
      } catch (err) {
        const replay = { seed: since, rounds: (roundSeed - since) / ROUND_RUNS + 1 };
        failures.push(
          `round seed ${roundSeed}, replay ${JSON.stringify(replay)}: ${(err as Error).message.split('\n')[0]}`,
        );
        await closePool();
        await freshBoards();
        since = seed + runs;
      }
    }
    console.info(
      `fuzz: seed ${seed}, ${runs} runs, ${framesSent} frames in ${Date.now() - started} ms, closes ${JSON.stringify(Object.fromEntries(closes))}, ${reloads} room reloads, ${failures.length} failing rounds`,
    );
    try {
      await checkAfterwards();
    } catch (err) {
      failures.push(`after the fuzz: ${(err as Error).message.split('\n')[0]}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  for (const { seed, rounds } of REGRESSIONS) {
    it(`S23: regression: seed ${seed}, ${rounds} rounds`, async () => {
      await freshBoards();
      for (let r = 0; r < rounds; r++) await round(seed + r * ROUND_RUNS);
      await checkAfterwards();
    }, 60_000);
  }

  // Found by the fuzzer (a bit-flipped real update): it decodes part-way, then fails. The
  // structs read before the failure were integrated and the room was left holding a delete
  // set entry its own encoder writes but Yjs cannot read back.
  it('S28: keeps no trace of an update that fails to apply part-way', async () => {
    const partial = Uint8Array.from(Buffer.from(PARTIAL_UPDATE_HEX, 'hex'));
    expect(() => Y.decodeUpdate(partial)).toThrow(); // it is not a valid update
    const board = await createBoard(server.url);
    editorOf.set(board.id, board.tokens.editor);
    const before = await roomState(board.id);
    const raw = await rawJoin(ws, board.id, board.tokens.editor);
    const keepLoaded = await rawJoin(ws, board.id, board.tokens.editor);
    raw.send(frame.update(partial));
    expect((await raw.closed).code).toBe(CloseCode.BAD_MESSAGE);
    await sleep(150);
    const live = await roomState(board.id);
    expect(stateVectorOf(live)).toEqual(stateVectorOf(before));
    expect(docJson(live)).toEqual(docJson(storedDoc(dataDir, board.id)));
    expect(keepLoaded.closeInfo).toBeNull();
    keepLoaded.ws.close();
  });

  // Found while writing the fuzzer: a socket the server closes keeps being read until the close
  // handshake completes, and its frames keep reaching the room.
  it('S24: applies nothing a socket sent after the frame that got it closed', async () => {
    const board = await createBoard(server.url);
    editorOf.set(board.id, board.tokens.editor);
    const raw = await rawJoin(ws, board.id, board.tokens.editor);
    const scratch = new Y.Doc();
    const updates: Uint8Array[] = [];
    scratch.on('update', (u: Uint8Array) => updates.push(u));
    scratch.getMap('after-close').set('k', 'applied after the close');
    raw.send(Uint8Array.of(42)); // unknown message type: closes with 4400
    raw.send(frame.update(updates[0]!));
    expect((await raw.closed).code).toBe(CloseCode.BAD_MESSAGE);
    await sleep(150);
    const live = await roomState(board.id);
    expect(live.getMap('after-close').toJSON()).toEqual({});
    expect(storedDoc(dataDir, board.id).getMap('after-close').toJSON()).toEqual({});
  });
});
