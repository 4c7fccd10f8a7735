import { describe, expect, it } from 'vitest';
import {
  authorLabel,
  entryTime,
  summaryLine,
} from '../../../../client/src/board/activity/format.js';

describe('activity wording', () => {
  it('names the author, or the link a nameless socket used', () => {
    const someone = { author: { id: null, name: 'Someone', color: null }, role: 'editor' };
    expect(authorLabel(someone)).toBe('Someone (editor link)');
    expect(authorLabel({ ...someone, author: { ...someone.author, name: 'Cara' } })).toBe('Cara');
    expect(authorLabel({ author: { id: 'u1', name: 'Ana', color: null }, role: 'owner' })).toBe(
      'Ana',
    );
  });

  it('sums up changes and who made them', () => {
    const author = (name: string) => ({ id: name, name, color: null, entries: 1, changes: 1 });
    expect(summaryLine({ entries: 1, changes: 1, authors: [author('Ana')] })).toBe(
      '1 change by Ana',
    );
    expect(summaryLine({ entries: 2, changes: 5, authors: [author('Ana'), author('Ben')] })).toBe(
      '5 changes by Ana and Ben',
    );
    expect(
      summaryLine({
        entries: 4,
        changes: 4,
        authors: ['Ana', 'Ben', 'Cara', 'Dev'].map(author),
      }),
    ).toBe('4 changes by Ana, Ben and 2 others');
  });

  it('shows times in the reader’s time zone: time today, weekday this week, else the date', () => {
    const now = new Date('2026-03-12T23:30:00Z');
    // 23:05 UTC is already the next day in Tokyo.
    expect(entryTime('2026-03-12T23:05:00Z', now, 'UTC')).toMatch(/^11:05\sPM$|^23:05$/);
    expect(entryTime('2026-03-12T23:05:00Z', now, 'Asia/Tokyo')).toMatch(/^0?8:05\sAM$|^08:05$/);
    expect(entryTime('2026-03-10T09:00:00Z', now, 'UTC')).toMatch(/^Tue /);
    expect(entryTime('2026-01-02T09:00:00Z', now, 'UTC')).toMatch(/Jan/);
    expect(entryTime('2025-01-02T09:00:00Z', now, 'UTC')).toMatch(/2025/);
    expect(entryTime('nonsense', now)).toBe('unknown');
  });
});
