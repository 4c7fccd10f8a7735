import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
} from 'react';
import { firstPos, locate, shapeOf, targetAt, type GridPos, type GridTarget } from './gridNav.js';
import type { TableGrid } from './tableGrid.js';

interface Focus {
  target: GridTarget;
  last: GridPos;
}

const sameTarget = (a: GridTarget, b: GridTarget) =>
  a.stageId === b.stageId && a.laneId === b.laneId && a.cardId === b.cardId;
const samePos = (a: GridPos, b: GridPos) => a.row === b.row && a.col === b.col && a.item === b.item;

function posOf(el: HTMLElement): GridPos | null {
  const [row, col, item] = (el.dataset.pos ?? '').split(':').map(Number);
  if (row === undefined || col === undefined || item === undefined || Number.isNaN(item))
    return null;
  return { row, col, item };
}

interface GridFocusDeps {
  grid: TableGrid;
  selection: readonly string[];
  setSelection(ids: string[]): void;
  /** While an editor is open it holds focus; nothing is moved under it. */
  editing: boolean;
}

/**
 * The grid's roving tab stop, kept by id (so others' edits do not shift it), and DOM focus kept
 * on it: after our own moves, when the focused card vanishes, and in sync with the selection.
 * Focusable elements carry `data-pos="row:col:item"`.
 */
export function useGridFocus({ grid, selection, setSelection, editing }: GridFocusDeps) {
  const rootRef = useRef<HTMLTableElement>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const pos = useMemo(
    () => (focus ? locate(focus.target, grid, focus.last) : firstPos(shapeOf(grid))),
    [focus, grid],
  );
  /** Move DOM focus to `pos` once it is rendered (after adds, deletes, moves, edits). */
  const wantFocus = useRef(false);
  /** The element that last had focus: when it leaves the page (deleted), focus goes to `pos`. */
  const focusedEl = useRef<HTMLElement | null>(null);
  const live = useRef({ grid, pos });
  live.current = { grid, pos };

  const elementAt = (p: GridPos) =>
    rootRef.current?.querySelector<HTMLElement>(`[data-pos="${p.row}:${p.col}:${p.item}"]`) ?? null;

  const focusTarget = useCallback((target: GridTarget) => {
    const last = live.current.pos ?? { row: 0, col: 0, item: -1 };
    setFocus({ target, last });
    wantFocus.current = true;
  }, []);
  const focusPos = useCallback(
    (p: GridPos) => focusTarget(targetAt(p, live.current.grid)),
    [focusTarget],
  );
  /** Focus goes back to the tab stop on the next render (an editor closed). */
  const refocus = useCallback(() => {
    wantFocus.current = true;
  }, []);

  /** Focus anywhere in the grid makes that place the tab stop and selects what it shows. */
  const onFocus = (e: FocusEvent<HTMLTableElement>) => {
    const target = e.target as HTMLElement;
    const el = target.closest<HTMLElement>('[data-pos]');
    const p = el && posOf(el);
    if (!p) return;
    focusedEl.current = target;
    const at = targetAt(p, grid);
    setFocus((prev) =>
      prev && sameTarget(prev.target, at) && samePos(prev.last, p) ? prev : { target: at, last: p },
    );
    const ids = at.cardId
      ? [at.cardId]
      : p.row === -1 && at.stageId
        ? [at.stageId]
        : p.col === -1 && at.laneId
          ? [at.laneId]
          : [];
    if (ids.join() !== selection.join()) setSelection(ids);
  };

  // A card selected elsewhere (the Details, Insights or Activity panel) becomes the tab stop.
  useEffect(() => {
    const id = selection.length === 1 ? selection[0] : undefined;
    const place = id === undefined ? undefined : grid.places.get(id);
    if (!id || !place || focus?.target.cardId === id) return;
    setFocus({ target: targetAt(place, grid), last: place });
    if (rootRef.current?.contains(document.activeElement)) wantFocus.current = true;
    else
      requestAnimationFrame(() =>
        elementAt(place)?.scrollIntoView({ block: 'nearest', inline: 'nearest' }),
      );
    // Only a change of selection moves the tab stop, not every edit of the board.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selection]);

  // Put DOM focus where it belongs: after a move of ours, or when the focused element vanished
  // (someone deleted the card, or it moved cell) so focus is not left on the page body.
  useLayoutEffect(() => {
    if (!pos || editing) return;
    const el = elementAt(pos);
    if (!el) return;
    const active = document.activeElement;
    const lost =
      focusedEl.current !== null &&
      !focusedEl.current.isConnected &&
      (active === null || active === document.body);
    if (wantFocus.current || lost) {
      wantFocus.current = false;
      el.focus();
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  });

  // Opened straight into the table (the address or Alt+2): keyboard users start in the grid.
  useEffect(() => {
    if (!pos) return;
    const active = document.activeElement;
    if (active === null || active === document.body) elementAt(pos)?.focus();
    // Once, when the grid first has somewhere to focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pos !== null]);

  return { rootRef, pos, focusTarget, focusPos, refocus, onFocus };
}
