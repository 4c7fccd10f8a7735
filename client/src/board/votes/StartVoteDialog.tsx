/**
 * "Start a vote" (W196, W204, W209): title, votes per person (3), an optional cap per card,
 * what may be voted on (every card, some lanes, or the cards selected now), anonymous or named,
 * an optional time limit. Below it, the board's past votes, each with its results (W202).
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  VOTE_TITLE_MAX,
  VOTES_PER_PERSON_DEFAULT,
  VOTES_PER_PERSON_MAX,
  type NewVote,
} from '../../../../shared/protocol/votes.js';
import { Dialog } from '../../ui/Dialog.js';
import { errorMessage } from '../../ui/errors.js';
import { useEditor } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import { ScopeFields, TimeLimitFields, type Scope } from './voteFields.js';
import { useVote } from './useVote.js';
import type { VoteListItem } from './votesApi.js';

export function StartVoteDialog(props: { canStart: boolean; onClose(): void }) {
  const { running } = useVote();
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title="Dot voting" onClose={props.onClose} testId="vote-dialog" className="vote-dialog">
      {props.canStart && !running && <StartVoteForm onDone={props.onClose} />}
      {props.canStart && running && <p>A vote is running: end it before starting another.</p>}
      <PastVotes onShown={props.onClose} onError={setError} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function StartVoteForm({ onDone }: { onDone(): void }) {
  const { board } = useOpenBoard();
  const { start } = useVote();
  const selection = useEditor((s) => s.selection);
  const selectedCards = selection.filter((id) => board.cards.some((c) => c.id === id));
  const [title, setTitle] = useState('Top pain points');
  const [votes, setVotes] = useState(VOTES_PER_PERSON_DEFAULT);
  const [capOn, setCapOn] = useState(false);
  const [cap, setCap] = useState(1);
  const [scope, setScope] = useState<Scope>(selectedCards.length > 0 ? 'selection' : 'lanes');
  const [lanes, setLanes] = useState<ReadonlySet<string>>(
    () =>
      new Set(
        board.lanes
          .filter((l) => l.kind === 'painPoints' || l.kind === 'opportunities')
          .map((l) => l.id),
      ),
  );
  const [anonymous, setAnonymous] = useState(true);
  const [minutes, setMinutes] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const body: NewVote = {
      title: title.trim(),
      votesPerPerson: votes,
      anonymous,
      ...(capOn ? { maxPerCard: cap } : {}),
      ...(scope === 'lanes' ? { lanes: [...lanes] } : {}),
      ...(scope === 'selection' ? { cardIds: selectedCards } : {}),
      ...(minutes > 0 ? { durationMs: Math.round(minutes * 60_000) } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      await start(body);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="vote-form" onSubmit={(e) => void submit(e)} aria-label="Start a vote">
      <label className="field">
        <span>Title</span>
        <input
          data-testid="vote-title"
          value={title}
          maxLength={VOTE_TITLE_MAX}
          required
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <div className="vote-form-row">
        <label className="field">
          <span>Votes per person</span>
          <input
            type="number"
            data-testid="vote-per-person"
            min={1}
            max={VOTES_PER_PERSON_MAX}
            value={votes}
            onChange={(e) => setVotes(Number(e.target.value))}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={capOn} onChange={(e) => setCapOn(e.target.checked)} />
          At most
          <input
            type="number"
            aria-label="Votes per card at most"
            min={1}
            max={votes}
            value={cap}
            disabled={!capOn}
            onChange={(e) => setCap(Number(e.target.value))}
          />
          on one card
        </label>
      </div>
      <ScopeFields
        scope={scope}
        onScope={setScope}
        lanes={lanes}
        onLanes={setLanes}
        selected={selectedCards.length}
      />
      <label className="check">
        <input
          type="checkbox"
          data-testid="vote-anonymous"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        Anonymous (results do not say who voted for what)
      </label>
      <TimeLimitFields minutes={minutes} onMinutes={setMinutes} />
      {error && (
        <p className="form-error" role="alert" data-testid="vote-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="vote-start"
          disabled={busy || (scope === 'lanes' && lanes.size === 0)}
        >
          Start vote
        </button>
      </div>
    </form>
  );
}

function PastVotes(props: { onShown(): void; onError(message: string): void }) {
  const { api, show } = useVote();
  const [past, setPast] = useState<VoteListItem[] | null>(null);
  useEffect(() => {
    let live = true;
    api.list().then(
      (list) => live && setPast(list),
      () => live && setPast([]),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return (
    <>
      <h3 className="vote-past-heading">Past votes</h3>
      {past === null ? (
        <p>Loading…</p>
      ) : past.length === 0 ? (
        <p>No votes on this map yet.</p>
      ) : (
        <ul className="vote-past" data-testid="vote-past">
          {past.map((v) => (
            <li key={v.id}>
              <span>
                <strong>{v.title}</strong> · {new Date(v.createdAt).toLocaleDateString()} ·{' '}
                {v.createdBy}
                {v.status === 'running' ? ' · running' : ''}
              </span>
              {v.status === 'ended' && (
                <button
                  className="btn btn-ghost"
                  data-testid="vote-past-results"
                  onClick={() =>
                    void show(v.id).then(props.onShown, (err: unknown) =>
                      props.onError(errorMessage(err)),
                    )
                  }
                >
                  Results
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
