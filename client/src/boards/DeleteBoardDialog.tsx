/** Confirms deleting a board by name; the page removes it from the list once the server agrees. */

import { useRef, useState } from 'react';
import { ApiError, api, type BoardSummary } from '../api.js';
import { Dialog } from '../ui/Dialog.js';
import { errorMessage } from '../ui/errors.js';
import { Spinner } from '../ui/icons.js';

interface DeleteBoardDialogProps {
  board: Pick<BoardSummary, 'id' | 'title'>;
  /** The board's owner token: only the owner may delete it. */
  token: string;
  onClose(): void;
  onDeleted(): void;
}

export function DeleteBoardDialog({ board, token, onClose, onDeleted }: DeleteBoardDialogProps) {
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  const confirm = async () => {
    setDeleting(true);
    setError(null);
    try {
      await api.deleteBoard(board.id, token);
      onDeleted();
    } catch (err) {
      // Someone else deleted it first: the outcome the user asked for.
      if (err instanceof ApiError && err.status === 404) return onDeleted();
      setError(errorMessage(err));
      setDeleting(false);
    }
  };

  return (
    <Dialog
      role="alertdialog"
      title={
        <>
          Delete “<span className="home-dialog-board-name">{board.title}</span>”?
        </>
      }
      description="The map, its cards and its comments are deleted for everyone, and anyone who has it open is disconnected. This cannot be undone."
      onClose={onClose}
      busy={deleting}
      initialFocus={cancel}
      className="home-delete-dialog"
      testId="delete-board-dialog"
    >
      {error && (
        <div className="home-form-error" role="alert">
          {error}
        </div>
      )}
      <div className="dialog-actions">
        <button ref={cancel} type="button" className="btn" onClick={onClose} disabled={deleting}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-danger btn-solid"
          data-testid="confirm-delete"
          onClick={() => void confirm()}
          disabled={deleting}
          aria-busy={deleting || undefined}
        >
          {deleting && <Spinner />}
          {deleting ? 'Deleting…' : 'Delete map'}
        </button>
      </div>
    </Dialog>
  );
}
