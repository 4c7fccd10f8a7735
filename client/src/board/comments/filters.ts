/** Which threads the comments panel lists. Pure, so it is unit-tested. */
import type { CommentThread } from '../../../../shared/model/comments.js';

export type CommentFilter = 'open' | 'resolved' | 'mentions';

/** Most recent activity first (ISO times compare as strings); ties by id, so the order is stable. */
export function byActivity(a: CommentThread, b: CommentThread): number {
  if (a.lastActivity !== b.lastActivity) return a.lastActivity < b.lastActivity ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function mentionsMe(thread: CommentThread, meId: string): boolean {
  return thread.messages.some((m) => m.mentions.includes(meId));
}

/**
 * The threads a filter lists, most recent activity first. `keep` (the focused thread) is
 * listed whatever the filter, so resolving it does not make it vanish under the pointer.
 */
export function filterThreads(
  threads: readonly CommentThread[],
  filter: CommentFilter,
  meId: string,
  keep: string | null = null,
): CommentThread[] {
  return threads
    .filter((t) => {
      if (t.id === keep) return true;
      if (filter === 'open') return !t.resolved;
      if (filter === 'resolved') return t.resolved;
      return mentionsMe(t, meId);
    })
    .sort(byActivity);
}

/** How many threads each filter has (the focused one not counted twice). */
export function filterCounts(
  threads: readonly CommentThread[],
  meId: string,
): Record<CommentFilter, number> {
  const counts = { open: 0, resolved: 0, mentions: 0 };
  for (const t of threads) {
    if (t.resolved) counts.resolved++;
    else counts.open++;
    if (mentionsMe(t, meId)) counts.mentions++;
  }
  return counts;
}
