/** The details panel's parts: what the panel shows for each kind of selection. */
export { LanePanel, StagePanel } from './AxisPanels.js';
export { BoardPanel } from './BoardPanel.js';
export { CardPanel } from './CardPanel.js';
export { PanelReadOnly } from './fields.js';
export { resolveSelection, SHAPE_LABEL, type PanelSelection } from './helpers.js';
export { MultiPanel } from './MultiPanel.js';
export { ShapePanel } from './ShapePanel.js';
