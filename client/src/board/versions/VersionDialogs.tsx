import { useId, useRef, useState, type FormEvent } from 'react';
import { boardHref, rememberBoard } from '../../boardLinks.js';
import { Dialog } from '../../ui/Dialog.js';
import { TITLE_MAX } from '../../../../shared/model/board.js';
import { MAP_TYPES, type MapType } from '../../../../shared/model/schema.js';
import { MAP_TYPE_LABELS } from '../../ui/mapTypes.js';
import { navigate } from '../../router.js';
import { useToasts } from '../../ui/toasts.js';
import { errorMessage } from '../../ui/errors.js';
import type { BoardSession } from '../core/session.js';
import { versionsApi, type Version } from './versionsApi.js';

/** Confirms a restore, explaining that it is a change on top and that nothing is lost. */
export function RestoreDialog(props: {
  session: BoardSession;
  version: Version;
  author: string;
  onRestored(backup: Version | null): void;
  onClose(): void;
}) {
  const { session, version } = props;
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      const { backup } = await versionsApi.restore(
        session.boardId,
        version.id,
        props.author,
        session.token,
      );
      toasts.show(
        backup
          ? `Restored “${version.label}”. The board as it was is saved as “${backup.label}”.`
          : `The board already matches “${version.label}”: nothing changed.`,
        'success',
      );
      props.onRestored(backup);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Restore “${version.label}”?`}
      role="alertdialog"
      busy={busy}
      initialFocus={confirm}
      onClose={props.onClose}
      testId="restore-dialog"
      description="The board will read exactly as it did in this version, for everyone on it."
    >
      <ul className="version-dialog-points">
        <li>The restore is added as a new change on top: history and undo stay as they are.</li>
        <li>
          The board as it is now is saved first, as a version named “Before restoring “
          {version.label}”” that you can compare with or restore later.
        </li>
      </ul>
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={props.onClose} disabled={busy}>
          Cancel
        </button>
        <button
          ref={confirm}
          type="button"
          className="btn btn-primary"
          data-testid="restore-confirm"
          onClick={() => void restore()}
          disabled={busy}
        >
          {busy ? 'Restoring…' : 'Restore this version'}
        </button>
      </div>
    </Dialog>
  );
}

/** Makes a new board holding a version (ids kept, so the two compare card by card), then opens it. */
export function DuplicateDialog(props: {
  session: BoardSession;
  version: Version;
  boardTitle: string;
  boardMapType: MapType;
  onClose(): void;
}) {
  const { session, version } = props;
  const toasts = useToasts();
  const [title, setTitle] = useState(`${props.boardTitle} (${version.label})`.slice(0, TITLE_MAX));
  // The usual branch of a current-state map is the future state the team designs from it.
  const [mapType, setMapType] = useState<MapType>(
    props.boardMapType === 'current-state' ? 'future-state' : props.boardMapType,
  );
  const mapTypeId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const board = await versionsApi.duplicate(
        session.boardId,
        version.id,
        { title: title.trim(), mapType },
        session.token,
      );
      rememberBoard(board.id, { title: board.title, tokens: board.tokens });
      toasts.show(`Created “${board.title}” from “${version.label}”`, 'success');
      navigate(boardHref(board.id, board.tokens.owner));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Duplicate as a new board"
      description={`A new board with its own share links, holding “${version.label}”. Cards keep their ids, so the two boards can be compared card by card.`}
      busy={busy}
      onClose={props.onClose}
      testId="duplicate-dialog"
    >
      <form className="version-dialog-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId} className="panel-label">
          Title of the new board
        </label>
        <input
          id={inputId}
          className="input"
          data-testid="duplicate-title"
          value={title}
          maxLength={TITLE_MAX}
          required
          autoFocus
          onChange={(e) => setTitle(e.target.value)}
        />
        <label htmlFor={mapTypeId} className="panel-label">
          Map type of the new board
        </label>
        <select
          id={mapTypeId}
          className="input"
          data-testid="duplicate-map-type"
          value={mapType}
          onChange={(e) => setMapType(e.target.value as MapType)}
        >
          {MAP_TYPES.map((type) => (
            <option key={type} value={type}>
              {MAP_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        {error && (
          <p className="panel-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="duplicate-confirm"
            disabled={busy || !title.trim()}
          >
            {busy ? 'Creating…' : 'Create and open'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
