import type { Rect } from './layout.js';

/**
 * Spread on a control that floats over the canvas (the toolbar, the minimap): fitting the map
 * and bringing an item into view keep clear of it.
 */
export const CANVAS_OVERLAY = { 'data-canvas-overlay': '' } as const;

/** The screen rects of the overlays inside the canvas container, relative to its top-left. */
export function overlayRects(container: Element | null): Rect[] {
  if (!container) return [];
  const origin = container.getBoundingClientRect();
  return [...container.querySelectorAll('[data-canvas-overlay]')].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
  });
}
