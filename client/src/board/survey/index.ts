/** Survey import: survey CSV answers matched to touchpoint cards as metrics. */
export { SurveyImportDialog } from './SurveyImportDialog.js';
