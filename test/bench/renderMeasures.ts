/** The render benchmark's frame and cost measures (issue 19): frames, task time, heap, nodes. */
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
): Promise<{ deltas: number[]; busyMsPerStep: number | null }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
      ?.value ?? null;
  const before = await task();
  let steps = 0;
  const deltas = await framesDuring(page, async () => {
    steps = await drive();
  });
  const after = await task();
  await cdp.detach();
  const busyMsPerStep =
    before === null || after === null || steps === 0 ? null : ((after - before) * 1000) / steps;
  return { deltas, busyMsPerStep };
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
