/**
 * "The morning after the due date in the reviewer's time zone": when an overdue reminder is due.
 * A due date is the last day of the review, so the reminder waits for 09:00 local time on the
 * day after it.
 */

export const REMIND_AT_HOUR = 9;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date and hour (0–23) at `now` in `zone` (UTC for an unknown zone). */
export function localDateHour(now: Date, zone: string): { date: string; hour: number } {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: isTimeZone(zone) ? zone : 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const part = (type: string) => format.formatToParts(now).find((p) => p.type === type)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** Whether a reviewer in `zone` (null: UTC) should be reminded at `now` of a review due `dueDate`. */
export function reminderDue(dueDate: string, zone: string | null, now: Date): boolean {
  const morning = addDays(dueDate, 1);
  const local = localDateHour(now, zone ?? 'UTC');
  return local.date > morning || (local.date === morning && local.hour >= REMIND_AT_HOUR);
}

/**
 * The latest due date any reviewer anywhere can be reminded of at `now`: the earliest time zone
 * (UTC+14) reaches 09:00 on the day after a due date D while it is still D in UTC. The store's
 * query is bounded by it; `reminderDue` decides per reviewer.
 */
export const latestRemindableDueDate = (now: Date): string => now.toISOString().slice(0, 10);
