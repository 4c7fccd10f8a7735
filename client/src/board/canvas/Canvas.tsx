import type Konva from 'konva';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Layer, Line, Rect, Stage, Transformer } from 'react-konva';
import type * as Y from 'yjs';
import { addCard, moveCard, setEmotion } from '../../../../shared/model/cards.js';
import { moveLane, moveStage, setStageWidth } from '../../../../shared/model/axes.js';
import { addShape, updateShape } from '../../../../shared/model/shapes.js';
import type { BoardSnapshot, Shape } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { arrowPoints } from '../arrows.js';
import {
  cellAt,
  dropIndex,
  emotionAt,
  GRID,
  intersects,
  visibleCards,
  type GridLayout,
  type Rect as Box,
} from '../layout.js';
import { SHAPE_SIZE, type Editing, type Tool } from '../tools.js';
import { toBoard, visibleRect, zoomAt, type Viewport } from '../viewport.js';
import { CardNode } from './CardNode.js';
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
}

type Gesture =
  | { kind: 'pan'; startX: number; startY: number; from: Viewport; moved: boolean }
  | { kind: 'marquee'; x0: number; y0: number; x1: number; y1: number }
  | { kind: 'arrow'; from?: string; x0: number; y0: number; x1: number; y1: number };

/** The id of the card or shape a Konva node belongs to. */
function itemOf(node: Konva.Node | null): string | undefined {
  const owner = node?.findAncestor('.card', true) ?? node?.findAncestor('.shape', true);
  return owner?.id().replace(/^(card|shape)-/, '');
}

export function Canvas(props: CanvasProps) {
  const { doc, board, layout, viewport, size, tool, selection } = props;
  const toasts = useToasts();
  const colors = useCanvasColors();
  const stageRef = useRef<Konva.Stage>(null);
  const transformerRef = useRef<Konva.Transformer>(null);
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const [drop, setDrop] = useState<{ x: number; y: number; w: number } | null>(null);
  const selected = useMemo(() => new Set(selection), [selection]);
  const editable = tool === 'select' && !props.spaceHeld;

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

  const pointer = (): { x: number; y: number } => {
    const p = stageRef.current?.getPointerPosition() ?? { x: 0, y: 0 };
    return toBoard(viewport, p.x, p.y);
  };

  const select = useCallback(
    (id: string, additive: boolean) => {
      if (!additive) props.setSelection([id]);
      else
        props.setSelection(
          selected.has(id) ? selection.filter((s) => s !== id) : [...selection, id],
        );
    },
    [props, selected, selection],
  );
  const edit = useCallback(
    (id: string) => props.setEditing({ kind: layout.cards.has(id) ? 'card' : 'shape', id }),
    [props, layout],
  );

  const onCardDragMove = useCallback(
    (id: string) => {
      const box = layout.cards.get(id);
      if (!box || laneKind.get(box.card.laneId) === 'emotions') return;
      const p = pointer();
      const cell = cellAt(layout, p.x, p.y);
      if (!cell || cell.row.kind === 'emotions') return setDrop(null);
      const index = dropIndex(layout, cell, p.y, id);
      const y = cell.row.y + GRID.pad + index * (GRID.cardH + GRID.gap) - GRID.gap / 2;
      setDrop({ x: cell.column.x + GRID.pad, y, w: cell.column.w - 2 * GRID.pad });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [layout, laneKind, viewport],
  );

  const onCardDragEnd = useCallback(
    (id: string, e: Konva.KonvaEventObject<DragEvent>) => {
      setDrop(null);
      const box = layout.cards.get(id);
      if (!box) return;
      const node = e.target;
      if (laneKind.get(box.card.laneId) === 'emotions' && emotionRow) {
        const score = emotionAt(emotionRow, node.y() + box.h / 2);
        node.position({ x: box.x, y: box.y });
        toasts.attempt(() => setEmotion(doc, id, score));
        return;
      }
      node.position({ x: box.x, y: box.y });
      const p = pointer();
      const cell = cellAt(layout, p.x, p.y);
      if (!cell || cell.row.kind === 'emotions') return;
      const index = dropIndex(layout, cell, p.y, id);
      const moving = selected.has(id) ? selection.filter((s) => layout.cards.has(s)) : [id];
      toasts.attempt(() =>
        doc.transact(() => {
          moving.forEach((cardId, i) =>
            moveCard(doc, cardId, { stageId: cell.stageId, laneId: cell.laneId, index: index + i }),
          );
        }),
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, layout, laneKind, emotionRow, selected, selection, viewport, toasts],
  );

  const onShapeMoved = useCallback(
    (id: string, x: number, y: number) =>
      toasts.attempt(() => updateShape(doc, id, { x: Math.round(x), y: Math.round(y) })),
    [doc, toasts],
  );

  // Resize handles on a single selected box shape.
  useEffect(() => {
    const transformer = transformerRef.current;
    if (!transformer) return;
    const only = selection.length === 1 ? shapesById.get(selection[0]!) : undefined;
    const node =
      only && only.type !== 'arrow' ? stageRef.current?.findOne(`#shape-${only.id}`) : undefined;
    transformer.nodes(node ? [node] : []);
  }, [selection, shapesById, board.shapes]);

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
    const onEmpty = e.target === e.target.getStage() || e.target.name() === 'background';
    const p = pointer();
    const screen = stageRef.current?.getPointerPosition() ?? { x: 0, y: 0 };
    if (e.evt.button === 1 || props.spaceHeld || tool === 'hand') {
      setGesture({ kind: 'pan', startX: screen.x, startY: screen.y, from: viewport, moved: false });
      return;
    }
    if (tool === 'arrow') {
      setGesture({ kind: 'arrow', from: itemOf(e.target), x0: p.x, y0: p.y, x1: p.x, y1: p.y });
      return;
    }
    if (!onEmpty) return;
    if (tool === 'note' || tool === 'text' || tool === 'rect') {
      const { w, h } = SHAPE_SIZE[tool];
      const id = toasts.attempt(() =>
        addShape(doc, { type: tool, x: Math.round(p.x - w / 2), y: Math.round(p.y - h / 2), w, h }),
      );
      if (id) {
        props.setSelection([id]);
        props.setEditing({ kind: 'shape', id });
        props.setTool('select');
      }
      return;
    }
    if (e.evt.shiftKey) setGesture({ kind: 'marquee', x0: p.x, y0: p.y, x1: p.x, y1: p.y });
    else
      setGesture({ kind: 'pan', startX: screen.x, startY: screen.y, from: viewport, moved: false });
  };

  const onMouseMove = () => {
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
    if (done.kind === 'arrow') {
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
    if (tool !== 'select') return;
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

  const headerHandlers = useMemo(
    () => ({
      onSelect: select,
      onRename: (kind: 'stage' | 'lane', id: string) => props.setEditing({ kind, id }),
      onMoveStage: (id: string, index: number) => toasts.attempt(() => moveStage(doc, id, index)),
      onMoveLane: (id: string, index: number) => toasts.attempt(() => moveLane(doc, id, index)),
      onResizeStage: (id: string, width: number) =>
        toasts.attempt(() => setStageWidth(doc, id, width)),
      onAddStage: props.onAddStage,
      onAddLane: props.onAddLane,
    }),
    [doc, props, select, toasts],
  );

  const emotionBounds = (boxH: number, boxX: number) =>
    emotionRow
      ? {
          x: (boxX - viewport.x) * viewport.zoom,
          top: (emotionRow.y + GRID.pad - viewport.y) * viewport.zoom,
          bottom: (emotionRow.y + emotionRow.h - GRID.pad - boxH - viewport.y) * viewport.zoom,
        }
      : undefined;

  const cursor =
    props.spaceHeld || tool === 'hand'
      ? gesture?.kind === 'pan'
        ? 'grabbing'
        : 'grab'
      : tool === 'select'
        ? 'default'
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
        onMouseMove={onMouseMove}
        onMouseUp={onMouseUp}
        onDblClick={onDblClick}
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
      {props.editing && (
        <TextEditor
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
