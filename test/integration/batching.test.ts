/**
 * What a room sends is batched: presence changes gathered for AWARENESS_BATCH_MS go out as one
 * frame (the same bytes to everyone), the updates of one turn as one merged frame, a sender is
 * not sent its own update back, and clients with nothing share one encoded full state.
 */
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/server.js';
import { connectClient, disconnectAll, waitFor, whenSynced } from '../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';
import {
  MSG_AWARENESS,
  MSG_SYNC,
  SYNC_UPDATE,
  awarenessEntries,
  frame,
  rawJoin,
  sleep,
  type RawClient,
} from './security/support.js';

/** The awareness entries of an awareness frame: [clientId, clock, state]. */
function entriesOf(f: Uint8Array): [number, number, string][] {
  const d = decoding.createDecoder(f);
  decoding.readVarUint(d);
  const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
  const n = decoding.readVarUint(inner);
  return Array.from({ length: n }, () => [
    decoding.readVarUint(inner),
    decoding.readVarUint(inner),
    decoding.readVarString(inner),
  ]);
}

const awarenessFrames = (c: RawClient) => c.frames.filter((f) => f[0] === MSG_AWARENESS);
const updateFrames = (c: RawClient) =>
  c.frames.filter((f) => f[0] === MSG_SYNC && f[1] === SYNC_UPDATE);

describe('batched sending', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      AWARENESS_BATCH_MS: '100',
      RATE_AWARENESS_PER_SEC: '1000',
    });
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W28: gathers presence changes into one frame per batch, the same for every socket', async () => {
    const board = await createBoard(server.url);
    const movers = await Promise.all(
      [1, 2, 3].map(() => rawJoin(ws, board.id, board.tokens.editor)),
    );
    const watcher = await rawJoin(ws, board.id, board.tokens.viewer);
    await sleep(150);
    const before = awarenessFrames(watcher).length;
    movers.forEach((m, i) => {
      for (let clock = 1; clock <= 5; clock++)
        m.send(
          frame.awareness(
            awarenessEntries([{ clientId: 100 + i, clock, state: `{"x":${clock}}` }]),
          ),
        );
    });
    await waitFor(() => awarenessFrames(watcher).length > before, 2000, 'a batch');
    await sleep(250);
    const batches = awarenessFrames(watcher).slice(before);
    // 15 changes from 3 sockets arrive as one frame (two if a batch boundary fell between).
    expect(batches.length).toBeLessThanOrEqual(2);
    const last = new Map(batches.flatMap(entriesOf).map(([id, , state]) => [id, state]));
    expect(Object.fromEntries(last)).toEqual({ 100: '{"x":5}', 101: '{"x":5}', 102: '{"x":5}' });
    // Everyone got the same bytes, the movers too (each ignores its own entry at its clock).
    const mine = awarenessFrames(movers[0]!).slice(-batches.length);
    expect(mine.map((f) => Buffer.from(f).toString('hex'))).toEqual(
      batches.map((f) => Buffer.from(f).toString('hex')),
    );
  });

  it('W14: does not send an update back to its only sender, and merges what one turn brought', async () => {
    const board = await createBoard(server.url);
    const writer = await rawJoin(ws, board.id, board.tokens.editor);
    const watcher = await rawJoin(ws, board.id, board.tokens.viewer);
    writer.send(frame.step1());
    await sleep(100);
    const doc = new Y.Doc();
    const pending: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => pending.push(u));
    // The writer's copy must hold the board (the answer: a step 2, maybe followed by updates).
    for (const f of writer.frames.filter((f) => f[0] === MSG_SYNC && f[1] !== 0)) {
      const d = decoding.createDecoder(f);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    }
    const answered = updateFrames(writer).length;
    pending.length = 0;
    for (let i = 0; i < 10; i++) doc.getMap('m').set(`k${i}`, i);
    // All ten in one WebSocket message burst: the server reads them in one turn or a few.
    for (const u of pending) writer.send(frame.update(u));
    await waitFor(() => {
      const seen = new Y.Doc();
      for (const f of updateFrames(watcher)) {
        const dd = decoding.createDecoder(f);
        decoding.readVarUint(dd);
        decoding.readVarUint(dd);
        Y.applyUpdate(seen, decoding.readVarUint8Array(dd));
      }
      return seen.getMap('m').size === 10;
    }, 3000);
    expect(updateFrames(watcher).length).toBeLessThan(10);
    await sleep(100);
    expect(updateFrames(writer)).toHaveLength(answered);
  });

  it('W10: answers clients that have nothing with one shared encoding, then what changed since', async () => {
    const board = await createBoard(server.url);
    /** The sync frames a fresh joiner gets for its empty step 1. */
    const answerOf = async () => {
      const c = await rawJoin(ws, board.id, board.tokens.viewer);
      const from = c.frames.length;
      c.send(frame.step1());
      await waitFor(() => c.frames.some((f) => f[0] === MSG_SYNC && f[1] === 1), 3000);
      await sleep(50);
      return c.frames
        .slice(from)
        .filter((f) => f[0] === MSG_SYNC)
        .map((f) => Buffer.from(f));
    };
    const [first, second] = await Promise.all([answerOf(), answerOf()]);
    // The same buffers for both: the stored state as the room loaded it (no encoding).
    expect(second.map((f) => f.toString('hex'))).toEqual(first.map((f) => f.toString('hex')));
    const editor = connectClient(ws, board.id);
    try {
      await whenSynced(editor);
      editor.doc.getMap('m').set('after', 1);
      await sleep(100);
      const third = await answerOf();
      // The same base; what followed it now holds the edit made since.
      expect(third[0]).toEqual(first[0]);
      expect(third).not.toEqual(first);
      const doc = new Y.Doc();
      for (const f of third) {
        const d = decoding.createDecoder(f);
        decoding.readVarUint(d);
        decoding.readVarUint(d);
        Y.applyUpdate(doc, decoding.readVarUint8Array(d));
      }
      expect(doc.getMap('m').get('after')).toBe(1);
    } finally {
      disconnectAll([editor]);
    }
  });

  it('W29, S19: y-websocket clients keep presence in step without raising each other’s clocks', async () => {
    const board = await createBoard(server.url);
    const a = connectClient(ws, board.id);
    const b = connectClient(ws, board.id);
    try {
      await Promise.all([whenSynced(a), whenSynced(b)]);
      a.provider.awareness.setLocalStateField('cursor', { x: 1 });
      b.provider.awareness.setLocalStateField('cursor', { x: 2 });
      await waitFor(() => a.provider.awareness.getStates().size === 2, 3000);
      await waitFor(() => b.provider.awareness.getStates().size === 2, 3000);
      // A reconnect: the server stamps a's state above its removal, a adopts that clock when
      // its own entry comes back, and echoes it; the echo must not be taken for news.
      a.provider.disconnect();
      await waitFor(() => b.provider.awareness.getStates().size === 1, 3000, 'a gone');
      a.provider.connect();
      await whenSynced(a);
      await waitFor(() => b.provider.awareness.getStates().size === 2, 3000, 'a back');
      await sleep(300);
      const clocks = () => [a, b].map((c) => c.provider.awareness.meta.get(c.doc.clientID)!.clock);
      const settled = clocks();
      await sleep(600);
      // No echo loop: nobody's clock moved while nobody moved.
      expect(clocks()).toEqual(settled);
    } finally {
      disconnectAll([a, b]);
    }
  });
});
