/**
 * One attack against a fresh journeyboard with its default limits: the server under the
 * stall hook, the honest probe on a board of its own, readings before and after the attack's
 * window (lag from /metrics, stalls from the hook, RSS from /proc), the attacker's sockets
 * closed after the closing reading and that teardown measured too.
 */
import { metricValue } from '../../integration/security/support.js';
import { ProcessMeter, memory } from '../proc.js';
import { startServer, type BenchServer, type RoomRef, type ServerLog } from '../servers.js';
import { sleep } from '../workloads/common.js';
import { Probe, type ProbeSummary } from './probe.js';
import type { StallProfile } from './stallProfile.js';
import { STALL_HOOK_FLAGS, StallLog, epochNow, longest, type Stall } from './stalls.js';

/** How long the probe runs before and after an attack's window. */
const QUIET_MS = 1000;
const ATTACK_LIMIT_MS = 240_000;

export interface AttackContext {
  readonly server: BenchServer;
  /** `http://127.0.0.1:<port>` of the current process (it changes after a restart). */
  readonly http: string;
  /** `ws://127.0.0.1:<port>/sync`: a stock provider's server URL. */
  readonly wsBase: string;
  /** A board of its own to attack, with every role's token (made with the admin token). */
  newBoard(): Promise<RoomRef>;
  /** Starts the measured window: what happened before (setup) is not counted. */
  begin(): Promise<void>;
  /** Runs once the window's closing reading is taken (closing the attacker's sockets). */
  defer(cleanup: () => unknown): void;
  /** After a request that may have ended the process: false (and restarted) when it did. */
  survived(): Promise<boolean>;
  /** The hook's longest stall between two instants (for setup steps outside the window). */
  longestStall(from: number, to: number): Stall | null;
}

export interface AttackOutcome {
  /** What the attacker got: close codes, HTTP statuses, "process down". */
  outcome: string;
  /** Figures particular to this attack, already formatted. */
  details?: Record<string, string>;
}

export interface Attack {
  id: string;
  title: string;
  /** The attack this one is the control of: the same setup without the attacker. */
  controlOf?: string;
  run(ctx: AttackContext): Promise<AttackOutcome>;
}

export interface ServerReading {
  lagMaxMs: number;
  heapExternalMb: number;
  connections: number;
}

export interface AttackResult extends AttackOutcome {
  id: string;
  title: string;
  controlOf?: string;
  windowMs: number;
  /** The longest stall by wall time, and the one where the server itself ran longest. */
  stall: Stall | null;
  busiest: Stall | null;
  /** Stalls of 100 ms or more in the window. */
  over100: number;
  /** prom-client's journeyboard_nodejs_eventloop_lag_max_seconds over the window, ms. */
  promLagMaxMs: number | null;
  probe: ProbeSummary | null;
  rssBeforeMb: number | null;
  rssPeakMb: number | null;
  rssAfterMb: number | null;
  heapExternalBeforeMb: number | null;
  /** At the end of the attack, before its sockets were closed. */
  heapExternalEndMb: number | null;
  /** Open sync connections at the end of the attack, as the server counts them. */
  connectionsAtEnd: number | null;
  /** Server main thread runnable but not running, % of the window (other processes). */
  serverWaitPercent: number | null;
  restarts: number;
  up: boolean;
  /** What the server logged (warnings and errors: its crash, if any). */
  log?: ServerLog;
  /** `--profile`: what the server did in the `busiest` stall. */
  busiestProfile?: StallProfile;
  error?: string;
}

async function read(http: string): Promise<ServerReading | null> {
  try {
    const text = await (await fetch(`${http}/metrics`)).text();
    return {
      lagMaxMs: 1000 * metricValue(text, 'journeyboard_nodejs_eventloop_lag_max_seconds'),
      heapExternalMb:
        (metricValue(text, 'journeyboard_nodejs_heap_size_used_bytes') +
          metricValue(text, 'journeyboard_nodejs_external_memory_bytes')) /
        2 ** 20,
      connections: metricValue(text, 'journeyboard_connections'),
    };
  } catch {
    return null;
  }
}

async function healthy(http: string): Promise<boolean> {
  try {
    return (await fetch(`${http}/healthz`, { signal: AbortSignal.timeout(10_000) })).ok;
  } catch {
    return false;
  }
}

function rssMb(pid: number): number | null {
  try {
    return memory(pid).rssKb / 1024;
  } catch {
    return null;
  }
}

function timeLimit<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

interface Span {
  at: number;
  pid: number;
  rssMb: number | null;
  reading: ServerReading | null;
  meter: ProcessMeter;
}

export async function runAttack(attack: Attack, nodeFlags: string[] = []): Promise<AttackResult> {
  const stalls = new StallLog();
  const server = await startServer('journeyboard', {
    defaultLimits: true,
    nodeFlags: [...STALL_HOOK_FLAGS, ...nodeFlags],
    onLine: stalls.take,
  });
  const probe = new Probe();
  const http = () => `http://127.0.0.1:${server.port}`;
  const cleanups: (() => unknown)[] = [];
  let span: Span | null = null;
  let restarts = 0;
  /** From a crash to the restarted process serving the probe: its start-up is not a stall. */
  const restarting: [number, number][] = [];
  const result: AttackResult = {
    id: attack.id,
    title: attack.title,
    ...(attack.controlOf ? { controlOf: attack.controlOf } : {}),
    outcome: '—',
    windowMs: 0,
    stall: null,
    busiest: null,
    over100: 0,
    promLagMaxMs: null,
    probe: null,
    rssBeforeMb: null,
    rssPeakMb: null,
    rssAfterMb: null,
    heapExternalBeforeMb: null,
    heapExternalEndMb: null,
    connectionsAtEnd: null,
    serverWaitPercent: null,
    restarts: 0,
    up: false,
  };
  try {
    const probeRoom = await server.newRoom();
    await probe.open(server, probeRoom);
    const ctx: AttackContext = {
      server,
      get http() {
        return http();
      },
      get wsBase() {
        return `ws://127.0.0.1:${server.port}/sync`;
      },
      newBoard: () => server.newRoom(),
      begin: async () => {
        if (span) return;
        // A full GC first: the setup's garbage (a 12 MB board's) must not pass for the attack's.
        await server.collectGarbage();
        await sleep(QUIET_MS);
        // Reading /metrics resets prom-client's lag histogram: the next reading is the window's.
        const reading = await read(http());
        span = {
          at: epochNow(),
          pid: server.pid,
          rssMb: rssMb(server.pid),
          reading,
          meter: new ProcessMeter(server.pid, 100),
        };
      },
      defer: (cleanup) => cleanups.push(cleanup),
      survived: async () => {
        await sleep(300);
        if (server.running!() && (await healthy(http()))) return true;
        restarts++;
        const from = epochNow();
        await server.restart!();
        await probe.open(server, probeRoom);
        await sleep(QUIET_MS);
        restarting.push([from, epochNow()]);
        return false;
      },
      longestStall: (from, to) => longest(stalls.within(from, to)).wall,
    };
    Object.assign(result, await timeLimit(attack.run(ctx), ATTACK_LIMIT_MS));
    const w = span as Span | null;
    if (!w) throw new Error('the attack never began its window');
    const end = await read(http());
    const windowEnd = epochNow();
    const use = w.meter.stop();
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await sleep(QUIET_MS);
    const teardown = await read(http());
    const to = epochNow();
    const inWindow = stalls
      .within(w.at, to)
      .filter((s) => !restarting.some(([a, b]) => s.end >= a && s.end <= b));
    const { wall, cpu } = longest(inWindow);
    const sameProcess = restarts === 0;
    Object.assign(result, {
      windowMs: windowEnd - w.at,
      stall: wall,
      busiest: cpu,
      over100: inWindow.filter((s) => s.ms >= 100).length,
      promLagMaxMs: end || teardown ? Math.max(end?.lagMaxMs ?? 0, teardown?.lagMaxMs ?? 0) : null,
      probe: await probe.summary(w.at, windowEnd),
      rssBeforeMb: w.rssMb,
      rssPeakMb: sameProcess ? use.maxRssKb / 1024 : null,
      rssAfterMb: sameProcess ? rssMb(server.pid) : null,
      heapExternalBeforeMb: w.reading?.heapExternalMb ?? null,
      heapExternalEndMb: sameProcess ? (end?.heapExternalMb ?? null) : null,
      connectionsAtEnd: end?.connections ?? null,
      serverWaitPercent: sameProcess ? use.waitPercent : null,
    });
  } catch (err) {
    result.error = (err as Error).message.split('\n')[0];
  } finally {
    for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch(() => undefined);
    result.restarts = restarts;
    result.log = server.log;
    result.up = server.running!() && (await healthy(http()));
    await probe.close().catch(() => undefined);
    await server.stop();
  }
  return result;
}
