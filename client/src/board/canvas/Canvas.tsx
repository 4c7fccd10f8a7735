import type { GridLayout } from '../core/layout.js';
import type Konva from 'konva';
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import { Layer, Rect, Stage } from 'react-konva';
import { moveLane, moveStage, setStageWidth } from '../../../../shared/model/axes.js';
import type { LaneKind } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import type { Tool } from '../core/tools.js';
import { useAddActions } from '../core/useAddActions.js';
import { toBoard, visibleRect } from '../core/viewport.js';
import { CardsLayer, ShapesLayer } from './CanvasLayers.js';
import { PersonaLegend } from '../personas/PersonaLegend.js';
import { useCanvasState, type CanvasBoard, type CanvasState } from './canvasState.js';
import { DASHES_FROM_ZOOM, GridBackdrop, GridHeaders, type HeaderHandlers } from './GridLayer.js';
import { TextEditor } from './TextEditor.js';
import { useCopyEditGuard } from '../links/useCopyEditGuard.js';
import { useCanvasColors, type CanvasColors } from './theme.js';
import { useCardDrag } from './useCardDrag.js';
import { useStageGestures, type Gesture } from './useStageGestures.js';
import { useTouchGestures } from './useTouchGestures.js';

export interface CanvasProps extends CanvasBoard {
  /** The pointer in board coordinates, or null when it leaves the canvas (for live cursors). */
  onPointer?(point: { x: number; y: number } | null): void;
  /** Cards whose evidence is older than the board's stale age: they get a clock badge. */
  staleCardIds?: ReadonlySet<string>;
}

const noPointer = () => undefined;

/** A picture shape has no text to edit in place (W228). */
const isPicture = (board: CanvasBoard['board'], id: string) =>
  board.shapes.some((s) => s.id === id && s.type === 'image');

function cursorFor(tool: Tool, spaceHeld: boolean, gesture: Gesture | null): string {
  if (spaceHeld || tool === 'hand') return gesture?.kind === 'pan' ? 'grabbing' : 'grab';
  if (tool === 'select') return 'default';
  return tool === 'comment' ? 'cell' : 'crosshair';
}

/**
 * Stage and lane headers: select, rename, reorder, resize and the add buttons. `pressTaken` is
 * set when a tool took the press, whose click then adds nothing.
 */
function useHeaderHandlers(
  canvas: CanvasState,
  select: (id: string, additive: boolean) => void,
  movable: boolean,
  pressTaken: RefObject<boolean>,
): HeaderHandlers {
  const { doc, readOnly, dispatch } = canvas;
  const toasts = useToasts();
  const { onAddStage } = useAddActions(canvas);
  return useMemo(
    () => ({
      readOnly,
      movable,
      onSelect: select,
      onRename: (kind: 'stage' | 'lane', id: string) =>
        dispatch({ type: 'startEditing', target: { kind, id } }),
      onMoveStage: (id: string, index: number) => toasts.attempt(() => moveStage(doc, id, index)),
      onMoveLane: (id: string, index: number) => toasts.attempt(() => moveLane(doc, id, index)),
      onResizeStage: (id: string, width: number) =>
        toasts.attempt(() => setStageWidth(doc, id, width)),
      onAddStage: () => !pressTaken.current && onAddStage(),
      onAddLane: () => !pressTaken.current && dispatch({ type: 'setLaneMenu', open: true }),
    }),
    [doc, dispatch, select, toasts, readOnly, movable, onAddStage, pressTaken],
  );
}

/** The view's background (a press on it is a press on empty canvas) and the grid's tints. */
function Backdrop(
  props: Pick<CanvasState, 'layout' | 'viewport' | 'size'> & { colors: CanvasColors },
) {
  const { layout, viewport, size, colors } = props;
  const view = visibleRect(viewport, size.w, size.h);
  return (
    <>
      <Rect
        name="background"
        x={view.x}
        y={view.y}
        width={view.w}
        height={view.h}
        fill={colors.bg}
      />
      <GridBackdrop layout={layout} colors={colors} dashed={viewport.zoom >= DASHES_FROM_ZOOM} />
    </>
  );
}

const laneKinds = (layout: GridLayout) =>
  new Map<string, LaneKind>(layout.rows.map((r) => [r.id, r.kind]));

/** The board's grid, cards, free shapes and headers on a Konva stage, and the in-place text editor. */
export function Canvas({ onPointer = noPointer, staleCardIds, ...drawn }: CanvasProps) {
  const canvas = useCanvasState(drawn);
  const { doc, board, layout, viewport, size, tool, selection, readOnly, dispatch } = canvas;
  const colors = useCanvasColors();
  const stageRef = useRef<Konva.Stage>(null);
  const selected = useMemo(() => new Set(selection), [selection]);
  const editable = tool === 'select' && !canvas.spaceHeld && !readOnly;

  const laneKind = useMemo(() => laneKinds(layout), [layout]);
  const emotionRow = layout.rows.find((r) => r.kind === 'emotions');

  // Where the pointer is on screen: when the view moves under a still pointer (wheel, keys,
  // follow mode), the board point under it changes and others must see the cursor there.
  const pointerOnScreen = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const p = pointerOnScreen.current;
    if (p) onPointer(toBoard(viewport, p.x, p.y));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewport]);

  const pointer = (): { x: number; y: number } => {
    const p = stageRef.current?.getPointerPosition() ?? { x: 0, y: 0 };
    return toBoard(viewport, p.x, p.y);
  };

  const pressTaken = useRef(false);
  const select = useCallback(
    (id: string, additive: boolean) => {
      if (pressTaken.current) return;
      dispatch(additive ? { type: 'toggleSelected', id } : { type: 'select', ids: [id] });
    },
    [dispatch],
  );
  const copyGuard = useCopyEditGuard();
  const edit = useCallback(
    (id: string) => {
      if (readOnly || isPicture(board, id) || copyGuard(layout.cards.get(id)?.card)) return;
      dispatch({
        type: 'startEditing',
        target: { kind: layout.cards.has(id) ? 'card' : 'shape', id },
      });
    },
    [dispatch, layout, readOnly, board, copyGuard],
  );

  const { drop, onCardDragMove, onCardDragEnd } = useCardDrag({
    doc,
    layout,
    laneKind,
    emotionRow,
    selected,
    selection,
    pointer,
  });
  const gestures = useStageGestures({ canvas, stageRef, pointer, pressTaken, onPointer });
  const { gesture } = gestures;
  // While the view pans nothing is hit-tested: no hit canvas to redraw every frame.
  const panning = gesture?.kind === 'pan' && gesture.moved;
  // Stage handlers for fingers: onTouchStart…, onDblTap, onContextMenu.
  const touch = useTouchGestures({ canvas, stageRef, gestures, pressTaken });
  // Only the select tool drags headers; the others own the press (the hand pans with it).
  const headerHandlers = useHeaderHandlers(canvas, select, editable, pressTaken);

  return (
    <div
      className="canvas-host"
      style={{ cursor: cursorFor(tool, canvas.spaceHeld, gesture) }}
      data-testid="board-canvas"
    >
      <Stage
        ref={stageRef}
        width={size.w}
        height={size.h}
        scaleX={viewport.zoom}
        scaleY={viewport.zoom}
        x={-viewport.x * viewport.zoom}
        y={-viewport.y * viewport.zoom}
        onWheel={gestures.onWheel}
        onMouseDown={gestures.onMouseDown}
        onMouseUp={gestures.onMouseUp}
        onDblClick={gestures.onDblClick}
        {...touch}
        onMouseMove={() => {
          pointerOnScreen.current = stageRef.current?.getPointerPosition() ?? null;
          gestures.onMouseMove();
        }}
        onMouseLeave={() => {
          pointerOnScreen.current = null;
          onPointer(null);
        }}
      >
        {/* One layer for the board (a layer is a canvas to clear and composite each frame). */}
        <Layer listening={!panning}>
          <Backdrop layout={layout} viewport={viewport} size={size} colors={colors} />
          <CardsLayer
            canvas={canvas}
            laneKind={laneKind}
            emotionRow={emotionRow}
            colors={colors}
            selected={selected}
            editable={editable}
            staleCardIds={staleCardIds}
            drop={drop}
            onSelect={select}
            onEdit={edit}
            onDragMove={onCardDragMove}
            onDragEnd={onCardDragEnd}
          />
          <ShapesLayer
            canvas={canvas}
            colors={colors}
            selected={selected}
            editable={editable}
            stageRef={stageRef}
            gesture={gesture}
            onSelect={select}
            onEdit={edit}
          />
        </Layer>
        <GridHeaders
          layout={layout}
          colors={colors}
          selection={selected}
          viewport={viewport}
          canvasWidth={size.w}
          listening={!panning}
          {...headerHandlers}
        />
      </Stage>
      <PersonaLegend canvas={canvas} />
      {canvas.editing && !readOnly && (
        <TextEditor
          key={`${canvas.editing.kind}:${canvas.editing.id}`}
          doc={doc}
          board={board}
          layout={layout}
          viewport={viewport}
          editing={canvas.editing}
          onDone={() => dispatch({ type: 'stopEditing' })}
        />
      )}
    </div>
  );
}
