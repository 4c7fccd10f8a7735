import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addLane, addStage, initBoard } from '../../../../shared/model/index.js';
import { readBoard } from '../../../../shared/model/snapshot.js';
import type { CommentThread } from '../../../../shared/model/comments.js';
import { searchEntries } from '../../../../server/search/entries.js';
import {
  foldedWords,
  fts5Match,
  parseSearchQuery,
  snippetOf,
  tsQuery,
} from '../../../../server/storage/searchText.js';

describe('search text', () => {
  it('S121: a query becomes folded plain words; operators never reach the index as syntax', () => {
    expect(parseSearchQuery('  Café "NEAR(x y)" onboard* -late:  ')).toEqual({
      words: ['cafe', 'near', 'x', 'y', 'onboard', 'late'],
      prefix: [true, true, false, false, true, true],
    });
    const terms = parseSearchQuery(`it's "a" OR b | !c & d:* (e)`);
    expect(fts5Match(terms)).toBe('"it"* "s" "a" "or"* "b" "c" "d" "e"');
    expect(tsQuery(parseSearchQuery('onboard late'))).toBe("'onboard':* & 'late':*");
    expect(() => parseSearchQuery('')).toThrow('q must not be empty');
    expect(() => parseSearchQuery('"*" - :')).toThrow('q holds no word to search for');
    expect(() => parseSearchQuery('a b c d e f g h i')).toThrow('at most 8 words');
    expect(() => fts5Match({ words: ['x" OR "y'], prefix: [false] })).toThrow(RangeError);
    expect(() => tsQuery({ words: ["x' | 'y"], prefix: [false] })).toThrow(RangeError);
  });

  it('W266: the snippet is cut around the first match; ranges point at every matching word', () => {
    const terms = parseSearchQuery('cafe wait');
    expect(snippetOf('At the Café we waited. Waiting again.', terms)).toEqual({
      snippet: 'At the Café we waited. Waiting again.',
      highlights: [
        [7, 11],
        [15, 21],
        [23, 30],
      ],
    });
    const long = `${'word '.repeat(100)}café ${'tail '.repeat(100)}`;
    const { snippet, highlights } = snippetOf(long, terms);
    expect(snippet.startsWith('…')).toBe(true);
    expect(highlights.map(([s, e]) => snippet.slice(s, e))).toEqual(['café']);
    expect(foldedWords('Ünïcode—and “quotes”, ё!')).toBe('unicode and quotes е');
  });

  it('W269: a board gives a board entry, one per card (with persona, tags, evidence) and per thread', () => {
    const doc = new Y.Doc();
    initBoard(doc, {
      title: 'Lifecycle',
      mapType: 'current-state',
      scenario: 'Moving house',
      persona: { name: 'Sam' },
    });
    const stage = addStage(doc, { name: 'Onboarding' });
    const lane = addLane(doc, { name: 'Actions', kind: 'actions' });
    const cardId = addCard(doc, {
      stageId: stage,
      laneId: lane,
      text: 'Calls  the\nhotline',
      emotion: 1,
      channel: 'phone',
      tags: ['wait'],
      evidence: [{ id: 'e1', kind: 'quote', text: 'Took ages', source: 'Interview 3' }],
    });
    const thread: CommentThread = {
      id: 't1',
      anchor: { kind: 'card', id: cardId },
      resolved: false,
      createdAt: '2024-01-01T00:00:00.000Z',
      createdBy: { id: 'u', name: 'U' },
      messages: [
        {
          id: 'm1',
          author: { id: 'u', name: 'U' },
          body: 'Why twice?',
          createdAt: '2024-01-01T00:00:00.000Z',
          mentions: [],
        },
      ],
      lastActivity: '2024-01-01T00:00:00.000Z',
    };
    const entries = searchEntries(readBoard(doc), [thread]);
    expect(entries).toEqual([
      { kind: 'board', context: '', text: 'Lifecycle · Moving house · Sam' },
      {
        kind: 'card',
        cardId,
        context: 'Onboarding › Actions',
        text: 'Calls the hotline · Sam · phone · wait · Took ages · Interview 3',
      },
      {
        kind: 'comment',
        threadId: 't1',
        cardId,
        context: 'Calls the hotline',
        text: 'Why twice?',
      },
    ]);
  });
});
