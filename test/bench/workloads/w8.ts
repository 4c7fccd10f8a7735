/**
 * W8 durability latency: W2's edit storm, and how long each update takes from its arrival at
 * the server to its commit, in SQLite and in PostgreSQL. The server measures it
 * (`journeyboard_update_commit_seconds`, W317); this reads the histogram from `/metrics` before
 * and after the load and takes p50 and p99 of the difference, interpolated within buckets as
 * Prometheus' `histogram_quantile` does.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startServer, type BenchServer } from '../servers.js';
import type { Scale } from '../scale.js';
import { metric, sleep, type Metric, type Workload } from './common.js';
import { measuredEditStorm } from './w2.js';

/** The bench's PostgreSQL; each run gets a schema of its own, dropped afterwards. */
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HISTOGRAM = 'journeyboard_update_commit_seconds';

/** Cumulative bucket counts by upper bound (seconds; +Inf last). */
type Buckets = [number, number][];

async function readHistogram(server: BenchServer): Promise<{ buckets: Buckets; pending: number }> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
  const buckets: Buckets = [];
  const pattern = new RegExp(`^${HISTOGRAM}_bucket\\{le="([^"]+)"\\} (\\S+)$`, 'gm');
  for (const [, le, count] of text.matchAll(pattern))
    buckets.push([le === '+Inf' ? Infinity : Number(le), Number(count)]);
  const pending = Number(/^journeyboard_pending_updates (\S+)$/m.exec(text)?.[1] ?? NaN);
  return { buckets, pending };
}

/** `histogram_quantile(q)` over cumulative buckets, in ms (the last finite bound past it). */
export function quantileMs(buckets: Buckets, q: number): number | null {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [upper, count] of buckets) {
    if (count >= rank) {
      if (!Number.isFinite(upper)) return lower * 1000;
      const share = count === below ? 0 : (rank - below) / (count - below);
      return (lower + (upper - lower) * share) * 1000;
    }
    lower = upper;
    below = count;
  }
  return lower * 1000;
}

/** W2's load on `server`; the commits it made, and their p50 and p99. */
async function commitsUnderLoad(
  server: BenchServer,
  scale: Scale,
  label: string,
): Promise<{ metrics: Metric[]; notes: string[] }> {
  const before = await readHistogram(server);
  const storm = await measuredEditStorm(server, scale);
  // Every accepted update committed (or the wait gives up and says so).
  const deadline = performance.now() + 30_000;
  let after = await readHistogram(server);
  while (after.pending > 0 && performance.now() < deadline) {
    await sleep(50);
    after = await readHistogram(server);
  }
  const delta: Buckets = after.buckets.map(([le, count], i) => [
    le,
    count - (before.buckets[i]?.[1] ?? 0),
  ]);
  const key = label.toLowerCase();
  const delivered = storm.metrics.find((m) => m.key === 'delivered')?.value ?? null;
  const p99 = storm.metrics.find((m) => m.key === 'p99')?.value ?? null;
  // A server waiting for its core delays commits as much as deliveries: read the two together.
  const cpuWait = storm.metrics.find((m) => m.key === 'cpuWait')?.value ?? null;
  return {
    metrics: [
      metric(`${key}Commits`, `${label}: updates committed`, delta.at(-1)?.[1] ?? 0, '', null, 0),
      metric(`${key}CommitP50`, `${label}: commit p50`, quantileMs(delta, 0.5), 'ms', true, 1),
      metric(`${key}CommitP99`, `${label}: commit p99`, quantileMs(delta, 0.99), 'ms', true, 1),
      metric(`${key}Delivered`, `${label}: edits delivered`, delivered, '%', false, 2),
      metric(`${key}EditP99`, `${label}: edit p99`, p99, 'ms', true, 1),
      metric(`${key}CpuWait`, `${label}: server waiting for CPU`, cpuWait, '%', null, 0),
    ],
    notes: [
      ...storm.notes.map((n) => `${label}: ${n}`),
      ...(after.pending > 0 ? [`${label}: ${after.pending} updates still pending after 30 s`] : []),
    ],
  };
}

/** A journeyboard on a PostgreSQL schema of its own, dropped afterwards. */
async function onPostgres<T>(use: (server: BenchServer) => Promise<T>): Promise<T> {
  const schema = `jb_bench_${randomBytes(5).toString('hex')}`;
  const server = await startServer('journeyboard', {
    env: { DATABASE_URL, DATABASE_SCHEMA: schema },
  });
  try {
    return await use(server);
  } finally {
    await server.stop();
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
  }
}

export const w8: Workload = async ({ server, scale }) => {
  if (server.name !== 'journeyboard')
    return {
      workload: 'W8',
      metrics: [],
      notes: [`${server.name}: no storage, nothing is committed`],
      closeCodes: {},
    };
  const sqlite = await commitsUnderLoad(server, scale, 'SQLite');
  let postgres: { metrics: Metric[]; notes: string[] };
  try {
    postgres = await onPostgres((pgServer) => commitsUnderLoad(pgServer, scale, 'PostgreSQL'));
  } catch (err) {
    postgres = { metrics: [], notes: [`PostgreSQL: ${(err as Error).message}`] };
  }
  return {
    workload: 'W8',
    metrics: [...sqlite.metrics, ...postgres.metrics],
    notes: [...sqlite.notes, ...postgres.notes],
    closeCodes: {},
  };
};
