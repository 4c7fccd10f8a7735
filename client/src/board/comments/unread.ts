/** Which comment threads I have not seen yet. Pure: the hook in useComments.ts stores the map. */
import type { CommentThread } from '../../../../shared/model/comments.js';

/** Thread id → the thread's lastActivity when I last saw it. */
export type SeenMap = Readonly<Record<string, string>>;

/** The localStorage key of one person's "last seen" map for one board. */
export const seenKey = (boardId: string, meId: string) => `journeyboard:seen:${boardId}:${meId}`;

/** Reads a stored map, dropping anything malformed (a damaged entry must not break the panel). */
export function parseSeen(raw: string | null): SeenMap {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: Record<string, string> = {};
    for (const [id, at] of Object.entries(value)) if (typeof at === 'string') out[id] = at;
    return out;
  } catch {
    return {};
  }
}

/**
 * Open threads with activity newer than what I last saw there, unless the newest message is
 * mine (I know what I wrote). Resolved threads never count: they are done.
 */
export function unreadThreads(
  threads: readonly CommentThread[],
  seen: SeenMap,
  meId: string,
): Set<string> {
  const unread = new Set<string>();
  for (const thread of threads) {
    if (thread.resolved) continue;
    const newest = thread.messages[thread.messages.length - 1];
    if (!newest || newest.author.id === meId) continue;
    const last = seen[thread.id];
    if (last === undefined || thread.lastActivity > last) unread.add(thread.id);
  }
  return unread;
}

/**
 * The map after seeing a thread as it is now. Entries only move forward, and entries of
 * threads that no longer exist are dropped so the stored map does not grow forever.
 */
export function markSeenIn(
  seen: SeenMap,
  thread: CommentThread,
  threads: readonly CommentThread[],
): SeenMap {
  const ids = new Set(threads.map((t) => t.id));
  const next: Record<string, string> = {};
  for (const [id, at] of Object.entries(seen)) if (ids.has(id)) next[id] = at;
  const before = seen[thread.id];
  next[thread.id] =
    before !== undefined && before > thread.lastActivity ? before : thread.lastActivity;
  return next;
}
