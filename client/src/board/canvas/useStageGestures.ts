import type Konva from 'konva';
import { useState, type RefObject } from 'react';
import { addCard } from '../../../../shared/model/cards.js';
import { addShape } from '../../../../shared/model/shapes.js';
import { useToasts } from '../../ui/toasts.js';
import { cellAt, clearOfHeaders, dropIndex, emotionAt, intersects } from '../layout.js';
import { SHAPE_SIZE } from '../tools.js';
import { zoomAt, type Viewport } from '../viewport.js';
import type { CanvasProps } from './Canvas.js';

type Gesture =
  | { kind: 'pan'; startX: number; startY: number; from: Viewport; moved: boolean }
  | { kind: 'marquee'; x0: number; y0: number; x1: number; y1: number }
  | { kind: 'arrow'; from?: string; x0: number; y0: number; x1: number; y1: number };

/** The id of the card or shape a Konva node belongs to. */
export function itemOf(node: Konva.Node | null): string | undefined {
  const owner = node?.findAncestor('.card', true) ?? node?.findAncestor('.shape', true);
  return owner?.id().replace(/^(card|shape)-/, '');
}

interface GestureDeps {
  props: CanvasProps;
  stageRef: RefObject<Konva.Stage | null>;
  /** The pointer in board coordinates. */
  pointer(): { x: number; y: number };
  /**
   * Set when a tool took the last press (it placed a shape or began an arrow): the click that
   * ends it must not also select, rename or add what lies under the pointer.
   */
  pressTaken: RefObject<boolean>;
}

/**
 * Pointer gestures on the stage: wheel pans (ctrl/⌘ or pinch zooms), drag on empty canvas pans
 * (shift-drag selects with a marquee), the shape tools place shapes, the arrow tool draws a
 * connector between the items under its ends, the comment tool picks an anchor, and a
 * double-click adds a card to the cell under it (or a sticky note outside the grid). A read-only
 * canvas keeps panning, zooming, selecting and the comment tool, and creates nothing.
 */
export function useStageGestures({ props, stageRef, pointer, pressTaken }: GestureDeps) {
  const { doc, board, layout, viewport, size, tool, selection } = props;
  const readOnly = props.readOnly ?? false;
  const toasts = useToasts();
  const [gesture, setGesture] = useState<Gesture | null>(null);

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const { deltaX, deltaY, ctrlKey, metaKey } = e.evt;
    const p = stageRef.current?.getPointerPosition() ?? { x: size.w / 2, y: size.h / 2 };
    if (ctrlKey || metaKey) {
      // Trackpad pinch arrives as ctrl+wheel with small deltas: zoom proportionally.
      const factor = Math.exp(-deltaY * 0.0025);
      props.setViewport((v) => zoomAt(v, v.zoom * factor, p.x, p.y));
    } else {
      props.setViewport((v) => ({ ...v, x: v.x + deltaX / v.zoom, y: v.y + deltaY / v.zoom }));
    }
  };

  const onMouseDown = (e: Konva.KonvaEventObject<MouseEvent>) => {
    pressTaken.current = false;
    const onEmpty = e.target === e.target.getStage() || e.target.name() === 'background';
    const p = pointer();
    const screen = stageRef.current?.getPointerPosition() ?? { x: 0, y: 0 };
    if (e.evt.button === 1 || props.spaceHeld || tool === 'hand') {
      setGesture({ kind: 'pan', startX: screen.x, startY: screen.y, from: viewport, moved: false });
      return;
    }
    if (tool === 'comment') {
      // The composer that opens takes the focus; the browser's mousedown default would take it back.
      e.evt.preventDefault();
      const item = itemOf(e.target);
      const header = e.target.findAncestor('.stage-header, .lane-header', true);
      const headerId = header?.id().replace(/^(stage|lane)-header-/, '');
      props.onComment(
        item
          ? { kind: layout.cards.has(item) ? 'card' : 'shape', id: item }
          : header && headerId
            ? { kind: header.name() === 'stage-header' ? 'stage' : 'lane', id: headerId }
            : { kind: 'point', x: Math.round(p.x), y: Math.round(p.y) },
      );
      props.setTool('select');
      return;
    }
    if (tool === 'arrow') {
      if (readOnly) return;
      pressTaken.current = true;
      setGesture({ kind: 'arrow', from: itemOf(e.target), x0: p.x, y0: p.y, x1: p.x, y1: p.y });
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
        props.setSelection([id]);
        props.setEditing({ kind: 'shape', id });
        props.setTool('select');
      }
      return;
    }
    if (!onEmpty) return;
    if (e.evt.shiftKey) setGesture({ kind: 'marquee', x0: p.x, y0: p.y, x1: p.x, y1: p.y });
    else
      setGesture({ kind: 'pan', startX: screen.x, startY: screen.y, from: viewport, moved: false });
  };

  const onMouseMove = () => {
    props.onPointer(pointer());
    if (!gesture) return;
    if (gesture.kind === 'pan') {
      const screen = stageRef.current?.getPointerPosition() ?? { x: 0, y: 0 };
      const dx = screen.x - gesture.startX;
      const dy = screen.y - gesture.startY;
      if (!gesture.moved && Math.abs(dx) + Math.abs(dy) < 3) return;
      if (!gesture.moved) setGesture({ ...gesture, moved: true });
      const { from } = gesture;
      props.setViewport({ ...from, x: from.x - dx / from.zoom, y: from.y - dy / from.zoom });
      return;
    }
    const p = pointer();
    setGesture({ ...gesture, x1: p.x, y1: p.y });
  };

  const onMouseUp = (e: Konva.KonvaEventObject<MouseEvent>) => {
    const done = gesture;
    setGesture(null);
    if (!done) return;
    if (done.kind === 'pan' && !done.moved && tool !== 'hand') props.setSelection([]);
    if (done.kind === 'marquee') {
      const area = {
        x: Math.min(done.x0, done.x1),
        y: Math.min(done.y0, done.y1),
        w: Math.abs(done.x1 - done.x0),
        h: Math.abs(done.y1 - done.y0),
      };
      const hits = [
        ...[...layout.cards.values()].filter((b) => intersects(b, area)).map((b) => b.card.id),
        ...board.shapes.filter((s) => s.type !== 'arrow' && intersects(s, area)).map((s) => s.id),
      ];
      props.setSelection([...new Set([...selection, ...hits])]);
    }
    if (done.kind === 'arrow' && !readOnly) {
      const to = itemOf(e.target);
      const dx = done.x1 - done.x0;
      const dy = done.y1 - done.y0;
      if (!to && !done.from && Math.hypot(dx, dy) < 8) return;
      const id = toasts.attempt(() =>
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
      if (id) {
        props.setSelection([id]);
        props.setTool('select');
      }
    }
  };

  const onDblClick = (e: Konva.KonvaEventObject<MouseEvent>) => {
    if (tool !== 'select' || readOnly) return;
    const onEmpty = e.target === e.target.getStage() || e.target.name() === 'background';
    if (!onEmpty) return;
    const p = pointer();
    const cell = cellAt(layout, p.x, p.y);
    if (cell) {
      const isEmotion = cell.row.kind === 'emotions';
      const id = toasts.attempt(() =>
        addCard(doc, {
          stageId: cell.stageId,
          laneId: cell.laneId,
          index: isEmotion ? undefined : dropIndex(layout, cell, p.y),
          ...(isEmotion ? { emotion: emotionAt(cell.row, p.y) } : {}),
        }),
      );
      if (id) {
        props.setSelection([id]);
        props.setEditing({ kind: 'card', id });
      }
      return;
    }
    const { w, h } = SHAPE_SIZE.note;
    const id = toasts.attempt(() =>
      addShape(doc, { type: 'note', x: Math.round(p.x - w / 2), y: Math.round(p.y - h / 2), w, h }),
    );
    if (id) {
      props.setSelection([id]);
      props.setEditing({ kind: 'shape', id });
    }
  };

  return { gesture, onWheel, onMouseDown, onMouseMove, onMouseUp, onDblClick };
}
