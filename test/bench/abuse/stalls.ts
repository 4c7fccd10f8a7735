/**
 * The server's event-loop stalls, measured inside it: a preloaded hook ticks every 5 ms and,
 * when two ticks are 20 ms or more apart, prints when that stall ended, how long it was, and how
 * the main thread spent it (on a CPU, or runnable but waiting for one: the machine is shared)
 * from /proc/self/task/<pid>/schedstat. prom-client's lag_max says how long, not when nor why.
 */

const TICK_MS = 5;
const REPORT_MS = 20;
const STALL_LINE = 'bench-stall ';

/**
 * Plain JS (a data: URL module): no transpiler helper may leak into the server. Preloads run in
 * every worker thread too (the storage worker): only the main thread's loop is watched.
 */
const hookSource = `import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
const file = '/proc/self/task/' + process.pid + '/schedstat';
const sched = () => {
  try {
    const [run, wait] = readFileSync(file, 'utf8').split(' ');
    return [Number(run) / 1e6, Number(wait) / 1e6];
  } catch {
    return [0, 0];
  }
};
let last = performance.now();
let [lastRun, lastWait] = sched();
if (isMainThread) setInterval(() => {
  const now = performance.now();
  const [run, wait] = sched();
  const ms = now - last;
  if (ms >= ${REPORT_MS})
    process.stderr.write('${STALL_LINE}' + JSON.stringify({
      end: performance.timeOrigin + now, mono: Number(process.hrtime.bigint() / 1000n), ms,
      cpuMs: run - lastRun, waitMs: wait - lastWait,
    }) + '\\n');
  last = now;
  lastRun = run;
  lastWait = wait;
}, ${TICK_MS}).unref();
`;

/** Node flags that preload the hook into a server child. */
export const STALL_HOOK_FLAGS = [
  '--import',
  `data:text/javascript,${encodeURIComponent(hookSource)}`,
];

/** The smallest stall the hook reports: "none" in a window means every stall was shorter. */
export const STALL_FLOOR_MS = REPORT_MS;

export interface Stall {
  /** When it ended, ms since the epoch (performance.timeOrigin + now, in any process). */
  end: number;
  /** When it ended on CLOCK_MONOTONIC, µs: the clock of `--cpu-prof` sample times. */
  mono: number;
  /** Time between the two ticks (due 5 ms apart). */
  ms: number;
  /** Of `ms`, time the main thread ran (the server's own work, GC included). */
  cpuMs: number;
  /** Of `ms`, time it was runnable but another process had its core. */
  waitMs: number;
}

/** Now, ms since the epoch, comparable across processes and threads. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** Collects the hook's lines from a server's output (give `take` to the server's `onLine`). */
export class StallLog {
  private readonly stalls: Stall[] = [];

  readonly take = (line: string): boolean => {
    if (!line.startsWith(STALL_LINE)) return false;
    this.stalls.push(JSON.parse(line.slice(STALL_LINE.length)) as Stall);
    return true;
  };

  /** Stalls that ended between `from` and `to` (epoch ms). */
  within(from: number, to: number): Stall[] {
    return this.stalls.filter((s) => s.end >= from && s.end <= to);
  }
}

/** The longest of `stalls` by wall time and by the server's own CPU time, or null for none. */
export function longest(stalls: readonly Stall[]): { wall: Stall | null; cpu: Stall | null } {
  let wall: Stall | null = null;
  let cpu: Stall | null = null;
  for (const s of stalls) {
    if (!wall || s.ms > wall.ms) wall = s;
    if (!cpu || s.cpuMs > cpu.cpuMs) cpu = s;
  }
  return { wall, cpu };
}
