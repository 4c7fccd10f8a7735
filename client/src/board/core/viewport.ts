import type { Rect } from './layout.js';

/** The board coordinate at the top-left of the screen, and the zoom factor. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The furthest out a person zooms by hand (a fit may go further: see {@link ZOOM_FIT_MIN}). */
export const ZOOM_MIN = 0.1;
export const ZOOM_MAX = 4;
export const ZOOM_STEPS = [0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
/**
 * How far out a fit may zoom, so that a fit always shows the whole map (2,000 cards need about
 * 3 %); only a map a thousand screens across would not fit.
 */
export const ZOOM_FIT_MIN = 0.001;

export const clampZoom = (zoom: number, min = ZOOM_MIN) => Math.min(ZOOM_MAX, Math.max(min, zoom));

export function toBoard(v: Viewport, sx: number, sy: number) {
  return { x: v.x + sx / v.zoom, y: v.y + sy / v.zoom };
}

export function toScreen(v: Viewport, bx: number, by: number) {
  return { x: (bx - v.x) * v.zoom, y: (by - v.y) * v.zoom };
}

/**
 * Zooms keeping the board point under the screen point (sx, sy) where it is. Below ZOOM_MIN
 * (after a fit of a huge map) zooming out goes no further, and zooming in is smooth.
 */
export function zoomAt(v: Viewport, zoom: number, sx: number, sy: number): Viewport {
  const next = clampZoom(zoom, Math.min(ZOOM_MIN, v.zoom));
  const anchor = toBoard(v, sx, sy);
  return { x: anchor.x - sx / next, y: anchor.y - sy / next, zoom: next };
}

/** Two fingers on the screen (canvas coordinates). */
export type FingerPair = readonly [{ x: number; y: number }, { x: number; y: number }];

/**
 * The view during a two-finger pinch: the zoom follows the distance between the fingers (from
 * where they first touched), and the board point first under their midpoint stays under the
 * midpoint as it moves, so the pinch pans as well as zooms.
 */
export function pinchViewport(from: Viewport, start: FingerPair, now: FingerPair): Viewport {
  const spread = ([a, b]: FingerPair) => Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
  const mid = ([a, b]: FingerPair) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  const zoom = clampZoom((from.zoom * spread(now)) / spread(start), Math.min(ZOOM_MIN, from.zoom));
  const m0 = mid(start);
  const m1 = mid(now);
  const anchor = toBoard(from, m0.x, m0.y);
  return { x: anchor.x - m1.x / zoom, y: anchor.y - m1.y / zoom, zoom };
}

/** The next zoom step in or out from the current zoom. */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom + 1e-6) ?? ZOOM_MAX;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-6) ?? Math.min(ZOOM_MIN, zoom);
}

/** A viewport showing `rect` whole and centred in a screen of w × h, with a margin. */
export function fitRect(rect: Rect, w: number, h: number, margin = 48, maxZoom = 1.5): Viewport {
  const zoom = clampZoom(
    Math.min(
      maxZoom,
      (w - 2 * margin) / Math.max(1, rect.w),
      (h - 2 * margin) / Math.max(1, rect.h),
    ),
    ZOOM_FIT_MIN,
  );
  return { x: rect.x + rect.w / 2 - w / 2 / zoom, y: rect.y + rect.h / 2 - h / 2 / zoom, zoom };
}

/** A screen of w × h pixels and the controls floating over it (screen rects). */
export interface Screen {
  w: number;
  h: number;
  overlays: readonly Rect[];
}

/**
 * The parts of the screen clear of every overlay: each overlay is kept out by one of its four
 * sides (left of it, right of it, above or below it), in every combination. The toolbar on the
 * left and the minimap in a corner give, e.g., "right of the toolbar and above the minimap".
 */
export function clearAreas({ w, h, overlays }: Screen): Rect[] {
  const on = overlays.filter((o) => o.w > 0 && o.h > 0 && intersects(o, { x: 0, y: 0, w, h }));
  let areas = [{ x1: 0, y1: 0, x2: w, y2: h }];
  for (const o of on) {
    areas = areas.flatMap((a) => [
      { ...a, x2: Math.min(a.x2, o.x) },
      { ...a, x1: Math.max(a.x1, o.x + o.w) },
      { ...a, y2: Math.min(a.y2, o.y) },
      { ...a, y1: Math.max(a.y1, o.y + o.h) },
    ]);
    areas = areas.filter((a) => a.x2 > a.x1 && a.y2 > a.y1);
  }
  return areas.map((a) => ({ x: a.x1, y: a.y1, w: a.x2 - a.x1, h: a.y2 - a.y1 }));
}

const intersects = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Like {@link fitRect}, in the clear part of the screen that shows `rect` largest: the map is
 * never fitted under the toolbar or the minimap.
 */
export function fitClear(rect: Rect, screen: Screen, margin = 32, maxZoom = 1): Viewport {
  let best: Viewport | null = null;
  for (const area of clearAreas(screen)) {
    const fit = fitRect(rect, area.w, area.h, margin, maxZoom);
    if (!best || fit.zoom > best.zoom)
      best = { x: fit.x - area.x / fit.zoom, y: fit.y - area.y / fit.zoom, zoom: fit.zoom };
  }
  return best ?? fitRect(rect, screen.w, screen.h, margin, maxZoom);
}

/** How far a span [start, start + size) must move to lie within [lo, hi) (its start first). */
function shiftInto(start: number, size: number, lo: number, hi: number): number {
  if (size > hi - lo || start < lo) return lo - start;
  if (start + size > hi) return hi - (start + size);
  return 0;
}

/**
 * The viewport moved as little as possible (along `axes` only) so that `rect` (board units)
 * sits in a clear part of the screen with a margin; the same viewport object when it already
 * does. Areas the rect cannot reach by moving along `axes` are not used; one it does not fit
 * in only when none is big enough (it is then aligned to the area's start).
 */
export function revealRect(
  v: Viewport,
  rect: Rect,
  screen: Screen,
  axes: 'x' | 'y' | 'both' = 'both',
  margin = 24,
): Viewport {
  const r = { ...toScreen(v, rect.x, rect.y), w: rect.w * v.zoom, h: rect.h * v.zoom };
  let best: { dx: number; dy: number; fits: boolean } | null = null;
  for (const a of clearAreas(screen)) {
    const m = Math.min(margin, a.w / 4, a.h / 4);
    // Along an axis the rect cannot move, it must already lie in the area (no margin asked).
    const dx =
      axes === 'y'
        ? shiftInto(r.x, r.w, a.x, a.x + a.w)
        : shiftInto(r.x, r.w, a.x + m, a.x + a.w - m);
    const dy =
      axes === 'x'
        ? shiftInto(r.y, r.h, a.y, a.y + a.h)
        : shiftInto(r.y, r.h, a.y + m, a.y + a.h - m);
    if ((axes === 'y' && dx !== 0) || (axes === 'x' && dy !== 0)) continue;
    // An area the rect fits in wins over one it sticks out of, then the shortest move.
    const fits = r.w <= a.w && r.h <= a.h;
    const better =
      !best ||
      (fits && !best.fits) ||
      (fits === best.fits && Math.hypot(dx, dy) < Math.hypot(best.dx, best.dy));
    if (better) best = { dx, dy, fits };
  }
  if (!best || (best.dx === 0 && best.dy === 0)) return v;
  return { ...v, x: v.x - best.dx / v.zoom, y: v.y - best.dy / v.zoom };
}

/** The part of the board the screen shows. */
export function visibleRect(v: Viewport, w: number, h: number): Rect {
  return { x: v.x, y: v.y, w: w / v.zoom, h: h / v.zoom };
}

/** The smallest rect holding all the given rects (null for none). */
export function boundsOf(rects: Iterable<Rect>): Rect | null {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const r of rects) {
    x1 = Math.min(x1, r.x);
    y1 = Math.min(y1, r.y);
    x2 = Math.max(x2, r.x + r.w);
    y2 = Math.max(y2, r.y + r.h);
  }
  return x1 === Infinity ? null : { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}
