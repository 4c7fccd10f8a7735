import { GRID } from './layout.js';

/**
 * The lane headers' column as drawn (W188). It sticks to the view's left edge while the board
 * scrolls under it, so on a narrow canvas its full width would hide much of the map: there it
 * folds into a strip of `LANE_STRIP_PX` screen pixels, each lane's name written upwards.
 */
export const LANE_STRIP_PX = 32;
/** Canvases narrower than this fold the lane headers (the sheets' breakpoint, narrow.ts). */
export const NARROW_CANVAS_PX = 700;

/**
 * The lane headers' width in board units: the full column, or, on a canvas narrower than
 * `NARROW_CANVAS_PX`, the strip when the full column would be wider than it on screen.
 */
export function laneHeaderWidth(zoom: number, canvasWidth: number): number {
  if (canvasWidth >= NARROW_CANVAS_PX || GRID.headerW * zoom <= LANE_STRIP_PX) return GRID.headerW;
  return LANE_STRIP_PX / zoom;
}

/**
 * The board x of the lane headers' left edge: against the first stage when the board's left
 * edge is in view, else stuck to the view's left edge.
 */
export function laneHeaderX(viewportX: number, width: number): number {
  return Math.max(viewportX, GRID.headerW - width);
}

/** Whether the lane headers are folded into the strip. */
export const laneHeadersFolded = (zoom: number, canvasWidth: number) =>
  laneHeaderWidth(zoom, canvasWidth) < GRID.headerW;
