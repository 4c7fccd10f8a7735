import { useState, type RefObject } from 'react';
import { SearchIcon } from '../ui/icons.js';
import { SORT_KEYS, SORT_LABELS, parseSortKey, type SortKey } from './boardList.js';
import { SEARCH_RESULTS_ID, searchResultId } from './SearchResults.js';
import type { SearchBox } from './useFullTextSearch.js';

const SORT_STORAGE_KEY = 'journeyboard:boards-sort';

function readSort(signedIn: boolean): SortKey {
  try {
    const stored = localStorage.getItem(SORT_STORAGE_KEY);
    // Signed in, the page is a workspace's home: recently opened first unless chosen otherwise.
    if (stored === null && signedIn) return 'opened';
    return parseSortKey(stored);
  } catch {
    return 'updated';
  }
}

/**
 * The list's order, kept on this device. "Recently opened" needs the server's per-person marks,
 * so only the signed in have it.
 */
export function useStoredSort(signedIn = false): [SortKey, (next: SortKey) => void] {
  const [chosen, setSort] = useState<SortKey>(() => readSort(signedIn));
  const sort = !signedIn && chosen === 'opened' ? 'updated' : chosen;
  const changeSort = (next: SortKey) => {
    setSort(next);
    try {
      localStorage.setItem(SORT_STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts until reload.
    }
  };
  return [sort, changeSort];
}

/**
 * Search ("/" or Ctrl+K focuses it, Esc clears it): it filters the maps by title and, signed
 * in, drives the full-text results under it (`fullText`), and the sort order.
 */
export function SearchAndSort(props: {
  searchRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQuery(query: string): void;
  sort: SortKey;
  onSort(sort: SortKey): void;
  /** Whether "Recently opened" is offered (signed in). */
  withOpened?: boolean;
  /** The "Hierarchy" toggle (W245), in a workspace: the maps as a tree instead of cards. */
  hierarchy?: { on: boolean; onToggle(on: boolean): void };
  /** Full-text results shown under the box: the arrow keys move through them. */
  fullText?: SearchBox | undefined;
}) {
  const { query, fullText } = props;
  return (
    <div className="home-toolbar">
      <label className="home-search">
        <span className="sr-only">
          {fullText ? 'Search maps: titles, cards and comments' : 'Search maps by title'}
        </span>
        <SearchIcon className="home-search-icon" />
        <input
          ref={props.searchRef}
          type="search"
          className="input home-search-input"
          placeholder="Search maps"
          value={query}
          onChange={(e) => props.onQuery(e.target.value)}
          {...(fullText
            ? {
                role: 'combobox',
                'aria-expanded': fullText.shown,
                'aria-controls': SEARCH_RESULTS_ID,
                'aria-autocomplete': 'list' as const,
                ...(fullText.active >= 0
                  ? { 'aria-activedescendant': searchResultId(fullText.active) }
                  : {}),
              }
            : {})}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              props.onQuery('');
            } else fullText?.onKeyDown(e);
          }}
          data-testid="board-search"
        />
        {!query && (
          <kbd className="kbd home-search-kbd" aria-hidden="true">
            /
          </kbd>
        )}
      </label>
      <label className="home-sort">
        <span className="home-sort-label">Sort</span>
        <select
          className="select home-sort-select"
          value={props.sort}
          onChange={(e) => props.onSort(parseSortKey(e.target.value))}
          data-testid="board-sort"
        >
          {SORT_KEYS.filter((key) => key !== 'opened' || props.withOpened).map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      {props.hierarchy && (
        <button
          type="button"
          className="btn home-view-toggle"
          aria-pressed={props.hierarchy.on}
          data-testid="hierarchy-toggle"
          onClick={() => props.hierarchy?.onToggle(!props.hierarchy.on)}
        >
          Hierarchy
        </button>
      )}
    </div>
  );
}
