import { describe, expect, it } from 'vitest';
import {
  LANE_STRIP_PX,
  laneHeadersFolded,
  laneHeaderWidth,
  laneHeaderX,
} from '../../../../client/src/board/core/laneHeaders.js';
import { GRID } from '../../../../client/src/board/core/layout.js';

describe('the lane headers column', () => {
  it('W188: folds into a strip of fixed screen width on a canvas narrower than 700 px', () => {
    // A phone at 100 %: the full column would take 200 of 390 px.
    expect(laneHeaderWidth(1, 390) * 1).toBe(LANE_STRIP_PX);
    expect(laneHeaderWidth(2, 390) * 2).toBe(LANE_STRIP_PX);
    expect(laneHeaderWidth(0.5, 699) * 0.5).toBe(LANE_STRIP_PX);
    expect(laneHeadersFolded(1, 390)).toBe(true);
  });

  it('W188: stays whole on a wide canvas, and when whole is no wider than the strip', () => {
    expect(laneHeaderWidth(1, 700)).toBe(GRID.headerW);
    expect(laneHeaderWidth(4, 1440)).toBe(GRID.headerW);
    // Zoomed far out, the whole column is narrower on screen than the strip would be.
    expect(laneHeaderWidth(LANE_STRIP_PX / GRID.headerW, 390)).toBe(GRID.headerW);
    expect(laneHeadersFolded(0.1, 390)).toBe(false);
  });

  it('W188: sits against the first stage, then sticks to the left edge of the view', () => {
    const strip = laneHeaderWidth(1, 390);
    // The board's left edge in view: the strip ends where the first stage starts.
    expect(laneHeaderX(-50, strip) + strip).toBe(GRID.headerW);
    // Scrolled right: it sticks to the view's left edge, over the cells.
    expect(laneHeaderX(900, strip)).toBe(900);
    // Whole, as before: at the board's left edge, then stuck.
    expect(laneHeaderX(-50, GRID.headerW)).toBe(0);
    expect(laneHeaderX(300, GRID.headerW)).toBe(300);
  });
});
