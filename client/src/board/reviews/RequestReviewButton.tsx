import { useState } from 'react';
import { atLeast } from '../../../../shared/protocol/roles.js';
import { useIdentity } from '../../ui/identity.js';
import { useOpenBoard } from '../core/openBoard.js';
import { RequestReviewDialog } from './RequestReviewDialog.js';
import './reviews.css';

/** The top bar's "Request review" action: editors and owners, signed in (W167). */
export function RequestReviewButton() {
  const { session, role } = useOpenBoard();
  const identity = useIdentity();
  const [open, setOpen] = useState(false);
  if (!identity.vouched || !atLeast(role, 'editor')) return null;
  return (
    <>
      <button
        className="btn btn-ghost review-request-button"
        title="Ask people to review this map"
        aria-label="Request review"
        data-fit-fixed
        data-testid="request-review-button"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true" className="review-request-icon">
          ✓
        </span>
        <span className="review-request-label">Request review</span>
      </button>
      {open && (
        <RequestReviewDialog
          boardId={session.boardId}
          meId={identity.id}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
