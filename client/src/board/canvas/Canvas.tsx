import type Konva from 'konva';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Layer, Line, Rect, Stage, Transformer } from 'react-konva';
import type * as Y from 'yjs';
import { moveLane, moveStage, setStageWidth } from '../../../../shared/model/axes.js';
import { updateShape } from '../../../../shared/model/shapes.js';
import type { CommentAnchor } from '../../../../shared/model/comments.js';
import type { BoardSnapshot, Shape } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { arrowPoints } from '../arrows.js';
import { emotionY, visibleCards, type GridLayout, type Rect as Box } from '../layout.js';
import type { Editing, Tool } from '../tools.js';
import { toBoard, visibleRect, type Viewport } from '../viewport.js';
import { CardNode } from './CardNode.js';
import { itemOf, useStageGestures } from './useStageGestures.js';
import { useCardDrag } from './useCardDrag.js';
import { CardTiles } from './CardTiles.js';
import { EmotionCurve } from './EmotionCurve.js';
import { GridBackground, GridHeaders } from './GridLayer.js';
import { ShapeNode } from './ShapeNode.js';
import { TextEditor } from './TextEditor.js';
import { useCanvasColors } from './theme.js';

export interface CanvasProps {
  doc: Y.Doc;
  board: BoardSnapshot;
  layout: GridLayout;
  viewport: Viewport;
  setViewport(v: Viewport | ((v: Viewport) => Viewport)): void;
  size: { w: number; h: number };
  tool: Tool;
  setTool(tool: Tool): void;
  spaceHeld: boolean;
  selection: readonly string[];
  setSelection(ids: string[]): void;
  editing: Editing | null;
  setEditing(editing: Editing | null): void;
  onAddStage(): void;
  onAddLane(): void;
  /** The pointer in board coordinates, or null when it leaves the canvas (for live cursors). */
  onPointer(point: { x: number; y: number } | null): void;
  /** The comment tool picked an anchor for a new thread. */
  onComment(anchor: CommentAnchor): void;
  /**
   * The link may not change the map (viewer, commenter): nothing drags, double-clicks create
   * or edit nothing, no resize handles. Selecting, panning, zooming and following stay.
   */
  readOnly?: boolean;
  /** Cards whose evidence is older than the board's stale age: they get a clock badge. */
  staleCardIds?: ReadonlySet<string>;
}

export function Canvas(props: CanvasProps) {
  const { doc, board, layout, viewport, size, tool, selection } = props;
  const toasts = useToasts();
  const colors = useCanvasColors();
  const stageRef = useRef<Konva.Stage>(null);
  const transformerRef = useRef<Konva.Transformer>(null);
  const selected = useMemo(() => new Set(selection), [selection]);
  const readOnly = props.readOnly ?? false;
  const editable = tool === 'select' && !props.spaceHeld && !readOnly;

  const shapesById = useMemo(() => new Map(board.shapes.map((s) => [s.id, s])), [board.shapes]);
  const rectOf = useCallback(
    (id: string): Box | undefined => layout.cards.get(id) ?? shapesById.get(id),
    [layout, shapesById],
  );
  const laneKind = useMemo(() => new Map(layout.rows.map((r) => [r.id, r.kind])), [layout]);
  const meanVolume = useMemo(() => {
    const volumes = board.cards
      .map((c) => c.metrics.volume)
      .filter((v): v is number => v !== undefined);
    return volumes.length ? volumes.reduce((a, b) => a + b, 0) / volumes.length : 0;
  }, [board.cards]);
  const view = visibleRect(viewport, size.w, size.h);
  const cards = visibleCards(layout, view);
  const detailed = viewport.zoom >= 0.3;
  const emotionRow = layout.rows.find((r) => r.kind === 'emotions');

  // Where the pointer is on screen: when the view moves under a still pointer (wheel, keys,
  // follow mode), the board point under it changes and others must see the cursor there.
  const pointerOnScreen = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const p = pointerOnScreen.current;
    if (p) props.onPointer(toBoard(viewport, p.x, p.y));
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
      if (!additive) props.setSelection([id]);
      else
        props.setSelection(
          selected.has(id) ? selection.filter((s) => s !== id) : [...selection, id],
        );
    },
    [props, selected, selection],
  );
  const edit = useCallback(
    (id: string) => {
      if (!readOnly) props.setEditing({ kind: layout.cards.has(id) ? 'card' : 'shape', id });
    },
    [props, layout, readOnly],
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

  const onShapeMoved = useCallback(
    (id: string, x: number, y: number) =>
      toasts.attempt(() => updateShape(doc, id, { x: Math.round(x), y: Math.round(y) })),
    [doc, toasts],
  );

  // Resize handles on a single selected box shape.
  useEffect(() => {
    const transformer = transformerRef.current;
    if (!transformer) return;
    const only = selection.length === 1 && !readOnly ? shapesById.get(selection[0]!) : undefined;
    const node =
      only && only.type !== 'arrow' ? stageRef.current?.findOne(`#shape-${only.id}`) : undefined;
    transformer.nodes(node ? [node] : []);
  }, [selection, shapesById, board.shapes, readOnly]);

  const onTransformEnd = (e: Konva.KonvaEventObject<Event>) => {
    const node = e.target;
    const id = itemOf(node);
    const shape = id ? shapesById.get(id) : undefined;
    if (!id || !shape) return;
    const w = Math.max(40, Math.round(shape.w * node.scaleX()));
    const h = Math.max(24, Math.round(shape.h * node.scaleY()));
    node.scale({ x: 1, y: 1 });
    toasts.attempt(() =>
      updateShape(doc, id, { x: Math.round(node.x()), y: Math.round(node.y()), w, h }),
    );
  };

  const { gesture, onWheel, onMouseDown, onMouseMove, onMouseUp, onDblClick } = useStageGestures({
    props,
    stageRef,
    pointer,
    pressTaken,
  });

  const headerHandlers = useMemo(
    () => ({
      readOnly,
      // Only the select tool drags headers; the others own the press (the hand pans with it).
      movable: editable,
      onSelect: select,
      onRename: (kind: 'stage' | 'lane', id: string) => props.setEditing({ kind, id }),
      onMoveStage: (id: string, index: number) => toasts.attempt(() => moveStage(doc, id, index)),
      onMoveLane: (id: string, index: number) => toasts.attempt(() => moveLane(doc, id, index)),
      onResizeStage: (id: string, width: number) =>
        toasts.attempt(() => setStageWidth(doc, id, width)),
      onAddStage: () => !pressTaken.current && props.onAddStage(),
      onAddLane: () => !pressTaken.current && props.onAddLane(),
    }),
    [doc, props, select, toasts, readOnly, editable],
  );

  // A point is dragged between the +2 and −2 lines (its box's top is a radius above them).
  const emotionBounds = (boxH: number, boxX: number) =>
    emotionRow
      ? {
          x: (boxX - viewport.x) * viewport.zoom,
          top: (emotionY(emotionRow, 2) - boxH / 2 - viewport.y) * viewport.zoom,
          bottom: (emotionY(emotionRow, -2) - boxH / 2 - viewport.y) * viewport.zoom,
        }
      : undefined;

  const cursor =
    props.spaceHeld || tool === 'hand'
      ? gesture?.kind === 'pan'
        ? 'grabbing'
        : 'grab'
      : tool === 'select'
        ? 'default'
        : tool === 'comment'
          ? 'cell'
          : 'crosshair';
  const arrowDraft = gesture?.kind === 'arrow' ? gesture : null;
  const marquee = gesture?.kind === 'marquee' ? gesture : null;

  return (
    <div className="canvas-host" style={{ cursor }} data-testid="board-canvas">
      <Stage
        ref={stageRef}
        width={size.w}
        height={size.h}
        scaleX={viewport.zoom}
        scaleY={viewport.zoom}
        x={-viewport.x * viewport.zoom}
        y={-viewport.y * viewport.zoom}
        onWheel={onWheel}
        onMouseDown={onMouseDown}
        onMouseUp={onMouseUp}
        onDblClick={onDblClick}
        onMouseMove={() => {
          pointerOnScreen.current = stageRef.current?.getPointerPosition() ?? null;
          onMouseMove();
        }}
        onMouseLeave={() => {
          pointerOnScreen.current = null;
          props.onPointer(null);
        }}
      >
        <Layer listening>
          <Rect
            name="background"
            x={view.x}
            y={view.y}
            width={view.w}
            height={view.h}
            fill={colors.bg}
          />
        </Layer>
        <GridBackground layout={layout} colors={colors} />
        <Layer>
          <EmotionCurve layout={layout} colors={colors} />
          {detailed ? (
            cards.map((box) => (
              <CardNode
                key={box.card.id}
                box={box}
                kind={laneKind.get(box.card.laneId) ?? 'text'}
                selected={selected.has(box.card.id)}
                colors={colors}
                detailed
                draggable={editable}
                meanVolume={meanVolume}
                stale={props.staleCardIds?.has(box.card.id) ?? false}
                emotionBounds={
                  laneKind.get(box.card.laneId) === 'emotions'
                    ? emotionBounds(box.h, box.x)
                    : undefined
                }
                onSelect={select}
                onEdit={edit}
                onDragMove={onCardDragMove}
                onDragEnd={onCardDragEnd}
              />
            ))
          ) : (
            <CardTiles boxes={cards} laneKind={laneKind} selected={selected} colors={colors} />
          )}
          {drop && (
            <Line
              points={[drop.x, drop.y, drop.x + drop.w, drop.y]}
              stroke={colors.accent}
              strokeWidth={3}
              lineCap="round"
              listening={false}
            />
          )}
        </Layer>
        <Layer>
          {board.shapes.map((shape: Shape) => (
            <ShapeNode
              key={shape.id}
              shape={shape}
              selected={selected.has(shape.id)}
              colors={colors}
              draggable={editable}
              points={shape.type === 'arrow' ? arrowPoints(shape, rectOf) : undefined}
              onSelect={select}
              onEdit={edit}
              onMoved={onShapeMoved}
            />
          ))}
          <Transformer
            ref={transformerRef}
            rotateEnabled={false}
            keepRatio={false}
            onTransformEnd={onTransformEnd}
            borderStroke={colors.selection}
            anchorStroke={colors.selection}
          />
          {arrowDraft && (
            <Line
              points={[arrowDraft.x0, arrowDraft.y0, arrowDraft.x1, arrowDraft.y1]}
              stroke={colors.accent}
              strokeWidth={2}
              dash={[6, 4]}
              listening={false}
            />
          )}
          {marquee && (
            <Rect
              x={Math.min(marquee.x0, marquee.x1)}
              y={Math.min(marquee.y0, marquee.y1)}
              width={Math.abs(marquee.x1 - marquee.x0)}
              height={Math.abs(marquee.y1 - marquee.y0)}
              fill={colors.accent}
              opacity={0.12}
              stroke={colors.accent}
              strokeWidth={1 / viewport.zoom}
              listening={false}
            />
          )}
        </Layer>
        <GridHeaders
          layout={layout}
          colors={colors}
          selection={selected}
          viewport={viewport}
          {...headerHandlers}
        />
      </Stage>
      {props.editing && !readOnly && (
        <TextEditor
          key={`${props.editing.kind}:${props.editing.id}`}
          doc={doc}
          board={board}
          layout={layout}
          viewport={viewport}
          editing={props.editing}
          onDone={() => props.setEditing(null)}
        />
      )}
    </div>
  );
}
