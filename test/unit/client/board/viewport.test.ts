import { describe, expect, it } from 'vitest';
import type { Rect } from '../../../../client/src/board/layout.js';
import {
  boundsOf,
  clampZoom,
  fitRect,
  stepZoom,
  toBoard,
  toScreen,
  visibleRect,
  zoomAt,
  ZOOM_MAX,
  ZOOM_MIN,
  ZOOM_STEPS,
  type Viewport,
} from '../../../../client/src/board/viewport.js';

const expectPoint = (actual: { x: number; y: number }, x: number, y: number) => {
  expect(actual.x).toBeCloseTo(x, 9);
  expect(actual.y).toBeCloseTo(y, 9);
};

describe('toBoard / toScreen', () => {
  const v: Viewport = { x: 120, y: -40, zoom: 2 };

  it('maps the screen origin to the viewport corner and scales by the zoom', () => {
    expectPoint(toBoard(v, 0, 0), 120, -40);
    expectPoint(toBoard(v, 200, 100), 220, 10);
    expectPoint(toScreen(v, 220, 10), 200, 100);
  });

  it('are inverse to each other', () => {
    for (const view of [v, { x: -3.5, y: 77, zoom: 0.25 }, { x: 0, y: 0, zoom: 1.5 }]) {
      for (const [sx, sy] of [
        [0, 0],
        [640, 360],
        [-12.5, 999],
      ] as const) {
        const b = toBoard(view, sx, sy);
        expectPoint(toScreen(view, b.x, b.y), sx, sy);
        const s = toScreen(view, sx, sy);
        expectPoint(toBoard(view, s.x, s.y), sx, sy);
      }
    }
  });
});

describe('zoomAt', () => {
  it('keeps the board point under the anchor where it is on screen', () => {
    const v: Viewport = { x: 100, y: 50, zoom: 1 };
    const [sx, sy] = [300, 200];
    const before = toBoard(v, sx, sy);
    const next = zoomAt(v, 2, sx, sy);
    expect(next.zoom).toBe(2);
    expectPoint(toBoard(next, sx, sy), before.x, before.y);
    expectPoint(toScreen(next, before.x, before.y), sx, sy);
    // Points away from the anchor move away from it.
    expectPoint(toScreen(next, before.x + 10, before.y), sx + 20, sy);
  });

  it('clamps the zoom and still keeps the anchor fixed', () => {
    const v: Viewport = { x: -20, y: 10, zoom: 1 };
    const anchor = toBoard(v, 50, 80);
    const far = zoomAt(v, 100, 50, 80);
    expect(far.zoom).toBe(ZOOM_MAX);
    expectPoint(toScreen(far, anchor.x, anchor.y), 50, 80);
    const near = zoomAt(v, 0.001, 50, 80);
    expect(near.zoom).toBe(ZOOM_MIN);
    expectPoint(toScreen(near, anchor.x, anchor.y), 50, 80);
  });

  it('zooming at the screen origin keeps the viewport corner', () => {
    expect(zoomAt({ x: 7, y: 9, zoom: 1 }, 0.5, 0, 0)).toEqual({ x: 7, y: 9, zoom: 0.5 });
  });
});

describe('clampZoom', () => {
  it('keeps zooms within [ZOOM_MIN, ZOOM_MAX]', () => {
    expect(clampZoom(1.3)).toBe(1.3);
    expect(clampZoom(ZOOM_MIN)).toBe(ZOOM_MIN);
    expect(clampZoom(ZOOM_MAX)).toBe(ZOOM_MAX);
    expect(clampZoom(0.01)).toBe(ZOOM_MIN);
    expect(clampZoom(0)).toBe(ZOOM_MIN);
    expect(clampZoom(-1)).toBe(ZOOM_MIN);
    expect(clampZoom(40)).toBe(ZOOM_MAX);
  });
});

describe('stepZoom', () => {
  it('walks up and down through every step', () => {
    const up: number[] = [];
    for (let z = ZOOM_MIN; z < ZOOM_MAX;) up.push((z = stepZoom(z, 1)));
    expect(up).toEqual(ZOOM_STEPS.slice(1));
    const down: number[] = [];
    for (let z = ZOOM_MAX; z > ZOOM_MIN;) down.push((z = stepZoom(z, -1)));
    expect(down).toEqual(ZOOM_STEPS.slice(0, -1).reverse());
  });

  it('goes to the neighbouring step from a zoom between steps', () => {
    expect(stepZoom(0.8, 1)).toBe(1);
    expect(stepZoom(0.8, -1)).toBe(0.75);
    expect(stepZoom(1.1, 1)).toBe(1.25);
    expect(stepZoom(1.1, -1)).toBe(1);
  });

  it('treats a zoom a hair off a step as that step', () => {
    expect(stepZoom(1 + 1e-9, 1)).toBe(1.25);
    expect(stepZoom(1 - 1e-9, -1)).toBe(0.75);
  });

  it('stays at the ends', () => {
    expect(stepZoom(ZOOM_MAX, 1)).toBe(ZOOM_MAX);
    expect(stepZoom(ZOOM_MIN, -1)).toBe(ZOOM_MIN);
  });
});

describe('fitRect', () => {
  const screenOf = (v: Viewport, r: Rect) => ({
    topLeft: toScreen(v, r.x, r.y),
    bottomRight: toScreen(v, r.x + r.w, r.y + r.h),
  });

  it('shows a large rect whole, within the margin, and centred', () => {
    const rect: Rect = { x: 200, y: 56, w: 4000, h: 1200 };
    const [w, h, margin] = [1280, 800, 48];
    const v = fitRect(rect, w, h, margin);
    const { topLeft, bottomRight } = screenOf(v, rect);
    // Width is the tighter fit: it spans exactly the screen minus the margins.
    expect(v.zoom).toBeCloseTo((w - 2 * margin) / rect.w);
    expect(topLeft.x).toBeCloseTo(margin);
    expect(bottomRight.x).toBeCloseTo(w - margin);
    expect(topLeft.y).toBeGreaterThanOrEqual(margin);
    expect(bottomRight.y).toBeLessThanOrEqual(h - margin);
    expectPoint(toScreen(v, rect.x + rect.w / 2, rect.y + rect.h / 2), w / 2, h / 2);
  });

  it('fits a tall rect by its height', () => {
    const rect: Rect = { x: -100, y: -100, w: 300, h: 3000 };
    const v = fitRect(rect, 1000, 700, 20);
    const { topLeft, bottomRight } = screenOf(v, rect);
    expect(topLeft.y).toBeCloseTo(20);
    expect(bottomRight.y).toBeCloseTo(680);
    expect(topLeft.x).toBeGreaterThan(20);
    expectPoint(toScreen(v, 50, 1400), 500, 350);
  });

  it('does not zoom a small rect past maxZoom, still centring it', () => {
    const rect: Rect = { x: 10, y: 20, w: 100, h: 50 };
    expect(fitRect(rect, 1200, 800).zoom).toBe(1.5);
    const v = fitRect(rect, 1200, 800, 48, 3);
    expect(v.zoom).toBe(3);
    expectPoint(toScreen(v, 60, 45), 600, 400);
  });

  it('never leaves the zoom range, even for a huge rect', () => {
    const v = fitRect({ x: 0, y: 0, w: 1e7, h: 10 }, 800, 600);
    expect(v.zoom).toBe(ZOOM_MIN);
    expectPoint(toScreen(v, 5e6, 5), 400, 300);
  });

  it('copes with a zero-size rect (a single point)', () => {
    const v = fitRect({ x: 40, y: 40, w: 0, h: 0 }, 800, 600);
    expect(Number.isFinite(v.x) && Number.isFinite(v.y)).toBe(true);
    expect(v.zoom).toBe(1.5);
    expectPoint(toScreen(v, 40, 40), 400, 300);
  });
});

describe('visibleRect', () => {
  it('is the board area between the screen corners', () => {
    const v: Viewport = { x: 30, y: -60, zoom: 0.5 };
    const r = visibleRect(v, 800, 600);
    expect(r).toEqual({ x: 30, y: -60, w: 1600, h: 1200 });
    const corner = toBoard(v, 800, 600);
    expect(r.x + r.w).toBeCloseTo(corner.x);
    expect(r.y + r.h).toBeCloseTo(corner.y);
  });
});

describe('boundsOf', () => {
  it('is null for no rects', () => {
    expect(boundsOf([])).toBeNull();
    expect(boundsOf(new Map<string, Rect>().values())).toBeNull();
  });

  it('is the rect itself for one', () => {
    expect(boundsOf([{ x: 1, y: 2, w: 3, h: 4 }])).toEqual({ x: 1, y: 2, w: 3, h: 4 });
  });

  it('encloses all rects, including negative coordinates, from any iterable', () => {
    const rects = new Map<string, Rect>([
      ['a', { x: 10, y: 10, w: 20, h: 20 }],
      ['b', { x: -5, y: 15, w: 10, h: 100 }],
      ['c', { x: 40, y: -30, w: 5, h: 5 }],
    ]);
    expect(boundsOf(rects.values())).toEqual({ x: -5, y: -30, w: 50, h: 145 });
  });
});
