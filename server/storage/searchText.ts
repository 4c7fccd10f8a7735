import type { SearchTerms } from './search.js';

/** The longest query accepted, in characters. */
export const SEARCH_QUERY_MAX_CHARS = 200;
/** The most words a query may hold. */
export const SEARCH_WORDS_MAX = 8;
/** About this many characters of an entry's text are shown around its first match. */
export const SNIPPET_CHARS = 160;
/** An entry's text is cut here: the index holds what identifies it, not whole documents. */
export const ENTRY_TEXT_MAX_CHARS = 20_000;

/** Letters and digits (with their combining marks): what a word is, to the index and to us. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const SAFE_TERM = /^[\p{L}\p{N}]+$/u;

/** Lower case without diacritics ("Café" → "cafe"), as both indexes compare words. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of `text`, folded, in order: what PostgreSQL indexes (its parser sees no punctuation). */
export function foldedWords(text: string): string {
  return (foldText(text).match(WORD) ?? []).join(' ');
}

export class SearchQueryError extends Error {
  override readonly name = 'SearchQueryError';
}

/**
 * A user's query as terms both indexes take literally: its words, folded and without
 * duplicates. Quotes, `*`, `-`, `:`, `NEAR`, `OR`… are punctuation or plain words here, never
 * operators (S121). Throws SearchQueryError for an empty, over-long or wordless query.
 */
export function parseSearchQuery(query: string): SearchTerms {
  const trimmed = query.trim();
  if (trimmed.length === 0) throw new SearchQueryError('q must not be empty');
  if (trimmed.length > SEARCH_QUERY_MAX_CHARS)
    throw new SearchQueryError(`q must be at most ${SEARCH_QUERY_MAX_CHARS} characters`);
  const words = [...new Set(foldText(trimmed).match(WORD) ?? [])]
    .map((w) => w.replace(/\p{M}/gu, ''))
    .filter((w) => w.length > 0);
  if (words.length === 0) throw new SearchQueryError('q holds no word to search for');
  if (words.length > SEARCH_WORDS_MAX)
    throw new SearchQueryError(`q may hold at most ${SEARCH_WORDS_MAX} words`);
  // A one-letter prefix would match most of the index: such a word matches only itself.
  return { words, prefix: words.map((w) => w.length > 1) };
}

/** Checks terms again where they become query syntax: only letters and digits get through. */
function checkedWords(terms: SearchTerms): readonly string[] {
  if (terms.words.length === 0 || terms.words.length > SEARCH_WORDS_MAX)
    throw new RangeError(`search: 1 to ${SEARCH_WORDS_MAX} words, got ${terms.words.length}`);
  for (const word of terms.words)
    if (!SAFE_TERM.test(word)) throw new RangeError(`search: not a plain word: ${word}`);
  return terms.words;
}

/** An FTS5 MATCH expression: every word as a quoted string, a prefix query where allowed. */
export function fts5Match(terms: SearchTerms): string {
  return checkedWords(terms)
    .map((w, i) => `"${w}"${terms.prefix[i] ? '*' : ''}`)
    .join(' ');
}

/** A `to_tsquery('simple', …)` text: every word quoted, `:*` where a prefix is allowed. */
export function tsQuery(terms: SearchTerms): string {
  return checkedWords(terms)
    .map((w, i) => `'${w}'${terms.prefix[i] ? ':*' : ''}`)
    .join(' & ');
}

/** Whether a folded word of the text is matched by the terms. */
function matches(folded: string, terms: SearchTerms): boolean {
  return terms.words.some((w, i) => (terms.prefix[i] ? folded.startsWith(w) : folded === w));
}

/**
 * About SNIPPET_CHARS of `text` around its first matching word, and the ranges of every
 * matching word inside it. Plain text: the client marks the ranges itself (never as HTML).
 */
export function snippetOf(
  text: string,
  terms: SearchTerms,
): { snippet: string; highlights: [number, number][] } {
  const found: [number, number][] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (matches(foldText(word), terms)) found.push([m.index, m.index + word.length]);
  }
  const first = found[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(SNIPPET_CHARS / 4));
  // Start at a word's beginning rather than in its middle.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  const end = Math.min(text.length, start + SNIPPET_CHARS);
  const lead = start > 0 ? '…' : '';
  const snippet = `${lead}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  const shift = lead.length - start;
  const highlights = found
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s + shift, e + shift]);
  return { snippet, highlights };
}
