import { useCallback, useEffect, useState } from 'react';
import { api, type BoardSummary } from '../api.js';
import { KNOWN_BOARDS_KEY, forgetBoard, knownBoards, renameKnown } from '../boardLinks.js';
import {
  listedFromKnown,
  mergeMembership,
  withFailure,
  withSummary,
  type ListedBoard,
} from './knownList.js';

export interface KnownBoards {
  boards: ListedBoard[];
  /** When the list last looked, for "5 min ago" labels. */
  now: number;
  /** Re-reads the remembered boards and asks the server about each through its best link. */
  refresh(): void;
  /** A board renamed on its card: the list and this browser's memory follow. */
  replace(renamed: BoardSummary): void;
  /** Drops a board from this browser's list (after deleting it, or a dead link's Forget). */
  drop(board: ListedBoard): void;
}

/**
 * The boards this browser has links for, each with what the server says about it, and, when
 * someone is signed in, first the boards of their workspaces. Looks again when the tab comes
 * back or another tab learns of a board, and keeps "now" fresh.
 */
export function useKnownBoards(signedIn = false): KnownBoards {
  const [boards, setBoards] = useState<ListedBoard[]>(() =>
    knownBoards().map((known) => listedFromKnown(known)),
  );
  const [now, setNow] = useState(() => Date.now());

  const update = useCallback(
    (id: string, token: string, change: (entry: ListedBoard) => ListedBoard) =>
      // An answer for a link the entry no longer uses (replaced meanwhile) is dropped.
      setBoards((list) => list.map((b) => (b.id === id && b.token === token ? change(b) : b))),
    [],
  );

  const refresh = useCallback(() => {
    const known = knownBoards();
    setNow(Date.now());
    setBoards((list) => {
      const previous = new Map(list.map((b) => [b.id, b]));
      const fromLinks = known.map((k) => listedFromKnown(k, previous.get(k.id)));
      // Until the server answers, the person's boards listed before stay (no flicker).
      if (!signedIn) return fromLinks;
      const theirs = list.filter((b) => b.token === '');
      const ids = new Set(theirs.map((b) => b.id));
      return [...theirs, ...fromLinks.filter((b) => !ids.has(b.id))];
    });
    if (signedIn) {
      api.myBoards().then(
        ({ boards: theirs }) =>
          setBoards((list) =>
            mergeMembership(
              theirs,
              list.filter((b) => b.token !== ''),
            ),
          ),
        // Offline: the links this browser keeps still open their boards.
        () => {},
      );
    }
    for (const entry of known.map((k) => listedFromKnown(k))) {
      const { id, token } = entry;
      if (!token) continue;
      api.boardSummary(id, token).then(
        (summary) => {
          if (summary.title && summary.title !== entry.title) renameKnown(id, summary.title);
          update(id, token, (b) => withSummary(b, summary));
        },
        (err: unknown) => update(id, token, (b) => withFailure(b, err)),
      );
    }
  }, [update, signedIn]);

  useEffect(() => refresh(), [refresh]);

  // Keep "5 min ago" honest, and pick up changes made elsewhere when the tab comes back or
  // another tab learns of a board.
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    const onStorage = (event: StorageEvent) => {
      if (event.key === KNOWN_BOARDS_KEY || event.key === null) refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('storage', onStorage);
    return () => {
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('storage', onStorage);
    };
  }, [refresh]);

  const replace = (renamed: BoardSummary) => {
    renameKnown(renamed.id, renamed.title);
    setBoards((list) =>
      list.map((b) => (b.id === renamed.id ? { ...b, ...renamed, state: 'ready' } : b)),
    );
  };

  const drop = (board: ListedBoard) => {
    forgetBoard(board.id);
    setBoards((list) => list.filter((b) => b.id !== board.id));
  };

  return { boards, now, refresh, replace, drop };
}
