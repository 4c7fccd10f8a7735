import { describe, expect, it } from 'vitest';
import type { PortfolioMap } from '../../../shared/protocol/portfolio.js';
import {
  deltaLabel,
  filterMaps,
  mapsCsv,
  NO_FILTER,
  sortMaps,
} from '../../../client/src/portfolio/portfolioRows.js';
import { cardPath } from '../../../client/src/router.js';

const map = (title: string, patch: Partial<PortfolioMap> = {}): PortfolioMap => ({
  boardId: `id-${title.toLowerCase().replace(/\W/g, '')}`,
  title,
  mapType: 'current-state',
  persona: '',
  owner: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastReviewedAt: '2025-06-01T00:00:00.000Z',
  reviewed: false,
  review: 'none',
  reviewDue: null,
  overdue: false,
  openThreads: null,
  cards: null,
  touchpoints: null,
  ...patch,
});

const maps = [
  map('Claims', { persona: 'Pat', openThreads: 4, overdue: true, review: 'in-review' }),
  map('billing', { mapType: 'service-blueprint', owner: { id: 'u', name: 'Ola' }, openThreads: 0 }),
  map('Onboarding, "new"', { openThreads: null }),
];

describe('the portfolio table (W295)', () => {
  it('W295: filters by words of title, persona or owner, by type, review and overdue', () => {
    const titles = (rows: PortfolioMap[]) => rows.map((m) => m.title);
    expect(titles(filterMaps(maps, { ...NO_FILTER, text: 'ola' }))).toEqual(['billing']);
    expect(titles(filterMaps(maps, { ...NO_FILTER, text: 'pat claims' }))).toEqual(['Claims']);
    expect(titles(filterMaps(maps, { ...NO_FILTER, mapType: 'service-blueprint' }))).toEqual([
      'billing',
    ]);
    expect(titles(filterMaps(maps, { ...NO_FILTER, review: 'in-review' }))).toEqual(['Claims']);
    expect(titles(filterMaps(maps, { ...NO_FILTER, overdueOnly: true }))).toEqual(['Claims']);
  });

  it('W295: sorts by any column, case-blind, with unknown counts last going up', () => {
    const titles = (key: Parameters<typeof sortMaps>[1], d: 'ascending' | 'descending') =>
      sortMaps(maps, key, d).map((m) => m.title);
    expect(titles('title', 'ascending')).toEqual(['billing', 'Claims', 'Onboarding, "new"']);
    expect(titles('openThreads', 'descending')).toEqual(['Claims', 'billing', 'Onboarding, "new"']);
    expect(titles('owner', 'descending')[0]).toBe('billing');
  });

  it('W295: exports the rows as CSV, quoted where needed, with a link per map', () => {
    const lines = mapsCsv(maps.slice(1), 'https://jb.example').trim().split('\r\n');
    expect(lines[0]).toBe(
      'title,map type,persona,owner,last reviewed,review,overdue,open threads,touchpoints,updated,link',
    );
    expect(lines[1]).toBe(
      'billing,Service blueprint,,Ola,,No open review,no,0,,2026-01-01T00:00:00.000Z,https://jb.example/b/id-billing',
    );
    expect(lines[2]).toMatch(/^"Onboarding, ""new""",Current state,/);
    expect(cardPath('a b', 'c/d')).toBe('/b/a%20b?card=c%2Fd');
  });

  it('W294: a change reads with its direction and whether it is worse for that metric', () => {
    expect(deltaLabel('csat', -12.5)).toEqual({ text: '▼ 13 pts', worse: true });
    expect(deltaLabel('nps', 4)).toEqual({ text: '▲ 4 pts', worse: false });
    expect(deltaLabel('ces', -0.44)).toEqual({ text: '▼ 0.4', worse: true });
    expect(deltaLabel('volume', 350)).toEqual({ text: '▲ 350', worse: true });
    expect(deltaLabel('fcr', 0)).toBeNull();
    expect(deltaLabel('fcr', undefined)).toBeNull();
  });
});
