import { useId, useState } from 'react';
import type { CommentThread } from '../../../../shared/model/comments.js';
import { REVIEW_COMMENT_MAX, type Verdict } from '../../../../shared/protocol/reviews.js';
import { errorMessage } from '../../ui/errors.js';
import { useIdentity } from '../../ui/identity.js';
import { useToasts } from '../../ui/toasts.js';
import { useEditorStore } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import { isNarrowScreen } from '../shell/narrow.js';
import { dueLabel, reviewsApi, STATUS_LABELS, type ReviewView } from './reviewsApi.js';
import { useReviews } from './useReviews.js';
import { useTimeZoneSync } from './useTimeZoneSync.js';
import './reviews.css';

/**
 * Open reviews of this board that concern me, above the canvas: the ones I am asked to answer
 * (with the board's open threads as a checklist) and the ones I asked for (each reviewer's
 * status). Signed-in people only.
 */
export function ReviewBanners({ threads }: { threads: CommentThread[] }) {
  const { session } = useOpenBoard();
  const identity = useIdentity();
  useTimeZoneSync(identity.vouched);
  const list = useReviews(session.boardId, identity.vouched);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  if (!identity.vouched || list.status !== 'ready') return null;
  const open = list.reviews.filter((r) => r.state === 'open');
  const toAnswer = open.filter((r) => r.reviewers.some((v) => v.userId === identity.id));
  const asked = open.filter((r) => r.requestedBy.userId === identity.id);
  // Just approved: the requester sees it once here (until the page is left), then in the panel.
  const approved = list.reviews.filter(
    (r) =>
      r.state === 'approved' &&
      r.requestedBy.userId === identity.id &&
      recent(r.closedAt) &&
      !dismissed.has(r.id),
  );
  if (toAnswer.length + asked.length + approved.length === 0) return null;
  return (
    <div className="review-banners" data-testid="review-banners">
      {toAnswer.map((r) => (
        <ReviewerBanner key={r.id} review={r} meId={identity.id} threads={threads} />
      ))}
      {[...asked, ...approved].map((r) => (
        <RequesterBanner
          key={r.id}
          review={r}
          onDismiss={() => setDismissed((prev) => new Set(prev).add(r.id))}
        />
      ))}
    </div>
  );
}

const recent = (at: string | null) => at !== null && Date.now() - Date.parse(at) < 86_400_000;

const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

function ReviewerBanner(props: { review: ReviewView; meId: string; threads: CommentThread[] }) {
  const { review, meId } = props;
  const { dispatch } = useEditorStore();
  const toasts = useToasts();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // On a phone the checklist starts folded, so the banner leaves the map most of the screen.
  const [showThreads, setShowThreads] = useState(() => !isNarrowScreen());
  const commentId = useId();
  const mine = review.reviewers.find((v) => v.userId === meId)!;
  const openThreads = props.threads.filter((t) => !t.resolved);
  const by = review.dueDate ? ` by ${dueLabel(review.dueDate)}` : '';

  const send = async (chosen: Verdict) => {
    if (chosen === 'changes' && !comment.trim()) {
      setVerdict('changes');
      setError('Say which changes you need: a comment is required.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const after = await reviewsApi.answer(review.boardId, review.id, chosen, comment.trim());
      setVerdict(null);
      setComment('');
      toasts.show(
        after.state === 'approved'
          ? 'Everyone approved: the version was saved'
          : chosen === 'approve'
            ? 'You approved this map'
            : 'Your answer was sent',
        'success',
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="review-banner" aria-label="Review request" data-testid="review-banner">
      <p className="review-banner-title">
        <strong>{firstName(review.requestedBy.name)}</strong> asked you to review this map{by}
        {mine.status !== 'pending' && (
          <span className="review-status-pill" data-status={mine.status}>
            You: {STATUS_LABELS[mine.status]}
          </span>
        )}
      </p>
      {review.message && <p className="review-banner-message">“{review.message}”</p>}
      <div className="review-threads">
        <button
          type="button"
          className="btn btn-ghost review-threads-toggle"
          aria-expanded={showThreads}
          onClick={() => setShowThreads((s) => !s)}
          data-testid="review-threads-toggle"
        >
          {openThreads.length > 0 && (
            <span className="review-threads-chevron" aria-hidden="true">
              {showThreads ? '▾' : '▸'}
            </span>
          )}
          {openThreads.length === 0
            ? 'No open comment threads'
            : `${openThreads.length} open comment thread${openThreads.length === 1 ? '' : 's'}`}
        </button>
        {showThreads && openThreads.length > 0 && (
          <ul className="review-thread-list" data-testid="review-thread-list">
            {openThreads.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className="review-thread-link"
                  onClick={() => {
                    dispatch({ type: 'openThread', threadId: t.id });
                    // On a phone the thread's sheet needs the room the checklist takes.
                    if (isNarrowScreen()) setShowThreads(false);
                  }}
                >
                  <span aria-hidden="true">☐</span> {t.messages[0]?.body.slice(0, 80) || '(empty)'}
                  <span className="review-thread-by"> — {t.createdBy.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {verdict !== null && (
        <div className="review-comment">
          <label htmlFor={commentId} className="panel-label">
            {verdict === 'changes' ? 'Which changes? (required)' : 'Comment'}
          </label>
          <textarea
            id={commentId}
            className="input"
            rows={2}
            maxLength={REVIEW_COMMENT_MAX}
            value={comment}
            aria-required={verdict === 'changes'}
            aria-invalid={(error !== null && verdict === 'changes' && !comment.trim()) || undefined}
            onChange={(e) => setComment(e.target.value)}
            data-testid="review-comment-input"
          />
        </div>
      )}
      {error && (
        <p className="panel-error" role="alert" data-testid="review-answer-error">
          {error}
        </p>
      )}
      <div className="review-actions review-answers">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void send('approve')}
          data-testid="review-approve"
        >
          Approve
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => (verdict === 'changes' ? void send('changes') : setVerdict('changes'))}
          data-testid="review-changes"
        >
          {verdict === 'changes' ? 'Send change request' : 'Request changes'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => (verdict === 'comment' ? void send('comment') : setVerdict('comment'))}
          data-testid="review-comment"
        >
          {verdict === 'comment' ? 'Send comment' : 'Comment only'}
        </button>
        {busy && <span className="panel-hint">Sending…</span>}
      </div>
    </section>
  );
}

function RequesterBanner({ review, onDismiss }: { review: ReviewView; onDismiss(): void }) {
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      await reviewsApi.cancel(review.boardId, review.id);
      toasts.show('Review request cancelled', 'info');
    } catch (err) {
      toasts.show(`Could not cancel the review: ${errorMessage(err)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  const approved = review.state === 'approved';
  return (
    <section
      className="review-banner review-banner-requester"
      aria-label="Your review request"
      data-testid="review-requester-banner"
      data-state={review.state}
    >
      <p className="review-banner-title">
        {approved
          ? 'Everyone approved your review request: the version was saved.'
          : `Your review request${review.dueDate ? ` (due ${dueLabel(review.dueDate)})` : ''}`}
      </p>
      <ul className="review-reviewers">
        {review.reviewers.map((v) => (
          <li key={v.userId} data-status={v.status} data-testid="review-reviewer-status">
            <span className="review-reviewer-name">{v.name}</span>:{' '}
            <span className="review-status-pill" data-status={v.status}>
              {STATUS_LABELS[v.status]}
            </span>
            {v.comment && <span className="review-reviewer-comment"> “{v.comment}”</span>}
          </li>
        ))}
      </ul>
      {approved ? (
        <div className="review-actions">
          <button type="button" className="btn btn-ghost" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      ) : (
        <div className="review-actions">
          <button
            type="button"
            className="btn btn-ghost"
            disabled={busy}
            onClick={() => void cancel()}
          >
            Cancel request
          </button>
        </div>
      )}
    </section>
  );
}
