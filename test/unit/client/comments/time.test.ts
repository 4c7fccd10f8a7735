import { describe, expect, it } from 'vitest';
import { absoluteTime, timeAgo } from '../../../../client/src/board/comments/time.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const utc = { timeZone: 'UTC' };

describe('timeAgo', () => {
  it.each([
    [0, 'just now'],
    [44 * SEC, 'just now'],
    [45 * SEC, '1 min ago'],
    [3 * MIN, '3 min ago'],
    [59 * MIN, '59 min ago'],
    [HOUR, '1 h ago'],
    [3 * HOUR + 59 * MIN, '3 h ago'],
    [23 * HOUR + 59 * MIN, '23 h ago'],
    [DAY, 'yesterday'],
    [2 * DAY - SEC, 'yesterday'],
  ])('%i ms ago reads "%s"', (elapsed, label) => {
    expect(timeAgo(ago(elapsed), NOW, utc)).toBe(label);
  });

  it('gives the day and month after two days, with the year only in another year', () => {
    expect(timeAgo(ago(2 * DAY), NOW, utc)).toBe('13 Jun');
    expect(timeAgo('2026-03-12T09:00:00Z', NOW, utc)).toBe('12 Mar');
    expect(timeAgo('2025-11-20T09:00:00Z', NOW, utc)).toBe('20 Nov 2025');
  });

  it('uses the time zone for the calendar day', () => {
    expect(timeAgo('2026-03-12T02:00:00Z', NOW, { timeZone: 'America/New_York' })).toBe('11 Mar');
  });

  it('reads a time slightly in the future (clock skew) as just now', () => {
    expect(timeAgo(new Date(NOW.getTime() + 5 * MIN).toISOString(), NOW)).toBe('just now');
  });

  it('says "unknown" for an unparseable time', () => {
    expect(timeAgo('not a date', NOW)).toBe('unknown');
    expect(timeAgo('', NOW)).toBe('unknown');
  });
});

describe('absoluteTime', () => {
  it('gives the medium date and short time in the given locale and zone', () => {
    const text = absoluteTime('2026-03-04T15:15:00Z', { locale: 'en-US', timeZone: 'UTC' });
    expect(text).toContain('Mar 4, 2026');
    expect(text).toMatch(/3:15\s?PM/);
  });

  it('shows the reader’s own zone', () => {
    const text = absoluteTime('2026-03-04T15:15:00Z', {
      locale: 'en-US',
      timeZone: 'Asia/Tokyo',
    });
    expect(text).toContain('Mar 5, 2026');
    expect(text).toMatch(/12:15\s?AM/);
  });

  it('says "unknown" for an unparseable time', () => {
    expect(absoluteTime('nope')).toBe('unknown');
  });
});
