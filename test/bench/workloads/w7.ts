/**
 * W7 cluster: W1 and W2's traffic against one instance, then against a cluster of instances
 * (test/bench/cluster.ts) with the clients of a board spread round-robin over the instances,
 * and with every client of a board on one instance (board affinity). Reports, per case, what
 * W1 and W2 report (the cluster's figures summed over its instances) and each instance's CPU
 * and bus traffic: in the spread case every instance applies every update of a board, its own
 * clients' and those relayed to it over Redis.
 */
import type { BenchCluster, BusCounts } from '../cluster.js';
import { affinityRouting, spreadRouting, startCluster } from '../cluster.js';
import type { Scale } from '../scale.js';
import { startServer, type StartOptions } from '../servers.js';
import {
  closeAll,
  measureWindow,
  messagingMetrics,
  metric,
  sleep,
  type Metric,
  type WorkloadResult,
} from './common.js';
import { cursorStorm, editStorm, oneServer, type Routing, type Storm } from './storms.js';

export const W7_STORMS = ['w1', 'w2'] as const;
export const W7_MODES = ['single', 'spread', 'affinity'] as const;
export type W7Storm = (typeof W7_STORMS)[number];
export type W7Mode = (typeof W7_MODES)[number];

/** The key of a W7 metric: `<storm>.<mode>.<metric>` (`w1.spread.p99`). */
export const w7Key = (storm: W7Storm, mode: W7Mode, key: string) => `${storm}.${mode}.${key}`;

const startStorm = (storm: W7Storm, routing: Routing, scale: Scale): Promise<Storm> =>
  storm === 'w1' ? cursorStorm(routing, scale.w7.w1) : editStorm(routing, scale.w7.w2);

interface CaseResult {
  metrics: Metric[];
  notes: string[];
  closeCodes: Record<string, number>;
}

/** Per instance: its share of the clients, its CPU, and the bus messages it relayed. */
function perInstance(
  cluster: BenchCluster,
  storm: Storm,
  cpuPercent: number[],
  bus: [BusCounts[], BusCounts[]],
  seconds: number,
): Metric[] {
  const [before, after] = bus;
  return cluster.instances.flatMap((server, i) => {
    const app = `app${i + 1}`;
    const port = `:${server.port}/`;
    const clients = storm.clients.filter((c) => c.open && c.ws.url.includes(port)).length;
    const rate = (d: 'in' | 'out') => (after[i]![d] - before[i]![d]) / seconds;
    return [
      metric(`${app}.clients`, `${app} clients`, clients, '', null, 0),
      metric(`${app}.cpu`, `${app} CPU`, cpuPercent[i]!, '% core', true, 0),
      metric(`${app}.busIn`, `${app} bus in (relayed to it)`, rate('in'), 'msg/s', true, 0),
      metric(`${app}.busOut`, `${app} bus out`, rate('out'), 'msg/s', true, 0),
    ];
  });
}

async function runCase(
  storm: W7Storm,
  mode: W7Mode,
  routing: Routing,
  scale: Scale,
  pids: number[],
  cluster: BenchCluster | null,
): Promise<CaseResult> {
  const traffic = await startStorm(storm, routing, scale);
  const bus: BusCounts[][] = [];
  const readings = await measureWindow(pids, traffic.deliveries, scale, traffic.stop, async () => {
    if (cluster) bus.push(await cluster.busCounts());
  });
  const size = cluster?.instances.length ?? 1;
  const servers = { ...readings, inWindow: readings.inWindow.slice(0, size) };
  const metrics = [
    metric('clients', 'clients', traffic.senders, '', null, 0),
    ...messagingMetrics(traffic.deliveries, {
      ...servers,
      overall: readings.overall.slice(0, size),
    }),
  ];
  if (cluster) {
    const seconds = (traffic.deliveries.to - traffic.deliveries.from) / 1000;
    const cpu = readings.inWindow.map((use) => use.cpuPercent);
    metrics.push(
      ...perInstance(cluster, traffic, cpu, [bus[0]!, bus[1]!], seconds),
      metric('redisCpu', 'Redis CPU', cpu[size]!, '% core', true, 0),
    );
  }
  const closeCodes = await closeAll(traffic.clients);
  // The rooms unload before the next case (ROOM_UNLOAD_GRACE_MS).
  await sleep(1000);
  return {
    metrics: metrics.map((m) => ({ ...m, key: w7Key(storm, mode, m.key) })),
    notes: traffic.notes.map((n) => `${storm.toUpperCase()} ${mode}: ${n}`),
    closeCodes,
  };
}

function merge(into: CaseResult, from: CaseResult): void {
  into.metrics.push(...from.metrics);
  into.notes.push(...from.notes);
  for (const [code, count] of Object.entries(from.closeCodes))
    into.closeCodes[code] = (into.closeCodes[code] ?? 0) + count;
}

/** The storms a run plays: a `--quick` smoke run plays the edit storm only (its 2 minutes). */
const stormsOf = (scale: Scale): readonly W7Storm[] => (scale.quick ? ['w2'] : W7_STORMS);

/**
 * Under `--profile` each process writes its profile to a folder of its own below the run's
 * (`single`, `spread-app1`…), so the report lists every instance; elsewhere the flags stay.
 */
export function profiledAs(options: StartOptions, label: string): StartOptions {
  const flags = options.nodeFlags?.map((f) =>
    f.startsWith('--cpu-prof-dir=') ? `${f}/${label}` : f,
  );
  return flags ? { ...options, nodeFlags: flags } : options;
}

/**
 * Runs every case of W7 (journeyboard only: the other servers have no cluster). Each routing
 * gets a fresh cluster, so an instance's CPU and profile belong to one routing.
 */
export async function w7(
  scale: Scale,
  options: StartOptions,
): Promise<Omit<WorkloadResult, 'server' | 'log'>> {
  const all: CaseResult = { metrics: [], notes: [], closeCodes: {} };
  const single = await startServer('journeyboard', profiledAs(options, 'single'));
  try {
    for (const storm of stormsOf(scale))
      merge(all, await runCase(storm, 'single', oneServer(single), scale, [single.pid], null));
  } finally {
    await single.stop();
  }
  for (const mode of ['spread', 'affinity'] as const) {
    const cluster = await startCluster(scale.w7.instances, options, (i) =>
      profiledAs(options, `${mode}-app${i}`),
    );
    try {
      const pids = [...cluster.instances.map((s) => s.pid), cluster.redisPid];
      const routing =
        mode === 'spread' ? spreadRouting(cluster.instances) : affinityRouting(cluster.instances);
      for (const storm of stormsOf(scale))
        merge(all, await runCase(storm, mode, routing, scale, pids, cluster));
    } finally {
      await cluster.stop();
    }
  }
  return { workload: 'W7', ...all };
}
