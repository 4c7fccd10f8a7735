import { absoluteTime } from '../../ui/time.js';
import { useIdentity } from '../../ui/identity.js';
import { dueLabel, STATUS_LABELS, VERDICT_LABELS, type ReviewView } from './reviewsApi.js';
import { ReviewReminder } from './ReviewReminder.js';
import { useReviews } from './useReviews.js';
import './reviews.css';

const STATE_LABELS: Record<ReviewView['state'], string> = {
  open: 'Open',
  approved: 'Approved',
  cancelled: 'Cancelled',
};

/**
 * The board's review history in the versions panel (W167): when the map was last reviewed and
 * its reminder (W183), who asked whom, who answered what and when, and the version an approval
 * saved.
 */
export function ReviewHistory(props: { boardId: string; onOpenVersion(id: string): void }) {
  const identity = useIdentity();
  const list = useReviews(props.boardId, identity.vouched);
  if (!identity.vouched) return null;
  return (
    <section
      className="review-history"
      aria-labelledby="review-history-title"
      data-testid="review-history"
    >
      <h3 id="review-history-title" className="panel-section-title">
        Reviews
      </h3>
      <ReviewReminder
        boardId={props.boardId}
        reviewsKey={
          list.status === 'ready' ? list.reviews.map((r) => `${r.id}:${r.state}`).join() : ''
        }
      />
      {list.status === 'loading' && <p className="panel-hint">Loading reviews…</p>}
      {list.status === 'error' && (
        <p className="panel-error" role="alert">
          Could not load reviews: {list.message}
        </p>
      )}
      {list.status === 'ready' && list.reviews.length === 0 && (
        <p className="panel-hint">
          No review requested yet. Editors use “Request review” in the top bar.
        </p>
      )}
      {list.status === 'ready' && list.reviews.length > 0 && (
        <ol className="review-history-list">
          {list.reviews.map((r) => (
            <li
              key={r.id}
              className="review-history-item"
              data-testid="review-history-item"
              data-state={r.state}
            >
              <p className="review-history-head">
                <span className="review-status-pill" data-status={r.state}>
                  {STATE_LABELS[r.state]}
                </span>{' '}
                <strong>{r.requestedBy.name}</strong> asked{' '}
                {r.reviewers.map((v) => v.name).join(', ')}
                {r.dueDate ? ` (due ${dueLabel(r.dueDate)})` : ''}
                <time className="review-history-time" dateTime={r.createdAt}>
                  {' '}
                  · {absoluteTime(r.createdAt)}
                </time>
              </p>
              {r.message && <p className="review-history-message">“{r.message}”</p>}
              <ul className="review-history-answers">
                {r.answers.map((a, i) => (
                  <li key={i}>
                    {a.name} {VERDICT_LABELS[a.verdict]}
                    {a.comment ? `: “${a.comment}”` : ''}{' '}
                    <time dateTime={a.at} className="review-history-time">
                      · {absoluteTime(a.at)}
                    </time>
                  </li>
                ))}
                {r.state === 'open' &&
                  r.reviewers
                    .filter((v) => v.status === 'pending')
                    .map((v) => (
                      <li key={v.userId} className="review-history-pending">
                        {v.name}: {STATUS_LABELS.pending.toLowerCase()}
                      </li>
                    ))}
              </ul>
              {r.approvedVersionId && (
                <button
                  type="button"
                  className="btn btn-ghost review-history-version"
                  onClick={() => props.onOpenVersion(r.approvedVersionId!)}
                  data-testid="review-approved-version"
                >
                  Open the approved version
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
