/**
 * How old evidence may be before a card counts as stale, chosen per board and remembered on
 * this device. The insights panel sets it and the canvas reads it, so both subscribe to one
 * small store (other tabs follow through the storage event).
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { staleCardIds, staleCards, type Staleness } from '../../../../shared/model/staleness.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';

export const STALE_AGE_CHOICES = [90, 180, 365] as const;
export const DEFAULT_STALE_AGE = 180;

const keyOf = (boardId: string) => `journeyboard:stale-age:${boardId}`;
const listeners = new Set<() => void>();

export function readStaleAge(boardId: string): number {
  try {
    const stored = Number(localStorage.getItem(keyOf(boardId)));
    return (STALE_AGE_CHOICES as readonly number[]).includes(stored) ? stored : DEFAULT_STALE_AGE;
  } catch {
    return DEFAULT_STALE_AGE;
  }
}

export function writeStaleAge(boardId: string, days: number): void {
  try {
    localStorage.setItem(keyOf(boardId), String(days));
  } catch {
    // Private mode: the choice lasts until the page is left.
  }
  listeners.forEach((notify) => notify());
}

function subscribe(notify: () => void): () => void {
  listeners.add(notify);
  window.addEventListener('storage', notify);
  return () => {
    listeners.delete(notify);
    window.removeEventListener('storage', notify);
  };
}

/** The board's stale age in days, and a setter that every reader follows. */
export function useStaleAge(boardId: string): [number, (days: number) => void] {
  const days = useSyncExternalStore(subscribe, () => readStaleAge(boardId));
  return [days, (next: number) => writeStaleAge(boardId, next)];
}

/** The board's staleness, recomputed once per snapshot or age change. */
export function useStaleness(board: BoardSnapshot, maxAgeDays: number): Staleness {
  return useMemo(() => staleCards(board, { maxAgeDays, now: Date.now() }), [board, maxAgeDays]);
}

/** Whether two sets hold the same ids. */
export function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/**
 * Ids of the stale cards, as one set that keeps its identity while its content is unchanged:
 * an edit elsewhere must not redraw every memoised card node.
 */
export function useStaleCardIds(board: BoardSnapshot, maxAgeDays: number): ReadonlySet<string> {
  const next = useMemo(
    () => staleCardIds(board, { maxAgeDays, now: Date.now() }),
    [board, maxAgeDays],
  );
  const kept = useRef(next);
  const value = sameIds(kept.current, next) ? kept.current : next;
  useEffect(() => {
    kept.current = value;
  }, [value]);
  return value;
}
