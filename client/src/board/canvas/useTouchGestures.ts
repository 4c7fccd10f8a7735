import type Konva from 'konva';
import { useEffect, useRef, type RefObject } from 'react';
import { pinchViewport, type FingerPair, type Viewport } from '../core/viewport.js';
import type { CanvasState } from './canvasState.js';
import { itemOf, onEmptyCanvas, type useStageGestures } from './useStageGestures.js';

/** How long a finger rests on an item before it counts as a long press (ms). */
export const LONG_PRESS_MS = 500;
/** Movement (screen px) that makes a touch a drag or a pan rather than a press. */
const TOUCH_SLOP = 8;

type StageGestures = ReturnType<typeof useStageGestures>;
type TouchEventObject = Konva.KonvaEventObject<TouchEvent>;

interface OneFinger {
  x: number;
  y: number;
  /** The long-press timer, until it fires or the finger moves or lifts. */
  timer: ReturnType<typeof setTimeout> | null;
  /** The finger rests on an item Konva drags (a card or shape the link may move). */
  dragNode: Konva.Node | null;
}

interface Pinch {
  from: Viewport;
  start: FingerPair;
}

/** The nearest node at or above `target` that Konva would drag, if any. */
function draggableOf(target: Konva.Node): Konva.Node | null {
  for (let node: Konva.Node | null = target; node; node = node.getParent()) {
    if (node.draggable()) return node;
  }
  return null;
}

/** Forgets a drag Konva readied on a press but has not started (it starts once moved). */
function unreadyDrag(node: Konva.Node | null): void {
  if (!node || node.isDragging()) return;
  node.draggable(false);
  node.draggable(true);
}

function fingers(stage: Konva.Stage): FingerPair | null {
  const [a, b] = stage.getPointersPositions();
  return a && b ? [a, b] : null;
}

/**
 * Touch on the stage, on top of the press/move/release the mouse uses (useStageGestures): one
 * finger pans on empty canvas (and on items the link may not move), places shapes and draws
 * arrows with those tools; Konva itself drags a card or shape under the finger when the link
 * may edit and turns taps and double taps into `tap` / `dbltap` on the node (select, edit). A
 * finger resting on an item for LONG_PRESS_MS, without moving, selects it and opens its details
 * instead of dragging it. A second finger turns the touch into a pinch that zooms about the
 * fingers' midpoint and pans with it; when one finger lifts, the other pans on. A drag already
 * moving an item ignores a second finger.
 */
export function useTouchGestures(deps: {
  canvas: CanvasState;
  stageRef: RefObject<Konva.Stage | null>;
  gestures: StageGestures;
  /** Set once a finger has moved: the `tap` Konva still fires at its end selects nothing. */
  pressTaken: RefObject<boolean>;
}) {
  const { canvas, stageRef, gestures, pressTaken } = deps;
  const { dispatch, tool, viewport } = canvas;
  const finger = useRef<OneFinger | null>(null);
  const pinch = useRef<Pinch | null>(null);

  const stopTimer = () => {
    const f = finger.current;
    if (f?.timer) clearTimeout(f.timer);
    if (f) f.timer = null;
  };
  useEffect(() => stopTimer, []);

  const longPress = (target: Konva.Node) => {
    const f = finger.current;
    if (!f) return;
    f.timer = null;
    const id =
      itemOf(target) ??
      target
        .findAncestor('.stage-header, .lane-header', true)
        ?.id()
        .replace(/^(stage|lane)-header-/, '');
    if (!id) return;
    unreadyDrag(f.dragNode);
    f.dragNode = null;
    gestures.cancel();
    dispatch({ type: 'select', ids: [id] });
    dispatch({ type: 'openPanel', panel: 'details' });
    navigator.vibrate?.(10);
  };

  const onTouchStart = (e: TouchEventObject) => {
    const stage = stageRef.current;
    if (!stage) return;
    const count = e.evt.touches.length;
    if (count === 2) {
      const f = finger.current;
      // A drag under way keeps going; the second finger is not a pinch then.
      if (f?.dragNode?.isDragging()) return;
      stopTimer();
      unreadyDrag(f?.dragNode ?? null);
      finger.current = null;
      gestures.cancel();
      const start = fingers(stage);
      if (start) pinch.current = { from: viewport, start };
      return;
    }
    if (count !== 1) return;
    const at = stage.getPointerPosition();
    if (!at) return;
    const dragNode = draggableOf(e.target);
    finger.current = { x: at.x, y: at.y, timer: null, dragNode };
    if (dragNode && tool === 'select') {
      // Konva drags it once the finger moves; held still, it is a long press.
      finger.current.timer = setTimeout(() => longPress(e.target), LONG_PRESS_MS);
      return;
    }
    gestures.press({
      target: e.target,
      button: 0,
      shiftKey: false,
      preventDefault: () => e.evt.preventDefault(),
    });
    if (tool !== 'select' || onEmptyCanvas(e.target)) return;
    // An item the link may not move: the finger pans the board, or presses long to select.
    gestures.startPan();
    finger.current.timer = setTimeout(() => longPress(e.target), LONG_PRESS_MS);
  };

  const onTouchMove = () => {
    const stage = stageRef.current;
    if (!stage) return;
    const p = pinch.current;
    if (p) {
      const now = fingers(stage);
      if (now) dispatch({ type: 'setViewport', viewport: pinchViewport(p.from, p.start, now) });
      return;
    }
    const f = finger.current;
    const at = stage.getPointerPosition();
    if (f && at && Math.hypot(at.x - f.x, at.y - f.y) >= TOUCH_SLOP) {
      stopTimer();
      if (!f.dragNode) pressTaken.current = true;
    }
    gestures.move();
  };

  const onTouchEnd = (e: TouchEventObject) => {
    const left = e.evt.touches.length;
    if (pinch.current) {
      if (left >= 2) return;
      pinch.current = null;
      // The finger still down pans on from where it is.
      const at = stageRef.current?.getPointerPosition();
      if (left === 1 && at) {
        finger.current = { x: at.x, y: at.y, timer: null, dragNode: null };
        gestures.startPan();
      }
      return;
    }
    if (left > 0) return;
    stopTimer();
    finger.current = null;
    gestures.release(e.target);
  };

  return {
    onTouchStart,
    onTouchMove,
    onTouchEnd,
    onTouchCancel: () => {
      stopTimer();
      finger.current = null;
      pinch.current = null;
      gestures.cancel();
    },
    /** The browser's long-press menu would cover the board where a long press selects. */
    onDblTap: gestures.onDblClick,
    onContextMenu: (e: Konva.KonvaEventObject<PointerEvent>) => {
      if (finger.current || e.evt.pointerType === 'touch') e.evt.preventDefault();
    },
  };
}
