import { describe, expect, it } from 'vitest';
import {
  insertMention,
  matchPeople,
  mentionablePeople,
  mentionQuery,
  mentionSegments,
} from '../../../../client/src/board/comments/mentions.js';
import type { Person } from '../../../../shared/model/index.js';

const person = (id: string, name: string): Person => ({ id, name, lastSeen: '' });
const PEOPLE = [
  person('ada', 'Ada'),
  person('adl', 'Ada Lovelace'),
  person('bob', 'Bob Adams'),
  person('cy', 'Cyrus'),
  person('me', 'Maddie'),
];

/** mentionQuery with the caret at the end of the text. */
const atEnd = (text: string) => mentionQuery(text, text.length);

describe('mentionQuery', () => {
  it('finds the partial name after an @ at the caret', () => {
    expect(atEnd('@')).toEqual({ start: 0, query: '' });
    expect(atEnd('Hi @Ad')).toEqual({ start: 3, query: 'Ad' });
    expect(atEnd('Hi @Ada Lo')).toEqual({ start: 3, query: 'Ada Lo' });
    expect(atEnd('(@bo')).toEqual({ start: 1, query: 'bo' });
    expect(atEnd('line one\n@cy')).toEqual({ start: 9, query: 'cy' });
  });

  it('reads up to the caret, not the end of the text', () => {
    expect(mentionQuery('Hi @Ada, thanks', 6)).toEqual({ start: 3, query: 'Ad' });
    expect(mentionQuery('@Ada', 0)).toBeNull();
  });

  it('ignores an @ inside a word (an email address)', () => {
    expect(atEnd('mail ada@example')).toBeNull();
  });

  it('stops at a new line, at a space right after the @, and after a few words', () => {
    expect(atEnd('@Ada\nnext')).toBeNull();
    expect(atEnd('@ hello')).toBeNull();
    expect(atEnd('@one two three four five')).toBeNull();
  });

  it('gives up on an @ far back from the caret', () => {
    expect(atEnd(`@${'x'.repeat(60)}`)).toBeNull();
  });

  it('copes with a caret outside the text', () => {
    expect(mentionQuery('@a', 99)).toEqual({ start: 0, query: 'a' });
    expect(mentionQuery('@a', -1)).toBeNull();
  });
});

describe('matchPeople', () => {
  const names = (query: string, meId?: string) =>
    matchPeople(PEOPLE, query, meId).map((p) => p.name);

  it('lists everyone but me for a bare @, by name', () => {
    expect(names('', 'me')).toEqual(['Ada', 'Ada Lovelace', 'Bob Adams', 'Cyrus']);
  });

  it('ranks name prefixes, then word prefixes, then anything containing the text', () => {
    expect(names('ad')).toEqual(['Ada', 'Ada Lovelace', 'Bob Adams', 'Maddie']);
    expect(names('LOVE')).toEqual(['Ada Lovelace']);
    expect(names('ada l')).toEqual(['Ada Lovelace']);
  });

  it('finds nobody for a name nobody has', () => {
    expect(names('zed')).toEqual([]);
  });

  it('lists at most `limit` people', () => {
    expect(matchPeople(PEOPLE, '', undefined, 2)).toHaveLength(2);
  });
});

describe('insertMention', () => {
  it('replaces the partial name with "@Name " and puts the caret after it', () => {
    expect(insertMention('Hi @Ad', 3, 6, 'Ada Lovelace')).toEqual({
      text: 'Hi @Ada Lovelace ',
      caret: 17,
    });
  });

  it('keeps the text after the caret and does not double a space', () => {
    expect(insertMention('@b see', 0, 2, 'Bob Adams')).toEqual({
      text: '@Bob Adams see',
      caret: 11,
    });
    expect(insertMention('@b,', 0, 2, 'Bob')).toEqual({ text: '@Bob ,', caret: 5 });
  });
});

describe('mentionSegments', () => {
  it('splits out the @mentions of the given people', () => {
    expect(mentionSegments('Hi @Ada, see @bob adams.', PEOPLE)).toEqual([
      { text: 'Hi ' },
      { text: '@Ada', personId: 'ada' },
      { text: ', see ' },
      { text: '@bob adams', personId: 'bob' },
      { text: '.' },
    ]);
  });

  it('prefers the longest name and needs the name to end there', () => {
    expect(mentionSegments('@Ada Lovelace and @Adam', PEOPLE)).toEqual([
      { text: '@Ada Lovelace', personId: 'adl' },
      { text: ' and @Adam' },
    ]);
  });

  it('leaves text alone when nobody is mentioned', () => {
    expect(mentionSegments('no one @here', PEOPLE)).toEqual([{ text: 'no one @here' }]);
    expect(mentionSegments('', PEOPLE)).toEqual([]);
    expect(mentionSegments('@Ada', [])).toEqual([{ text: '@Ada' }]);
  });
});

describe('mentionablePeople', () => {
  it("adds the workspace's members, their names the server's over what the board's list says", () => {
    const seen = [
      { id: 'u1', name: 'Not Ada', color: '#c2410c', lastSeen: '2026-12-01T00:00:00.000Z' },
      {
        id: 'guest:k',
        name: 'Guest · Zed',
        color: '#1d4ed8',
        lastSeen: '2026-12-02T00:00:00.000Z',
      },
    ];
    const members = [
      { id: 'u1', name: 'Ada Admin', color: '#4338ca' },
      { id: 'u2', name: 'Bob Member', color: '#047857' },
    ];
    expect(mentionablePeople(seen, members)).toEqual([
      { id: 'u1', name: 'Ada Admin', color: '#4338ca', lastSeen: '2026-12-01T00:00:00.000Z' },
      seen[1],
      { id: 'u2', name: 'Bob Member', color: '#047857', lastSeen: '' },
    ]);
    expect(mentionablePeople(seen, [])).toEqual(seen);
  });
});
