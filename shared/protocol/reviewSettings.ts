/**
 * A board's review reminder on the wire (docs/WIRE.md W183–W185): when the map was last
 * reviewed and after how many days without a review its owners are reminded.
 */

/** The longest period a board may set (ten years). */
export const REMINDER_DAYS_MAX = 3650;

const DAY = 86_400_000;

/** What `GET /api/boards/:id/review-settings` answers (W183). */
export interface ReviewSettingsView {
  boardId: string;
  /** The board's own period in days; null: the server's default applies; 0: switched off. */
  reminderDays: number | null;
  /** `REVIEW_REMINDER_DAYS` (0: no reminders unless the board sets a period). */
  defaultReminderDays: number;
  /** The period that applies; null when no reminder goes out. */
  effectiveReminderDays: number | null;
  /** ISO 8601: the last approved review's closing, else the board's creation. */
  lastReviewedAt: string;
  /** The approved review behind `lastReviewedAt`; null when it is the board's creation. */
  lastReviewId: string | null;
  /** ISO 8601: when the owners are (or were) reminded; null when no reminder applies. */
  remindAt: string | null;
  /** Whether the caller may change the period (a board owner). */
  canChange: boolean;
}

/** The period that applies: the board's own, else the default; null when switched off. */
export function effectiveDays(own: number | null, fallback: number): number | null {
  const days = own ?? fallback;
  return days > 0 ? days : null;
}

/** When a board last reviewed at `lastReviewedAt` is due for a reminder after `days`. */
export function remindAtOf(lastReviewedAt: string, days: number | null): string | null {
  if (days === null) return null;
  return new Date(Date.parse(lastReviewedAt) + days * DAY).toISOString();
}

/**
 * "3 days", "5 weeks", "4 months", "2 years": how long ago `then` was at `now`, in the unit a
 * person would use for a map's age (never less than a day).
 */
export function ageOf(then: string, now: number): string {
  const days = Math.max(1, Math.floor((now - Date.parse(then)) / DAY));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days < 14) return unit(days, 'day');
  if (days < 60) return unit(Math.floor(days / 7), 'week');
  if (days < 730) return unit(Math.round(days / 30.44), 'month');
  return unit(Math.round(days / 365.25), 'year');
}

/** "Onboarding map last reviewed 4 months ago" (or "… made 4 months ago, never reviewed"). */
export function staleText(
  title: string,
  lastReviewedAt: string,
  reviewed: boolean,
  now: number,
): string {
  const age = ageOf(lastReviewedAt, now);
  return reviewed
    ? `${title} last reviewed ${age} ago`
    : `${title} made ${age} ago, never reviewed`;
}
