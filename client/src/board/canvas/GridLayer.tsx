import type Konva from 'konva';
import { memo, useState } from 'react';
import { Group, Layer, Line, Rect, Text } from 'react-konva';
import { blueprintLines, GRID, type ColumnBox, type GridLayout } from '../core/layout.js';
import { laneHeaderWidth, laneHeaderX } from '../core/laneHeaders.js';
import type { Viewport } from '../core/viewport.js';
import { LANE_STYLE, LANE_TINT_DARK } from '../core/visuals.js';
import { LaneHeader, type HeaderHandlers } from './LaneHeader.js';

export type { HeaderHandlers };
import type { CanvasColors } from './theme.js';
import { LinkChipNode } from '../links/LinkChipNode.js';

interface BackdropProps {
  layout: GridLayout;
  colors: CanvasColors;
  /**
   * Dashed rules (the default). Far out, a dash is a fraction of a pixel and a column rule
   * the map's height is tens of thousands of dashes to rasterise each frame: solid instead.
   */
  dashed?: boolean;
}

/** Below this zoom the backdrop's rules are drawn solid (a 4 px dash is under a pixel). */
export const DASHES_FROM_ZOOM = 0.25;

/** Row tints and column rules on a layer of their own (the exports draw it so). */
export function GridBackground(props: BackdropProps) {
  return (
    <Layer listening={false}>
      <GridBackdrop {...props} />
    </Layer>
  );
}

/**
 * Row tints and column rules: never hit-tested; the canvas draws them in its one board layer
 * (each layer is a full-screen canvas to clear and composite on every pan frame).
 */
export const GridBackdrop = memo(function GridBackdrop({
  layout,
  colors,
  dashed = true,
}: BackdropProps) {
  return (
    <Group listening={false}>
      {layout.rows.map((row) => (
        <Rect
          key={row.id}
          x={GRID.headerW}
          y={row.y}
          width={layout.width - GRID.headerW}
          height={row.h}
          fill={colors.dark ? LANE_TINT_DARK[row.kind] : LANE_STYLE[row.kind].tint}
          stroke={colors.grid}
          strokeWidth={1}
          perfectDrawEnabled={false}
        />
      ))}
      {layout.columns.map((column) => (
        <Line
          key={column.id}
          points={[column.x + column.w, GRID.headerH, column.x + column.w, layout.height]}
          stroke={colors.grid}
          strokeWidth={1}
          dash={[4, 4]}
          dashEnabled={dashed}
          perfectDrawEnabled={false}
        />
      ))}
      {blueprintLines(layout).map((line) => (
        <Group key={line.label}>
          <Line
            points={[GRID.headerW, line.y, layout.width, line.y]}
            stroke={colors.muted}
            strokeWidth={3}
            dash={[14, 6]}
            dashEnabled={dashed}
            perfectDrawEnabled={false}
          />
          <Text
            x={GRID.headerW + 8}
            y={line.y - 17}
            text={line.label.toUpperCase()}
            fontSize={11}
            fontStyle="bold"
            letterSpacing={0.8}
            fill={colors.muted}
          />
        </Group>
      ))}
    </Group>
  );
});

interface HeadersProps extends HeaderHandlers {
  layout: GridLayout;
  colors: CanvasColors;
  selection: ReadonlySet<string>;
  viewport: Viewport;
  /** The canvas's width on screen: a narrow one folds the lane headers (laneHeaders.ts). */
  canvasWidth: number;
  /** False while the view pans: the layer's hit canvas is not redrawn each frame. */
  listening?: boolean;
}

const indexAt = (starts: { mid: number }[], pos: number) =>
  starts.filter((s) => pos > s.mid).length;

/** Stage headers (sticky top) and lane headers (sticky left): select, rename, reorder, resize. */
export function GridHeaders(props: HeadersProps) {
  const { layout, colors, selection, viewport } = props;
  // Headers stick to the top and left edges while the board scrolls under them; on a narrow
  // canvas the lane headers fold into a strip (W188).
  const laneW = laneHeaderWidth(viewport.zoom, props.canvasWidth);
  const folded = laneW < GRID.headerW;
  const stickX = laneHeaderX(viewport.x, laneW);
  const stickY = Math.max(0, viewport.y);
  // dragBoundFunc works in screen coordinates; headers only move along their own axis.
  const screenX = (stickX - viewport.x) * viewport.zoom;
  const screenY = (stickY - viewport.y) * viewport.zoom;

  const stageDragEnd = (id: string) => (e: Konva.KonvaEventObject<DragEvent>) => {
    const node = e.target;
    const centre = node.x() + node.width() / 2;
    const others = layout.columns.filter((c) => c.id !== id).map((c) => ({ mid: c.x + c.w / 2 }));
    node.position({ x: layout.columns.find((c) => c.id === id)!.x, y: stickY });
    props.onMoveStage(id, indexAt(others, centre));
  };
  const laneDragEnd = (id: string) => (e: Konva.KonvaEventObject<DragEvent>) => {
    const node = e.target;
    const centre = node.y() + node.height() / 2;
    const others = layout.rows.filter((r) => r.id !== id).map((r) => ({ mid: r.y + r.h / 2 }));
    node.position({ x: stickX, y: layout.rows.find((r) => r.id === id)!.y });
    props.onMoveLane(id, indexAt(others, centre));
  };

  return (
    <Layer listening={props.listening ?? true}>
      {layout.rows.map((row) => (
        <LaneHeader
          key={row.id}
          row={row}
          x={stickX}
          w={laneW}
          folded={folded}
          zoom={viewport.zoom}
          screenX={screenX}
          selected={selection.has(row.id)}
          colors={colors}
          handlers={props}
          onDragEnd={laneDragEnd(row.id)}
        />
      ))}
      {!props.readOnly && (
        <AddButton
          kind="lane"
          x={stickX}
          y={layout.height}
          w={laneW}
          h={40}
          label={folded ? '+' : undefined}
          cornerRadius={[0, 0, 8, 8]}
          colors={colors}
          onClick={props.onAddLane}
        />
      )}
      {layout.columns.map((column) => (
        <StageHeader
          key={column.id}
          column={column}
          y={stickY}
          screenY={screenY}
          selected={selection.has(column.id)}
          colors={colors}
          handlers={props}
          onDragEnd={stageDragEnd(column.id)}
        />
      ))}
      {!props.readOnly && (
        <AddButton
          kind="stage"
          x={layout.width}
          y={stickY}
          w={120}
          h={GRID.headerH}
          cornerRadius={[0, 8, 8, 0]}
          colors={colors}
          onClick={props.onAddStage}
        />
      )}
      <HeadersCorner x={stickX} y={stickY} w={laneW} colors={colors} />
    </Layer>
  );
}

interface HeaderProps {
  selected: boolean;
  colors: CanvasColors;
  handlers: HeaderHandlers;
  onDragEnd(e: Konva.KonvaEventObject<DragEvent>): void;
}

/** A stage's header: its number and name, and a handle on its right edge to resize it. */
function StageHeader(props: HeaderProps & { column: ColumnBox; y: number; screenY: number }) {
  const { column, colors, selected, handlers } = props;
  const [resizing, setResizing] = useState<number | null>(null);
  const w = resizing ?? column.w;
  return (
    <Group>
      <Group
        name="stage-header"
        id={`stage-header-${column.id}`}
        x={column.x}
        y={props.y}
        width={w}
        height={GRID.headerH}
        draggable={handlers.movable}
        dragBoundFunc={(pos) => ({ x: pos.x, y: props.screenY })}
        onDragEnd={props.onDragEnd}
        onClick={(e) => handlers.onSelect(column.id, e.evt.shiftKey)}
        onTap={() => handlers.onSelect(column.id, false)}
        onDblClick={() => !handlers.readOnly && handlers.onRename('stage', column.id)}
        onDblTap={() => !handlers.readOnly && handlers.onRename('stage', column.id)}
      >
        <Rect
          width={w}
          height={GRID.headerH}
          fill={colors.header}
          stroke={selected ? colors.selection : colors.grid}
          strokeWidth={selected ? 2 : 1}
        />
        <Text
          x={12}
          y={6}
          text={`${column.index + 1}`}
          fontSize={11}
          fill={colors.muted}
          listening={false}
        />
        <Text
          x={12}
          y={20}
          width={w - 24}
          height={GRID.headerH - 24}
          text={column.name}
          fontSize={16}
          fontStyle="bold"
          fill={colors.headerText}
          ellipsis
          wrap="none"
        />
        {column.link && (
          <LinkChipNode
            target={column.link}
            itemId={column.id}
            x={w - 8}
            y={4}
            maxWidth={Math.max(60, w - 48)}
            colors={colors}
            alignRight
          />
        )}
      </Group>
      {!handlers.readOnly && (
        <Rect
          name="stage-resize"
          id={`stage-resize-${column.id}`}
          x={column.x + w - 4}
          y={props.y}
          width={8}
          height={GRID.headerH}
          fill="transparent"
          draggable={handlers.movable}
          dragBoundFunc={(pos) => ({ x: pos.x, y: props.screenY })}
          onMouseEnter={(e) => setCursor(e, 'col-resize')}
          onMouseLeave={(e) => setCursor(e, '')}
          onDragMove={(e) => setResizing(Math.max(160, e.target.x() - column.x + 4))}
          onDragEnd={(e) => {
            const width = Math.max(160, e.target.x() - column.x + 4);
            setResizing(null);
            e.target.x(column.x + column.w - 4);
            handlers.onResizeStage(column.id, width);
          }}
        />
      )}
    </Group>
  );
}

/** The "+ Add lane" / "+ Add stage" button at the end of the headers. */
function AddButton(props: {
  kind: 'stage' | 'lane';
  x: number;
  y: number;
  w: number;
  h: number;
  cornerRadius: number[];
  colors: CanvasColors;
  onClick(): void;
  /** Shown instead of "+ Add lane" (a folded column has room for "+" only). */
  label?: string;
}) {
  const { colors } = props;
  return (
    <Group
      x={props.x}
      y={props.y}
      onClick={props.onClick}
      onTap={props.onClick}
      name={`add-${props.kind}`}
      id={`add-${props.kind}`}
    >
      <Rect
        width={props.w}
        height={props.h}
        fill={colors.header}
        stroke={colors.grid}
        cornerRadius={props.cornerRadius}
      />
      <Text
        width={props.w}
        height={props.h}
        align="center"
        verticalAlign="middle"
        text={props.label ?? `+ Add ${props.kind}`}
        fontSize={13}
        fill={colors.accent}
      />
    </Group>
  );
}

/** The top-left corner where the headers meet: which way stages and lanes run (when there is room). */
function HeadersCorner(props: { x: number; y: number; w: number; colors: CanvasColors }) {
  const { colors } = props;
  return (
    <Group x={props.x} y={props.y} listening={false}>
      <Rect width={props.w} height={GRID.headerH} fill={colors.header} stroke={colors.grid} />
      {props.w >= GRID.headerW && (
        <>
          <Text
            x={14}
            y={12}
            text="STAGES →"
            fontSize={10}
            fontStyle="bold"
            letterSpacing={0.8}
            fill={colors.muted}
          />
          <Text
            x={14}
            y={30}
            text="LANES ↓"
            fontSize={10}
            fontStyle="bold"
            letterSpacing={0.8}
            fill={colors.muted}
          />
        </>
      )}
    </Group>
  );
}

function setCursor(e: Konva.KonvaEventObject<MouseEvent>, cursor: string): void {
  const container = e.target.getStage()?.container();
  if (container) container.style.cursor = cursor;
}
