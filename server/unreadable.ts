/**
 * What the server does when a REST read meets data another client stored that this version
 * cannot read (a number where a card belongs, say): the answer goes out without it, and the
 * operator hears of it once per request, by path only (never the content), plus a counter.
 */
import type { Unreadable } from '../shared/model/read.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/** Which REST read met it: the board's export, a version, a diff, a restore or a duplicate. */
export type UnreadableRead = 'export' | 'version' | 'diff' | 'restore' | 'duplicate';

export type UnreadableReporter = (
  boardId: string,
  read: UnreadableRead,
  unreadable: readonly Unreadable[],
) => void;

/** Paths named in one log line; `count` has them all. */
const PATHS_LOGGED = 5;

export function unreadableReporter(log: Logger, metrics: Metrics): UnreadableReporter {
  return (boardId, read, unreadable) => {
    if (unreadable.length === 0) return;
    const paths = [...new Set(unreadable.map((u) => u.path))];
    metrics.unreadableRecords.inc({ read }, unreadable.length);
    log.warn(
      { boardId, read, count: unreadable.length, paths: paths.slice(0, PATHS_LOGGED) },
      'board holds unreadable records',
    );
  };
}
