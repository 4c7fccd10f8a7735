/**
 * Memory amplification (issue 13): sockets that join a busy, large board and then never read
 * must share one encoding of it, not hold one each (a spawned server, memory read from
 * /metrics after a forced GC).
 */
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { waitFor, waitForAsync } from '../../helpers/clients.js';
import {
  createBoard,
  removeDir,
  spawnServer,
  tempDataDir,
  wsUrlOf,
  type ServerProcess,
} from '../../helpers/server.js';
import {
  GC_EVERY_50_MS,
  MSG_SYNC,
  frame,
  rawJoin,
  serverMemory,
  sleep,
  type RawClient,
} from './support.js';

describe('paused readers joining a busy board (spawned server)', () => {
  let dataDir: string;
  let proc: ServerProcess;
  const raws: RawClient[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    proc = await spawnServer(dataDir, { NODE_OPTIONS: GC_EVERY_50_MS });
  });

  afterAll(async () => {
    for (const r of raws) r.ws.terminate();
    proc.child.kill('SIGKILL');
    await proc.exited;
    removeDir(dataDir);
  });

  it('W10, S30: share one encoding of the board instead of holding one each', async () => {
    const BOARD_MIB = 6;
    const VIEWERS = 30;
    const board = await createBoard(proc.url);
    const ws = wsUrlOf(proc.url);
    const editor = await rawJoin(ws, board.id, board.tokens.editor);
    raws.push(editor);
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    source.getMap('big').set('blob', 'b'.repeat(BOARD_MIB << 20));
    editor.send(frame.update(updates.shift()!));
    // A reader that does read has it all once the server has applied it.
    const check = await rawJoin(ws, board.id, board.tokens.viewer);
    raws.push(check);
    check.send(frame.step1());
    await waitFor(
      () => check.frames.some((f) => f[0] === MSG_SYNC && f.byteLength > BOARD_MIB << 20),
      20_000,
      'the board written',
    );
    const start = await serverMemory(proc.url);

    // Busy: an edit every few milliseconds; each joiner asks for everything, then stops reading.
    let editing = true;
    const edits = (async () => {
      for (let i = 0; editing; i++) {
        source.getMap('small').set('tick', i);
        editor.send(frame.update(updates.shift()!));
        await sleep(5);
      }
    })();
    for (let i = 0; i < VIEWERS; i++) {
      const viewer = await rawJoin(ws, board.id, board.tokens.viewer);
      raws.push(viewer);
      (viewer.ws as unknown as { _socket: Socket })._socket.pause();
      viewer.send(frame.step1());
      await sleep(20);
    }
    editing = false;
    await edits;
    // Polled, not read once after a pause: on a loaded machine compactions and writes still in
    // flight hold copies for a while. Encodings held per joiner never go away, so this still
    // fails when joiners do not share one (30 × 6 MiB).
    let after = await serverMemory(proc.url);
    await waitForAsync(
      async () => {
        after = await serverMemory(proc.url);
        return after.memory - start.memory < 4 * BOARD_MIB;
      },
      30_000,
      'the server to hold one shared encoding, not one per joiner',
    ).catch((err: unknown) => {
      console.info(`heap+external MiB ${start.memory.toFixed(0)} → ${after.memory.toFixed(0)}`);
      throw err;
    });
    console.info(
      `${VIEWERS} paused joiners of a ${BOARD_MIB} MiB board: heap+external MiB ${start.memory.toFixed(0)} → ${after.memory.toFixed(0)}, rss ${start.rss.toFixed(0)} → ${after.rss.toFixed(0)}`,
    );
    expect(after.connections).toBe(VIEWERS + 2);
  }, 90_000);
});
