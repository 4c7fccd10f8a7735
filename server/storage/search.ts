/**
 * Full-text search across boards (issue 18): the storage port behind server/search/. SQLite
 * answers from an FTS5 table, PostgreSQL from a `tsvector` column with a GIN index; both share
 * sqlSearch.ts and test/contract/search.contract.ts. Queries reach this layer as parsed terms
 * (searchText.ts `parseSearchQuery`), never as a user's text, and the caller names the boards
 * the asker may open: the permission filter is part of the query (S120).
 */

export const SEARCH_KINDS = ['board', 'card', 'comment'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One searchable piece of a board: its title and personas, a card, a comment thread. */
export interface SearchEntry {
  kind: SearchKind;
  /** The card a 'card' entry is, or the card a comment thread is anchored to. */
  cardId?: string;
  /** The thread a 'comment' entry is. */
  threadId?: string;
  /** Where it sits, shown beside the hit ("Onboarding › Actions"); not searched. */
  context: string;
  /** What is searched, on one line (whitespace collapsed). */
  text: string;
}

/** Whose boards a search looks in: the ids the asker may open, or every board (admin token). */
export type SearchScope = { boardIds: readonly string[] } | 'all';

/** One answer: where it is, and a short piece of its text with the matching words marked. */
export interface SearchHit {
  boardId: string;
  boardTitle: string;
  kind: SearchKind;
  cardId?: string;
  threadId?: string;
  context: string;
  /** Plain text (never HTML), at most SNIPPET_CHARS plus two ellipses. */
  snippet: string;
  /** [start, end) offsets into `snippet` (UTF-16 code units) of each matching word, in order. */
  highlights: [number, number][];
}

export interface SearchStore {
  /**
   * Replaces every entry of the board by `entries` in one transaction and records that the
   * board was indexed at `indexedAt` (ISO 8601). Nothing is stored for an unknown board.
   */
  indexBoard(boardId: string, entries: readonly SearchEntry[], indexedAt: string): Promise<void>;
  /**
   * Records that the board's entries, unchanged, are current at `indexedAt`; false when the
   * board has no index (nothing is written then).
   */
  markIndexed(boardId: string, indexedAt: string): Promise<boolean>;
  /** Removes the board's entries (a board's delete removes them too). */
  clearBoard(boardId: string): Promise<void>;
  /**
   * The best `limit` hits, best first, for entries holding every term (each term a word, or a
   * word's beginning: see `SearchTerms`), only in the boards of `scope`.
   */
  search(terms: SearchTerms, scope: SearchScope, limit: number): Promise<SearchHit[]>;
  /** Up to `limit` boards never indexed or indexed before their last update, oldest first. */
  staleBoards(limit: number): Promise<string[]>;
}

/** Terms from `parseSearchQuery`: folded words (lower case, no diacritics); `prefix` per term. */
export interface SearchTerms {
  words: readonly string[];
  /** Whether each word also matches longer words it begins (false for one-letter words). */
  prefix: readonly boolean[];
}
