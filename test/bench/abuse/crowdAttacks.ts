/**
 * Attacks of many sockets from one address (issue 13, item 5): presence that would lock a
 * joiner out, and paused readers joining a busy 12 MB board (memory amplification).
 */
import type { Socket } from 'node:net';
import * as Y from 'yjs';
import { awarenessEntries, frame } from '../../integration/security/support.js';
import { connectStock } from '../../helpers/stockClients.js';
import type { BenchClient } from '../generator/client.js';
import { bigBoardJson, boardUpdate } from '../generator/boardData.js';
import { Editor } from '../generator/edits.js';
import { EMPTY_STATE_VECTOR } from '../generator/protocol.js';
import { sleep } from '../workloads/common.js';
import { connect, join, megabytes, seconds, tally, until } from './clients.js';
import type { Attack } from './harness.js';

const PRESENCE_SOCKETS = 40;
const IDS_PER_SOCKET = 8;
const STATE_BYTES = 64_000;
const JOIN_LIMIT_MS = 30_000;

/** One presence state of exactly `bytes` of JSON. */
function bulkyState(bytes: number): string {
  const head = JSON.stringify({ user: { id: 'mallory', name: 'Mallory' }, pad: '' });
  return `${head.slice(0, -2)}${'x'.repeat(bytes - head.length)}"}`;
}

interface StockAwareness {
  awareness: { getStates(): Map<number, unknown> };
}

export const presenceLockout: Attack = {
  id: 'A4',
  title: `presence lockout: ${PRESENCE_SOCKETS} viewers × ${IDS_PER_SOCKET} ids × 64 KB, then a y-websocket 3.1 joiner`,
  run: async (ctx) => {
    const room = await ctx.newBoard();
    const attackers = await Promise.all(
      Array.from({ length: PRESENCE_SOCKETS }, () => join(ctx, room, 'viewer')),
    );
    const state = bulkyState(STATE_BYTES);
    await ctx.begin();
    attackers.forEach((attacker, a) => {
      for (let k = 0; k < IDS_PER_SOCKET; k++) {
        const clientId = attacker.clientId + 1_000_000 * k + a;
        attacker.ws.send(frame.awareness(awarenessEntries([{ clientId, clock: 1, state }])));
      }
    });
    // Frames of one socket are handled in order: its next step 1 answered means all were.
    await Promise.allSettled(attackers.map((a) => a.roundTrip(EMPTY_STATE_VECTOR, JOIN_LIMIT_MS)));
    const joiner = connectStock('3.1.0', ctx.wsBase, room.id, room.token!);
    ctx.defer(() => {
      joiner.provider.destroy();
      joiner.doc.destroy();
    });
    const took = await until(() => joiner.provider.synced, JOIN_LIMIT_MS);
    const synced = joiner.provider.synced;
    const states = (joiner.provider as unknown as StockAwareness).awareness.getStates().size;
    return {
      outcome: `attackers: ${tally(attackers)}`,
      details: {
        'y-websocket 3.1 joiner': synced
          ? `synced in ${took.toFixed(0)} ms after ${joiner.connections() - 1} reconnects`
          : `**not synced** in ${seconds(JOIN_LIMIT_MS)} (${joiner.connections()} connections)`,
        'joiner closed with': joiner.closes.length ? joiner.closes.join(', ') : 'none',
        'presence states the joiner holds': String(states),
      },
    };
  },
};

const BOARD_CARDS = 42_000;
const PAUSED_READERS = 60;
const JOIN_EVERY_MS = 50;
/** How long the editor keeps editing once the window opened (the readers join meanwhile). */
const BUSY_MS = 8000;

let boardContent: Uint8Array | null = null;
/** Built once per run: the attack and its control edit the same board. */
const bigBoard = () => (boardContent ??= boardUpdate(bigBoardJson(BOARD_CARDS)));

/** Stops reading a socket at the TCP level: the server's frames pile up on its side. */
function pauseOnOpen(client: BenchClient): void {
  client.ws.once('open', () => (client.ws as unknown as { _socket: Socket })._socket.pause());
}

/**
 * A 12 MB board, an editor editing every 5 ms, and `readers` viewer sockets joining (sync step
 * 1, empty state vector) then never reading. With no readers it is the control: what the busy
 * board alone costs.
 */
function amplification(id: string, readers: number, controlOf?: string): Attack {
  return {
    id,
    ...(controlOf ? { controlOf } : {}),
    title: readers
      ? `memory amplification: ${readers} paused readers join a busy 12 MB board`
      : 'control for A5: the busy 12 MB board alone, no readers',
    run: async (ctx) => {
      const room = await ctx.newBoard();
      const content = bigBoard();
      const editor = await join(ctx, room, 'editor');
      const setupFrom = performance.timeOrigin + performance.now();
      editor.sendUpdate(content);
      await editor.roundTrip(Y.encodeStateVectorFromUpdate(content), 180_000);
      // The stall ends (and is reported) after the answer went out: some slack to see it.
      const setupTo = performance.timeOrigin + performance.now() + 500;
      await ctx.begin();
      const busyUntil = performance.now() + BUSY_MS;
      const edits = new Editor(editor.clientId);
      const editing = setInterval(() => editor.sendUpdate(edits.edit(0).update), 5);
      ctx.defer(() => clearInterval(editing));
      const paused: BenchClient[] = [];
      for (let i = 0; i < readers; i++) {
        const reader = connect(ctx, room, 'viewer');
        pauseOnOpen(reader);
        paused.push(reader);
        await sleep(JOIN_EVERY_MS);
      }
      await sleep(Math.max(0, busyUntil - performance.now()));
      clearInterval(editing);
      const setupStall = ctx.longestStall(setupFrom, setupTo);
      return {
        outcome: readers
          ? `${readers} readers joined and stopped reading (${tally(paused)} as they see it)`
          : 'no attacker',
        details: {
          board: `${BOARD_CARDS.toLocaleString('en-US')} cards, ${megabytes(content.byteLength)} update`,
          'setup (not in the window): the editor’s one-frame 12 MB update': setupStall
            ? `longest stall ${setupStall.ms.toFixed(0)} ms (CPU ${setupStall.cpuMs.toFixed(0)} ms)`
            : 'no stall ≥ 20 ms',
        },
      };
    },
  };
}

export const memoryAmplification = amplification('A5', PAUSED_READERS);
export const busyBoardControl = amplification('A5c', 0, 'A5');
