import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../ui/errors.js';
import { onReviewsChanged, reviewsApi, type ReviewView } from './reviewsApi.js';

/** Others answer from their own browsers: look again this often while the page is open. */
const POLL_MS = 30_000;

export type ReviewList =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; reviews: ReviewView[] };

/**
 * The board's reviews, newest first: loaded on open, again after this page changed one, when
 * the window regains focus, and every 30 s.
 */
export function useReviews(boardId: string, enabled: boolean): ReviewList & { refresh(): void } {
  const [list, setList] = useState<ReviewList>({ status: 'loading' });
  const latest = useRef(0);
  const refresh = useCallback(() => {
    if (!enabled) return;
    const request = ++latest.current;
    reviewsApi.list(boardId).then(
      (reviews) => {
        if (request === latest.current) setList({ status: 'ready', reviews });
      },
      (err: unknown) => {
        if (request === latest.current)
          setList((prev) =>
            prev.status === 'ready' ? prev : { status: 'error', message: errorMessage(err) },
          );
      },
    );
  }, [boardId, enabled]);
  useEffect(() => {
    if (!enabled) return;
    refresh();
    const off = onReviewsChanged(refresh);
    const timer = setInterval(refresh, POLL_MS);
    window.addEventListener('focus', refresh);
    return () => {
      off();
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh, enabled]);
  return { ...list, refresh };
}
