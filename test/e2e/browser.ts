/**
 * Helpers for the browser tests: Debian's Chromium driven by playwright-core, and ways to find
 * cards and cells on the Konva canvas through `window.journeyboard` (the board page's test aid).
 */
import { expect } from 'vitest';
import { boardTokens, createBoard } from '../helpers/server.js';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { ROOT } from '../helpers/server.js';

export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
export const VIEWPORT = { width: 1440, height: 900 };

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: the browser tests need it. ` +
        'Install it (Debian: apt-get install chromium) or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}

let people = 0;

/**
 * A fresh profile (own IndexedDB, service worker and localStorage): one user on one device,
 * who has already told the app their name (`userName`, or "Tester N"), so the first-visit name
 * dialog stays out of the way.
 */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions & { userName?: string } = {},
): Promise<BrowserContext> {
  const { userName, ...contextOptions } = options;
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    colorScheme: 'light',
    reducedMotion: 'reduce',
    ...contextOptions,
  });
  const name = userName ?? `Tester ${++people}`;
  await context.addInitScript(
    ({ id, name }) => {
      if (!localStorage.getItem('journeyboard:user')) {
        localStorage.setItem('journeyboard:user', JSON.stringify({ id, name }));
      }
    },
    { id: `e2e-${name.replace(/\W+/g, '-').toLowerCase()}`, name },
  );
  return context;
}

const pageErrors = new WeakMap<Page, string[]>();

/** A new page whose uncaught exceptions are recorded for `expectNoPageErrors`. */
export async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (err) => errors.push(err.stack ?? err.message));
  return page;
}

/** Uncaught exceptions thrown in the page so far. */
export function pageErrorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

export const CONNECTED = '[data-testid=connection-status][data-state=connected]';

export async function waitConnected(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector(CONNECTED, { timeout });
}

/** Opens `/b/<id>` and waits for the live connection and a settled canvas. */
/** Opens a board through its share link (editor unless said otherwise), as a person would. */
export async function openBoard(
  context: BrowserContext,
  baseUrl: string,
  boardId: string,
  role: 'owner' | 'editor' | 'commenter' | 'viewer' = 'editor',
) {
  const page = await newPage(context);
  const token = boardTokens.get(boardId)?.[role];
  await page.goto(`${baseUrl}/b/${boardId}${token ? `#token=${token}` : ''}`);
  await waitConnected(page);
  await waitCanvasReady(page);
  return page;
}

/** The canvas is drawn and the viewport (fit to content on first load) has stopped changing. */
export async function waitCanvasReady(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector('[data-testid=board-canvas] canvas', { timeout });
  await page.waitForFunction(() => window.journeyboard !== undefined, undefined, { timeout });
  await settle(page);
}

/**
 * Waits until the layout and viewport are the same across a few animation frames (the board
 * snapshot is re-read once per frame, the viewport is fitted once content arrives).
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const read = () => {
      const jb = window.journeyboard;
      if (!jb) return 'none';
      const v = jb.viewport();
      const l = jb.layout();
      return `${v.x},${v.y},${v.zoom}|${l.width}x${l.height}|${l.cards.size}`;
    };
    let last = read();
    let stable = 0;
    for (let i = 0; i < 200 && stable < 3; i++) {
      await frame();
      const now = read();
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
  });
}

export interface CardState {
  id: string;
  text: string;
  stageId: string;
  laneId: string;
}

export interface BoardState {
  cards: CardState[];
  stages: { id: string; name: string }[];
  lanes: { id: string; name: string; kind: string }[];
}

/** What the canvas shows: read from the page's layout (cards in stage, lane, order). */
export function boardState(page: Page): Promise<BoardState> {
  return page.evaluate(() => {
    const jb = window.journeyboard;
    if (!jb) throw new Error('window.journeyboard is not set: is a board page open?');
    const layout = jb.layout();
    return {
      cards: [...layout.cards.values()].map((box) => ({
        id: box.card.id,
        text: box.card.text,
        stageId: box.card.stageId,
        laneId: box.card.laneId,
      })),
      stages: layout.columns.map((c) => ({ id: c.id, name: c.name })),
      lanes: layout.rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind })),
    };
  });
}

export interface Point {
  x: number;
  y: number;
}

/** Page coordinates of a board point (board units), through the viewport and the canvas box. */
function boardToPage(page: Page, bx: number, by: number): Promise<Point> {
  return page.evaluate(
    ([x, y]) => {
      const jb = window.journeyboard!;
      const v = jb.viewport();
      const rect = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
      return { x: rect.left + (x - v.x) * v.zoom, y: rect.top + (y - v.y) * v.zoom };
    },
    [bx, by] as const,
  );
}

/** Page coordinates of the centre of a card. */
export async function cardScreenPoint(page: Page, cardId: string): Promise<Point> {
  const centre = await page.evaluate((id) => {
    const box = window.journeyboard?.layout().cards.get(id);
    return box ? { x: box.x + box.w / 2, y: box.y + box.h / 2 } : null;
  }, cardId);
  if (!centre) throw new Error(`card ${cardId} is not on the canvas`);
  return boardToPage(page, centre.x, centre.y);
}

export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Page rectangle a card is drawn in (its board box through the viewport and the canvas box). */
export async function cardScreenRect(page: Page, cardId: string): Promise<ScreenRect> {
  const rect = await page.evaluate((id) => {
    const jb = window.journeyboard!;
    const box = jb.layout().cards.get(id);
    if (!box) return null;
    const v = jb.viewport();
    const canvas = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    return {
      x: canvas.left + (box.x - v.x) * v.zoom,
      y: canvas.top + (box.y - v.y) * v.zoom,
      width: box.w * v.zoom,
      height: box.h * v.zoom,
    };
  }, cardId);
  if (!rect) throw new Error(`card ${cardId} is not on the canvas`);
  return rect;
}

/** The board point (board units) under a page point, through the viewport and the canvas box. */
export function pageToBoard(page: Page, p: Point): Promise<Point> {
  return page.evaluate(({ x, y }) => {
    const v = window.journeyboard!.viewport();
    const rect = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    return { x: v.x + (x - rect.left) / v.zoom, y: v.y + (y - rect.top) / v.zoom };
  }, p);
}

/** Page coordinates of an empty spot in a cell: below its last card (its middle when empty). */
export async function cellScreenPoint(page: Page, stageId: string, laneId: string): Promise<Point> {
  const spot = await page.evaluate(
    ([stage, lane]) => {
      const layout = window.journeyboard!.layout();
      const column = layout.columns.find((c) => c.id === stage);
      const row = layout.rows.find((r) => r.id === lane);
      if (!column || !row) return null;
      const ids = layout.cells.get(`${stage}|${lane}`) ?? [];
      const last = ids.length ? layout.cards.get(ids[ids.length - 1]!) : undefined;
      const top = last ? last.y + last.h : row.y;
      return { x: column.x + column.w / 2, y: (top + row.y + row.h) / 2 };
    },
    [stageId, laneId] as const,
  );
  if (!spot) throw new Error(`no cell for stage ${stageId} and lane ${laneId}`);
  return boardToPage(page, spot.x, spot.y);
}

/** Whether the canvas itself (not a toolbar, minimap or panel over it) is under a page point. */
function canvasAt(page: Page, p: Point): Promise<boolean> {
  return page.evaluate(({ x, y }) => {
    const hit = document.elementFromPoint(x, y);
    return hit instanceof HTMLCanvasElement && !!hit.closest('[data-testid=board-canvas]');
  }, p);
}

/**
 * Makes a point returned by `locate` reachable: when it is off screen or under an overlay, the
 * board is panned with the mouse wheel (as a user scrolls) to bring it to the canvas centre.
 */
export async function reachable(page: Page, locate: () => Promise<Point>): Promise<Point> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const p = await locate();
    if (await canvasAt(page, p)) return p;
    const box = (await page.locator('[data-testid=board-canvas]').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.wheel(p.x - centre.x, p.y - centre.y);
    await settle(page);
  }
  throw new Error('could not bring the target into view on the canvas');
}

/**
 * Zooms in the top bar's steps (10 % … 400 %, about the canvas centre): with its buttons, or
 * with the keyboard when a narrow top bar keeps them in its "More" menu.
 */
export async function zoomTo(page: Page, percent: number): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const now = Math.round((await page.evaluate(() => window.journeyboard!.viewport().zoom)) * 100);
    if (now === percent) return;
    const button = page.locator(`[aria-label="${now < percent ? 'Zoom in' : 'Zoom out'}"]`);
    if (await button.isVisible()) await button.click();
    else {
      // Nothing focused: the board has the keyboard (keyRouting.ts).
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press(now < percent ? '+' : '-');
    }
    await settle(page);
  }
  throw new Error(`could not zoom to ${percent} %`);
}

/** Pans with the mouse wheel so the board point (x, y) is at the canvas's top-left corner. */
export async function panTo(page: Page, x: number, y: number): Promise<void> {
  const v = await page.evaluate(() => window.journeyboard!.viewport());
  const box = (await page.locator('[data-testid=board-canvas]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel((x - v.x) * v.zoom, (y - v.y) * v.zoom);
  await settle(page);
}

/** The text editor overlay is open and focused. */
export async function waitEditorFocused(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (document.activeElement as HTMLElement | null)?.dataset.testid === 'text-editor',
    undefined,
    { timeout: 5_000 },
  );
}

/** Types into the open text editor (replacing its selected text) and commits with Enter. */
export async function typeAndCommit(page: Page, text: string): Promise<void> {
  await waitEditorFocused(page);
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=text-editor]', { state: 'detached', timeout: 5_000 });
}

/** Double-clicks an empty spot of a cell, types the card's text, Enter; returns the new card. */
export async function addCardInCell(
  page: Page,
  stageId: string,
  laneId: string,
  text: string,
): Promise<CardState> {
  const before = new Set((await boardState(page)).cards.map((c) => c.id));
  const spot = await reachable(page, () => cellScreenPoint(page, stageId, laneId));
  await page.mouse.dblclick(spot.x, spot.y);
  // Konva tells a double click by the time between its two clicks (400 ms): a renderer starved
  // of CPU can see two single clicks. Nothing was added then, so the double click is repeated.
  const opened = await waitEditorFocused(page).then(
    () => true,
    () => false,
  );
  if (!opened && (await boardState(page)).cards.every((c) => before.has(c.id)))
    await page.mouse.dblclick(spot.x, spot.y);
  await typeAndCommit(page, text);
  const added = await until(
    async () => {
      const cards = (await boardState(page)).cards.filter((c) => !before.has(c.id));
      return cards.length === 1 && cards[0]!.text === text ? cards[0] : undefined;
    },
    { timeout: 5_000, what: `a new card "${text}" on the canvas` },
  );
  return added;
}

/** Drags a card with real mouse moves and drops it in the empty part of another cell. */
export async function dragCardToCell(
  page: Page,
  cardId: string,
  stageId: string,
  laneId: string,
): Promise<void> {
  const from = await reachable(page, () => cardScreenPoint(page, cardId));
  const to = await cellScreenPoint(page, stageId, laneId);
  if (!(await canvasAt(page, to))) throw new Error('the drop target is not visible on the canvas');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // A few small moves first so the drag starts on the card, then the trip across the board.
  await page.mouse.move(from.x + 4, from.y + 4, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.up();
}

/** Polls `check` until it returns a value other than undefined/false; fails with `what`. */
export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeout = 5_000, interval = 50, what = 'a condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Waits until every write the page issued to a board's offline copy (IndexedDB) is committed:
 * a read-only transaction on the updates store only starts once earlier read/write ones on it
 * have finished. Returns the number of stored updates.
 */
export function offlineCopyFlushed(page: Page, boardId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('updates')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('updates', 'readonly').objectStore('updates').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
    `journeyboard:${boardId}`,
  );
}

/** Waits until the service worker controls the page (reloading once, as a first visit needs). */
export async function waitServiceWorker(page: Page): Promise<void> {
  const controlled = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
  if (!controlled) {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 10_000,
    });
  }
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Fails the test if any page threw an uncaught exception. */
export function expectNoPageErrors(...pages: Page[]): void {
  for (const page of pages)
    expect(pageErrorsOf(page), `uncaught errors in ${page.url()}`).toEqual([]);
}

/** A fresh board from the Current state template, made through the REST API. */
export async function templateBoard(
  baseUrl: string,
  title = 'Expense onboarding',
): Promise<string> {
  const board = await createBoard(baseUrl, {
    title,
    template: 'current-state',
    persona: { name: 'Dana Whitfield' },
  });
  return board.id;
}
