/**
 * What the open board's links point at (W244), fetched from the server and shared by every
 * view (canvas chips, panels, the top bar): a module store, because the canvas renders in
 * react-konva, which no React context reaches. Refetched when the board's set of link targets
 * changes and when the window regains focus, so titles stay fresh without a reload.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import type { BoardLinks, LinkedBoard } from '../../../../shared/protocol/links.js';
import { call } from '../../api.js';
import { sharedKey, unknownCopies } from './sharedView.js';

const EMPTY: BoardLinks = {
  outgoing: [],
  usedIn: [],
  breadcrumbs: [],
  sharedFrom: [],
  sharedTo: [],
};

let current: { boardId: string; links: BoardLinks } | null = null;
const listeners = new Set<() => void>();
let asked = 0;

function publish(boardId: string, links: BoardLinks) {
  current = { boardId, links };
  for (const listener of listeners) listener();
}

/** Asks the server again; a slower earlier answer never replaces a newer one. */
export async function refreshLinks(boardId: string, token: string): Promise<void> {
  const mine = ++asked;
  try {
    const links = await call<BoardLinks>(
      `/api/boards/${encodeURIComponent(boardId)}/links`,
      {},
      token || undefined,
    );
    if (mine === asked) publish(boardId, links);
  } catch {
    // An older server or a lost connection: chips read "map" until the next refresh.
  }
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useBoardLinks(boardId: string): BoardLinks {
  const snapshot = useSyncExternalStore(subscribe, () => current);
  return snapshot?.boardId === boardId ? snapshot.links : EMPTY;
}

/** The open board's links answer as it stands, for event handlers (no re-render on change). */
export function linksNow(): BoardLinks {
  return current?.links ?? EMPTY;
}

/** The open board's links answer, for views below the board that hold no board id. */
export function useOpenBoardLinks(): BoardLinks {
  return useSyncExternalStore(subscribe, () => current)?.links ?? EMPTY;
}

/** How one linked board reads now: from the server's answer, else still unknown. */
export function useLinkedBoard(boardId: string): LinkedBoard | null {
  const snapshot = useSyncExternalStore(subscribe, () => current);
  return snapshot?.links.outgoing.find((l) => l.boardId === boardId) ?? null;
}

/** The words a link shows: the child's title, or what it is when there is none to show. */
export function linkLabel(linked: LinkedBoard | null): string {
  if (!linked) return 'Linked map';
  if (linked.state === 'restricted') return 'Restricted map';
  if (linked.state === 'missing') return 'Missing map';
  return linked.title ?? 'Linked map';
}

/**
 * Keeps the store in step with the open board: its link targets, its shared copies and origins
 * (W306), and the window's focus.
 */
export function useLinkSync(board: BoardSnapshot, boardId: string, token: string): void {
  const targets = [...board.stages, ...board.cards]
    .map((item) => item.link)
    .filter(Boolean)
    .sort()
    .join(' ');
  const shared = sharedKey(board);
  const latestBoard = useRef(board);
  latestBoard.current = board;
  useEffect(() => {
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A link or copy just made may reach the server a moment after this asks: ask again
    // until it knows.
    const ask = async () => {
      await refreshLinks(boardId, token);
      const links = current?.boardId === boardId ? current.links : EMPTY;
      const known = new Set(links.outgoing.map((l) => l.boardId));
      const unknown =
        targets.split(' ').some((id) => id && !known.has(id)) ||
        unknownCopies(latestBoard.current, links) > 0;
      if (unknown && ++tries < 4) timer = setTimeout(() => void ask(), 400);
    };
    void ask();
    return () => clearTimeout(timer);
  }, [boardId, token, targets, shared]);
  useEffect(() => {
    const onFocus = () => void refreshLinks(boardId, token);
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [boardId, token]);
}

/** Where a linked board opens. */
export const boardPath = (boardId: string) => `/b/${encodeURIComponent(boardId)}`;
