/** Activity: who changed what, and what changed since someone last looked. */
export { ActivityPanel } from './ActivityPanel.js';
export { useMarkLookedOnLeave } from './lastLooked.js';
export { SinceNotice } from './SinceNotice.js';
