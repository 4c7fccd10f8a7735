import { newEmotionPersona } from '../personas/personaView.js';
import type Konva from 'konva';
import type * as Y from 'yjs';
import { useState, type RefObject } from 'react';
import { addCard } from '../../../../shared/model/cards.js';
import type { CommentAnchor } from '../../../../shared/model/comments.js';
import { addShape } from '../../../../shared/model/shapes.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import {
  cellAt,
  clearOfHeaders,
  dropIndex,
  emotionAt,
  intersects,
  type GridLayout,
} from '../core/layout.js';
import { SHAPE_SIZE, type Editing } from '../core/tools.js';
import { zoomAt, type Viewport } from '../core/viewport.js';
import type { CanvasState } from './canvasState.js';
import { useFrameViewport } from './useFrameViewport.js';

/** A press being dragged: a pan, a marquee or an arrow being drawn. */
export type Gesture =
  | { kind: 'pan'; startX: number; startY: number; from: Viewport; moved: boolean }
  | { kind: 'marquee'; x0: number; y0: number; x1: number; y1: number }
  | { kind: 'arrow'; from?: string; x0: number; y0: number; x1: number; y1: number };

type Point = { x: number; y: number };
type Toasts = ReturnType<typeof useToasts>;

/** The id of the card or shape a Konva node belongs to. */
export function itemOf(node: Konva.Node | null): string | undefined {
  const owner = node?.findAncestor('.card', true) ?? node?.findAncestor('.shape', true);
  return owner?.id().replace(/^(card|shape)-/, '');
}

/** What a comment placed on `target` at board point `p` is about: an item, a header, or the spot. */
function commentAnchorAt(target: Konva.Node, p: Point, layout: GridLayout): CommentAnchor {
  const item = itemOf(target);
  if (item) return { kind: layout.cards.has(item) ? 'card' : 'shape', id: item };
  const header = target.findAncestor('.stage-header, .lane-header', true);
  const headerId = header?.id().replace(/^(stage|lane)-header-/, '');
  if (header && headerId)
    return { kind: header.name() === 'stage-header' ? 'stage' : 'lane', id: headerId };
  return { kind: 'point', x: Math.round(p.x), y: Math.round(p.y) };
}

/** The cards and free shapes (not arrows) a marquee touches. */
function marqueeHits(
  done: Extract<Gesture, { kind: 'marquee' }>,
  layout: GridLayout,
  board: BoardSnapshot,
): string[] {
  const area = {
    x: Math.min(done.x0, done.x1),
    y: Math.min(done.y0, done.y1),
    w: Math.abs(done.x1 - done.x0),
    h: Math.abs(done.y1 - done.y0),
  };
  return [
    ...[...layout.cards.values()].filter((b) => intersects(b, area)).map((b) => b.card.id),
    ...board.shapes.filter((s) => s.type !== 'arrow' && intersects(s, area)).map((s) => s.id),
  ];
}

/** A double-click on empty canvas: a card in the cell under it, or a sticky note outside the grid. */
function addAt(p: Point, { doc, layout, board }: CanvasState, toasts: Toasts): Editing | null {
  const cell = cellAt(layout, p.x, p.y);
  if (cell) {
    const isEmotion = cell.row.kind === 'emotions';
    const id = toasts.attempt(() =>
      addCard(doc, {
        stageId: cell.stageId,
        laneId: cell.laneId,
        index: isEmotion ? undefined : dropIndex(layout, cell, p.y),
        ...(isEmotion
          ? { emotion: emotionAt(cell.row, p.y), ...newEmotionPersona(doc, board.meta) }
          : {}),
      }),
    );
    return id ? { kind: 'card', id } : null;
  }
  const { w, h } = SHAPE_SIZE.note;
  const id = toasts.attempt(() =>
    addShape(doc, { type: 'note', x: Math.round(p.x - w / 2), y: Math.round(p.y - h / 2), w, h }),
  );
  return id ? { kind: 'shape', id } : null;
}

/**
 * The view after a wheel turn over screen point `p`: it pans, or zooms about `p` with ctrl/⌘
 * (a trackpad pinch arrives as ctrl+wheel with small deltas, so the zoom is proportional).
 */
function wheeled(v: Viewport, evt: WheelEvent, p: Point): Viewport {
  const { deltaX, deltaY, ctrlKey, metaKey } = evt;
  if (ctrlKey || metaKey) return zoomAt(v, v.zoom * Math.exp(-deltaY * 0.0025), p.x, p.y);
  return { ...v, x: v.x + deltaX / v.zoom, y: v.y + deltaY / v.zoom };
}

type ArrowGesture = Extract<Gesture, { kind: 'arrow' }>;

/** The arrow a drawn gesture makes (ending on `to`), or nothing for a stray click. */
function addDrawnArrow(
  done: ArrowGesture,
  to: string | undefined,
  attempt: (add: (doc: Y.Doc) => string) => string | undefined,
): string | undefined {
  const dx = done.x1 - done.x0;
  const dy = done.y1 - done.y0;
  if (!to && !done.from && Math.hypot(dx, dy) < 8) return undefined;
  return attempt((doc) =>
    addShape(doc, {
      type: 'arrow',
      x: Math.round(done.x0),
      y: Math.round(done.y0),
      w: Math.round(dx) || SHAPE_SIZE.arrow.w,
      h: Math.round(dy),
      ...(done.from ? { from: done.from } : {}),
      ...(to && to !== done.from ? { to } : {}),
    }),
  );
}

/** What a press needs to know of the event that made it. */
export interface Press {
  target: Konva.Node;
  button: number;
  shiftKey: boolean;
  preventDefault(): void;
}

export const onEmptyCanvas = (target: Konva.Node) =>
  target === target.getStage() || target.name() === 'background';

interface GestureDeps {
  canvas: CanvasState;
  stageRef: RefObject<Konva.Stage | null>;
  /** The pointer in board coordinates. */
  pointer(): Point;
  /**
   * Set when a tool took the last press (it placed a shape or began an arrow): the click that
   * ends it must not also select, rename or add what lies under the pointer.
   */
  pressTaken: RefObject<boolean>;
  /** The pointer in board coordinates, or null when it leaves the canvas (for live cursors). */
  onPointer(point: Point | null): void;
}

/**
 * Pointer gestures on the stage: wheel pans (ctrl/⌘ or pinch zooms), drag on empty canvas pans
 * (shift-drag selects with a marquee), the shape tools place shapes, the arrow tool draws a
 * connector between the items under its ends, the comment tool picks an anchor, and a
 * double-click adds a card to the cell under it (or a sticky note outside the grid). A read-only
 * canvas keeps panning, zooming, selecting and the comment tool, and creates nothing.
 */
export function useStageGestures({
  canvas,
  stageRef,
  pointer,
  pressTaken,
  onPointer,
}: GestureDeps) {
  const { doc, board, layout, viewport, size, tool, readOnly, dispatch } = canvas;
  const toasts = useToasts();
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const view = useFrameViewport(dispatch);
  const screenPointer = () => stageRef.current?.getPointerPosition() ?? { x: 0, y: 0 };
  const startPan = () => {
    const screen = screenPointer();
    setGesture({ kind: 'pan', startX: screen.x, startY: screen.y, from: viewport, moved: false });
  };

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const p = stageRef.current?.getPointerPosition() ?? { x: size.w / 2, y: size.h / 2 };
    view.queue((v) => wheeled(v, e.evt, p));
  };

  /** A press on the stage, by the mouse or (useTouchGestures) one finger. */
  const press = ({ target, button, shiftKey, preventDefault }: Press) => {
    pressTaken.current = false;
    const p = pointer();
    if (button === 1 || canvas.spaceHeld || tool === 'hand') {
      startPan();
      return;
    }
    if (tool === 'comment') {
      // The composer that opens takes the focus; the browser's mousedown default would take it back.
      preventDefault();
      const anchor = commentAnchorAt(target, p, layout);
      if (canvas.canComment) dispatch({ type: 'draftComment', anchor });
      dispatch({ type: 'setTool', tool: 'select' });
      return;
    }
    if (tool === 'arrow') {
      if (readOnly) return;
      pressTaken.current = true;
      setGesture({ kind: 'arrow', from: itemOf(target), x0: p.x, y0: p.y, x1: p.x, y1: p.y });
      return;
    }
    // A shape tool places its shape wherever the press lands, on a card or a header too (it used
    // to do nothing there, and what was typed next went to the single-key shortcuts).
    if (tool === 'note' || tool === 'text' || tool === 'rect') {
      if (readOnly) return;
      pressTaken.current = true;
      const { w, h } = SHAPE_SIZE[tool];
      const centred = { x: Math.round(p.x - w / 2), y: Math.round(p.y - h / 2), w, h };
      const id = toasts.attempt(() =>
        addShape(doc, { type: tool, ...clearOfHeaders(centred, layout, viewport) }),
      );
      if (id) {
        dispatch({ type: 'added', item: { kind: 'shape', id } });
        dispatch({ type: 'setTool', tool: 'select' });
      }
      return;
    }
    if (!onEmptyCanvas(target)) return;
    if (shiftKey) setGesture({ kind: 'marquee', x0: p.x, y0: p.y, x1: p.x, y1: p.y });
    else startPan();
  };
  const onMouseDown = (e: Konva.KonvaEventObject<MouseEvent>) =>
    press({
      target: e.target,
      button: e.evt.button,
      shiftKey: e.evt.shiftKey,
      preventDefault: () => e.evt.preventDefault(),
    });

  /** The pointer (or the one finger) moved while pressed. */
  const move = () => {
    if (!gesture) return;
    if (gesture.kind === 'pan') {
      const screen = screenPointer();
      const dx = screen.x - gesture.startX;
      const dy = screen.y - gesture.startY;
      if (!gesture.moved && Math.abs(dx) + Math.abs(dy) < 3) return;
      if (!gesture.moved) setGesture({ ...gesture, moved: true });
      const { from } = gesture;
      const viewport = { ...from, x: from.x - dx / from.zoom, y: from.y - dy / from.zoom };
      view.queue(() => viewport);
      return;
    }
    const p = pointer();
    setGesture({ ...gesture, x1: p.x, y1: p.y });
  };
  const onMouseMove = () => {
    onPointer(pointer());
    move();
  };

  /** The press ends over `target`. */
  const release = (target: Konva.Node) => {
    const done = gesture;
    view.flush();
    setGesture(null);
    if (!done) return;
    if (done.kind === 'pan' && !done.moved && tool !== 'hand') dispatch({ type: 'clearSelection' });
    if (done.kind === 'marquee')
      dispatch({ type: 'addToSelection', ids: marqueeHits(done, layout, board) });
    if (done.kind === 'arrow' && !readOnly) {
      const id = addDrawnArrow(done, itemOf(target), (add) => toasts.attempt(() => add(doc)));
      if (id) {
        dispatch({ type: 'select', ids: [id] });
        dispatch({ type: 'setTool', tool: 'select' });
      }
    }
  };

  const onMouseUp = (e: Konva.KonvaEventObject<MouseEvent>) => release(e.target);

  /** A double click, or a double tap, on empty canvas adds a card or a note there. */
  const onDblClick = (e: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (tool !== 'select' || readOnly || !onEmptyCanvas(e.target)) return;
    const item = addAt(pointer(), canvas, toasts);
    if (item) dispatch({ type: 'added', item });
  };

  return {
    gesture,
    onWheel,
    onMouseDown,
    onMouseMove,
    onMouseUp,
    onDblClick,
    press,
    move,
    release,
    startPan,
    /** Drops whatever the press was doing (a second finger turns it into a pinch). */
    cancel: () => {
      view.flush();
      setGesture(null);
    },
  };
}
