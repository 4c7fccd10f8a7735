import type Konva from 'konva';
import { Group, Rect, Text } from 'react-konva';
import { LANE_STRIP_PX } from '../core/laneHeaders.js';
import { GRID, type RowBox } from '../core/layout.js';
import { LANE_STYLE, LANE_TINT_DARK } from '../core/visuals.js';
import type { CanvasColors } from './theme.js';

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

export interface LaneHeaderProps {
  row: RowBox;
  /** Board x of the column's left edge and its width in board units (laneHeaders.ts). */
  x: number;
  w: number;
  /** The column folded into a strip: the name runs upwards at a fixed screen size. */
  folded: boolean;
  zoom: number;
  /** Screen x of the column, for dragging along it. */
  screenX: number;
  selected: boolean;
  colors: CanvasColors;
  handlers: HeaderHandlers;
  onDragEnd(e: Konva.KonvaEventObject<DragEvent>): void;
}

/** A lane's header: its kind's icon and tint, its name, and the kind when the name differs. */
export function LaneHeader(props: LaneHeaderProps) {
  const { row, colors, selected, handlers, w } = props;
  const style = LANE_STYLE[row.kind];
  const tint = colors.dark ? LANE_TINT_DARK[row.kind] : style.tint;
  return (
    <Group
      name="lane-header"
      id={`lane-header-${row.id}`}
      x={props.x}
      y={row.y}
      width={w}
      height={row.h}
      draggable={handlers.movable}
      dragBoundFunc={(pos) => ({ x: props.screenX, y: pos.y })}
      onDragEnd={props.onDragEnd}
      onClick={(e) => handlers.onSelect(row.id, e.evt.shiftKey)}
      onTap={() => handlers.onSelect(row.id, false)}
      onDblClick={() => !handlers.readOnly && handlers.onRename('lane', row.id)}
      onDblTap={() => !handlers.readOnly && handlers.onRename('lane', row.id)}
    >
      <Rect
        width={w}
        height={row.h}
        fill={colors.header}
        stroke={selected ? colors.selection : colors.grid}
        strokeWidth={selected ? 2 : 1}
      />
      {props.folded ? (
        <FoldedName {...props} tint={tint} />
      ) : (
        <>
          <Rect width={4} height={row.h} fill={tint} />
          <Text
            x={14}
            y={14}
            width={GRID.headerW - 24}
            text={`${style.icon}  ${row.name}`}
            fontSize={14}
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
        </>
      )}
    </Group>
  );
}

/** Screen pixels of the folded strip's icon and name, and their margins. */
const FOLDED_FONT_PX = 12;
const FOLDED_PAD_PX = 6;
const TINT_PX = 4;
/** Shorter than this on screen, a lane's strip shows its icon only (no "…" alone). */
const MIN_NAME_PX = 28;

/**
 * The folded header: the kind's tint along its left edge, its icon upright at the bottom and
 * the name written upwards above it, cut with an ellipsis when the lane is shorter on screen
 * than the name.
 */
function FoldedName(props: LaneHeaderProps & { tint: string }) {
  const { row, colors, zoom } = props;
  const px = (n: number) => n / zoom;
  const style = LANE_STYLE[row.kind];
  const font = px(FOLDED_FONT_PX);
  const line = font * 1.2;
  // Centred across the strip, right of the tint.
  const across = px(TINT_PX + (LANE_STRIP_PX - TINT_PX - FOLDED_FONT_PX * 1.2) / 2);
  const iconTop = row.h - px(FOLDED_PAD_PX) - line;
  const nameLength = iconTop - px(FOLDED_PAD_PX + 2);
  return (
    <>
      <Rect width={px(TINT_PX)} height={row.h} fill={props.tint} listening={false} />
      {row.h * zoom >= line * zoom + 2 * FOLDED_PAD_PX && (
        <Text
          x={across}
          y={iconTop}
          width={line}
          height={line}
          align="center"
          text={style.icon}
          fontSize={font}
          lineHeight={1.2}
          listening={false}
        />
      )}
      {nameLength * zoom >= MIN_NAME_PX && (
        <Text
          x={across}
          y={iconTop - px(2)}
          rotation={-90}
          width={nameLength}
          height={line}
          text={row.name}
          fontSize={font}
          lineHeight={1.2}
          fontStyle="bold"
          fill={colors.headerText}
          wrap="none"
          ellipsis
          listening={false}
        />
      )}
    </>
  );
}
