import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Unreadable } from '../../../../shared/model/read.js';
import { readBoardChecked, type CheckedBoard } from '../../../../shared/model/snapshot.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import type { BoardSession, SessionStatus } from './session.js';

/**
 * Keeps the previous object of every card and shape that did not change, so memoised views
 * skip them: one edit on a 5,000-card board redraws one card.
 */
export function shareUnchanged(prev: BoardSnapshot, next: BoardSnapshot): BoardSnapshot {
  const reuse = <T extends { id: string }>(before: T[], after: T[]): T[] => {
    const old = new Map(before.map((item) => [item.id, item]));
    return after.map((item) => {
      const was = old.get(item.id);
      return was && JSON.stringify(was) === JSON.stringify(item) ? was : item;
    });
  };
  return { ...next, cards: reuse(prev.cards, next.cards), shapes: reuse(prev.shapes, next.shapes) };
}

/** The same list when nothing in it changed, so views depending on it do not redraw. */
function sameUnreadable(prev: Unreadable[], next: Unreadable[]): Unreadable[] {
  return JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
}

/**
 * The board as plain data, re-read at most once per animation frame after changes, with what
 * of it could not be read (data another client stored that this version does not understand).
 */
export function useCheckedBoard(doc: Y.Doc): CheckedBoard {
  const [checked, setChecked] = useState(() => readBoardChecked(doc));
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setChecked((prev) => {
          const next = readBoardChecked(doc);
          return {
            board: shareUnchanged(prev.board, next.board),
            unreadable: sameUnreadable(prev.unreadable, next.unreadable),
          };
        });
      });
    };
    doc.on('afterTransaction', schedule);
    schedule();
    return () => {
      doc.off('afterTransaction', schedule);
      cancelAnimationFrame(frame);
    };
  }, [doc]);
  return checked;
}

/** The board as plain data (see useCheckedBoard). */
export function useBoardSnapshot(doc: Y.Doc): BoardSnapshot {
  return useCheckedBoard(doc).board;
}

export function useSessionStatus(session: BoardSession): SessionStatus {
  return useSyncExternalStore(session.subscribe, session.getStatus);
}

/** Whether undo/redo have anything, re-read when the stacks change. */
export function useUndoState(undo: Y.UndoManager): { canUndo: boolean; canRedo: boolean } {
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    const refresh = () => setState({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
    undo.on('stack-item-added', refresh);
    undo.on('stack-item-popped', refresh);
    undo.on('stack-cleared', refresh);
    return () => {
      undo.off('stack-item-added', refresh);
      undo.off('stack-item-popped', refresh);
      undo.off('stack-cleared', refresh);
    };
  }, [undo]);
  return state;
}

/**
 * The pixel size of an element's inside (borders and scroll bars excluded), measured before the
 * first paint and kept current as it resizes; `initial` until the element is there.
 */
export function useElementSize(initial = { w: 0, h: 0 }) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, size };
}
