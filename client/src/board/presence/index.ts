/** Presence: who else is on the board, where they look, and following them. */
export { Avatars } from './Avatars.js';
export { NameDialog } from './NameDialog.js';
export { CursorLayer } from './CursorLayer.js';
export { PresenceOverlay } from './PresenceOverlay.js';
export { useFollow, viewportCentre } from './useFollow.js';
export { usePresence } from './usePresence.js';
export type { Peer, PresenceStore } from './presenceStore.js';
