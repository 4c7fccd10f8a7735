/** CPU and memory of a process from /proc, and core pinning with taskset. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
}

const TICKS_PER_SEC = clockTicks();

/** User + system CPU time of a process (all its threads) so far, in ms. */
export function cpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** User + system CPU time of a process's main thread (where a Node server runs JS), in ms. */
export function mainThreadCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

function statCpuMs(file: string): number {
  const stat = readFileSync(file, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return ((utime + stime) * 1000) / TICKS_PER_SEC;
}

/**
 * Time the process's main thread (where a Node server does its work) spent runnable but
 * waiting for a CPU, in ms (/proc/<pid>/task/<pid>/schedstat): other processes crowding its core.
 */
export function waitMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
}

/**
 * Resolves once the process has used under `maxPercent` of a core over a whole `windowMs`
 * (or after `timeoutMs`): background work left over from setting up (journeyboard indexing a
 * board it just imported) is not counted against what is measured next.
 */
export async function whenQuiet(
  pid: number,
  { windowMs = 250, maxPercent = 5, timeoutMs = 15_000 } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const before = cpuMs(pid);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if ((100 * (cpuMs(pid) - before)) / windowMs < maxPercent) return;
  }
}

export interface Memory {
  /** Resident set size now, KiB. */
  rssKb: number;
  /** Peak resident set size since the process started, KiB. */
  peakKb: number;
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
  return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
}

export interface WindowUse {
  cpuMs: number;
  /** Of `cpuMs`, the main thread's (the rest: worker threads, GC helpers, libuv's pool). */
  mainCpuMs: number;
  wallMs: number;
  /** CPU used, % of one core. */
  cpuPercent: number;
  /** Main thread runnable but not running (its core busy with something else), % of the window. */
  waitPercent: number;
  rssKb: number;
  maxRssKb: number;
}

/** CPU and RSS of a process over a window, sampled every `intervalMs` for the peak. */
export class ProcessMeter {
  private readonly startCpu: number;
  private readonly startMainCpu: number;
  private readonly startWait: number;
  private readonly startWall = performance.now();
  private maxRssKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly pid: number,
    intervalMs = 250,
  ) {
    this.startCpu = cpuMs(pid);
    this.startMainCpu = mainThreadCpuMs(pid);
    this.startWait = waitMs(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    try {
      this.maxRssKb = Math.max(this.maxRssKb, memory(this.pid).rssKb);
    } catch {
      // The process is gone; the window's figures stop here.
    }
  }

  stop(): WindowUse {
    clearInterval(this.timer);
    this.sample();
    let used = 0;
    let usedMain = 0;
    let waited = 0;
    let rssKb = 0;
    try {
      used = cpuMs(this.pid) - this.startCpu;
      usedMain = mainThreadCpuMs(this.pid) - this.startMainCpu;
      waited = waitMs(this.pid) - this.startWait;
      rssKb = memory(this.pid).rssKb;
    } catch {
      // Exited during the window.
    }
    const wallMs = performance.now() - this.startWall;
    return {
      cpuMs: used,
      mainCpuMs: usedMain,
      wallMs,
      cpuPercent: (100 * used) / wallMs,
      waitPercent: (100 * waited) / wallMs,
      rssKb,
      maxRssKb: this.maxRssKb,
    };
  }
}

/** The generator's own CPU over a window (to tell when it, not the server, was the limit). */
export class SelfMeter {
  private readonly meter = new ProcessMeter(process.pid, 1000);

  /** CPU used and time spent waiting for a CPU, % of the window. */
  stop(): { cpuPercent: number; waitPercent: number } {
    const { cpuPercent, waitPercent } = this.meter.stop();
    return { cpuPercent, waitPercent };
  }
}

let tasksetChecked: boolean | null = null;

/** Whether `taskset` exists and there are at least two cores to pin to. */
export function canPin(): boolean {
  if (tasksetChecked === null) {
    try {
      execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
      const cores = Number(execFileSync('nproc').toString().trim());
      tasksetChecked = cores >= 2;
    } catch {
      tasksetChecked = false;
    }
  }
  return tasksetChecked;
}

/** Pins every thread of this process to `cores` (a taskset list: `0`, `0-1`); false when it cannot. */
export function pinSelf(cores: string): boolean {
  if (!canPin()) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

/** The command line that runs `command args` pinned to `core` (unpinned when it cannot be). */
export function pinned(core: number, command: string, args: string[]): [string, string[]] {
  return canPin() ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];
}
