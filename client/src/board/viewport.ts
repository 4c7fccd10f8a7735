import type { Rect } from './layout.js';

/** The board coordinate at the top-left of the screen, and the zoom factor. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export const ZOOM_MIN = 0.1;
export const ZOOM_MAX = 4;
export const ZOOM_STEPS = [0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

export const clampZoom = (zoom: number) => Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, zoom));

export function toBoard(v: Viewport, sx: number, sy: number) {
  return { x: v.x + sx / v.zoom, y: v.y + sy / v.zoom };
}

export function toScreen(v: Viewport, bx: number, by: number) {
  return { x: (bx - v.x) * v.zoom, y: (by - v.y) * v.zoom };
}

/** Zooms keeping the board point under the screen point (sx, sy) where it is. */
export function zoomAt(v: Viewport, zoom: number, sx: number, sy: number): Viewport {
  const next = clampZoom(zoom);
  const anchor = toBoard(v, sx, sy);
  return { x: anchor.x - sx / next, y: anchor.y - sy / next, zoom: next };
}

/** The next zoom step in or out from the current zoom. */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom + 1e-6) ?? ZOOM_MAX;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-6) ?? ZOOM_MIN;
}

/** A viewport showing `rect` whole and centred in a screen of w × h, with a margin. */
export function fitRect(rect: Rect, w: number, h: number, margin = 48, maxZoom = 1.5): Viewport {
  const zoom = clampZoom(
    Math.min(
      maxZoom,
      (w - 2 * margin) / Math.max(1, rect.w),
      (h - 2 * margin) / Math.max(1, rect.h),
    ),
  );
  return { x: rect.x + rect.w / 2 - w / 2 / zoom, y: rect.y + rect.h / 2 - h / 2 / zoom, zoom };
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
