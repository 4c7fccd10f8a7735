import { describe, expect, it } from 'vitest';
import { absoluteTime, relativeTime, shortDate, timeAgo } from '../../../../client/src/ui/time.js';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const utc = { locale: 'en-US', timeZone: 'UTC' };

describe('relativeTime', () => {
  it.each([
    [0, 'just now'],
    [44 * SEC, 'just now'],
    [45 * SEC, '1 min ago'],
    [89 * SEC, '1 min ago'],
    [5 * MIN, '5 min ago'],
    [59 * MIN, '59 min ago'],
    [HOUR, '1 h ago'],
    [3 * HOUR + 40 * MIN, '3 h ago'],
    [23 * HOUR + 59 * MIN, '23 h ago'],
    [DAY, 'yesterday'],
    [DAY + 23 * HOUR, 'yesterday'],
    [2 * DAY, '2 d ago'],
    [6 * DAY + 23 * HOUR, '6 d ago'],
    [7 * DAY, '1 wk ago'],
    [34 * DAY, '4 wk ago'],
  ])('%i ms ago reads "%s"', (elapsed, label) => {
    expect(relativeTime(ago(elapsed), NOW, utc)).toBe(label);
  });

  it('shows a short date after five weeks, with the year only when it differs', () => {
    expect(relativeTime('2026-03-04T09:00:00Z', NOW, utc)).toBe('Mar 4');
    expect(relativeTime('2025-11-20T09:00:00Z', NOW, utc)).toBe('Nov 20, 2025');
  });

  it('reads a time slightly in the future (clock skew) as just now', () => {
    expect(relativeTime(new Date(NOW + 5 * MIN), NOW)).toBe('just now');
  });

  it('accepts Date, ISO string and epoch milliseconds alike', () => {
    const then = NOW - 2 * HOUR;
    expect(relativeTime(new Date(then), new Date(NOW))).toBe('2 h ago');
    expect(relativeTime(new Date(then).toISOString(), NOW)).toBe('2 h ago');
    expect(relativeTime(then, NOW)).toBe('2 h ago');
  });

  it('says "unknown" for an unparseable time instead of "NaN h ago"', () => {
    expect(relativeTime('not a date', NOW)).toBe('unknown');
    expect(relativeTime('', NOW)).toBe('unknown');
  });
});

describe('timeAgo', () => {
  const utcGb = { timeZone: 'UTC' };

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
    expect(timeAgo(ago(elapsed), new Date(NOW), utcGb)).toBe(label);
  });

  it('gives the day and month after two days, with the year only in another year', () => {
    expect(timeAgo(ago(2 * DAY), new Date(NOW), utcGb)).toBe('13 Jun');
    expect(timeAgo('2026-03-12T09:00:00Z', new Date(NOW), utcGb)).toBe('12 Mar');
    expect(timeAgo('2025-11-20T09:00:00Z', new Date(NOW), utcGb)).toBe('20 Nov 2025');
  });

  it('uses the time zone for the calendar day', () => {
    expect(timeAgo('2026-03-12T02:00:00Z', new Date(NOW), { timeZone: 'America/New_York' })).toBe(
      '11 Mar',
    );
  });

  it('reads a time slightly in the future (clock skew) as just now', () => {
    expect(timeAgo(new Date(NOW + 5 * MIN).toISOString(), new Date(NOW))).toBe('just now');
  });

  it('says "unknown" for an unparseable time', () => {
    expect(timeAgo('not a date', new Date(NOW))).toBe('unknown');
    expect(timeAgo('', new Date(NOW))).toBe('unknown');
  });
});

describe('shortDate', () => {
  it('omits the year in the current year and shows it otherwise', () => {
    expect(shortDate('2026-01-02T10:00:00Z', NOW, utc)).toBe('Jan 2');
    expect(shortDate('2024-12-31T10:00:00Z', NOW, utc)).toBe('Dec 31, 2024');
  });

  it('uses the time zone for the calendar day', () => {
    expect(
      shortDate('2026-01-02T02:00:00Z', NOW, { locale: 'en-US', timeZone: 'America/New_York' }),
    ).toBe('Jan 1');
  });

  it('says "unknown" for an unparseable time', () => {
    expect(shortDate('nope', NOW, utc)).toBe('unknown');
  });
});

describe('absoluteTime', () => {
  it('gives the full date and time in the given locale and zone', () => {
    const text = absoluteTime('2026-03-04T15:15:00Z', utc);
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
