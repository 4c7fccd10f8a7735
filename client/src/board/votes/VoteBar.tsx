/**
 * The vote bar under the top bar (W209): while a vote runs, my votes left, the time left and
 * (for its facilitator or an owner) End vote; once ended, the ranked "Top results" with "Show on
 * map" and the CSV/JSON exports.
 */
import { useEffect, useState } from 'react';
import { plural } from '../../../../shared/model/plural.js';
import { errorMessage } from '../../ui/errors.js';
import { useToasts } from '../../ui/toasts.js';
import { downloadBlob, slugify } from '../export/download.js';
import { useOpenBoard } from '../core/openBoard.js';
import { useViewportCommands } from '../core/useViewportControls.js';
import { useVote } from './useVote.js';
import type { VoteView } from './votesApi.js';
import './votes.css';

/** "4:05" (or "1:02:03"). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function TimeLeft({ endsAt, skew }: { endsAt: string; skew: number }) {
  const [now, setNow] = useState(() => Date.now() + skew);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + skew), 250);
    return () => clearInterval(timer);
  }, [skew]);
  const left = Date.parse(endsAt) - now;
  return (
    <span className="vote-time" data-testid="vote-time-left" aria-label={`${clock(left)} left`}>
      ⏱ {clock(left)}
    </span>
  );
}

export function VoteBar() {
  const { view, skew, end, dismiss } = useVote();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  if (!view) return null;
  if (view.status === 'ended') return <VoteResults view={view} onClose={dismiss} />;
  const onEnd = async () => {
    setBusy(true);
    try {
      await end();
    } catch (err) {
      toasts.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="vote-bar" data-testid="vote-bar" aria-label="Dot vote">
      <strong className="vote-title">🗳 {view.title}</strong>
      <span className="vote-left" data-testid="vote-remaining" role="status">
        {plural(view.remaining, 'vote')} left of {view.votesPerPerson}
      </span>
      {view.endsAt && <TimeLeft endsAt={view.endsAt} skew={skew} />}
      <span className="vote-hint">
        Click a card to place a dot; Alt-click, right-click or ✕ takes one back. Nobody sees others’
        dots until the end.
      </span>
      {view.canEnd && (
        <button
          className="btn btn-primary"
          data-testid="vote-end"
          disabled={busy}
          onClick={() => void onEnd()}
        >
          End vote
        </button>
      )}
    </section>
  );
}

function VoteResults({
  view,
  onClose,
}: {
  view: Extract<VoteView, { status: 'ended' }>;
  onClose(): void;
}) {
  const { board } = useOpenBoard();
  const { api } = useVote();
  const toasts = useToasts();
  const { focusItem } = useViewportCommands();
  const [open, setOpen] = useState(true);
  const text = new Map(board.cards.map((c) => [c.id, c.text]));
  const total = view.results.reduce((n, r) => n + r.votes, 0);
  const save = (format: 'csv' | 'json') =>
    api.download(view.id, format).then(
      (blob) => downloadBlob(blob, `${slugify(view.title) || 'vote'}-results.${format}`),
      (err: unknown) => toasts.show(errorMessage(err), 'error'),
    );
  return (
    <section
      className="vote-bar vote-bar-ended"
      data-testid="vote-results"
      aria-label="Vote results"
    >
      <div className="vote-bar-row">
        <strong className="vote-title">Results: {view.title}</strong>
        <span className="vote-left">
          {plural(total, 'vote')} from {plural(view.participants, 'person', 'people')}
        </span>
        <button
          className="btn btn-ghost"
          aria-expanded={open}
          data-testid="vote-results-toggle"
          onClick={() => setOpen((o) => !o)}
        >
          Top results
        </button>
        <button
          className="btn btn-ghost"
          data-testid="vote-export-csv"
          onClick={() => void save('csv')}
        >
          CSV
        </button>
        <button
          className="btn btn-ghost"
          data-testid="vote-export-json"
          onClick={() => void save('json')}
        >
          JSON
        </button>
        <button className="btn btn-ghost" data-testid="vote-results-close" onClick={onClose}>
          Close
        </button>
      </div>
      {open && (
        <ol className="vote-ranking" data-testid="vote-ranking">
          {view.results.length === 0 && <li>Nobody placed a dot.</li>}
          {view.results.slice(0, 10).map((r) => (
            <li
              key={r.cardId}
              className="vote-ranked"
              data-testid="vote-ranked"
              data-card-id={r.cardId}
            >
              <span className="vote-rank">{r.rank}.</span>
              <span className="vote-card-text">{text.get(r.cardId) || '(deleted card)'}</span>
              <span className="vote-count" data-testid="vote-ranked-count">
                {plural(r.votes, 'vote')}
              </span>
              {r.voters && (
                <span className="vote-voters">{r.voters.map((v) => v.name).join(', ')}</span>
              )}
              {text.has(r.cardId) && (
                <button className="btn btn-ghost vote-show" onClick={() => focusItem(r.cardId)}>
                  Show on map
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
