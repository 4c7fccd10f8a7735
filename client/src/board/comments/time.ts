/** Time labels for comments. Pure: "now", locale and time zone are parameters. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface TimeOptions {
  /** BCP 47 locale for the date of older comments; "12 Mar" style (en-GB) by default. */
  locale?: string;
  /** IANA time zone; the reader's own when omitted. */
  timeZone?: string;
}

/**
 * "just now", "3 min ago", "3 h ago", "yesterday", then the date: "12 Mar", with the year
 * when it is not this year ("12 Mar 2025"). A time slightly in the future (clock skew between
 * browsers) reads "just now"; an unparseable one "unknown".
 */
export function timeAgo(iso: string, now: Date, options: TimeOptions = {}): string {
  const then = Date.parse(iso);
  const n = now.getTime();
  if (!Number.isFinite(then) || !Number.isFinite(n)) return 'unknown';
  const elapsed = n - then;
  if (elapsed < 45_000) return 'just now';
  if (elapsed < HOUR) return `${Math.max(1, Math.round(elapsed / MINUTE))} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 2 * DAY) return 'yesterday';
  const { locale = 'en-GB', timeZone } = options;
  const year = (ms: number) =>
    new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone }).format(ms);
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(year(then) === year(n) ? {} : { year: 'numeric' }),
    timeZone,
  }).format(then);
}

/** The full date and time in the reader's own locale and time zone (unless given), for tooltips. */
export function absoluteTime(iso: string, options: TimeOptions = {}): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return 'unknown';
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(then);
}
