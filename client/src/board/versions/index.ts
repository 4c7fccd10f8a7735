/** Versions: named snapshots per review cycle, comparing them, and the diff on the canvas. */
export { DiffOverlay } from './DiffOverlay.js';
export { usePresenterAutoSave } from './presenterAutoSave.js';
export type { ShownDiff } from './shownDiff.js';
export { VersionsPanel } from './VersionsPanel.js';
