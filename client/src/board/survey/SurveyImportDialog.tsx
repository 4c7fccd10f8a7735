import { useEffect, useRef, type RefObject } from 'react';
import { plural } from '../../../../shared/model/plural.js';
import { Dialog } from '../../ui/Dialog.js';
import { Spinner } from '../../ui/icons.js';
import '../../ui/panel.css';
import type { BoardSession } from '../core/session.js';
import { ErrorList, PreviewView, ReportView } from './SurveyResults.js';
import { FileInput, FileStep, MappingStep } from './SurveySteps.js';
import { IMPORTING, useSurveyImport, type SurveyStep } from './useSurveyImport.js';
import './survey.css';

type SurveyImport = ReturnType<typeof useSurveyImport>;

interface SurveyImportDialogProps {
  session: BoardSession;
  onFocusItem(id: string): void;
  onClose(): void;
}

const STEPS: { id: SurveyStep; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'mapping', label: 'Columns' },
  { id: 'preview', label: 'Preview' },
  { id: 'report', label: 'Done' },
];

/** Import voice-of-customer CSV rows: map headers, preview, validate, import, see the deltas. */
export function SurveyImportDialog({ session, onFocusItem, onClose }: SurveyImportDialogProps) {
  const survey = useSurveyImport(session);
  const { step, form, preview, report, busy, failure } = survey;
  const replaceInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const stepRegion = useRef<HTMLDivElement>(null);
  const firstStep = useRef(true);
  // Each step replaces the controls that had focus: move it to the new step's first field.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    const region = stepRegion.current;
    const field = region?.querySelector<HTMLElement>('select, input:not([type="file"])');
    (field ?? region)?.focus();
  }, [step]);
  return (
    <Dialog
      title="Import survey CSV"
      description="Per-touchpoint CSAT, CES and FCR from survey responses (contact volume only from a volume column), with the number of responses kept as evidence."
      onClose={onClose}
      busy={busy === IMPORTING}
      className="survey-dialog"
      testId="survey-dialog"
      initialFocus={fileInput}
    >
      <Stepper step={step} />

      <div
        ref={stepRegion}
        tabIndex={-1}
        className="survey-step-region"
        aria-label={`Step ${STEPS.findIndex((s) => s.id === step) + 1} of ${STEPS.length}: ${STEPS.find((s) => s.id === step)?.label}`}
      >
        {step === 'file' && (
          <FileStep
            inputRef={fileInput}
            onFile={survey.readFile}
            onPaste={(t) => void survey.loadCsv(t, null)}
            fileName={survey.fileName}
          />
        )}
        {step === 'mapping' && form && (
          <MappingStep
            headers={survey.headers}
            form={form}
            onChange={survey.setForm}
            createMissing={survey.createMissing}
            onCreateMissing={survey.setCreateMissing}
            source={survey.source}
            onSource={survey.setSource}
            problems={survey.problems}
            examples={survey.examples}
          />
        )}
        {step === 'preview' && preview && <PreviewView preview={preview} />}
        {step === 'report' && report && (
          <ReportView
            report={report}
            onShow={(id) => {
              onClose();
              onFocusItem(id);
            }}
          />
        )}
      </div>

      <div aria-live="polite" className="survey-live">
        {busy && (
          <p className="survey-busy" role="status" data-testid="survey-busy">
            <Spinner /> {busy}
          </p>
        )}
      </div>
      {failure && (
        <div className="home-form-error survey-failure" role="alert" data-testid="survey-failure">
          <p>{failure.message}</p>
          {failure.lines && (
            <ErrorList errors={failure.lines.errors} errorCount={failure.lines.errorCount} />
          )}
          {failure.retry && (
            <button type="button" className="btn panel-small" onClick={failure.retry}>
              Try again
            </button>
          )}
        </div>
      )}

      <SurveyActions survey={survey} replaceInput={replaceInput} onClose={onClose} />
    </Dialog>
  );
}

/** Where the import is: file, columns, preview, done. */
function Stepper({ step }: { step: SurveyStep }) {
  return (
    <ol className="survey-stepper" aria-label="Steps">
      {STEPS.map((s, i) => (
        <li
          key={s.id}
          aria-current={s.id === step ? 'step' : undefined}
          className={STEPS.findIndex((x) => x.id === step) > i ? 'survey-step-done' : undefined}
        >
          <span className="survey-step-number">{i + 1}</span> {s.label}
        </li>
      ))}
    </ol>
  );
}

/** The dialog's buttons for the step: replace file, back, cancel, preview, import, done. */
function SurveyActions(props: {
  survey: SurveyImport;
  replaceInput: RefObject<HTMLInputElement | null>;
  onClose(): void;
}) {
  const { survey, replaceInput } = props;
  const { step, form, preview, busy, canImport } = survey;
  return (
    <div className="dialog-actions home-dialog-actions">
      {step === 'preview' && (
        <>
          <FileInput
            inputRef={replaceInput}
            testId="survey-replace-file"
            onFile={survey.readFile}
          />
          <button
            type="button"
            className="btn survey-left"
            onClick={() => replaceInput.current?.click()}
            disabled={busy !== null}
          >
            Replace file…
          </button>
        </>
      )}
      {(step === 'mapping' || step === 'preview') && (
        <button
          type="button"
          className="btn"
          onClick={() => survey.setStep(step === 'preview' ? 'mapping' : 'file')}
          disabled={busy !== null}
        >
          Back
        </button>
      )}
      {step !== 'report' && (
        <button type="button" className="btn" onClick={props.onClose} disabled={busy === IMPORTING}>
          Cancel
        </button>
      )}
      {step === 'mapping' && form && (
        <button
          type="button"
          className="btn btn-primary"
          data-testid="survey-preview-button"
          disabled={busy !== null}
          onClick={() => void survey.runPreview(survey.csv, form, survey.createMissing)}
        >
          Preview
        </button>
      )}
      {step === 'preview' && (
        <button
          type="button"
          className="btn btn-primary"
          data-testid="survey-import-button"
          disabled={!canImport || busy !== null}
          title={
            preview && preview.errorCount > 0
              ? 'Fix the problems listed above first'
              : canImport
                ? undefined
                : 'No row matches a card'
          }
          onClick={() => void survey.runImport()}
        >
          {busy === IMPORTING && <Spinner />}
          Import {preview ? plural(preview.matches?.matchedRows ?? 0, 'row') : ''}
        </button>
      )}
      {step === 'report' && (
        <button type="button" className="btn btn-primary" onClick={props.onClose}>
          Done
        </button>
      )}
    </div>
  );
}
