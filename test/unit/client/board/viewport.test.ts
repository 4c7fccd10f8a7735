import { describe, expect, it } from 'vitest';
import type { Rect } from '../../../../client/src/board/core/layout.js';
import {
  boundsOf,
  clampZoom,
  clearAreas,
  fitClear,
  fitRect,
  pinchViewport,
  revealRect,
  stepZoom,
  toBoard,
  toScreen,
  visibleRect,
  zoomAt,
  ZOOM_FIT_MIN,
  ZOOM_MAX,
  ZOOM_MIN,
  ZOOM_STEPS,
  type Viewport,
} from '../../../../client/src/board/core/viewport.js';

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

describe('zoomAt below ZOOM_MIN', () => {
  it('zooms in smoothly from a fitted far-out view and never further out', () => {
    const far: Viewport = { x: 0, y: 0, zoom: 0.03 };
    expect(zoomAt(far, 0.033, 100, 100).zoom).toBeCloseTo(0.033);
    expect(zoomAt(far, 0.02, 100, 100).zoom).toBe(0.03);
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

  it('below ZOOM_MIN (after fitting a huge map) goes no further out, and back in by a step', () => {
    expect(stepZoom(0.03, -1)).toBe(0.03);
    expect(stepZoom(0.03, 1)).toBe(ZOOM_MIN);
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

  it('goes below the hand zoom range to show a huge rect whole', () => {
    const v = fitRect({ x: 0, y: 0, w: 40_000, h: 10 }, 800, 600, 0);
    expect(v.zoom).toBeCloseTo(0.02);
    expect(v.zoom).toBeLessThan(ZOOM_MIN);
    expectPoint(toScreen(v, 20_000, 5), 400, 300);
  });

  it('stops at ZOOM_FIT_MIN for an absurdly large rect', () => {
    const v = fitRect({ x: 0, y: 0, w: 1e9, h: 10 }, 800, 600);
    expect(v.zoom).toBe(ZOOM_FIT_MIN);
    expectPoint(toScreen(v, 5e8, 5), 400, 300);
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

describe('clearAreas', () => {
  it('is the whole screen without overlays', () => {
    expect(clearAreas({ w: 800, h: 600, overlays: [] })).toEqual([{ x: 0, y: 0, w: 800, h: 600 }]);
  });

  it('keeps each overlay out by one of its sides, in every combination', () => {
    const toolbar = { x: 12, y: 12, w: 44, h: 300 };
    const minimap = { x: 588, y: 458, w: 200, h: 130 };
    const areas = clearAreas({ w: 800, h: 600, overlays: [toolbar, minimap] });
    for (const a of areas) {
      for (const o of [toolbar, minimap]) {
        const overlaps = a.x < o.x + o.w && o.x < a.x + a.w && a.y < o.y + o.h && o.y < a.y + a.h;
        expect(overlaps, JSON.stringify({ a, o })).toBe(false);
      }
    }
    // Right of the toolbar and above the minimap; right of the toolbar and left of the minimap.
    expect(areas).toContainEqual({ x: 56, y: 0, w: 744, h: 458 });
    expect(areas).toContainEqual({ x: 56, y: 0, w: 532, h: 600 });
  });

  it('ignores overlays outside the screen or without size', () => {
    const off = { x: 900, y: 0, w: 50, h: 50 };
    const empty = { x: 10, y: 10, w: 0, h: 0 };
    expect(clearAreas({ w: 800, h: 600, overlays: [off, empty] })).toEqual([
      { x: 0, y: 0, w: 800, h: 600 },
    ]);
  });
});

describe('fitClear', () => {
  const toolbar = { x: 12, y: 12, w: 44, h: 300 };
  const minimap = { x: 1228, y: 738, w: 200, h: 130 };
  const screen = { w: 1440, h: 880, overlays: [toolbar, minimap] };

  it('keeps the whole map clear of the toolbar and the minimap', () => {
    const map: Rect = { x: 0, y: 0, w: 2560, h: 2000 };
    const v = fitClear(map, screen);
    const tl = toScreen(v, map.x, map.y);
    const br = toScreen(v, map.x + map.w, map.y + map.h);
    expect(tl.x).toBeGreaterThanOrEqual(toolbar.x + toolbar.w);
    expect(tl.y).toBeGreaterThanOrEqual(0);
    expect(br.y).toBeLessThanOrEqual(screen.h);
    // Left of the minimap, or above it.
    expect(br.x <= minimap.x || br.y <= minimap.y).toBe(true);
  });

  it('fits a 2,000-card map (about 2,560 × 25,000) whole, below the hand zoom range', () => {
    const map: Rect = { x: 0, y: 0, w: 2560, h: 25_040 };
    const v = fitClear(map, screen);
    expect(v.zoom).toBeLessThan(ZOOM_MIN);
    const br = toScreen(v, map.w, map.h);
    expect(br.y).toBeLessThanOrEqual(screen.h);
    expect(br.x <= minimap.x || br.y <= minimap.y).toBe(true);
  });

  it('is fitRect when nothing floats over the screen', () => {
    const map: Rect = { x: 10, y: 20, w: 3000, h: 1000 };
    expect(fitClear(map, { w: 1000, h: 700, overlays: [] }, 32, 1)).toEqual(
      fitRect(map, 1000, 700, 32, 1),
    );
  });
});

describe('revealRect', () => {
  const screen = { w: 1000, h: 700, overlays: [{ x: 12, y: 12, w: 44, h: 300 }] };
  const v: Viewport = { x: 0, y: 0, zoom: 1 };

  it('leaves the viewport alone (the same object) when the rect is in view', () => {
    expect(revealRect(v, { x: 300, y: 300, w: 200, h: 100 }, screen)).toBe(v);
  });

  it('pans as little as needed to bring an off-screen rect in, with a margin', () => {
    const next = revealRect(v, { x: 1500, y: 200, w: 280, h: 56 }, screen);
    expect(next.zoom).toBe(1);
    expect(next.y).toBe(0);
    expect(toScreen(next, 1500 + 280, 0).x).toBe(1000 - 24);
  });

  it('keeps the rect clear of the overlays', () => {
    const next = revealRect(v, { x: -100, y: 100, w: 100, h: 50 }, screen);
    expect(toScreen(next, -100, 100).x).toBeGreaterThanOrEqual(56);
  });

  it('moves along the allowed axis only (a stage header only sideways)', () => {
    const next = revealRect(v, { x: 1500, y: 0, w: 280, h: 56 }, screen, 'x');
    expect(next.y).toBe(0);
    expect(next.x).toBeGreaterThan(0);
    const lane = revealRect(v, { x: 0, y: 2000, w: 200, h: 48 }, { ...screen, overlays: [] }, 'y');
    expect(lane.x).toBe(0);
    expect(toScreen(lane, 0, 2048).y).toBe(700 - 24);
  });
});

describe('pinchViewport', () => {
  const from: Viewport = { x: 100, y: 50, zoom: 0.5 };
  const pair = (cx: number, cy: number, gap: number) =>
    [
      { x: cx - gap / 2, y: cy },
      { x: cx + gap / 2, y: cy },
    ] as const;

  it('zooms by how far the fingers spread, keeping the board point between them there', () => {
    const start = pair(200, 300, 100);
    const next = pinchViewport(from, start, pair(200, 300, 250));
    expect(next.zoom).toBeCloseTo(1.25, 9);
    const before = toBoard(from, 200, 300);
    expectPoint(toBoard(next, 200, 300), before.x, before.y);
  });

  it('pans with the midpoint: the board point first under it follows the fingers', () => {
    const start = pair(200, 300, 100);
    const next = pinchViewport(from, start, pair(260, 220, 100));
    expect(next.zoom).toBe(from.zoom);
    const grabbed = toBoard(from, 200, 300);
    expectPoint(toScreen(next, grabbed.x, grabbed.y), 260, 220);
  });

  it('stops at the zoom limits, and two fingers on one spot do not divide by zero', () => {
    expect(pinchViewport(from, pair(0, 0, 10), pair(0, 0, 10_000)).zoom).toBe(ZOOM_MAX);
    expect(pinchViewport(from, pair(0, 0, 400), pair(0, 0, 1)).zoom).toBe(ZOOM_MIN);
    const same = pinchViewport(from, pair(5, 5, 0), pair(5, 5, 0));
    expect(same).toEqual({ x: from.x, y: from.y, zoom: from.zoom });
  });
});
