/** W172: an overdue reminder waits for 09:00 on the day after the due date, reviewer's time. */
import { describe, expect, it } from 'vitest';
import {
  isCalendarDate,
  latestRemindableDueDate,
  reminderDue,
} from '../../../server/reviews/overdue.js';

const utc = (s: string) => new Date(s);

describe('reminderDue (W172)', () => {
  it('UTC by default: from 09:00 UTC on the day after', () => {
    expect(reminderDue('2026-12-10', null, utc('2026-12-11T08:59:59Z'))).toBe(false);
    expect(reminderDue('2026-12-10', null, utc('2026-12-11T09:00:00Z'))).toBe(true);
    expect(reminderDue('2026-12-10', null, utc('2026-12-20T03:00:00Z'))).toBe(true);
  });

  it('in the reviewer’s time zone, daylight saving included', () => {
    // Austin in December is UTC−6: 09:00 there is 15:00 UTC.
    expect(reminderDue('2026-12-10', 'America/Chicago', utc('2026-12-11T14:59:00Z'))).toBe(false);
    expect(reminderDue('2026-12-10', 'America/Chicago', utc('2026-12-11T15:00:00Z'))).toBe(true);
    // In July it is UTC−5.
    expect(reminderDue('2026-07-10', 'America/Chicago', utc('2026-07-11T14:00:00Z'))).toBe(true);
    // Tokyo (UTC+9) reaches the morning after while it is still the due date in UTC.
    expect(reminderDue('2026-12-10', 'Asia/Tokyo', utc('2026-12-11T00:00:00Z'))).toBe(true);
    expect(reminderDue('2026-12-10', 'Asia/Tokyo', utc('2026-12-10T23:59:00Z'))).toBe(false);
  });

  it('the store query’s bound covers the earliest time zone on Earth', () => {
    const now = utc('2026-12-10T19:00:00Z');
    expect(reminderDue('2026-12-10', 'Pacific/Kiritimati', now)).toBe(true);
    expect(latestRemindableDueDate(now) >= '2026-12-10').toBe(true);
  });

  it('an unknown zone counts as UTC', () => {
    expect(reminderDue('2026-12-10', 'Mars/Olympus', utc('2026-12-11T09:00:00Z'))).toBe(true);
  });

  it('calendar dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-28')).toBe(false);
  });
});
