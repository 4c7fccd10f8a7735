/** A comparison being shown (overlay and change list), and the diff it resolves to. */
import { useMemo } from 'react';
import { diffBoards } from '../../../../shared/model/diff.js';
import type { BoardDiff } from '../../../../shared/model/diffTypes.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';

interface Ends {
  fromLabel: string;
  toLabel: string;
}

/**
 * A version against the live board (`base` is the version; the diff is recomputed on every
 * edit, no server round trip), or two saved versions (the server's diff, fixed).
 */
export type ShownDiff = Ends &
  ({ live: true; base: BoardSnapshot } | { live: false; diff: BoardDiff });

// The overlay and the panel both resolve the same comparison on each edit; compute it once.
let last: { base: BoardSnapshot; board: BoardSnapshot; diff: BoardDiff } | null = null;

/** The diff of `shown`, live against `board` when it compares with now. */
export function resolveDiff(shown: ShownDiff, board: BoardSnapshot): BoardDiff {
  if (!shown.live) return shown.diff;
  if (last?.base === shown.base && last.board === board) return last.diff;
  const diff = diffBoards(shown.base, board);
  last = { base: shown.base, board, diff };
  return diff;
}

export function useResolvedDiff(shown: ShownDiff | null, board: BoardSnapshot): BoardDiff | null {
  return useMemo(() => (shown ? resolveDiff(shown, board) : null), [shown, board]);
}
