import { useState } from 'react';
import { atLeast } from '../../../../shared/protocol/roles.js';
import { useOpenBoard } from '../core/openBoard.js';
import { StartVoteDialog } from './StartVoteDialog.js';
import './votes.css';

/** The top bar's "Vote" action: editors start a vote (W196); everyone sees past votes (W202). */
export function VoteButton() {
  const { role } = useOpenBoard();
  const [open, setOpen] = useState(false);
  const canStart = atLeast(role, 'editor');
  return (
    <>
      <button
        className="btn btn-ghost vote-button"
        title={canStart ? 'Start a dot vote, or see past votes' : 'Past dot votes'}
        aria-label={canStart ? 'Start a vote' : 'Past votes'}
        data-fit-fixed
        data-testid="vote-button"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true" className="vote-button-icon">
          ●
        </span>
        <span className="vote-button-label">Vote</span>
      </button>
      {open && <StartVoteDialog canStart={canStart} onClose={() => setOpen(false)} />}
    </>
  );
}
