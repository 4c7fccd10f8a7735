/** Asks before something that cannot be undone, runs it, and says why if it failed. */

import { useState } from 'react';
import { Dialog } from '../ui/Dialog.js';
import { errorMessage } from '../ui/errors.js';
import { Spinner } from '../ui/icons.js';

interface ConfirmDialogProps {
  title: string;
  description: string;
  confirmLabel: string;
  /** What confirming does; a rejection keeps the dialog open with the reason. */
  action(): Promise<void>;
  /** After the action succeeded. */
  onDone(): void;
  onClose(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.action();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
      return;
    }
    props.onDone();
  };
  return (
    <Dialog
      title={props.title}
      description={props.description}
      onClose={props.onClose}
      busy={busy}
      role="alertdialog"
      className="home-delete-dialog"
      testId="confirm-dialog"
    >
      {error && (
        <div className="home-form-error" role="alert">
          {error}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={props.onClose} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-danger btn-solid"
          onClick={() => void confirm()}
          disabled={busy}
          data-testid="confirm-action"
        >
          {busy && <Spinner />}
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
