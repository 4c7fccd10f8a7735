import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { CommentThread, Person } from '../../../../shared/model/comments.js';
import {
  readCommentsChecked,
  readPeople,
  readThreads,
} from '../../../../shared/model/commentsRead.js';
import { markSeenIn, parseSeen, seenKey, unreadThreads } from './unread.js';

/** A value read from a doc, re-read at most once per animation frame after it changes. */
function useDocRead<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const [value, setValue] = useState(() => read(doc));
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setValue(read(doc));
      });
    };
    doc.on('afterTransaction', schedule);
    schedule();
    return () => {
      doc.off('afterTransaction', schedule);
      cancelAnimationFrame(frame);
    };
  }, [doc, read]);
  return value;
}

/** Every comment thread, most recent activity first. */
export function useThreads(doc: Y.Doc): CommentThread[] {
  return useDocRead(doc, readThreads);
}

const unreadableCount = (doc: Y.Doc) => readCommentsChecked(doc).unreadable.length;

/** How many threads, messages and fields of the comments doc could not be read. */
export function useUnreadableComments(doc: Y.Doc): number {
  return useDocRead(doc, unreadableCount);
}

/** Everyone who has been on the board (whom @mentions can name), by name. */
export function usePeople(doc: Y.Doc): Person[] {
  return useDocRead(doc, readPeople);
}

// "Last seen" maps live in localStorage; every hook reading one key hears every write to it,
// in this tab (the listeners) and in others (the storage event).
const seenListeners = new Set<() => void>();

function subscribeSeen(listener: () => void): () => void {
  seenListeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    seenListeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // Storage blocked: everything stays unread for this page view.
  }
}

function writeStored(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Full or blocked storage only costs the unread dots.
  }
  for (const listener of seenListeners) listener();
}

/**
 * Threads with activity I have not seen (per person, kept in this browser). Several
 * components may use it at once; marking a thread seen updates them all.
 */
export function useUnread(
  boardId: string,
  threads: CommentThread[],
  meId: string,
): { unread: ReadonlySet<string>; count: number; markSeen(threadId: string): void } {
  const key = seenKey(boardId, meId);
  const read = () => readStored(key);
  const raw = useSyncExternalStore(subscribeSeen, read, read);
  const seen = useMemo(() => parseSeen(raw), [raw]);
  const unread = useMemo(() => unreadThreads(threads, seen, meId), [threads, seen, meId]);
  const markSeen = useCallback(
    (threadId: string) => {
      const thread = threads.find((t) => t.id === threadId);
      if (!thread) return;
      const current = parseSeen(readStored(key));
      if (current[threadId] !== undefined && current[threadId] >= thread.lastActivity) return;
      writeStored(key, JSON.stringify(markSeenIn(current, thread, threads)));
    },
    [threads, key],
  );
  return { unread, count: unread.size, markSeen };
}
