import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivityEntry } from '../../../../shared/model/activity.js';
import { errorMessage } from '../../ui/errors.js';
import type { BoardSession } from '../core/session.js';
import { activityApi, type SinceAnswer } from './activityApi.js';
import type { LastLooked } from './lastLooked.js';

const PAGE = 30;
/** While the panel is open, the feed is re-read this often… */
export const ACTIVITY_POLL_MS = 10_000;
/** …and this long after the board last changed (edits reach the feed within a moment). */
const AFTER_EDIT_MS = 1_500;

export interface ActivityFeed {
  entries: ActivityEntry[];
  /** More (older) entries exist. */
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  loadMore(): void;
  refresh(): void;
}

/** Re-runs `refresh` every ACTIVITY_POLL_MS and shortly after the board doc changes. */
function useLiveRefresh(session: BoardSession, refresh: () => void): void {
  useEffect(() => {
    let soon: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (soon) clearTimeout(soon);
      soon = setTimeout(refresh, AFTER_EDIT_MS);
    };
    const every = setInterval(refresh, ACTIVITY_POLL_MS);
    session.doc.on('update', onUpdate);
    return () => {
      clearInterval(every);
      if (soon) clearTimeout(soon);
      session.doc.off('update', onUpdate);
    };
  }, [session, refresh]);
}

/** The board's activity, newest first, paged with "Load more", kept fresh while mounted. */
export function useActivityFeed(session: BoardSession): ActivityFeed {
  const [entries, setEntries] = useState<ActivityEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = useRef(PAGE);

  const refresh = useCallback(() => {
    // Re-read as many as are shown, so a refresh never shortens the list under the reader.
    activityApi
      .page(session.boardId, session.token, { limit: Math.min(200, shown.current) })
      .then((page) => {
        setEntries(page.entries);
        setNext(page.next);
        setError(null);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setLoading(false));
  }, [session]);

  const loadMore = useCallback(() => {
    if (!next) return;
    setLoadingMore(true);
    activityApi
      .page(session.boardId, session.token, { limit: PAGE, before: next })
      .then((page) => {
        setEntries((list) => {
          const known = new Set(list.map((e) => e.id));
          const merged = [...list, ...page.entries.filter((e) => !known.has(e.id))];
          shown.current = merged.length;
          return merged;
        });
        setNext(page.next);
        setError(null);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setLoadingMore(false));
  }, [session, next]);

  useEffect(refresh, [refresh]);
  useLiveRefresh(session, refresh);
  return { entries, hasMore: next !== null, loading, loadingMore, error, loadMore, refresh };
}

export type SinceState =
  | { status: 'first-visit' }
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; answer: SinceAnswer };

/** What changed since `lastLooked` (others' changes only), kept fresh while mounted. */
export function useSince(
  session: BoardSession,
  /** Undefined while it is being found out. */
  lastLooked: LastLooked | null | undefined,
  meId: string,
): SinceState {
  const [state, setState] = useState<SinceState>(
    lastLooked === null ? { status: 'first-visit' } : { status: 'loading' },
  );
  const refresh = useCallback(() => {
    if (lastLooked === null) setState({ status: 'first-visit' });
    if (!lastLooked) return;
    activityApi
      .since(session.boardId, session.token, { ...lastLooked, excludeAuthorId: meId, limit: 50 })
      .then((answer) => setState({ status: 'ready', answer }))
      .catch((err: unknown) => setState({ status: 'error', error: errorMessage(err) }));
  }, [session, lastLooked, meId]);
  useEffect(refresh, [refresh]);
  useLiveRefresh(session, refresh);
  return state;
}
