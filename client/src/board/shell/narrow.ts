/**
 * Below this window width the board's panels are bottom sheets over the canvas (panel.css has
 * the same breakpoint), the first panel stays closed and the minimap starts hidden.
 */
export const NARROW_MAX_WIDTH = 699;

export const isNarrowScreen = () => window.matchMedia(`(max-width: ${NARROW_MAX_WIDTH}px)`).matches;
