import { useCallback, useEffect, useRef } from 'react';
import type { CommentAnchor } from '../../../shared/model/comments.js';
import type { BoardSnapshot } from '../../../shared/model/schema.js';
import { anchorRect } from './comments/index.js';
import { editTarget } from './editTarget.js';
import type { GridLayout, Rect } from './layout.js';
import type { BoardView } from './panels.js';
import type { Editing } from './tools.js';
import {
  boundsOf,
  fitClear,
  fitRect,
  revealRect,
  stepZoom,
  zoomAt,
  type Viewport,
} from './viewport.js';

type ViewportUpdate = Viewport | ((v: Viewport) => Viewport);

interface ViewportControlsDeps {
  board: BoardSnapshot;
  layout: GridLayout;
  size: { w: number; h: number };
  /** The controls floating over the canvas now (screen rects): fits and reveals avoid them. */
  overlays(): Rect[];
  viewport: Viewport;
  /** The item open for typing: it is brought into view when it appears. */
  editing: Editing | null;
  view: BoardView;
  selection: string[];
  setSelection(ids: string[]): void;
  /** A pan or zoom of mine (it ends follow mode). */
  setViewport(next: ViewportUpdate): void;
  /** Moves the view without ending follow mode (the first fit). */
  setViewportQuietly(next: Viewport): void;
  isFollowing(): boolean;
}

/** Zooming, fitting and bringing items into view on the canvas. */
export function useViewportControls(deps: ViewportControlsDeps) {
  const { board, layout, size, view, selection, setSelection, setViewport, editing } = deps;
  const latest = useRef(deps);
  latest.current = deps;

  const fitView = useCallback((): Viewport | null => {
    const bounds = boundsOf([
      { x: 0, y: 0, w: layout.width + 120, h: layout.height + 40 },
      ...board.shapes,
    ]);
    if (!bounds) return null;
    return fitClear(bounds, { ...size, overlays: latest.current.overlays() });
  }, [layout, board.shapes, size]);

  const zoomToFit = useCallback(() => {
    const fit = fitView();
    if (fit) setViewport(fit);
  }, [fitView, setViewport]);

  // Show the whole map once the first content arrives (offline copy or server).
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || (board.stages.length === 0 && board.shapes.length === 0) || size.w < 50)
      return;
    fitted.current = true;
    const fit = fitView();
    if (fit && !latest.current.isFollowing()) latest.current.setViewportQuietly(fit);
  }, [board, size, fitView]);

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
    const { viewport, overlays } = latest.current;
    const target = editTarget(editing, layout, board.shapes, viewport);
    if (!target) return;
    revealed.current = key;
    const screen = { ...size, overlays: editing.kind === 'lane' ? [] : overlays() };
    const next = revealRect(viewport, target.rect, screen, target.scrolls);
    if (next !== viewport) setViewport(next);
  }, [editing, layout, board.shapes, size, setViewport]);

  const zoomBy = useCallback(
    (direction: 1 | -1) =>
      setViewport((v) => zoomAt(v, stepZoom(v.zoom, direction), size.w / 2, size.h / 2)),
    [size, setViewport],
  );

  const zoomToSelection = useCallback(() => {
    const rects = selection
      .map((id) => layout.cards.get(id) ?? board.shapes.find((s) => s.id === id))
      .filter((r) => r !== undefined);
    const bounds = boundsOf(rects);
    if (bounds) setViewport(fitRect(bounds, size.w, size.h, 80, 2));
  }, [selection, layout, board.shapes, size, setViewport]);

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
      if (anchor.kind !== 'point') setSelection([anchor.id]);
    },
    [layout, board.shapes, size, setViewport, setSelection],
  );

  /** Selects an item and brings it into view; the table view follows the selection itself. */
  const focusItem = useCallback(
    (id: string) => {
      if (view === 'table') {
        setSelection([id]);
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
    [view, layout, board, focusAnchor, setSelection],
  );

  return { zoomToFit, zoomBy, zoomToSelection, focusAnchor, focusItem };
}
