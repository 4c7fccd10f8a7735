/**
 * Human time labels: the boards list, comments, activity, versions and exports. Pure: "now",
 * locale and time zone are parameters.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export type Instant = Date | string | number;

export interface TimeFormatOptions {
  /** BCP 47 locale; the runtime default when omitted. */
  locale?: string;
  /** IANA time zone; the runtime default when omitted. */
  timeZone?: string;
}

function toMillis(value: Instant): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}

/** "just now", "5 min ago", "3 h ago" for the last day; null for anything older. */
function withinADay(elapsed: number): string | null {
  // A time slightly in the future (clock skew between browsers and server) reads "just now".
  if (elapsed < 45_000) return 'just now';
  if (elapsed < HOUR) return `${Math.max(1, Math.round(elapsed / MINUTE))} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  return null;
}

/**
 * For the boards list: "just now", "5 min ago", "3 h ago", "yesterday", "4 d ago", "2 wk ago",
 * then a short date ("Mar 4", or "Mar 4, 2025" in another year). A time slightly in the future
 * reads "just now". An unparseable time reads "unknown".
 */
export function relativeTime(
  then: Instant,
  now: Instant = Date.now(),
  options: TimeFormatOptions = {},
): string {
  const t = toMillis(then);
  const n = toMillis(now);
  if (!Number.isFinite(t) || !Number.isFinite(n)) return 'unknown';
  const elapsed = n - t;
  const recent = withinADay(elapsed);
  if (recent) return recent;
  const days = Math.floor(elapsed / DAY);
  if (days === 1) return 'yesterday';
  if (elapsed < WEEK) return `${days} d ago`;
  if (elapsed < 5 * WEEK) return `${Math.floor(elapsed / WEEK)} wk ago`;
  return shortDate(t, n, options);
}

/**
 * For comments, activity and versions: "just now", "3 min ago", "3 h ago", "yesterday", then
 * the date: "12 Mar", with the year when it is not this year ("12 Mar 2025"); the locale is
 * en-GB unless given. A time slightly in the future reads "just now"; an unparseable one
 * "unknown".
 */
export function timeAgo(then: Instant, now: Instant, options: TimeFormatOptions = {}): string {
  const t = toMillis(then);
  const n = toMillis(now);
  if (!Number.isFinite(t) || !Number.isFinite(n)) return 'unknown';
  const elapsed = n - t;
  const recent = withinADay(elapsed);
  if (recent) return recent;
  if (elapsed < 2 * DAY) return 'yesterday';
  return shortDate(t, n, { locale: options.locale ?? 'en-GB', timeZone: options.timeZone });
}

/** "Mar 4" in the current year, "Mar 4, 2025" otherwise; "unknown" when unparseable. */
export function shortDate(
  then: Instant,
  now: Instant = Date.now(),
  options: TimeFormatOptions = {},
): string {
  const t = toMillis(then);
  if (!Number.isFinite(t)) return 'unknown';
  const { locale, timeZone } = options;
  const year = (ms: number) =>
    new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone }).format(ms);
  const n = toMillis(now);
  const sameYear = Number.isFinite(n) && year(t) === year(n);
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone,
  }).format(t);
}

/**
 * The full date and time in the reader's own locale and time zone (unless given), for tooltips:
 * "Mar 4, 2026, 3:15 PM".
 */
export function absoluteTime(then: Instant, options: TimeFormatOptions = {}): string {
  const t = toMillis(then);
  if (!Number.isFinite(t)) return 'unknown';
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(t);
}
