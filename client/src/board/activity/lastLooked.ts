/**
 * "Since you last looked": per board and user, this device remembers the state vector of the
 * board as the user last saw it, and when. It is updated when they leave or hide the page with
 * the board synced, and when they open the activity panel.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import { useEffect } from 'react';
import * as Y from 'yjs';
import type { BoardSession } from '../core/session.js';

export interface LastLooked {
  /** Base64 `Y.encodeStateVector`. */
  stateVector: string;
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

/** Remembers the board as `session` holds it now; only once it is synced (else it proves nothing). */
export function markLooked(session: BoardSession, userId: string): void {
  if (!session.getStatus().synced) return;
  const value: LastLooked = {
    stateVector: toBase64(Y.encodeStateVector(session.doc)),
    seenAt: new Date().toISOString(),
  };
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
      if (document.visibilityState === 'hidden') markLooked(session, userId);
    };
    const onPageHide = () => markLooked(session, userId);
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      markLooked(session, userId);
    };
  }, [session, userId]);
}
