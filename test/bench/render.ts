/**
 * Client render benchmark in headless Chromium: a board of C cards imported into journeyboard,
 * opened as its owner. Time from navigation to the first frame after every card is laid out,
 * then requestAnimationFrame deltas while panning (middle-button drag, at the fitted view and
 * at 100 %) and while zooming (ctrl + wheel). Then the crowd phases (issue 17): the same pan at
 * 100 % while 100, then 300 simulated people (test/helpers/crowd.ts, over real sockets from this
 * process) move their cursors at 30 Hz, spread over 3 × 3 screens around the view; and 300 at
 * the fitted view, where every cursor is in view.
 */
import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { Crowd } from '../helpers/crowd.js';
import { bigBoardJson } from './generator/boardData.js';
import { summarize } from './generator/stats.js';
import { framesDuring, heapAfterGc, konvaNodeCount, maxOf, measured } from './renderMeasures.js';
import { startServer, type BenchServer, type RoomRef } from './servers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };

export interface RenderResult {
  cards: number;
  firstRenderMs: number | null;
  panFitP95: number | null;
  pan100P95: number | null;
  zoomP95: number | null;
  /** Frames recorded per phase (a sanity check: too few means the page stalled). */
  frames: { panFit: number; zoom: number; pan100: number };
  /** Zoom of the fitted view the first pan ran at. */
  fitZoom: number | null;
  /** The page's JavaScript per second while panning at 100 % alone (CDP ScriptDuration). */
  pan100ScriptMsPerS?: number | null;
  /**
   * Load-independent cost (issue 19): main-thread task time (CDP TaskDuration: script, layout,
   * canvas drawing) per pointer or wheel event of each phase, in ms.
   */
  busyMsPerStep?: { panFit: number | null; zoom: number | null; pan100: number | null };
  /** CPU time of all Chromium's processes per step of each phase (ms, from /proc). */
  cpuMsPerStep?: { panFit: number | null; zoom: number | null; pan100: number | null };
  /** Longest frame while cards mount: zooming across the tile threshold, at new places (ms). */
  mountMaxFrame?: number | null;
  /** Longest frame of the pan at 100 %, where cards enter the view (ms). */
  pan100MaxFrame?: number | null;
  /** JS heap used after a forced garbage collection, the board loaded at the fitted view (MB). */
  heapMB?: number | null;
  /** Konva nodes on the page's stages at the fitted view and at 100 %. */
  konvaNodes?: { fit: number; at100: number };
  /** Panning while a crowd moves its cursors (issue 17); absent in runs before it. */
  crowd?: CrowdResult[];
  error?: string;
}

export interface CrowdResult {
  people: number;
  hz: number;
  /** 'spread': over 3 × 3 screens around a view at 100 %; 'fit': all in the fitted view. */
  placement: 'spread' | 'fit';
  p95: number | null;
  p99: number | null;
  frames: number;
  /** Cursors on the cursor layer at the end (the ones in view). */
  drawn: number;
  /** Awareness frames the crowd sent during the phase, all sockets together. */
  framesSent: number;
  /** The page's JavaScript time per second of the phase (CDP ScriptDuration), in ms. */
  scriptMsPerS: number | null;
}

const CROWD_HZ = 30;

interface BenchProbe {
  expected: number;
  frames: number[];
  recording: boolean;
  laidOut: boolean;
  firstFull: number | null;
}

declare global {
  interface Window {
    __bench?: BenchProbe;
  }
}

/**
 * Runs in the page before its scripts: a rAF loop that spots the first full frame (the frame
 * after the one whose layout held every card, so that layout has been drawn) and records frame
 * times. Plain JS text, so no transpiler helper leaks into the page.
 */
const probeScript = (expected: number) => `(() => {
  const probe = { expected: ${expected}, frames: [], recording: false, laidOut: false, firstFull: null };
  window.__bench = probe;
  const loop = (ts) => {
    if (probe.recording) probe.frames.push(ts);
    if (probe.firstFull === null) {
      if (probe.laidOut) probe.firstFull = performance.now();
      else if (window.journeyboard && window.journeyboard.layout().cards.size >= probe.expected)
        probe.laidOut = true;
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
})();`;

async function canvasCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('[data-testid=board-canvas]').boundingBox();
  if (!box) throw new Error('no board canvas');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Middle-button drags back and forth across the canvas for `ms`; resolves with the moves made. */
async function pan(page: Page, ms: number): Promise<number> {
  const c = await canvasCentre(page);
  const until = performance.now() + ms;
  let dir = 1;
  let moves = 0;
  while (performance.now() < until) {
    await page.mouse.move(c.x - 200 * dir, c.y - 120 * dir);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(c.x + 200 * dir, c.y + 120 * dir, { steps: 30 });
    await page.mouse.up({ button: 'middle' });
    moves += 31;
    dir = -dir;
  }
  return moves;
}

/** Ctrl + wheel in, then out, for `ms`; resolves with the wheel turns made. */
async function zoom(page: Page, ms: number): Promise<number> {
  const c = await canvasCentre(page);
  await page.mouse.move(c.x, c.y);
  await page.keyboard.down('Control');
  const until = performance.now() + ms;
  let step = 0;
  while (performance.now() < until) {
    await page.mouse.wheel(0, step++ % 40 < 20 ? -60 : 60);
  }
  await page.keyboard.up('Control');
  return step;
}

/**
 * Pans (wheel, no ctrl) so a card in the middle of the map is at the canvas centre: a reset to
 * 100 % about the fitted view's centre can land beside the map, where a pan draws no card.
 */
async function centreOnCards(page: Page): Promise<void> {
  const { dx, dy } = await page.evaluate(() => {
    const jb = window.journeyboard!;
    const boxes = [...jb.layout().cards.values()];
    const card = boxes[Math.floor(boxes.length / 2)]!;
    const host = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    const v = jb.viewport();
    return {
      dx: (card.x - v.x) * v.zoom - host.width / 2,
      dy: (card.y - v.y) * v.zoom - host.height / 2,
    };
  });
  const c = await canvasCentre(page);
  await page.mouse.move(c.x, c.y);
  await page.mouse.wheel(dx, dy);
  await page.waitForTimeout(300);
}

/**
 * Cards mount: from 100 % at a new place each time, ctrl + wheel out past the 30 % tile
 * threshold and back in, so every card of the view unmounts and mounts again.
 */
async function mountCycles(page: Page, cycles: number): Promise<number> {
  const c = await canvasCentre(page);
  let turns = 0;
  for (let i = 0; i < cycles; i++) {
    await page.keyboard.press('0');
    await page.mouse.move(c.x, c.y);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(c.x - 300, c.y - 500, { steps: 5 });
    await page.mouse.up({ button: 'middle' });
    await page.keyboard.down('Control');
    for (const dy of [60, -60]) {
      for (let t = 0; t < 16; t++, turns++) await page.mouse.wheel(0, dy);
    }
    await page.keyboard.up('Control');
  }
  return turns;
}

const viewportZoom = (page: Page) =>
  page.evaluate(() => window.journeyboard?.viewport().zoom ?? null);

/** Starts timing the page's JavaScript; the returned call gives ms of script per second since. */
async function scriptTime(
  page: Page,
  metric: 'ScriptDuration' | 'TaskDuration' = 'ScriptDuration',
): Promise<() => Promise<number | null>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === metric)?.value ?? null;
  };
  const startedAt = performance.now();
  const start = await read();
  return async () => {
    const end = await read();
    const secs = (performance.now() - startedAt) / 1000;
    await cdp.detach();
    return start === null || end === null ? null : ((end - start) * 1000) / secs;
  };
}

/** Cursors on the cursor layer now. */
const drawnCursorCount = (page: Page) =>
  page.evaluate(() => {
    type Layer = { name(): string; getChildren(): unknown[] };
    const konva = (window as unknown as { Konva?: { stages: { getLayers(): Layer[] }[] } }).Konva;
    const layers = konva?.stages.flatMap((s) => s.getLayers()) ?? [];
    return layers.find((l) => l.name() === 'remote-cursors')?.getChildren().length ?? 0;
  });

/**
 * Pans for `phaseMs` while `people` move their cursors at CROWD_HZ, each on a circle around
 * a home spread over 3 × 3 screens around the view ('spread') or within the view ('fit').
 */
async function crowdPhase(
  page: Page,
  server: BenchServer,
  room: RoomRef,
  people: number,
  placement: CrowdResult['placement'],
  phaseMs: number,
): Promise<CrowdResult> {
  const { view, w, h } = await page.evaluate(() => {
    const host = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    return { view: window.journeyboard!.viewport(), w: host.width, h: host.height };
  });
  const span = placement === 'spread' ? 3 : 1;
  const home = (i: number) => {
    // A fixed pseudo-random spread, the same in every run.
    const fx = ((i * 0.618034) % 1) * span - (span - 1) / 2;
    const fy = ((i * 0.754878) % 1) * span - (span - 1) / 2;
    return { x: view.x + (fx * w) / view.zoom, y: view.y + (fy * h) / view.zoom };
  };
  const crowd = await Crowd.join({
    url: server.target(room).url,
    count: people,
    place: (i) => home(i),
  });
  try {
    // Everyone is in the page's roster: the stack shows four avatars and "+N" (W238).
    await page.waitForFunction(
      (more) => document.querySelector('[data-testid=avatar-more]')?.textContent === more,
      `+${people - 4}`,
      { timeout: 60_000 },
    );
    crowd.start(CROWD_HZ, (p, tick) => {
      const base = home(p.index);
      const r = 40 / view.zoom;
      p.cursor = {
        x: Math.round(base.x + r * Math.cos(tick / 5 + p.index)),
        y: Math.round(base.y + r * Math.sin(tick / 5 + p.index)),
      };
    });
    // A second of moves before recording: the page has met everyone and is in its stride.
    await crowd.ticks(CROWD_HZ);
    const sentBefore = crowd.framesSent;
    const script = await scriptTime(page);
    const deltas = await framesDuring(page, () => pan(page, phaseMs));
    const stats = summarize(deltas);
    const scriptMsPerS = await script();
    return {
      people,
      hz: CROWD_HZ,
      placement,
      p95: stats.p95,
      p99: stats.p99,
      frames: deltas.length,
      drawn: await drawnCursorCount(page),
      framesSent: crowd.framesSent - sentBefore,
      scriptMsPerS,
    };
  } finally {
    await crowd.close();
  }
}

export async function runRender(
  cards: number,
  phaseMs: number,
  { crowdOnly = false }: { crowdOnly?: boolean } = {},
): Promise<RenderResult> {
  const result: RenderResult = {
    cards,
    firstRenderMs: null,
    panFitP95: null,
    pan100P95: null,
    zoomP95: null,
    frames: { panFit: 0, zoom: 0, pan100: 0 },
    fitZoom: null,
  };
  if (!existsSync(CHROMIUM)) return { ...result, error: `no Chromium at ${CHROMIUM}` };
  const server = await startServer('journeyboard');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const room = await server.importBoard!(bigBoardJson(cards));
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await context.addInitScript(() =>
      localStorage.setItem('journeyboard:user', JSON.stringify({ id: 'bench', name: 'Bench' })),
    );
    await context.addInitScript({ content: probeScript(cards) });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/b/${room.id}#token=${room.ownerToken}`);
    await page.waitForFunction(() => window.__bench?.firstFull !== null, undefined, {
      timeout: 120_000,
    });
    result.firstRenderMs = await page.evaluate(() => window.__bench!.firstFull);
    await page.waitForTimeout(500);
    result.fitZoom = await viewportZoom(page);

    result.heapMB = await heapAfterGc(page);
    const fitNodes = await konvaNodeCount(page);
    type PerStep = NonNullable<RenderResult['busyMsPerStep']>;
    const busy: PerStep = { panFit: null, zoom: null, pan100: null };
    const cpu: PerStep = { panFit: null, zoom: null, pan100: null };
    if (!crowdOnly) {
      const panFit = await measured(page, () => pan(page, phaseMs));
      const zoomed = await measured(page, () => zoom(page, phaseMs));
      result.frames.panFit = panFit.deltas.length;
      result.frames.zoom = zoomed.deltas.length;
      result.panFitP95 = summarize(panFit.deltas).p95;
      result.zoomP95 = summarize(zoomed.deltas).p95;
      busy.panFit = panFit.busyMsPerStep;
      busy.zoom = zoomed.busyMsPerStep;
      cpu.panFit = panFit.cpuMsPerStep;
      cpu.zoom = zoomed.cpuMsPerStep;
    }
    const crowdAtFit = await crowdPhase(page, server, room, 300, 'fit', phaseMs);
    await page.keyboard.press('0');
    await centreOnCards(page);
    const script = await scriptTime(page);
    const pan100 = await measured(page, () => pan(page, phaseMs));
    result.pan100ScriptMsPerS = await script();
    result.frames.pan100 = pan100.deltas.length;
    result.pan100P95 = summarize(pan100.deltas).p95;
    result.pan100MaxFrame = maxOf(pan100.deltas);
    busy.pan100 = pan100.busyMsPerStep;
    cpu.pan100 = pan100.cpuMsPerStep;
    result.busyMsPerStep = busy;
    result.cpuMsPerStep = cpu;
    result.konvaNodes = { fit: fitNodes, at100: await konvaNodeCount(page) };
    if (!crowdOnly) {
      const mounting = await framesDuring(page, () => mountCycles(page, 3));
      result.mountMaxFrame = maxOf(mounting);
      await page.keyboard.press('0');
      await page.waitForTimeout(300);
    }
    result.crowd = [
      await crowdPhase(page, server, room, 100, 'spread', phaseMs),
      await crowdPhase(page, server, room, 300, 'spread', phaseMs),
      crowdAtFit,
    ];
  } catch (err) {
    result.error = (err as Error).message.split('\n')[0];
  } finally {
    await browser.close();
    await server.stop();
  }
  return result;
}
