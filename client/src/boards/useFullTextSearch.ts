import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError } from '../api.js';
import { navigate } from '../router.js';
import { hitHref, searchBoards, type SearchHit } from './fullTextSearch.js';

/** Typing pauses this long before the server is asked. */
export const SEARCH_DEBOUNCE_MS = 250;

export type FullTextState =
  | { status: 'idle' }
  | { status: 'loading'; hits: SearchHit[] }
  | { status: 'done'; hits: SearchHit[] }
  | { status: 'error'; message: string };

export interface FullTextSearch {
  state: FullTextState;
  /** The result the arrow keys point at, -1 for none. */
  active: number;
  /** Arrow keys move through the results, Enter opens the one pointed at. */
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
  open(hit: SearchHit): void;
}

const hitsOf = (state: FullTextState): SearchHit[] =>
  state.status === 'loading' || state.status === 'done' ? state.hits : [];

/**
 * Full-text search of the boards page (W266): asks the server once typing pauses, forgets
 * answers to older queries, and keeps the previous hits on screen while the next ones load.
 * Off (idle) when `enabled` is false: in open mode, search needs accounts.
 */
export function useFullTextSearch(
  query: string,
  workspaceId: string | null,
  enabled: boolean,
): FullTextSearch {
  const [state, setState] = useState<FullTextState>({ status: 'idle' });
  const [active, setActive] = useState(-1);
  const latest = useRef(state);
  latest.current = state;
  const q = query.trim();

  useEffect(() => {
    setActive(-1);
    if (!enabled || q.length === 0) {
      setState({ status: 'idle' });
      return;
    }
    setState({ status: 'loading', hits: hitsOf(latest.current) });
    const aborter = new AbortController();
    const timer = setTimeout(() => {
      searchBoards(q, workspaceId, aborter.signal).then(
        ({ hits }) => setState({ status: 'done', hits }),
        (err: unknown) => {
          if (aborter.signal.aborted) return;
          const message =
            err instanceof ApiError ? err.message : 'Search failed. Try again in a moment.';
          setState({ status: 'error', message });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      aborter.abort();
    };
  }, [q, workspaceId, enabled]);

  const open = (hit: SearchHit) => navigate(hitHref(hit));
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const hits = hitsOf(state);
    if (hits.length === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, -1));
    } else if (event.key === 'Enter' && active >= 0 && hits[active]) {
      event.preventDefault();
      open(hits[active]);
    }
  };
  return { state, active, onKeyDown, open };
}

/** What the search box needs of the results: whether they show, which one the keys point at. */
export interface SearchBox {
  shown: boolean;
  active: number;
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
}

export const searchBoxOf = (search: FullTextSearch): SearchBox => ({
  shown: search.state.status !== 'idle',
  active: search.active,
  onKeyDown: search.onKeyDown,
});

/** Whether text in maps matched: the title filter's "no maps match" would then mislead. */
export const hasTextHits = (search: FullTextSearch): boolean => hitsOf(search.state).length > 0;
