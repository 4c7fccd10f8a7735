/**
 * Presence spoofing and junk over the real server. An attacker is a raw `ws` client that writes
 * awareness frames itself (y-protocols encodeAwarenessUpdate on a scratch Awareness whose
 * clientID is the victim's, or entries encoded by hand). Honest clients are real y-websocket
 * providers; what they see of the victim must never change because of the attacker.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../../server/server.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../../helpers/clients.js';
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
  awarenessEntries,
  frame,
  rawJoin,
  sleep,
  trackDenials,
  type RawClient,
} from './support.js';

const MAX_AWARENESS_BYTES = 1024;

let dataDir: string;
let server: RunningServer;
let ws: string;
let clients: Client[] = [];
let raws: RawClient[] = [];
let board: CreatedBoard;

beforeAll(async () => {
  process.setMaxListeners(50); // every y-websocket provider adds a process 'exit' listener
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, {
    MAX_AWARENESS_BYTES: String(MAX_AWARENESS_BYTES),
    RATE_AWARENESS_PER_SEC: '1000',
  });
  ws = wsUrlOf(server.url);
});

afterAll(async () => {
  await server.stop();
  removeDir(dataDir);
});

interface Honest extends Client {
  /** Times this provider lost its connection. */
  drops: number;
}

function join(token: string): Honest {
  const client = connectClient(ws, board.id, new Y.Doc(), token);
  trackDenials(client.provider);
  clients.push(client);
  const honest: Honest = { ...client, drops: 0 };
  client.provider.on('status', ({ status }) => {
    if (status === 'disconnected') honest.drops++;
  });
  return honest;
}

async function attacker(token = board.tokens.viewer): Promise<RawClient> {
  const raw = await rawJoin(ws, board.id, token);
  raws.push(raw);
  return raw;
}

const VICTIM_STATE = {
  user: { id: 'u-vic', name: 'Victim', color: '#0a0' },
  cursor: { x: 1, y: 2 },
};
const MALLORY_STATE = {
  user: { id: 'u-vic', name: 'Mallory', color: '#f00' },
  cursor: { x: 666, y: 666 },
};

let victim: Honest;
let observer: Honest;
/** Every change the observer saw of the victim's state. */
let victimChanges: unknown[];

beforeEach(async () => {
  board = await createBoard(server.url);
  victim = join(board.tokens.editor);
  observer = join(board.tokens.viewer);
  await Promise.all([whenSynced(victim), whenSynced(observer)]);
  victim.provider.awareness.setLocalState(VICTIM_STATE);
  await waitFor(() => observer.provider.awareness.getStates().has(victim.doc.clientID));
  victimChanges = [];
  observer.provider.awareness.on(
    'change',
    ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const id = victim.doc.clientID;
      if ([...added, ...updated, ...removed].includes(id))
        victimChanges.push(observer.provider.awareness.getStates().get(id) ?? null);
    },
  );
});

afterEach(() => {
  for (const raw of raws) raw.ws.terminate();
  raws = [];
  disconnectAll(clients);
  clients = [];
});

const seenByObserver = (id: number) => observer.provider.awareness.getStates().get(id);
const victimClock = () => victim.provider.awareness.meta.get(victim.doc.clientID)!.clock;

/** A scratch Awareness speaking as `clientId`, its clock moved to `clock` (next set: clock+1). */
function impersonate(clientId: number, clock: number): awarenessProtocol.Awareness {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const scratch = new awarenessProtocol.Awareness(doc);
  scratch.meta.set(clientId, { clock, lastUpdated: Date.now() });
  return scratch;
}

/** Decodes an awareness frame into clientId → state (null for removals). */
function awarenessFrameStates(data: Uint8Array): Map<number, unknown> | null {
  const d = decoding.createDecoder(data);
  if (decoding.readVarUint(d) !== MSG_AWARENESS) return null;
  const update = decoding.createDecoder(decoding.readVarUint8Array(d));
  const states = new Map<number, unknown>();
  const n = decoding.readVarUint(update);
  for (let i = 0; i < n; i++) {
    const id = decoding.readVarUint(update);
    decoding.readVarUint(update);
    states.set(id, JSON.parse(decoding.readVarString(update)));
  }
  return states;
}

const PROBE_ID = 0x7e57;
let probeClock = 0;

/**
 * Waits until the server has handled everything `raw` sent before, and returns the states the
 * server holds. It sets a state with a fresh nonce on the attacker's own probe id, then asks
 * (query-awareness): only the answer to that query carries the nonce back to the sender
 * (broadcasts never go back to their origin).
 */
async function barrier(raw: RawClient): Promise<Map<number, unknown>> {
  const nonce = ++probeClock;
  const from = raw.frames.length;
  raw.send(
    frame.awareness(
      awarenessEntries([{ clientId: PROBE_ID, clock: nonce, state: JSON.stringify({ nonce }) }]),
    ),
  );
  raw.send(frame.queryAwareness());
  let answer: Map<number, unknown> | null = null;
  await waitFor(
    () => {
      // The first frame with the probe is the answer to the query (sent at once); the batch
      // that relays the probe's change to everyone, its sender included, comes later.
      for (const f of raw.frames.slice(from)) {
        const states = awarenessFrameStates(f);
        if ((states?.get(PROBE_ID) as { nonce?: number } | undefined)?.nonce === nonce) {
          answer = states;
          break;
        }
      }
      return answer !== null || raw.closeInfo !== null;
    },
    5000,
    'the query-awareness answer',
  );
  if (!answer) throw new Error(`closed ${raw.closeInfo?.code} instead of answering`);
  return answer;
}

function expectHonestUntouched(): void {
  expect(seenByObserver(victim.doc.clientID)).toEqual(VICTIM_STATE);
  expect(victim.provider.awareness.getLocalState()).toEqual(VICTIM_STATE);
  expect(victimChanges).toEqual([]);
  expect([victim.drops, observer.drops]).toEqual([0, 0]);
  expect([victim.provider.wsconnected, observer.provider.wsconnected]).toEqual([true, true]);
}

describe('awareness spoofing', () => {
  it('S16: drops a forged overwrite of the victim’s state, keeps the attacker’s own entry', async () => {
    const mallory = await attacker();
    const victimId = victim.doc.clientID;
    const ownId = 0x5eed;
    for (const clock of [victimClock(), victimClock() + 1, victimClock() + 1000, 2 ** 31]) {
      const scratch = impersonate(victimId, clock);
      scratch.setLocalState(MALLORY_STATE);
      mallory.send(frame.awareness(awarenessProtocol.encodeAwarenessUpdate(scratch, [victimId])));
      scratch.destroy();
    }
    // One frame mixing a forged entry with the attacker's own: only its own entry passes.
    mallory.send(
      frame.awareness(
        awarenessEntries([
          { clientId: victimId, clock: victimClock() + 5, state: JSON.stringify(MALLORY_STATE) },
          { clientId: ownId, clock: 1, state: JSON.stringify({ user: { name: 'Mallory' } }) },
        ]),
      ),
    );
    const serverView = await barrier(mallory);
    expect(serverView.get(victimId)).toEqual(VICTIM_STATE);
    await waitFor(() => seenByObserver(ownId) !== undefined, 5000, 'the attacker’s own entry');
    await sleep(100);
    expectHonestUntouched();
    expect(mallory.closeInfo).toBeNull();

    // The forged clocks did not poison the victim's later updates.
    victim.provider.awareness.setLocalStateField('cursor', { x: 3, y: 4 });
    await waitFor(
      () => (seenByObserver(victimId) as typeof VICTIM_STATE).cursor.x === 3,
      5000,
      'the victim’s next cursor',
    );
  });

  it('S16: drops a forged removal (null state) of the victim, at its clock and past it', async () => {
    const mallory = await attacker(board.tokens.editor);
    const victimId = victim.doc.clientID;
    // Same clock + null is a removal y-protocols accepts; higher clocks too.
    for (const clock of [victimClock() - 1, victimClock(), victimClock() + 1, victimClock() + 99]) {
      const scratch = impersonate(victimId, clock);
      scratch.setLocalState(null);
      mallory.send(frame.awareness(awarenessProtocol.encodeAwarenessUpdate(scratch, [victimId])));
      awarenessProtocol.removeAwarenessStates(scratch, [victimId], 'forged');
      scratch.destroy();
    }
    mallory.send(
      frame.awareness(
        awarenessEntries([{ clientId: victimId, clock: victimClock(), state: 'null' }]),
      ),
    );
    const serverView = await barrier(mallory);
    expect(serverView.get(victimId)).toEqual(VICTIM_STATE);
    await sleep(100);
    expectHonestUntouched();
    expect(mallory.closeInfo).toBeNull();
  });

  it('S16: does not let the attacker forge the observer’s own entry either', async () => {
    const mallory = await attacker();
    const observerId = observer.doc.clientID;
    observer.provider.awareness.setLocalState({ user: { name: 'Observer' } });
    await waitFor(
      () =>
        (victim.provider.awareness.getStates().get(observerId) as { user?: unknown } | undefined)
          ?.user !== undefined,
    );
    const clock = observer.provider.awareness.meta.get(observerId)!.clock;
    mallory.send(
      frame.awareness(
        awarenessEntries([
          { clientId: observerId, clock: clock + 10, state: '{"user":{"name":"X"}}' },
        ]),
      ),
    );
    await barrier(mallory);
    await sleep(100);
    expect(victim.provider.awareness.getStates().get(observerId)).toEqual({
      user: { name: 'Observer' },
    });
    expect(observer.provider.awareness.getLocalState()).toEqual({ user: { name: 'Observer' } });
  });

  // y-websocket clients re-broadcast every awareness change they apply, removals included. When
  // a client disconnects, the others echo its removal (its id, state null) back to the server.
  // Such an echo must not make the echoing connection the owner of the departed client's id:
  // the client comes back with the same id when it reconnects.
  it('S21: sees an honest client again after it reconnects (echoed removals claim nothing)', async () => {
    const victimId = victim.doc.clientID;
    victim.provider.disconnect();
    await waitFor(
      () => !observer.provider.awareness.getStates().has(victimId),
      5000,
      'victim gone',
    );
    await sleep(100); // the observer's echo of the removal reaches the server
    victim.provider.connect();
    await whenSynced(victim);
    // Seen again at once, from the state it announces on reconnecting (stamped above the removal).
    await waitFor(() => seenByObserver(victimId) !== undefined, 3000, 'the victim seen again');
    expect(seenByObserver(victimId)).toEqual(VICTIM_STATE);
    victim.provider.awareness.setLocalStateField('cursor', { x: 7, y: 8 });
    await waitFor(
      () => (seenByObserver(victimId) as { cursor?: { x: number } }).cursor?.x === 7,
      3000,
      'the victim moving',
    ).catch(() => {});
    expect(seenByObserver(victimId)).toEqual({ ...VICTIM_STATE, cursor: { x: 7, y: 8 } });
    // A client joining now sees it too.
    const late = join(board.tokens.viewer);
    await whenSynced(late);
    await sleep(200);
    expect(late.provider.awareness.getStates().get(victimId)).toEqual({
      ...VICTIM_STATE,
      cursor: { x: 7, y: 8 },
    });
  });
});

describe('awareness junk', () => {
  it('S18: drops an oversized state without closing anyone', async () => {
    const mallory = await attacker();
    const ownId = 0xbeef;
    mallory.send(
      frame.awareness(awarenessEntries([{ clientId: ownId, clock: 1, state: '{"a":1}' }])),
    );
    await waitFor(() => seenByObserver(ownId) !== undefined);
    const big = JSON.stringify({ pad: 'x'.repeat(MAX_AWARENESS_BYTES) });
    mallory.send(frame.awareness(awarenessEntries([{ clientId: ownId, clock: 2, state: big }])));
    const fresh = 0xfeed;
    mallory.send(frame.awareness(awarenessEntries([{ clientId: fresh, clock: 1, state: big }])));
    // A victim-id entry hidden in an oversized frame is no better.
    mallory.send(
      frame.awareness(
        awarenessEntries([{ clientId: victim.doc.clientID, clock: victimClock() + 9, state: big }]),
      ),
    );
    await barrier(mallory);
    await sleep(100);
    expect(seenByObserver(ownId)).toEqual({ a: 1 });
    expect(seenByObserver(fresh)).toBeUndefined();
    expectHonestUntouched();
    expect(mallory.closeInfo).toBeNull();
  });

  it('S17: lets one connection own at most 8 client ids, whatever a frame carries', async () => {
    const entries = (base: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ clientId: base + i, clock: 1, state: '{"n":1}' }));
    const nine = await attacker();
    nine.send(
      frame.awareness(
        awarenessEntries([
          ...entries(2000, 8),
          { clientId: victim.doc.clientID, clock: victimClock() + 1, state: 'null' },
        ]),
      ),
    );
    const fifty = await attacker();
    fifty.send(frame.awareness(awarenessEntries(entries(3000, 50))));
    await waitFor(() => seenByObserver(3007) !== undefined, 5000, 'the first eight of fifty');
    await waitFor(() => seenByObserver(2007) !== undefined, 5000, 'the first eight of nine');
    // Echo frames of honest clients list every peer, so a long frame is not an error.
    expect([nine.closeInfo, fifty.closeInfo]).toEqual([null, null]);
    for (let i = 8; i < 50; i++) expect(seenByObserver(3000 + i)).toBeUndefined();
    // The forged removal of the victim in the first frame was dropped.
    expectHonestUntouched();
    nine.ws.close();
    fifty.ws.close();
    await waitFor(
      () => seenByObserver(3000) === undefined && seenByObserver(2000) === undefined,
      5000,
    );

    // Exactly 8 is a valid frame; the sender stays, and when it leaves its 8 states go.
    const eight = await attacker();
    eight.send(frame.awareness(awarenessEntries(entries(1000, 8))));
    await waitFor(() => seenByObserver(1007) !== undefined, 5000, 'eight entries');
    expect(eight.closeInfo).toBeNull();
    eight.ws.close();
    await waitFor(() => seenByObserver(1000) === undefined, 5000, 'eight entries removed');
    await sleep(100);
    expectHonestUntouched();
  });

  it('S18: drops states that are not a JSON object or null, keeping valid siblings', async () => {
    const mallory = await attacker();
    const junk = [
      '{not json',
      '',
      'undefined',
      '[1,2]',
      '42',
      '"text"',
      'true',
      '{"a":1',
      '\u0000',
    ];
    mallory.send(
      frame.awareness(
        awarenessEntries([
          ...junk.slice(0, 7).map((state, i) => ({ clientId: 4000 + i, clock: 1, state })),
          { clientId: 4100, clock: 1, state: '{"ok":true}' },
        ]),
      ),
    );
    mallory.send(
      frame.awareness(
        awarenessEntries(
          junk.slice(7).map((state, i) => ({ clientId: 4007 + i, clock: 1, state })),
        ),
      ),
    );
    await waitFor(() => seenByObserver(4100) !== undefined, 5000, 'the valid sibling');
    await barrier(mallory);
    await sleep(100);
    for (let i = 0; i < junk.length; i++) expect(seenByObserver(4000 + i)).toBeUndefined();
    expect(seenByObserver(4100)).toEqual({ ok: true });
    expectHonestUntouched();
    expect(mallory.closeInfo).toBeNull();
  });

  it('S18: closes only the sender (4400) of a truncated or undecodable awareness frame', async () => {
    const scratch = impersonate(0xabc, 0);
    scratch.setLocalState({ user: { name: 'Truncated' }, cursor: { x: 1, y: 1 } });
    const whole = frame.awareness(awarenessProtocol.encodeAwarenessUpdate(scratch, [0xabc]));
    const inner = awarenessProtocol.encodeAwarenessUpdate(scratch, [0xabc]);
    scratch.destroy();
    // Inner update cut short but wrapped with a consistent outer length.
    const innerCut = frame.awareness(inner.slice(0, inner.length - 5));
    const withTrailing = frame.awareness(Uint8Array.from([...inner, 0x01]));
    // A state string that is not UTF-8.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 0xabc);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d));
    const notUtf8 = frame.awareness(encoding.toUint8Array(e));
    const cuts = [
      whole.slice(0, 1),
      whole.slice(0, 2),
      whole.slice(0, whole.length - 1),
      whole.slice(0, Math.floor(whole.length / 2)),
      innerCut,
      withTrailing,
      notUtf8,
    ];
    for (const cut of cuts) {
      const mallory = await attacker(board.tokens.editor);
      mallory.send(cut);
      const { code } = await mallory.closed;
      expect({ cut: [...cut.slice(0, 4)], code }).toEqual({
        cut: [...cut.slice(0, 4)],
        code: CloseCode.BAD_MESSAGE,
      });
    }
    await sleep(100);
    expect(seenByObserver(0xabc)).toBeUndefined();
    expectHonestUntouched();
    // Honest clients keep working.
    victim.provider.awareness.setLocalStateField('cursor', { x: 9, y: 9 });
    await waitFor(
      () => (seenByObserver(victim.doc.clientID) as typeof VICTIM_STATE).cursor.x === 9,
    );
  });
});

describe('awareness between honest clients', () => {
  // On join the server sends every state in one frame; y-websocket applies it and re-broadcasts
  // every change it applied (all of those states) in one frame. The per-frame entry cap must not
  // turn that echo into a malformed frame.
  it('S19: keeps ten clients with cursors connected, each seeing all the others', async () => {
    const crowd: Honest[] = [victim, observer];
    observer.provider.awareness.setLocalState({ user: { name: 'Observer' } });
    for (let i = 0; i < 8; i++) {
      const c = join(i % 2 ? board.tokens.editor : board.tokens.viewer);
      crowd.push(c);
      const code = await Promise.race([whenSynced(c).then(() => null), c.closed]);
      expect({ joiner: i, closedWith: code }).toEqual({ joiner: i, closedWith: null });
      c.provider.awareness.setLocalState({ user: { name: `user ${i}` }, cursor: { x: i, y: i } });
      await sleep(50);
    }
    await sleep(300);
    const codes = await Promise.all(
      crowd.map((c) => Promise.race([c.closed, sleep(1).then(() => null)])),
    );
    expect(codes).toEqual(crowd.map(() => null));
    expect(crowd.map((c) => c.drops)).toEqual(crowd.map(() => 0));
    for (const c of crowd) {
      await waitFor(() => c.provider.awareness.getStates().size === crowd.length, 3000).catch(
        () => {},
      );
      expect(c.provider.awareness.getStates().size).toBe(crowd.length);
    }
  });
});
