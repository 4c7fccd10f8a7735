/**
 * Board affinity behind deploy/haproxy.cfg, with real processes (three instances, PostgreSQL,
 * Redis, HAProxy): every socket of a board lands on one instance (W320); when that instance
 * dies its clients move on and still sync with clients elsewhere (W321), and when it returns a
 * board split over two instances converges through the Redis relay (W322); a board's connection
 * cap holds across the cluster (S135).
 */

/** Per instance (S35); with affinity also per board across the cluster (S135). */
const BOARD_CAP = 4;
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import {
  connectClient,
  disconnectAll,
  synced,
  waitFor,
  waitForAsync,
  type Client,
} from '../helpers/clients.js';
import { Cluster, connectionCounts, type Instance } from '../helpers/cluster.js';
import { createBoard, wsUrlOf } from '../helpers/server.js';
import { closeCodeOf } from './security/support.js';

const edits = (c: Client) => c.doc.getMap<number>('edits');

/** Every client writes `<tag><n>:<i>` every `everyMs` until stopped; returns the keys written. */
function editContinuously(clients: Client[], everyMs: number, tag: string) {
  const written = new Set<string>();
  let i = 0;
  const timer = setInterval(() => {
    i++;
    clients.forEach((c, n) => {
      const key = `${tag}${n}:${i}`;
      edits(c).set(key, i);
      written.add(key);
    });
  }, everyMs);
  return { written, stop: () => clearInterval(timer) };
}

async function expectEverywhere(clients: Client[], keys: Set<string>) {
  await waitFor(
    () => clients.every((c) => [...keys].every((k) => edits(c).has(k))),
    20_000,
    `all ${keys.size} edits on all ${clients.length} clients`,
  );
}

const minus = (after: number[], before: number[]) => after.map((n, i) => n - before[i]!);

describe('cluster behind HAProxy: board affinity', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  const clients: Client[] = [];
  const join = (wsUrl: string, room: string) => {
    const c = connectClient(wsUrl, room);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    cluster = await Cluster.start(3, { MAX_CONNECTIONS_PER_BOARD: String(BOARD_CAP) });
  }, 60_000);

  /** Closes every client and waits until no instance counts a connection. */
  async function leaveAll(): Promise<void> {
    disconnectAll(clients.splice(0));
    await waitForAsync(
      async () => (await connectionCounts(cluster)).every((n) => n === 0),
      10_000,
      'every connection closed',
    );
  }

  afterEach(leaveAll);

  afterAll(async () => {
    disconnectAll(clients);
    await cluster?.shutdown();
  });

  /** Opens `room`'s sockets through HAProxy; resolves with how many each instance gained. */
  async function joinViaLb(rooms: string[]): Promise<{ joined: Client[]; gained: number[] }> {
    const before = await connectionCounts(cluster);
    const joined = rooms.map((room) => join(cluster.lbWsUrl, room));
    await Promise.all(joined.map(synced));
    return { joined, gained: minus(await connectionCounts(cluster), before) };
  }

  it('W320: the sockets of a board, its comments doc too, land on one instance; boards spread over the instances', async () => {
    const homes = new Set<number>();
    for (let b = 0; b < 12; b++) {
      const board = await createBoard(cluster.lbUrl);
      const { joined, gained } = await joinViaLb([board.id, board.id, `${board.id}/comments`]);
      // All three on one instance, none on the others (leastconn would put them on three).
      expect(
        gained.filter((n) => n !== 0),
        `board ${b}: ${gained.join('/')}`,
      ).toEqual([3]);
      homes.add(gained.indexOf(3));
      expect(joined).toHaveLength(3);
      await leaveAll();
    }
    // 12 random board ids all hashed to one of three instances: 3 in 177,147.
    expect(homes.size).toBeGreaterThan(1);
  });

  it('S135: the connection cap of a board holds across the cluster, its sockets all on one instance', async () => {
    const board = await createBoard(cluster.lbUrl);
    const rooms = [board.id, board.id, board.id, `${board.id}/comments`];
    const { gained } = await joinViaLb(rooms);
    expect(gained.filter((n) => n !== 0)).toEqual([BOARD_CAP]);
    // Spread over three instances, a fifth socket would find room on another one.
    expect(await closeCodeOf(cluster.lbWsUrl, board.id, board.tokens.editor)).toBe(
      CloseCode.TOO_MANY_CONNECTIONS,
    );
  });

  it('W321, W322: the board instance killed, its clients sync through another; back up, a board split over two instances converges over the relay', async () => {
    const board = await createBoard(cluster.lbUrl);
    const { joined: viaLb, gained } = await joinViaLb([board.id, board.id]);
    const home = cluster.instances[gained.indexOf(2)]!;
    expect(gained.filter((n) => n !== 0)).toEqual([2]);
    // One client held on each other instance, as after a rebalancing: some edit always crosses Redis.
    const others = cluster.instances.filter((inst) => inst !== home);
    const pinned = others.map((inst: Instance) => join(wsUrlOf(inst.url), board.id));
    await Promise.all(pinned.map(synced));
    const everyone = [...viaLb, ...pinned];
    const before = editContinuously(everyone, 20, 'k');
    await waitFor(() => edits(pinned[0]!).has('k0:3'), 10_000, 'edits flowing');
    await cluster.kill(home);
    try {
      // The two move on together: the ring sends the board to one survivor (W321).
      await waitForAsync(
        async () => (await connectionCounts(cluster)).sort().join() === '0,1,3',
        15_000,
        'both board clients on one surviving instance',
      );
      before.stop();
      await expectEverywhere(everyone, before.written);
    } finally {
      before.stop();
      await cluster.startInstance(home);
    }
    // The board maps back to its instance: a new client lands there while the others stay
    // where they moved, so the board lives on two instances at once (W322).
    let late: Client | null = null;
    await waitForAsync(
      async () => {
        // A client that landed elsewhere (HAProxy not yet seeing the instance up) leaves.
        if (late) disconnectAll(clients.splice(clients.indexOf(late), 1));
        const { joined, gained: now } = await joinViaLb([board.id]);
        late = joined[0]!;
        return now[cluster.instances.indexOf(home)] === 1;
      },
      15_000,
      'a new client of the board on its instance once HAProxy sees it up',
    );
    const all = [...everyone, late!];
    const after = editContinuously(all, 20, 'r');
    await waitFor(() => edits(late!).has('r0:3'), 10_000, 'edits flowing');
    after.stop();
    await expectEverywhere(all, new Set([...before.written, ...after.written]));
  });
});
