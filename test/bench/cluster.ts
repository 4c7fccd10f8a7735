/**
 * The scale-out topology of docker-compose.yml as real processes for W7: N journeyboard
 * instances (`node dist/server/main.js`, as the bench starts a server) sharing a private
 * PostgreSQL schema and a private `redis-server`, all pinned to the server core like a single
 * server, so the cluster and one instance spend the same core. No load balancer: the generator
 * routes each client itself, spread or by board affinity (`spreadRouting`, `affinityRouting`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import { pinned } from './proc.js';
import { startServer, type BenchServer, type StartOptions } from './servers.js';
import { freePort, SERVER_CORE, waitListening } from './spawn.js';
import type { Routing } from './workloads/storms.js';

const CLUSTER_SECRET = 'bench-cluster-secret-0123456789abcdef';

/** Bus messages an instance published (`out`) and received from the others (`in`) so far. */
export interface BusCounts {
  in: number;
  out: number;
}

export interface BenchCluster {
  instances: BenchServer[];
  readonly redisPid: number;
  busCounts(): Promise<BusCounts[]>;
  stop(): Promise<void>;
}

interface RedisChild {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

async function startRedis(): Promise<RedisChild> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const [command, argv] = pinned(SERVER_CORE, 'redis-server', args);
  const child = spawn(command, argv, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitListening(port, child, 10_000);
  return {
    pid: child.pid!,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function busCountsOf(server: BenchServer): Promise<BusCounts> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
  const count = (direction: string) =>
    Number(
      new RegExp(`^journeyboard_bus_messages_total\\{direction="${direction}"\\} (\\d+)`, 'm').exec(
        text,
      )?.[1] ?? 0,
    );
  return { in: count('in'), out: count('out') };
}

export async function startCluster(
  size: number,
  options: StartOptions,
  optionsOf: (instance: number) => StartOptions = () => options,
): Promise<BenchCluster> {
  const redis = await startRedis();
  const schema = await testSchema();
  const instances: BenchServer[] = [];
  try {
    // One at a time: the first migrates the schema, the others find it ready.
    for (let i = 1; i <= size; i++) {
      const env = {
        INSTANCE_ID: `app${i}`,
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema.schema,
        REDIS_URL: redis.url,
        AUTH_SECRET: CLUSTER_SECRET,
      };
      instances.push(await startServer('journeyboard', { ...optionsOf(i), env }));
    }
  } catch (err) {
    await Promise.all(instances.map((s) => s.stop()));
    await redis.stop();
    await schema.drop();
    throw err;
  }
  return {
    instances,
    redisPid: redis.pid,
    busCounts: () => Promise.all(instances.map(busCountsOf)),
    stop: async () => {
      await Promise.all(instances.map((s) => s.stop()));
      await redis.stop();
      await schema.drop();
    },
  };
}

/** Clients of every board round-robin over the instances (HAProxy `balance roundrobin`). */
export function spreadRouting(instances: readonly BenchServer[]): Routing {
  return {
    newRoom: () => instances[0]!.newRoom(),
    target: (room, index) => instances[index % instances.length]!.target(room),
  };
}

const hash32 = (text: string) => createHash('sha1').update(text).digest().readUInt32BE(0);
/** Points per instance on the ring: enough for an even share of boards. */
const RING_POINTS = 100;

/**
 * Every client of a board on one instance, chosen by a consistent hash of the board's path:
 * each instance holds RING_POINTS points on a 32-bit ring and a board goes to the first point
 * at or after its hash. This is the scheme of HAProxy's `hash-type consistent` (which places
 * its points with its own hash, so a given board may land on another instance there).
 */
export function affinityRouting(instances: readonly BenchServer[]): Routing {
  const ring = instances
    .flatMap((_, index) =>
      Array.from({ length: RING_POINTS }, (__, k) => ({
        at: hash32(`app${index + 1}#${k}`),
        index,
      })),
    )
    .sort((a, b) => a.at - b.at);
  const instanceOf = (boardId: string) => {
    const at = hash32(`/sync/${boardId}`);
    return (ring.find((p) => p.at >= at) ?? ring[0]!).index;
  };
  return {
    newRoom: () => instances[0]!.newRoom(),
    target: (room) => instances[instanceOf(room.id)]!.target(room),
  };
}
