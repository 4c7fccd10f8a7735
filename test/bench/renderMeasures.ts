/** The render benchmark's frame and cost measures (issue 19): frames, task time, heap, nodes. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Records frames while `drive` runs; returns the frame-time deltas (ms). */
export async function framesDuring(page: Page, drive: () => Promise<unknown>): Promise<number[]> {
  await page.evaluate(() => {
    window.__bench!.frames = [];
    window.__bench!.recording = true;
  });
  await drive();
  const frames = await page.evaluate(() => {
    window.__bench!.recording = false;
    return window.__bench!.frames;
  });
  return frames.slice(1).map((t, i) => t - frames[i]!);
}

/**
 * Frames while `drive` runs, and the main thread's task time per step it reports (CDP
 * TaskDuration: what the page costs, whatever else the machine runs).
 */
export async function measured(
  page: Page,
  drive: () => Promise<number>,
): Promise<{ deltas: number[]; busyMsPerStep: number | null; cpuMsPerStep: number | null }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
      ?.value ?? null;
  const before = await task();
  const cpuBefore = chromiumCpuMs();
  let steps = 0;
  const deltas = await framesDuring(page, async () => {
    steps = await drive();
  });
  const cpuAfter = chromiumCpuMs();
  const after = await task();
  await cdp.detach();
  const per = (a: number | null, b: number | null, scale: number) =>
    a === null || b === null || steps === 0 ? null : ((b - a) * scale) / steps;
  return {
    deltas,
    busyMsPerStep: per(before, after, 1000),
    cpuMsPerStep: per(cpuBefore, cpuAfter, 1),
  };
}

/** JS heap in use after a full garbage collection (MB). */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

/** Konva nodes on every stage of the page. */
// Plain JS text: a named function compiled by tsx would call a helper the page lacks.
export const konvaNodeCount = (page: Page): Promise<number> =>
  page.evaluate(`(() => {
    const count = (n) => 1 + (n.getChildren ? n.getChildren() : []).reduce((s, c) => s + count(c), 0);
    return (window.Konva ? window.Konva.stages : []).reduce((s, st) => s + count(st), 0);
  })()`);

export const maxOf = (deltas: number[]) => (deltas.length ? Math.max(...deltas) : null);

/**
 * CPU time (user + system, ms) of every Chromium process this benchmark started: what the page
 * costs whatever else the machine runs (/proc, Linux only; null elsewhere).
 */
export function chromiumCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const parentOf = new Map<number, number>();
  const cpu = new Map<number, number>();
  const tick = 1000 / 100; // USER_HZ
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command may hold spaces and parentheses: fields start after the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      parentOf.set(Number(name), Number(fields[1]));
      if (comm.startsWith('chrom')) cpu.set(Number(name), (+fields[11]! + +fields[12]!) * tick);
    } catch {
      // The process ended while we read.
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p))
      if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, ms] of cpu) if (ours(pid)) total += ms;
  return total;
}
