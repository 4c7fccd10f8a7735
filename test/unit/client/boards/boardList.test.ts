import { describe, expect, it } from 'vitest';
import type { BoardSummary } from '../../../../client/src/api.js';
import {
  SORT_KEYS,
  TITLE_MAX,
  checkTitle,
  filterBoards,
  newBoardRequest,
  normalizeForSearch,
  parseSortKey,
  sortBoards,
  visibleBoards,
} from '../../../../client/src/boards/boardList.js';

function board(id: string, title: string, updatedAt: string, createdAt = updatedAt): BoardSummary {
  return { id, title, mapType: 'current-state', createdAt, updatedAt };
}

const BOARDS: BoardSummary[] = [
  board('b1', 'Onboarding — Café chain', '2026-06-10T10:00:00Z', '2026-01-01T00:00:00Z'),
  board('b2', 'Claims journey 10', '2026-06-14T10:00:00Z', '2026-03-01T00:00:00Z'),
  board('b3', 'claims journey 2', '2026-06-12T10:00:00Z', '2026-05-01T00:00:00Z'),
  board('b4', 'Renewal', '2026-06-14T10:00:00Z', '2026-02-01T00:00:00Z'),
];

describe('search', () => {
  it('normalizes case, accents and whitespace', () => {
    expect(normalizeForSearch('  Café   ONBOARDING ')).toBe('cafe onboarding');
  });

  it('returns everything for an empty or blank query, as a copy', () => {
    const all = filterBoards(BOARDS, '   ');
    expect(all).toEqual(BOARDS);
    expect(all).not.toBe(BOARDS);
  });

  it('matches case- and accent-insensitively anywhere in the title', () => {
    expect(filterBoards(BOARDS, 'CAFE').map((b) => b.id)).toEqual(['b1']);
    expect(filterBoards(BOARDS, 'café').map((b) => b.id)).toEqual(['b1']);
    expect(filterBoards(BOARDS, 'laim').map((b) => b.id)).toEqual(['b2', 'b3']);
  });

  it('needs every word, in any order', () => {
    expect(filterBoards(BOARDS, 'journey claims 2').map((b) => b.id)).toEqual(['b3']);
    expect(filterBoards(BOARDS, 'claims renewal')).toEqual([]);
  });
});

describe('sort', () => {
  it('puts the latest change first, ties broken by title', () => {
    expect(sortBoards(BOARDS, 'updated').map((b) => b.id)).toEqual(['b2', 'b4', 'b3', 'b1']);
  });

  it('sorts titles A to Z, ignoring case, with numbers in numeric order', () => {
    expect(sortBoards(BOARDS, 'title').map((b) => b.title)).toEqual([
      'claims journey 2',
      'Claims journey 10',
      'Onboarding — Café chain',
      'Renewal',
    ]);
  });

  it('puts the newest board first by creation date', () => {
    expect(sortBoards(BOARDS, 'created').map((b) => b.id)).toEqual(['b3', 'b2', 'b4', 'b1']);
  });

  it('breaks equal titles by id so the order is stable', () => {
    const twins = [
      board('z', 'Same', '2026-01-01T00:00:00Z'),
      board('a', 'same', '2026-01-01T00:00:00Z'),
    ];
    expect(sortBoards(twins, 'title').map((b) => b.id)).toEqual(['a', 'z']);
    expect(sortBoards(twins, 'updated').map((b) => b.id)).toEqual(['a', 'z']);
  });

  it('puts boards with an unparseable date last and does not mutate the input', () => {
    const list = [board('x', 'Broken', 'garbage'), ...BOARDS];
    const before = list.map((b) => b.id);
    expect(sortBoards(list, 'updated').at(-1)?.id).toBe('x');
    expect(list.map((b) => b.id)).toEqual(before);
  });

  it('filters, then sorts', () => {
    expect(visibleBoards(BOARDS, 'claims', 'title').map((b) => b.id)).toEqual(['b3', 'b2']);
  });

  it('reads a stored sort key back, falling back to last change', () => {
    for (const key of SORT_KEYS) expect(parseSortKey(key)).toBe(key);
    expect(parseSortKey(null)).toBe('updated');
    expect(parseSortKey(undefined)).toBe('updated');
    expect(parseSortKey('size')).toBe('updated');
  });
});

describe('checkTitle', () => {
  it('trims and accepts a normal title', () => {
    expect(checkTitle('  Claims  ')).toEqual({ ok: true, value: 'Claims' });
  });

  it('refuses an empty or blank title with a message', () => {
    for (const raw of ['', '   ', '\n\t']) {
      const result = checkTitle(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/title/i);
    }
  });

  it('accepts exactly 200 characters and refuses 201', () => {
    expect(checkTitle('x'.repeat(TITLE_MAX)).ok).toBe(true);
    const tooLong = checkTitle('x'.repeat(TITLE_MAX + 1));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.message).toContain('200');
  });
});

describe('newBoardRequest', () => {
  const blank = {
    template: 'service-blueprint' as const,
    title: 'Water claim',
    personaName: '',
    personaDescription: '',
    scenario: '',
  };

  it('sends only title and template when the optional fields are empty', () => {
    expect(newBoardRequest(blank)).toEqual({
      ok: true,
      value: { title: 'Water claim', template: 'service-blueprint' },
    });
  });

  it('leaves out blank optional fields so the template example fills them', () => {
    const result = newBoardRequest({
      ...blank,
      personaName: ' Helen ',
      personaDescription: '  ',
      scenario: ' \n',
    });
    expect(result).toEqual({
      ok: true,
      value: { title: 'Water claim', template: 'service-blueprint', persona: { name: 'Helen' } },
    });
  });

  it('sends trimmed persona and scenario when given', () => {
    const result = newBoardRequest({
      ...blank,
      title: '  Claim  ',
      personaName: 'Helen',
      personaDescription: ' Homeowner ',
      scenario: ' Burst pipe ',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        title: 'Claim',
        template: 'service-blueprint',
        persona: { name: 'Helen', description: 'Homeowner' },
        scenario: 'Burst pipe',
      },
    });
  });

  it('refuses a missing title before anything is sent', () => {
    expect(newBoardRequest({ ...blank, title: '  ' }).ok).toBe(false);
  });

  it('refuses fields over the server limits', () => {
    expect(newBoardRequest({ ...blank, personaName: 'x'.repeat(201) }).ok).toBe(false);
    expect(newBoardRequest({ ...blank, personaDescription: 'x'.repeat(2001) }).ok).toBe(false);
    expect(newBoardRequest({ ...blank, scenario: 'x'.repeat(2001) }).ok).toBe(false);
    expect(newBoardRequest({ ...blank, scenario: 'x'.repeat(2000) }).ok).toBe(true);
  });
});
