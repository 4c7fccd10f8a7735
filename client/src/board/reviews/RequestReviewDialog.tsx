import { useEffect, useId, useState, type FormEvent } from 'react';
import { MAX_REVIEWERS, REVIEW_MESSAGE_MAX } from '../../../../shared/protocol/reviews.js';
import { Dialog } from '../../ui/Dialog.js';
import { errorMessage } from '../../ui/errors.js';
import { useToasts } from '../../ui/toasts.js';
import { peopleApi, type BoardPerson } from '../core/peopleApi.js';
import { reviewsApi } from './reviewsApi.js';

type People =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; people: BoardPerson[] };

/** Ask some of the board's people to review it (W167): whom, by when, and a message. */
export function RequestReviewDialog(props: { boardId: string; meId: string; onClose(): void }) {
  const { boardId, meId } = props;
  const toasts = useToasts();
  const [people, setPeople] = useState<People>({ status: 'loading' });
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [dueDate, setDueDate] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const dueId = useId();
  const messageId = useId();
  const errorId = useId();

  useEffect(() => {
    let live = true;
    peopleApi.list(boardId, '').then(
      ({ people: all }) =>
        live && setPeople({ status: 'ready', people: all.filter((p) => p.userId !== meId) }),
      (err: unknown) => live && setPeople({ status: 'error', message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [boardId, meId]);

  const toggle = (userId: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(userId)) next.delete(userId);
      else next.add(userId);
      return next;
    });

  const none = picked.size === 0;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (none || busy) return;
    setBusy(true);
    setError(null);
    try {
      await reviewsApi.request(boardId, {
        reviewerIds: [...picked],
        dueDate: dueDate || null,
        message: message.trim(),
      });
      toasts.show(
        `Review requested from ${picked.size} ${picked.size === 1 ? 'person' : 'people'}`,
        'success',
      );
      props.onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Request review"
      description="Reviewers see a banner on this map and answer Approve, Request changes or Comment only. When everyone approved, a version is saved."
      onClose={props.onClose}
      busy={busy}
      className="review-request-dialog"
      testId="review-request-dialog"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="review-people" aria-describedby={tried && none ? errorId : undefined}>
          <legend className="panel-label">Reviewers</legend>
          {people.status === 'loading' && <p className="panel-hint">Loading the board’s people…</p>}
          {people.status === 'error' && (
            <p className="panel-error" role="alert">
              Could not load the board’s people: {people.message}
            </p>
          )}
          {people.status === 'ready' && people.people.length === 0 && (
            <p className="panel-hint">No one else can open this board yet. Invite people first.</p>
          )}
          {people.status === 'ready' &&
            people.people.map((p) => (
              <label key={p.userId} className="review-person">
                <input
                  type="checkbox"
                  checked={picked.has(p.userId)}
                  disabled={!picked.has(p.userId) && picked.size >= MAX_REVIEWERS}
                  onChange={() => toggle(p.userId)}
                  data-testid={`review-pick-${p.userId}`}
                />
                <span className="review-person-name">{p.name}</span>
                <span className="review-person-email">{p.email}</span>
              </label>
            ))}
          {tried && none && (
            <p id={errorId} className="panel-error">
              Pick at least one reviewer.
            </p>
          )}
        </fieldset>
        <div className="panel-field">
          <label htmlFor={dueId} className="panel-label">
            Due date (optional)
          </label>
          <input
            id={dueId}
            type="date"
            className="input"
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
            data-testid="review-due-input"
          />
        </div>
        <div className="panel-field">
          <label htmlFor={messageId} className="panel-label">
            Message (optional)
          </label>
          <textarea
            id={messageId}
            className="input"
            rows={3}
            maxLength={REVIEW_MESSAGE_MAX}
            placeholder="What should reviewers look at?"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            data-testid="review-message-input"
          />
        </div>
        {error && (
          <p className="panel-error" role="alert" data-testid="review-request-error">
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
            disabled={busy}
            data-testid="review-request-submit"
          >
            {busy ? 'Sending…' : 'Request review'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
