/** Insights: per-stage averages, hotspots, pain points, opportunities and stale evidence. */
export { InsightsPanel } from './InsightsPanel.js';
export { useStaleAge, useStaleCardIds } from './staleAge.js';
