import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { cardParam } from '../../../../client/src/board/shell/CardDeepLink.js';
import { Snippet } from '../../../../client/src/boards/SearchResults.js';
import {
  highlightParts,
  hitHref,
  type SearchHit,
} from '../../../../client/src/boards/fullTextSearch.js';

const hit = (patch: Partial<SearchHit>): SearchHit => ({
  boardId: 'board-0001',
  boardTitle: 'Map',
  kind: 'card',
  context: '',
  snippet: '',
  highlights: [],
  ...patch,
});

describe('full-text results', () => {
  it('S122: a snippet renders as text with <mark>, never as HTML, whatever the ranges', () => {
    const html = renderToStaticMarkup(
      createElement(Snippet, {
        hit: { snippet: '<script>alert(1)</script> <img onerror=x> late', highlights: [[42, 46]] },
      }),
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<mark>late</mark>');
    // Ranges out of order, overlapping or past the end are skipped, not trusted.
    expect(
      highlightParts('abcdef', [
        [4, 5],
        [0, 2],
        [4, 9],
        [5, 6],
      ]),
    ).toEqual([
      { text: 'abcd', marked: false },
      { text: 'e', marked: true },
      { text: 'f', marked: true },
    ]);
  });

  it('W272: a hit opens its board at the card, at the comment thread, or at the map', () => {
    expect(hitHref(hit({ cardId: 'c1' }))).toBe('/b/board-0001?card=c1');
    expect(hitHref(hit({ kind: 'comment', threadId: 't1', cardId: 'c1' }))).toBe(
      '/b/board-0001?thread=t1',
    );
    expect(hitHref(hit({ kind: 'board' }))).toBe('/b/board-0001');
    expect(cardParam('?card=c1')).toBe('c1');
    expect(cardParam('?card=../x')).toBeNull();
    expect(cardParam('?thread=t1')).toBeNull();
  });
});
