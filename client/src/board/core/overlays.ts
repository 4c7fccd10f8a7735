import type { Rect } from './layout.js';

/**
 * Spread on a control that floats over the canvas (the toolbar, the minimap): fitting the map
 * and bringing an item into view keep clear of it.
 */
export const CANVAS_OVERLAY = { 'data-canvas-overlay': '' } as const;

/**
 * The screen rects of the overlays over the canvas container, relative to its top-left and cut
 * to it: the controls inside it, and a panel beside it that covers it (a bottom sheet on a
 * narrow screen; a side panel lies outside it and adds nothing).
 */
export function overlayRects(container: Element | null): Rect[] {
  if (!container) return [];
  const origin = container.getBoundingClientRect();
  const scope = container.parentElement ?? container;
  return [...scope.querySelectorAll('[data-canvas-overlay]')].flatMap((el) => {
    const r = el.getBoundingClientRect();
    const left = Math.max(r.left, origin.left);
    const top = Math.max(r.top, origin.top);
    const w = Math.min(r.right, origin.right) - left;
    const h = Math.min(r.bottom, origin.bottom) - top;
    return w > 0 && h > 0 ? [{ x: left - origin.left, y: top - origin.top, w, h }] : [];
  });
}
