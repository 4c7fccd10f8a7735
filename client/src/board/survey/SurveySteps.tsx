import { useId, useState, type DragEvent, type RefObject } from 'react';
import { SURVEY_FIELDS, mappingWarnings } from '../../../../shared/model/surveyMapping.js';
import { FIELD_HINT, FIELD_LABEL, toRequestMapping, type MappingForm } from './mappingForm.js';
import { MappingWarnings } from './SurveyResults.js';

export const CSV_ACCEPT = '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain';

/** A visually hidden file input; `testId` lets tests hand it a file. */
export function FileInput(props: {
  inputRef?: RefObject<HTMLInputElement | null>;
  testId: string;
  onFile(file: File): void;
  labelledBy?: string;
}) {
  return (
    <input
      ref={props.inputRef}
      type="file"
      accept={CSV_ACCEPT}
      className="sr-only"
      data-testid={props.testId}
      aria-labelledby={props.labelledBy}
      onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        // Cleared so choosing the same (corrected) file again fires another change.
        e.currentTarget.value = '';
        if (file) props.onFile(file);
      }}
    />
  );
}

/** Step 1: a file (picked or dropped) or pasted text. */
export function FileStep(props: {
  inputRef: RefObject<HTMLInputElement | null>;
  onFile(file: File): void;
  onPaste(text: string): void;
  fileName: string | null;
}) {
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');
  const dropLabel = useId();
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) props.onFile(file);
  };
  return (
    <div className="survey-step">
      <label
        className={`survey-drop${dragging ? ' survey-drop-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="survey-drop"
      >
        <FileInput
          inputRef={props.inputRef}
          testId="survey-file"
          onFile={props.onFile}
          labelledBy={dropLabel}
        />
        <span id={dropLabel} className="survey-drop-title">
          {props.fileName ? `Chosen: ${props.fileName}` : 'Drop a CSV file here, or choose one'}
        </span>
        <span className="panel-hint">
          One row per survey response or contact, with a header row. Comma, semicolon or tab
          separated; UTF-8.
        </span>
        <span className="btn panel-small" aria-hidden="true">
          Choose file…
        </span>
      </label>
      <details className="survey-paste">
        <summary>Or paste CSV text</summary>
        <textarea
          className="textarea"
          rows={5}
          aria-label="CSV text"
          placeholder={'touchpoint,stage,csat,date\nKickoff call,Onboarding,4,2026-09-30'}
          value={pasted}
          onChange={(e) => setPasted(e.currentTarget.value)}
        />
        <button
          type="button"
          className="btn panel-small"
          disabled={!pasted.trim()}
          onClick={() => props.onPaste(pasted)}
        >
          Use pasted text
        </button>
      </details>
    </div>
  );
}

/** Step 2: which CSV column feeds each field. */
export function MappingStep(props: {
  headers: readonly string[];
  form: MappingForm;
  onChange(form: MappingForm): void;
  createMissing: boolean;
  onCreateMissing(on: boolean): void;
  source: string;
  onSource(source: string): void;
  problems: readonly string[];
  /** The first non-blank value of each column, by header index. */
  examples: readonly string[];
}) {
  const { form, headers } = props;
  const exampleOf = (header: string) => {
    const value = props.examples[headers.indexOf(header)];
    return header === '' || !value ? null : value;
  };
  return (
    <div className="survey-step">
      <label className="field">
        <span>Source name</span>
        <input
          className="input"
          data-testid="survey-source"
          value={props.source}
          maxLength={200}
          onChange={(e) => props.onSource(e.currentTarget.value)}
        />
        <span className="panel-hint">Written on each card’s evidence, e.g. “NPS survey Q3”.</span>
      </label>
      <table className="survey-mapping">
        <caption className="sr-only">Columns of the file for each field</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Column in the file</th>
          </tr>
        </thead>
        <tbody>
          {SURVEY_FIELDS.map((field) => (
            <tr key={field}>
              <th scope="row">
                <label htmlFor={`survey-map-${field}`}>{FIELD_LABEL[field]}</label>
                <span className="panel-hint">{FIELD_HINT[field]}</span>
              </th>
              <td>
                <select
                  id={`survey-map-${field}`}
                  className="select"
                  data-testid={`survey-map-${field}`}
                  value={form[field]}
                  aria-invalid={field === 'touchpoint' && form[field] === '' ? true : undefined}
                  onChange={(e) => props.onChange({ ...form, [field]: e.currentTarget.value })}
                >
                  <option value="">
                    {field === 'touchpoint' ? 'Choose a column…' : 'Not used'}
                  </option>
                  {headers.map((h, i) => (
                    <option key={`${i}-${h}`} value={h} disabled={h === ''}>
                      {h || `(column ${i + 1} has no header)`}
                    </option>
                  ))}
                </select>
                {exampleOf(form[field]) && (
                  <span className="survey-example" title={exampleOf(form[field])!}>
                    e.g. {exampleOf(form[field])}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="survey-check">
        <input
          type="checkbox"
          data-testid="survey-create-missing"
          checked={props.createMissing}
          onChange={(e) => props.onCreateMissing(e.currentTarget.checked)}
        />
        Create cards for touchpoints the map does not have yet (in stages it has)
      </label>
      <MappingWarnings warnings={mappingWarnings(headers, toRequestMapping(form))} />
      {props.problems.length > 0 && (
        <ul className="home-form-error survey-problems" role="alert">
          {props.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
