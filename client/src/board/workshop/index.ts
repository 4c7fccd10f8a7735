/** Workshops: the timer, "Bring everyone here" and quiet mode (W190–W195). */
export { WorkshopControls } from './WorkshopControls.js';
export { SummonNotice } from './SummonNotice.js';
export { useSummoned } from './useSummon.js';
export { useCursorsHidden } from './useQuiet.js';
