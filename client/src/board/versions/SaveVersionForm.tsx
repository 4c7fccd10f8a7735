import { useId, useState, type FormEvent } from 'react';
import { useToasts } from '../../ui/toasts.js';
import { errorMessage } from '../../ui/errors.js';
import type { BoardSession } from '../core/session.js';
import { versionsApi, type Version } from './versionsApi.js';

const LABEL_MAX = 200;
const NOTE_MAX = 5000;

/** Saves the board as it is now as a named version (editors and owners). */
export function SaveVersionForm(props: {
  session: BoardSession;
  author: string;
  onSaved(version: Version): void;
}) {
  const { session } = props;
  const toasts = useToasts();
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const labelId = useId();
  const noteId = useId();
  const errorId = useId();
  const missing = !label.trim();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (missing || busy) return;
    setBusy(true);
    setError(null);
    try {
      const version = await versionsApi.save(
        session.boardId,
        { label: label.trim(), note: note.trim(), author: props.author },
        session.token,
      );
      toasts.show(`Saved version “${version.label}”`, 'success');
      setLabel('');
      setNote('');
      setTried(false);
      props.onSaved(version);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const showMissing = tried && missing;
  return (
    <form
      className="version-save"
      data-testid="version-save-form"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 className="panel-section-title">Save this state</h3>
      <div className="panel-field">
        <label htmlFor={labelId} className="panel-label">
          Label
        </label>
        <input
          id={labelId}
          className="input"
          data-testid="version-label-input"
          placeholder="e.g. Q3 review"
          value={label}
          maxLength={LABEL_MAX}
          aria-required="true"
          aria-invalid={showMissing || undefined}
          aria-describedby={showMissing ? errorId : undefined}
          onChange={(e) => setLabel(e.target.value)}
        />
        {showMissing && (
          <p id={errorId} className="panel-error">
            Give the version a label, such as the review cycle it closes.
          </p>
        )}
      </div>
      <div className="panel-field">
        <label htmlFor={noteId} className="panel-label">
          Note <span className="panel-hint">(optional)</span>
        </label>
        <textarea
          id={noteId}
          className="textarea panel-textarea-small"
          data-testid="version-note-input"
          placeholder="What was reviewed, what was decided"
          value={note}
          maxLength={NOTE_MAX}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      <div className="panel-row">
        <span className="panel-hint panel-grow">Saved as {props.author}</span>
        <button
          type="submit"
          className="btn btn-primary panel-small"
          data-testid="version-save"
          disabled={busy}
        >
          {busy ? 'Saving…' : 'Save version'}
        </button>
      </div>
    </form>
  );
}
