/** Confirms deleting a board by name; the page removes it from the list once the server agrees. */

import { ApiError, api, type BoardSummary } from '../api.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';

interface DeleteBoardDialogProps {
  board: Pick<BoardSummary, 'id' | 'title'>;
  /** The board's owner token: only the owner may delete it. */
  token: string;
  onClose(): void;
  onDeleted(): void;
}

export function DeleteBoardDialog({ board, token, onClose, onDeleted }: DeleteBoardDialogProps) {
  const remove = async () => {
    try {
      await api.deleteBoard(board.id, token);
    } catch (err) {
      // Someone else deleted it first: the outcome the user asked for.
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    }
  };
  return (
    <ConfirmDialog
      title={
        <>
          Delete “<span className="home-dialog-board-name">{board.title}</span>”?
        </>
      }
      description="The map, its cards and its comments are deleted for everyone, and anyone who has it open is disconnected. This cannot be undone."
      confirmLabel="Delete map"
      busyLabel="Deleting…"
      action={remove}
      onDone={onDeleted}
      onClose={onClose}
      testId="delete-board-dialog"
      confirmTestId="confirm-delete"
    />
  );
}
