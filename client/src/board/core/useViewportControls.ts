import { useCallback, useEffect, useRef } from 'react';
import type { CommentAnchor } from '../../../../shared/model/comments.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { anchorRect } from '../comments/index.js';
import { useEditor, useEditorStore } from './EditorStoreProvider.js';
import { useOpenBoard } from './openBoard.js';
import { editTarget } from './editTarget.js';
import type { GridLayout, Rect } from './layout.js';
import {
  boundsOf,
  fitClear,
  fitRect,
  revealRect,
  stepZoom,
  zoomAt,
  type Viewport,
} from './viewport.js';

/** The whole map (grid and free shapes) fitted to the canvas clear of its overlays. */
function fitView(
  board: BoardSnapshot,
  layout: GridLayout,
  size: { w: number; h: number },
  overlays: Rect[],
): Viewport | null {
  const bounds = boundsOf([
    { x: 0, y: 0, w: layout.width + 120, h: layout.height + 40 },
    ...board.shapes,
  ]);
  return bounds ? fitClear(bounds, { ...size, overlays }) : null;
}

export type ViewportCommands = ReturnType<typeof useViewportCommands>;

/**
 * Zooming, fitting and bringing items into view on the canvas, for the top bar, the keyboard
 * and the panels alike. Each is a pan or zoom of mine, so it ends follow mode.
 */
export function useViewportCommands() {
  const { board, layout, size, overlays } = useOpenBoard();
  const store = useEditorStore();
  const setViewport = useCallback(
    (viewport: Viewport | ((v: Viewport) => Viewport)) =>
      store.dispatch({ type: 'setViewport', viewport }),
    [store],
  );

  const zoomToFit = useCallback(() => {
    const fit = fitView(board, layout, size, overlays());
    if (fit) setViewport(fit);
  }, [board, layout, size, overlays, setViewport]);

  const zoomBy = useCallback(
    (direction: 1 | -1) =>
      setViewport((v) => zoomAt(v, stepZoom(v.zoom, direction), size.w / 2, size.h / 2)),
    [size, setViewport],
  );

  /** 100 % around the canvas's centre. */
  const zoomReset = useCallback(
    () => setViewport((v) => zoomAt(v, 1, size.w / 2, size.h / 2)),
    [size, setViewport],
  );

  const zoomToSelection = useCallback(() => {
    const rects = store
      .getState()
      .selection.map((id) => layout.cards.get(id) ?? board.shapes.find((s) => s.id === id))
      .filter((r) => r !== undefined);
    const bounds = boundsOf(rects);
    if (bounds) setViewport(fitRect(bounds, size.w, size.h, 80, 2));
  }, [store, layout, board.shapes, size, setViewport]);

  /** Centres a comment's anchor (or any card, shape, stage or lane) and selects it. */
  const focusAnchor = useCallback(
    (anchor: CommentAnchor) => {
      const point = anchorRect(anchor, layout, board.shapes);
      if (!point) return;
      setViewport((v) => ({
        ...v,
        x: point.x - size.w / 2 / v.zoom,
        y: point.y - size.h / 2 / v.zoom,
      }));
      if (anchor.kind !== 'point') store.dispatch({ type: 'select', ids: [anchor.id] });
    },
    [store, layout, board.shapes, size, setViewport],
  );

  /** Selects an item and brings it into view; the table view follows the selection itself. */
  const focusItem = useCallback(
    (id: string) => {
      if (store.getState().view === 'table') {
        store.dispatch({ type: 'select', ids: [id] });
        return;
      }
      const kind = layout.cards.has(id)
        ? 'card'
        : board.shapes.some((s) => s.id === id)
          ? 'shape'
          : board.stages.some((s) => s.id === id)
            ? 'stage'
            : 'lane';
      focusAnchor({ kind, id });
    },
    [store, layout, board, focusAnchor],
  );

  return { zoomToFit, zoomBy, zoomReset, zoomToSelection, focusAnchor, focusItem };
}

/**
 * The view's own moves: it shows the whole map once the first content arrives (unless I follow
 * someone), and brings an item opened for typing into view.
 */
export function useViewportEffects(isFollowing: () => boolean): void {
  const { board, layout, size, overlays } = useOpenBoard();
  const store = useEditorStore();
  const editing = useEditor((s) => s.editing);

  // Show the whole map once the first content arrives (offline copy or server). Until the view
  // is moved, it goes on showing the whole map when the canvas changes size: a review banner
  // or the top bar's second row may arrive after the first fit, above the canvas.
  const fitted = useRef<{ viewport: Viewport | null; w: number; h: number } | null>(null);
  useEffect(() => {
    if ((board.stages.length === 0 && board.shapes.length === 0) || size.w < 50) return;
    const last = fitted.current;
    if (last && last.w === size.w && last.h === size.h) return;
    // Only a change of height (something arriving above or below the canvas) refits; a new
    // width is the window or a panel, and the view stays as it is, as it always did.
    if (last && (last.w !== size.w || store.getState().viewport !== last.viewport)) return;
    const fit = isFollowing() ? null : fitView(board, layout, size, overlays());
    if (fit) store.dispatch({ type: 'followViewport', viewport: fit });
    fitted.current = { viewport: fit && store.getState().viewport, w: size.w, h: size.h };
  }, [board, layout, size, overlays, isFollowing, store]);

  // An item opened for typing (a new stage or card, say) may be off screen: bring it into view
  // once it is on the board. Lane headers sit under the toolbar's column anyway, so only the
  // screen's edges count for them.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!editing) {
      revealed.current = null;
      return;
    }
    const key = `${editing.kind}:${editing.id}`;
    if (revealed.current === key) return;
    const { viewport } = store.getState();
    const target = editTarget(editing, layout, board.shapes, viewport);
    if (!target) return;
    revealed.current = key;
    const screen = { ...size, overlays: editing.kind === 'lane' ? [] : overlays() };
    const next = revealRect(viewport, target.rect, screen, target.scrolls);
    if (next !== viewport) store.dispatch({ type: 'setViewport', viewport: next });
  }, [editing, layout, board.shapes, size, overlays, store]);
}
