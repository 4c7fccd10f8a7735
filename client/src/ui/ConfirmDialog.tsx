/** Asks before something that cannot be undone, runs it, and says why if it failed. */

import { useRef, useState, type ReactNode } from 'react';
import { Dialog } from './Dialog.js';
import { errorMessage } from './errors.js';
import { Spinner } from './icons.js';

interface ConfirmDialogProps {
  title: ReactNode;
  description: string;
  confirmLabel: string;
  /** Shown on the button while the action runs, e.g. "Deleting…". */
  busyLabel?: string;
  /** What confirming does; a rejection keeps the dialog open with the reason. */
  action(): Promise<void>;
  /** After the action succeeded. */
  onDone(): void;
  onClose(): void;
  testId?: string;
  confirmTestId?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Focus starts on Cancel: Enter right after opening must not destroy anything.
  const cancel = useRef<HTMLButtonElement>(null);
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
      initialFocus={cancel}
      className="home-delete-dialog"
      testId={props.testId ?? 'confirm-dialog'}
    >
      {error && (
        <div className="home-form-error" role="alert">
          {error}
        </div>
      )}
      <div className="dialog-actions">
        <button ref={cancel} type="button" className="btn" onClick={props.onClose} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-danger btn-solid"
          onClick={() => void confirm()}
          disabled={busy}
          aria-busy={busy || undefined}
          data-testid={props.confirmTestId ?? 'confirm-action'}
        >
          {busy && <Spinner />}
          {busy && props.busyLabel ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
