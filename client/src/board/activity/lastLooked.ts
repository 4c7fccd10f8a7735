/**
 * "Since you last looked": per board and user, this device remembers the state vector of the
 * board as the user last saw it, and when. It is updated when they leave or hide the page with
 * the board synced, and when they open the activity panel. A signed-in person's mark is also
 * kept by the server, so it follows them to another device (where time alone then decides).
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import { useEffect } from 'react';
import * as Y from 'yjs';
import { getIdentity } from '../../ui/identity.js';
import type { BoardSession } from '../core/session.js';
import { activityApi } from './activityApi.js';

export interface LastLooked {
  /** Base64 `Y.encodeStateVector`; absent when the mark came from another device. */
  stateVector?: string;
  /** ISO 8601 */
  seenAt: string;
}

const keyOf = (boardId: string, userId: string) => `journeyboard:last-looked:${boardId}:${userId}`;

export function readLastLooked(boardId: string, userId: string): LastLooked | null {
  try {
    const raw = localStorage.getItem(keyOf(boardId, userId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<LastLooked>;
    if (typeof value.stateVector !== 'string' || typeof value.seenAt !== 'string') return null;
    // A corrupt vector would make everything look unseen: treat it as never looked.
    Y.decodeStateVector(fromBase64(value.stateVector));
    return { stateVector: value.stateVector, seenAt: value.seenAt };
  } catch {
    return null;
  }
}

/**
 * The mark to answer "since you last looked" against: this device's, or, for a signed-in
 * person who looked later on another device, the server's (by time).
 */
export async function lastLookedFor(
  session: BoardSession,
  userId: string,
): Promise<LastLooked | null> {
  const here = readLastLooked(session.boardId, userId);
  if (!getIdentity().vouched) return here;
  const { seenAt } = await activityApi.seen(session.boardId, session.token).catch(() => ({
    seenAt: null,
  }));
  return seenAt && (!here || seenAt > here.seenAt) ? { seenAt } : here;
}

/**
 * Remembers the board as `session` holds it now; only once it is synced (else it proves
 * nothing). `tellServer` also marks it for the signed-in person on the server.
 */
export function markLooked(session: BoardSession, userId: string, tellServer = false): void {
  if (!session.getStatus().synced) return;
  const value: LastLooked = {
    stateVector: toBase64(Y.encodeStateVector(session.doc)),
    seenAt: new Date().toISOString(),
  };
  if (tellServer && getIdentity().vouched)
    activityApi.markSeen(session.boardId, session.token, value.seenAt);
  try {
    localStorage.setItem(keyOf(session.boardId, userId), JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the next visit shows everything as new, nothing breaks.
  }
}

/** Marks the board looked at when the user hides or leaves the page, or leaves the board. */
export function useMarkLookedOnLeave(session: BoardSession, userId: string): void {
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') markLooked(session, userId, true);
    };
    const onPageHide = () => markLooked(session, userId, true);
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      markLooked(session, userId, true);
    };
  }, [session, userId]);
}
