/** What every workload shares: its result shape, connecting many clients, periodic senders. */
import type { BenchClient } from '../generator/client.js';
import type { Deliveries } from '../generator/stats.js';
import { summarize } from '../generator/stats.js';
import { ProcessMeter, SelfMeter, type WindowUse } from '../proc.js';
import type { BenchServer, ServerLog, ServerName } from '../servers.js';
import type { Scale } from '../scale.js';

export const WORKLOAD_IDS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

export interface Metric {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  /** Whether a lower value is better (for the ratio column's wording); null = neither. */
  lowerIsBetter: boolean | null;
  digits?: number;
}

export interface WorkloadResult {
  workload: WorkloadId;
  server: ServerName;
  metrics: Metric[];
  notes: string[];
  /** Close codes the server sent to clients, with counts. */
  closeCodes: Record<string, number>;
  log?: ServerLog;
  error?: string;
}

export interface WorkloadContext {
  server: BenchServer;
  scale: Scale;
}

export type Workload = (
  context: WorkloadContext,
) => Promise<Omit<WorkloadResult, 'server' | 'log'>>;

export const metric = (
  key: string,
  label: string,
  value: number | null,
  unit: string,
  lowerIsBetter: boolean | null = true,
  digits?: number,
): Metric => ({
  key,
  label,
  value,
  unit,
  lowerIsBetter,
  ...(digits === undefined ? {} : { digits }),
});

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Opens `count` clients, at most `parallel` handshakes at a time, and waits for each to sync.
 * Clients that fail stay in the list (closed) and are counted in `failed`.
 */
export async function connectMany(
  count: number,
  make: (index: number) => BenchClient,
  { parallel = 64, timeoutMs = 30_000 } = {},
): Promise<{ clients: BenchClient[]; failed: number; firstError: string | null }> {
  const clients: BenchClient[] = [];
  let failed = 0;
  let firstError: string | null = null;
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const client = make(next++);
      clients.push(client);
      try {
        await client.synced(timeoutMs);
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
  return { clients, failed, firstError };
}

export async function closeAll(clients: readonly BenchClient[]): Promise<Record<string, number>> {
  const codes = closeCodes(clients);
  await Promise.all(clients.map((c) => c.close()));
  return codes;
}

/** Close codes the server ended connections with, counted. */
export function closeCodes(clients: readonly BenchClient[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const c of clients) {
    if (c.serverCloseCode !== null) codes[c.serverCloseCode] = (codes[c.serverCloseCode] ?? 0) + 1;
  }
  return codes;
}

/**
 * Calls `send(i)` for each of `count` senders every `periodMs`, start times spread over one
 * period. Returns a function that stops them all.
 */
export function periodic(count: number, periodMs: number, send: (i: number) => void): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (let i = 0; i < count; i++) {
    timers.push(
      setTimeout(
        () => {
          send(i);
          timers.push(setInterval(() => send(i), periodMs));
        },
        (i * periodMs) / count,
      ),
    );
  }
  return () => {
    for (const t of timers) {
      clearTimeout(t);
      clearInterval(t);
    }
  };
}

/** Waits until no delivery has arrived for `quietMs`, or `maxMs` passed. */
export async function drain(deliveries: Deliveries, quietMs: number, maxMs: number): Promise<void> {
  const deadline = performance.now() + maxMs;
  let seen = deliveries.delivered;
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    await sleep(50);
    if (deliveries.delivered !== seen) {
      seen = deliveries.delivered;
      quietSince = performance.now();
    } else if (deliveries.delivered >= deliveries.expected) return;
    else if (performance.now() - quietSince >= quietMs) return;
  }
}

/** What a send phase measured: the window's CPU per metered process, and the generator's. */
export interface WindowReadings {
  /** Per metered process, over the window. */
  inWindow: WindowUse[];
  /** Per metered process, over the window and its drain (for CPU per delivered message). */
  overall: WindowUse[];
  generator: { cpuPercent: number; waitPercent: number };
}

/**
 * Runs a send phase: warm-up (not counted), the measured window, then a drain, metering the
 * processes of `pids` (one server, or every process of a cluster). `atWindow` runs as the
 * window opens and closes (a cluster reads its counters there).
 */
export async function measureWindow(
  pids: readonly number[],
  deliveries: Deliveries,
  { warmupMs, durationMs, drainMs }: { warmupMs: number; durationMs: number; drainMs: number },
  stopSending: () => void,
  atWindow: () => unknown = () => undefined,
): Promise<WindowReadings> {
  await sleep(warmupMs);
  await atWindow();
  const total = pids.map((pid) => new ProcessMeter(pid));
  const window = pids.map((pid) => new ProcessMeter(pid));
  const self = new SelfMeter();
  deliveries.from = performance.now();
  await sleep(durationMs);
  deliveries.to = performance.now();
  stopSending();
  const inWindow = window.map((m) => m.stop());
  const generator = self.stop();
  await atWindow();
  await drain(deliveries, 1000, drainMs);
  return { inWindow, overall: total.map((m) => m.stop()), generator };
}

/** The metrics every messaging workload reports, for one server or the sum of a cluster's. */
export function messagingMetrics(deliveries: Deliveries, readings: WindowReadings): Metric[] {
  const { inWindow, overall, generator } = readings;
  const sum = (
    uses: readonly WindowUse[],
    key: 'cpuMs' | 'mainCpuMs' | 'cpuPercent' | 'waitPercent',
  ) => uses.reduce((total, use) => total + use[key], 0);
  const latency = summarize(deliveries.latency);
  const ratio = deliveries.expected ? deliveries.delivered / deliveries.expected : null;
  const seconds = (deliveries.to - deliveries.from) / 1000;
  return [
    metric('sent', 'sent/s', deliveries.sent / seconds, 'msg/s', false, 0),
    metric('expected', 'expected', deliveries.expected, 'msg', null, 0),
    metric('delivered', 'delivered', ratio === null ? null : 100 * ratio, '%', false, 2),
    metric(
      'deliveredOrSuperseded',
      'delivered or superseded',
      deliveries.expected
        ? (100 * (deliveries.delivered + deliveries.superseded)) / deliveries.expected
        : null,
      '%',
      false,
      2,
    ),
    metric('p50', 'p50', latency.p50, 'ms', true, 1),
    metric('p99', 'p99', latency.p99, 'ms', true, 1),
    metric('max', 'max', latency.max, 'ms', true, 0),
    metric('cpu', 'server CPU', sum(inWindow, 'cpuPercent'), '% core', true, 0),
    metric('cpuWait', 'server waiting for CPU', sum(inWindow, 'waitPercent'), '%', null, 0),
    metric('rss', 'server RSS', overall.reduce((t, u) => t + u.maxRssKb, 0) / 1024, 'MB', true, 0),
    metric(
      'cpuPerMsg',
      'CPU/delivered',
      deliveries.delivered ? (sum(overall, 'cpuMs') * 1000) / deliveries.delivered : null,
      'µs',
      true,
      2,
    ),
    metric(
      'mainCpuShare',
      'on the main thread',
      sum(overall, 'cpuMs') ? (100 * sum(overall, 'mainCpuMs')) / sum(overall, 'cpuMs') : null,
      '%',
      null,
      0,
    ),
    metric('genCpu', 'generator CPU', generator.cpuPercent, '% core', null, 0),
    metric('genWait', 'generator waiting for CPU', generator.waitPercent, '%', null, 0),
  ];
}

/** A send phase against one server, with the metrics every messaging workload reports. */
export async function measureMessaging(
  server: BenchServer,
  deliveries: Deliveries,
  timing: { warmupMs: number; durationMs: number; drainMs: number },
  stopSending: () => void,
): Promise<Metric[]> {
  return messagingMetrics(
    deliveries,
    await measureWindow([server.pid], deliveries, timing, stopSending),
  );
}
