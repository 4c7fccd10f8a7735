import type Konva from 'konva';
import { memo, useState } from 'react';
import { Group, Layer, Line, Rect, Text } from 'react-konva';
import { blueprintLines, GRID, type GridLayout } from '../layout.js';
import type { Viewport } from '../viewport.js';
import { LANE_STYLE, LANE_TINT_DARK } from '../visuals.js';
import type { CanvasColors } from './theme.js';

/** Row tints and column rules: drawn once per layout, never hit-tested. */
export const GridBackground = memo(function GridBackground({
  layout,
  colors,
}: {
  layout: GridLayout;
  colors: CanvasColors;
}) {
  return (
    <Layer listening={false}>
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
    </Layer>
  );
});

export interface HeaderHandlers {
  /** Headers can be selected but not dragged, resized, renamed or added to. */
  readOnly: boolean;
  /** Headers may be dragged and resized now (the select tool is on). */
  movable: boolean;
  onSelect(id: string, additive: boolean): void;
  onRename(kind: 'stage' | 'lane', id: string): void;
  onMoveStage(id: string, toIndex: number): void;
  onMoveLane(id: string, toIndex: number): void;
  onResizeStage(id: string, width: number): void;
  onAddStage(): void;
  onAddLane(): void;
}

interface HeadersProps extends HeaderHandlers {
  layout: GridLayout;
  colors: CanvasColors;
  selection: ReadonlySet<string>;
  viewport: Viewport;
}

const indexAt = (starts: { mid: number }[], pos: number) =>
  starts.filter((s) => pos > s.mid).length;

/** Stage headers (sticky top) and lane headers (sticky left): select, rename, reorder, resize. */
export function GridHeaders(props: HeadersProps) {
  const { layout, colors, selection, viewport } = props;
  // Headers stick to the top and left edges while the board scrolls under them.
  const stickX = Math.max(0, viewport.x);
  const stickY = Math.max(0, viewport.y);
  // dragBoundFunc works in screen coordinates; headers only move along their own axis.
  const screenX = (stickX - viewport.x) * viewport.zoom;
  const screenY = (stickY - viewport.y) * viewport.zoom;
  const [resizing, setResizing] = useState<{ id: string; w: number } | null>(null);
  const fontSize = 14;

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
    <Layer>
      {layout.rows.map((row) => {
        const style = LANE_STYLE[row.kind];
        const selected = selection.has(row.id);
        return (
          <Group
            key={row.id}
            name="lane-header"
            id={`lane-header-${row.id}`}
            x={stickX}
            y={row.y}
            width={GRID.headerW}
            height={row.h}
            draggable={props.movable}
            dragBoundFunc={(pos) => ({ x: screenX, y: pos.y })}
            onDragEnd={laneDragEnd(row.id)}
            onClick={(e) => props.onSelect(row.id, e.evt.shiftKey)}
            onTap={() => props.onSelect(row.id, false)}
            onDblClick={() => !props.readOnly && props.onRename('lane', row.id)}
          >
            <Rect
              width={GRID.headerW}
              height={row.h}
              fill={colors.header}
              stroke={selected ? colors.selection : colors.grid}
              strokeWidth={selected ? 2 : 1}
            />
            <Rect
              width={4}
              height={row.h}
              fill={colors.dark ? LANE_TINT_DARK[row.kind] : style.tint}
            />
            <Text
              x={14}
              y={14}
              width={GRID.headerW - 24}
              text={`${style.icon}  ${row.name}`}
              fontSize={fontSize}
              fontStyle="bold"
              fill={colors.headerText}
              wrap="word"
              ellipsis
              height={row.h - 40}
            />
            {style.label.toLowerCase() !== row.name.toLowerCase() && (
              <Text
                x={14}
                y={row.h - 24}
                text={style.label}
                fontSize={11}
                fill={colors.muted}
                listening={false}
              />
            )}
          </Group>
        );
      })}
      {!props.readOnly && (
        <Group x={stickX} y={layout.height} onClick={props.onAddLane} name="add-lane" id="add-lane">
          <Rect
            width={GRID.headerW}
            height={40}
            fill={colors.header}
            stroke={colors.grid}
            cornerRadius={[0, 0, 8, 8]}
          />
          <Text
            width={GRID.headerW}
            height={40}
            align="center"
            verticalAlign="middle"
            text="+ Add lane"
            fontSize={13}
            fill={colors.accent}
          />
        </Group>
      )}

      {layout.columns.map((column) => {
        const selected = selection.has(column.id);
        const w = resizing?.id === column.id ? resizing.w : column.w;
        return (
          <Group key={column.id}>
            <Group
              name="stage-header"
              id={`stage-header-${column.id}`}
              x={column.x}
              y={stickY}
              width={w}
              height={GRID.headerH}
              draggable={props.movable}
              dragBoundFunc={(pos) => ({ x: pos.x, y: screenY })}
              onDragEnd={stageDragEnd(column.id)}
              onClick={(e) => props.onSelect(column.id, e.evt.shiftKey)}
              onTap={() => props.onSelect(column.id, false)}
              onDblClick={() => !props.readOnly && props.onRename('stage', column.id)}
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
            </Group>
            {!props.readOnly && (
              <Rect
                name="stage-resize"
                id={`stage-resize-${column.id}`}
                x={column.x + w - 4}
                y={stickY}
                width={8}
                height={GRID.headerH}
                fill="transparent"
                draggable={props.movable}
                dragBoundFunc={(pos) => ({ x: pos.x, y: screenY })}
                onMouseEnter={(e) => setCursor(e, 'col-resize')}
                onMouseLeave={(e) => setCursor(e, '')}
                onDragMove={(e) =>
                  setResizing({ id: column.id, w: Math.max(160, e.target.x() - column.x + 4) })
                }
                onDragEnd={(e) => {
                  const width = Math.max(160, e.target.x() - column.x + 4);
                  setResizing(null);
                  e.target.x(column.x + column.w - 4);
                  props.onResizeStage(column.id, width);
                }}
              />
            )}
          </Group>
        );
      })}
      {!props.readOnly && (
        <Group
          x={layout.width}
          y={stickY}
          onClick={props.onAddStage}
          name="add-stage"
          id="add-stage"
        >
          <Rect
            width={120}
            height={GRID.headerH}
            fill={colors.header}
            stroke={colors.grid}
            cornerRadius={[0, 8, 8, 0]}
          />
          <Text
            width={120}
            height={GRID.headerH}
            align="center"
            verticalAlign="middle"
            text="+ Add stage"
            fontSize={13}
            fill={colors.accent}
          />
        </Group>
      )}

      <Group x={stickX} y={stickY} listening={false}>
        <Rect
          width={GRID.headerW}
          height={GRID.headerH}
          fill={colors.header}
          stroke={colors.grid}
        />
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
      </Group>
    </Layer>
  );
}

function setCursor(e: Konva.KonvaEventObject<MouseEvent>, cursor: string): void {
  const container = e.target.getStage()?.container();
  if (container) container.style.cursor = cursor;
}
