import { highlightParts, type SearchHit } from './fullTextSearch.js';
import type { FullTextSearch } from './useFullTextSearch.js';

export const SEARCH_RESULTS_ID = 'search-results';
export const searchResultId = (index: number) => `search-result-${index}`;

const KIND_LABEL: Record<SearchHit['kind'], string> = {
  board: 'Map',
  card: 'Card',
  comment: 'Comment',
};

/** The snippet as text nodes, its matching words in `<mark>` (never as HTML: S122). */
export function Snippet(props: { hit: Pick<SearchHit, 'snippet' | 'highlights'> }) {
  return (
    <span className="search-hit-snippet">
      {highlightParts(props.hit.snippet, props.hit.highlights).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </span>
  );
}

/** Full-text results under the boards page's search box: what matched, where, highlighted. */
export function SearchResults(props: { search: FullTextSearch; query: string }) {
  const { state, active, open } = props.search;
  if (state.status === 'idle') return null;
  const hits = state.status === 'error' ? [] : state.hits;
  return (
    <section className="search-results" aria-label="Text in maps" data-testid="search-results">
      <h2 className="search-results-heading">
        Text in maps
        {state.status === 'loading' && (
          <span className="search-results-status" role="status" data-testid="search-loading">
            Searching…
          </span>
        )}
      </h2>
      {state.status === 'error' && (
        <p className="search-results-error" role="alert" data-testid="search-error">
          {state.message}
        </p>
      )}
      {state.status === 'done' && hits.length === 0 && (
        <p className="search-results-empty" data-testid="search-empty">
          No card, comment or map holds “{props.query.trim()}”.
        </p>
      )}
      {hits.length > 0 && (
        <ul id={SEARCH_RESULTS_ID} role="listbox" className="search-hit-list">
          {hits.map((hit, i) => (
            <li
              key={`${hit.boardId}:${hit.kind}:${hit.threadId ?? hit.cardId ?? ''}`}
              id={searchResultId(i)}
              role="option"
              aria-selected={i === active}
              className={`search-hit${i === active ? ' search-hit-active' : ''}`}
              data-testid="search-hit"
              data-kind={hit.kind}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => open(hit)}
            >
              <span className="search-hit-where">
                <span className="search-hit-kind">{KIND_LABEL[hit.kind]}</span>
                <span className="search-hit-board">{hit.boardTitle || 'Untitled map'}</span>
                {hit.context && <span className="search-hit-context">{hit.context}</span>}
              </span>
              <Snippet hit={hit} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
