/**
 * Real touch for the browser tests: fingers put down, moved and lifted through the DevTools
 * protocol (`Input.dispatchTouchEvent`), so the page gets the touch and pointer events a phone
 * sends, several fingers at once (`page.touchscreen` only taps). Contexts need `hasTouch`.
 */
import type { CDPSession, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Viewport } from '../../client/src/board/core/viewport.js';
import { settle, type Point } from './browser.js';

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function cdp(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

type TouchType = 'touchStart' | 'touchMove' | 'touchEnd' | 'touchCancel';

/** One touch event with the fingers (id: index) still on the screen after it. */
async function dispatch(page: Page, type: TouchType, fingers: readonly Point[]): Promise<void> {
  const session = await cdp(page);
  await session.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: fingers.map((p, id) => ({ x: p.x, y: p.y, id, radiusX: 4, radiusY: 4 })),
  });
}

const between = (a: Point, b: Point, t: number): Point => ({
  x: a.x + (b.x - a.x) * t,
  y: a.y + (b.y - a.y) * t,
});

/** Puts fingers down (all at once) at page points. */
export function fingersDown(page: Page, at: readonly Point[]): Promise<void> {
  return dispatch(page, 'touchStart', at);
}

/** Moves the fingers that are down from `from` to `to` in `steps` touch moves. */
export async function fingersMove(
  page: Page,
  from: readonly Point[],
  to: readonly Point[],
  steps = 10,
): Promise<void> {
  for (let i = 1; i <= steps; i++) {
    await dispatch(
      page,
      'touchMove',
      from.map((p, k) => between(p, to[k]!, i / steps)),
    );
  }
}

/** Lifts every finger. */
export function fingersUp(page: Page): Promise<void> {
  return dispatch(page, 'touchEnd', []);
}

/** One finger down at `from`, dragged to `to`, lifted. */
export async function swipe(page: Page, from: Point, to: Point, steps = 12): Promise<void> {
  await fingersDown(page, [from]);
  await fingersMove(page, [from], [to], steps);
  await fingersUp(page);
}

/** Two fingers about `centre`, `startGap` px apart, spread (or closed) to `endGap`, lifted. */
export async function pinch(
  page: Page,
  centre: Point,
  startGap: number,
  endGap: number,
  steps = 12,
): Promise<void> {
  const pair = (gap: number) => [
    { x: centre.x - gap / 2, y: centre.y },
    { x: centre.x + gap / 2, y: centre.y },
  ];
  await fingersDown(page, pair(startGap));
  await fingersMove(page, pair(startGap), pair(endGap), steps);
  await fingersUp(page);
}

/**
 * A page point on empty canvas (no card, shape or header under it, nothing over the canvas),
 * searched outwards from the canvas's centre; Konva's own hit test says what is under a point.
 */
export async function emptyCanvasPoint(page: Page): Promise<Point> {
  const found = await page.evaluate(() => {
    const host = document.querySelector('[data-testid=board-canvas]')!;
    const rect = host.getBoundingClientRect();
    const konva = (
      window as unknown as {
        Konva?: { stages: { getIntersection(p: Point): { name(): string } | null }[] };
      }
    ).Konva;
    const stage = konva?.stages[0];
    if (!stage) return null;
    const cx = rect.width / 2;
    const cy = rect.height / 2;
    for (let r = 0; r < Math.max(rect.width, rect.height) / 2; r += 12) {
      for (let a = 0; a < 16; a++) {
        const x = cx + r * Math.cos((a * Math.PI) / 8);
        const y = cy + r * Math.sin((a * Math.PI) / 8);
        if (x < 8 || y < 8 || x > rect.width - 8 || y > rect.height - 8) continue;
        const hit = document.elementFromPoint(rect.left + x, rect.top + y);
        if (!(hit instanceof HTMLCanvasElement) || !host.contains(hit)) continue;
        const shape = stage.getIntersection({ x, y });
        if (!shape || shape.name() === 'background') return { x: rect.left + x, y: rect.top + y };
      }
    }
    return null;
  });
  if (!found) throw new Error('no empty spot on the canvas');
  return found;
}

/** The id of the card or shape Konva finds under a page point, if any. */
export function itemUnder(page: Page, p: Point): Promise<string | null> {
  return page.evaluate(({ x, y }) => {
    type Node = { name(): string; id(): string; getParent(): Node | null };
    const stage = (
      window as unknown as { Konva?: { stages: { getIntersection(p: Point): Node | null }[] } }
    ).Konva?.stages[0];
    const rect = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    for (
      let n = stage?.getIntersection({ x: x - rect.left, y: y - rect.top }) ?? null;
      n;
      n = n.getParent()
    ) {
      if (n.name() === 'card' || n.name() === 'shape') return n.id().replace(/^(card|shape)-/, '');
    }
    return null;
  }, p);
}

export const viewportOf = (page: Page): Promise<Viewport> =>
  page.evaluate(() => window.journeyboard!.viewport());

/** Where the canvas is on the page. */
export async function canvasBox(page: Page) {
  return (await page.locator('[data-testid=board-canvas]').boundingBox())!;
}

/** The board point under a page point. */
export async function boardAt(page: Page, p: Point): Promise<Point> {
  const v = await viewportOf(page);
  const box = await canvasBox(page);
  return { x: v.x + (p.x - box.x) / v.zoom, y: v.y + (p.y - box.y) / v.zoom };
}

/** One finger across empty canvas moves the view by as much, the zoom unchanged. */
export async function expectOneFingerPans(page: Page): Promise<void> {
  const before = await viewportOf(page);
  const from = await emptyCanvasPoint(page);
  const box = await canvasBox(page);
  const dx = from.x < box.x + box.width / 2 ? 90 : -90;
  const dy = from.y < box.y + box.height / 2 ? 70 : -70;
  await swipe(page, from, { x: from.x + dx, y: from.y + dy });
  await settle(page);
  const after = await viewportOf(page);
  expect(after.zoom).toBe(before.zoom);
  expect(after.x).toBeCloseTo(before.x - dx / before.zoom, 0);
  expect(after.y).toBeCloseTo(before.y - dy / before.zoom, 0);
}

/** Two fingers spreading from 60 to 150 px zoom in 2.5× about their midpoint. */
export async function expectPinchZooms(page: Page): Promise<void> {
  const before = await viewportOf(page);
  const box = await canvasBox(page);
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const under = await boardAt(page, centre);
  await pinch(page, centre, 60, 150);
  await settle(page);
  const after = await viewportOf(page);
  expect(after.zoom).toBeCloseTo(Math.min(4, before.zoom * 2.5), 2);
  // The board point between the fingers stayed between them.
  const still = await boardAt(page, centre);
  expect(still.x).toBeCloseTo(under.x, 0);
  expect(still.y).toBeCloseTo(under.y, 0);
}

/** Where a control is for a finger: its centre, box, and what the page has on top there. */
export interface Reach {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The whole box is inside the visible viewport. */
  inside: boolean;
  /** Something else (described) is on top at the centre, or null when the control is. */
  coveredBy: string | null;
}

/** Where `control` is and whether a finger at its centre would land on it. */
export function reachOf(control: Locator): Promise<Reach> {
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const v = window.visualViewport!;
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    const name = (n: Element) =>
      `${n.tagName.toLowerCase()}${n.getAttribute('data-testid') ? `[${n.getAttribute('data-testid')}]` : ''}.${[...n.classList].join('.')}`;
    return {
      x,
      y,
      width: r.width,
      height: r.height,
      inside:
        r.width > 0 &&
        r.left >= v.offsetLeft - 0.5 &&
        r.top >= v.offsetTop - 0.5 &&
        r.right <= v.offsetLeft + v.width + 0.5 &&
        r.bottom <= v.offsetTop + v.height + 0.5,
      coveredBy: hit && (hit === el || el.contains(hit)) ? null : hit ? name(hit) : 'nothing',
    };
  });
}

/**
 * Taps `control` with a finger at its centre, once it is shown, after checking that it is
 * wholly inside the viewport, that nothing covers it there (elementFromPoint), and that it is
 * at least `minSize` px each way (40 unless said: a fingertip's target).
 */
export async function tapInReach(
  control: Locator,
  what: string,
  { minSize = 40 }: { minSize?: number } = {},
): Promise<void> {
  await control.waitFor({ state: 'visible', timeout: 10_000 });
  const reach = await reachOf(control);
  expect(reach.inside, `${what} is inside the viewport`).toBe(true);
  expect(reach.coveredBy, `${what} is not covered`).toBeNull();
  expect(
    Math.min(reach.width, reach.height),
    `${what} is at least ${minSize} px each way`,
  ).toBeGreaterThanOrEqual(minSize);
  await control.page().touchscreen.tap(reach.x, reach.y);
}
