/**
 * Attacks of one socket or one request (issue 13, item 5): malformed upgrade paths without a
 * token, a state-vector bomb from a viewer, document and presence floods, one oversize frame.
 */
import * as encoding from 'lib0/encoding';
import { frame, rawTcpSession } from '../../integration/security/support.js';
import { Editor, forEachEditStamp } from '../generator/edits.js';
import { sleep } from '../workloads/common.js';
import { closeWithin, join, megabytes, seconds, until } from './clients.js';
import type { Attack, AttackContext } from './harness.js';

/** Upgrades to the sync path no decoder should choke on, and two REST paths alike. */
const MALFORMED_UPGRADES = [
  '/sync/%E0%A4%A',
  '/sync/%',
  '/sync/%E0%A4%A/comments',
  '/sync/%C0%AF%C0%AF',
  '/sync/abcdefgh?token=%E0%A4%A',
  '/sync/abcdefgh%00',
];
const MALFORMED_REQUESTS = ['/api/boards/%E0%A4%A', '/b/%E0%A4%A'];

/** What one upgrade got: the close code, an HTTP status, or nothing (and whether it killed). */
async function upgrade(ctx: AttackContext, path: string): Promise<string> {
  let answer: string;
  try {
    const session = await rawTcpSession(ctx.http, path, []);
    const code = await Promise.race([session.closeCode, sleep(5000).then(() => -2)]);
    const status = await Promise.race([session.status, Promise.resolve('')]);
    session.socket.destroy();
    answer =
      code >= 0
        ? String(code)
        : status && !status.includes(' 101 ')
          ? (status.split(' ')[1] ?? status)
          : code === -2
            ? 'no close in 5 s'
            : 'connection dropped';
  } catch {
    answer = 'refused';
  }
  return (await ctx.survived()) ? answer : 'process down';
}

async function request(ctx: AttackContext, path: string): Promise<string> {
  let answer: string;
  try {
    answer = String((await fetch(`${ctx.http}${path}`)).status);
  } catch {
    answer = 'no answer';
  }
  return (await ctx.survived()) ? answer : 'process down';
}

export const malformedPaths: Attack = {
  id: 'A1',
  title: 'malformed paths, no token',
  run: async (ctx) => {
    await ctx.begin();
    const details: Record<string, string> = {};
    for (const path of MALFORMED_UPGRADES)
      details[`upgrade \`${path}\``] = await upgrade(ctx, path);
    for (const path of MALFORMED_REQUESTS) details[`GET \`${path}\``] = await request(ctx, path);
    const answers = new Map<string, number>();
    for (const v of Object.values(details)) answers.set(v, (answers.get(v) ?? 0) + 1);
    const down = answers.get('process down') ?? 0;
    answers.delete('process down');
    const others = [...answers].map(([v, n]) => (n > 1 ? `${v} × ${n}` : v)).join(', ');
    return {
      outcome: down
        ? `**process down** on ${down} of ${Object.keys(details).length} (others: ${others})`
        : others,
      details,
    };
  },
};

/** Sync step 1 whose state vector lists `entries` clients the board never saw. */
function stateVectorBomb(entries: number): Uint8Array {
  const sv = encoding.createEncoder();
  encoding.writeVarUint(sv, entries);
  for (let i = 0; i < entries; i++) {
    encoding.writeVarUint(sv, 0x10000000 + i);
    encoding.writeVarUint(sv, 1);
  }
  return frame.step1(encoding.toUint8Array(sv));
}

export const stateVectorBombs: Attack = {
  id: 'A2',
  title: 'state-vector bomb: 20 × sync step 1 of 1.2 M clients (viewer)',
  run: async (ctx) => {
    const bomb = stateVectorBomb(1_200_000);
    const attacker = await join(ctx, await ctx.newBoard(), 'viewer');
    await ctx.begin();
    const start = performance.now();
    for (let i = 0; i < 20; i++) attacker.ws.send(bomb);
    const code = await closeWithin(attacker, 30_000);
    return {
      outcome: code === null ? 'still open after 30 s' : `closed ${code}`,
      details: {
        frames: `20 × ${megabytes(bomb.byteLength)}`,
        'closed after': code === null ? '—' : seconds(performance.now() - start),
      },
    };
  },
};

const FLOOD = 20_000;
const FLOOD_LIMIT_MS = 15_000;

export const docFlood: Attack = {
  id: 'A3a',
  title: `doc flood: ${FLOOD.toLocaleString('en-US')} tiny updates at once (editor)`,
  run: async (ctx) => {
    const room = await ctx.newBoard();
    const attacker = await join(ctx, room, 'editor');
    let relayed = 0;
    await join(ctx, room, 'viewer', {
      onUpdate: (update) => {
        // Relayed edits arrive merged; the attacker's clock says how many got through.
        forEachEditStamp(update, (client, clock) => {
          if (client === attacker.clientId) relayed = Math.max(relayed, clock + 1);
        });
      },
    });
    const editor = new Editor(attacker.clientId);
    const updates = Array.from({ length: FLOOD }, (_, i) => editor.edit(i).update);
    await ctx.begin();
    for (const update of updates) attacker.sendUpdate(update);
    const took = await until(() => relayed >= FLOOD || attacker.closeCode !== null, FLOOD_LIMIT_MS);
    const code = attacker.serverCloseCode;
    return {
      outcome: code === null ? 'kept open, read more slowly' : `closed ${code}`,
      details: {
        'relayed to a watcher': `${relayed.toLocaleString('en-US')} of ${FLOOD.toLocaleString('en-US')} in ${seconds(took)}`,
      },
    };
  },
};

export const awarenessFlood: Attack = {
  id: 'A3b',
  title: `awareness flood: ${FLOOD.toLocaleString('en-US')} presence frames of its own client (viewer)`,
  run: async (ctx) => {
    const room = await ctx.newBoard();
    const attacker = await join(ctx, room, 'viewer');
    let seen = 0;
    let latest = 0;
    await join(ctx, room, 'viewer', {
      onAwareness: (client, clock) => {
        if (client !== attacker.clientId) return;
        seen++;
        latest = Math.max(latest, clock);
      },
    });
    const state = (i: number) =>
      JSON.stringify({
        user: { id: 'mallory', name: 'Mallory', color: '#dc2626' },
        cursor: { x: i, y: i },
      });
    await ctx.begin();
    const start = performance.now();
    for (let i = 0; i < FLOOD; i++) attacker.sendAwareness(state(i));
    await until(() => attacker.buffered === 0 || attacker.closeCode !== null, FLOOD_LIMIT_MS);
    await until(() => latest >= FLOOD || attacker.closeCode !== null, 2000);
    const code = attacker.serverCloseCode;
    return {
      outcome: code === null ? 'kept open, excess presence dropped' : `closed ${code}`,
      details: {
        'relayed to a watcher': `${seen.toLocaleString('en-US')} states (latest clock ${latest.toLocaleString('en-US')}) in ${seconds(performance.now() - start)}`,
      },
    };
  },
};

export const oversizeFrame: Attack = {
  id: 'A7',
  title: 'oversize message: one 20 MiB frame (editor)',
  run: async (ctx) => {
    const attacker = await join(ctx, await ctx.newBoard(), 'editor');
    const big = frame.update(new Uint8Array((20 << 20) - 8));
    await ctx.begin();
    const start = performance.now();
    attacker.ws.send(big);
    const code = await closeWithin(attacker, 30_000);
    return {
      outcome: code === null ? 'still open after 30 s' : `closed ${code}`,
      details: {
        frame: megabytes(big.byteLength),
        'closed after': code === null ? '—' : seconds(performance.now() - start),
      },
    };
  },
};
