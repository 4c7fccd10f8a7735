/** How activity reads: who, and when in the reader's own time zone. Pure. */
import type { ActivityEntry, ActivitySummary } from '../../../../shared/model/activity.js';
import { plural } from '../../../../shared/model/plural.js';

/** "Ana", or "Someone (editor link)" for a socket that never said who it was. */
export function authorLabel(entry: Pick<ActivityEntry, 'author' | 'role'>): string {
  const { author, role } = entry;
  if (author.id === null && author.name === 'Someone' && role) return `Someone (${role} link)`;
  return author.name;
}

/**
 * The time of an entry: "14:05" today, "Mon 14:05" this week, else "12 Mar 14:05" (with the
 * year when not this one), in the reader's time zone unless one is given.
 */
export function entryTime(iso: string, now: Date, timeZone?: string): string {
  const then = new Date(iso);
  if (!Number.isFinite(then.getTime())) return 'unknown';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d);
  const time = new Intl.DateTimeFormat(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(then);
  if (day(then) === day(now)) return time;
  const days = (now.getTime() - then.getTime()) / 86_400_000;
  if (days >= 0 && days < 6) {
    const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone });
    return `${weekday.format(then)} ${time}`;
  }
  const year = (d: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(d);
  const date = new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    ...(year(then) === year(now) ? {} : { year: 'numeric' }),
    timeZone,
  }).format(then);
  return `${date} ${time}`;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length > 3) return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** "Ana and Ben": who made the changes a summary counts. */
export function authorsLine(summary: ActivitySummary): string {
  return joinNames(summary.authors.map((a) => a.name));
}

/** "5 changes": board details and records, or entries when an entry counted none. */
export function changesLine(summary: ActivitySummary): string {
  const n = summary.changes || summary.entries;
  return plural(n, 'change');
}

/** "5 changes by Ana and Ben". */
export function summaryLine(summary: ActivitySummary): string {
  const names = authorsLine(summary);
  return names ? `${changesLine(summary)} by ${names}` : changesLine(summary);
}
