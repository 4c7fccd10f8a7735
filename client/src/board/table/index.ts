/** The table view: the map as an accessible, editable grid of stages × lanes. */
export { TABLE_KEYS } from './tableKeys.js';
export { TableView } from './TableView.js';
