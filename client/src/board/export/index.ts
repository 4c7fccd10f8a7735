/** Export: PNG, PDF, PowerPoint, CSV and JSON of the map, and importing JSON as a new board. */
export { ExportMenu } from './ExportMenu.js';
