import type Konva from 'konva';
import { Group, Rect, Text } from 'react-konva';
import { navigate } from '../../router.js';
import type { CanvasColors } from '../canvas/theme.js';
import { boardPath, linkLabel, useLinkedBoard } from './linkStore.js';

export const CHIP_H = 18;
const CHAR_W = 6.2;

function setCursor(e: Konva.KonvaEventObject<MouseEvent>, cursor: string): void {
  const container = e.target.getStage()?.container();
  if (container) container.style.cursor = cursor;
}

/**
 * A link chip on the canvas (a card tile, a stage header): the child's title, "Restricted
 * map" or "Missing map"; a click or tap opens the child. The panel and the table view offer the
 * same chip as a button, for keyboards and screen readers.
 */
export function LinkChipNode(props: {
  target: string;
  /** Konva id, for tests and reveals: `link-chip-<item id>`. */
  itemId: string;
  x: number;
  y: number;
  maxWidth: number;
  colors: CanvasColors;
  /** Right-aligned at `x` (its right edge) rather than starting there. */
  alignRight?: boolean;
}) {
  const linked = useLinkedBoard(props.target);
  const label = `↗ ${linkLabel(linked)}`;
  const w = Math.max(40, Math.min(props.maxWidth, label.length * CHAR_W + 14));
  const missing = linked?.state === 'missing';
  const open = (e: Konva.KonvaEventObject<Event>) => {
    e.cancelBubble = true;
    if (!missing) navigate(boardPath(props.target));
  };
  return (
    <Group
      name="link-chip"
      id={`link-chip-${props.itemId}`}
      x={props.alignRight ? props.x - w : props.x}
      y={props.y}
      onClick={open}
      onTap={open}
      onDblClick={(e) => (e.cancelBubble = true)}
      onMouseEnter={(e) => setCursor(e, missing ? 'not-allowed' : 'pointer')}
      onMouseLeave={(e) => setCursor(e, '')}
    >
      <Rect
        width={w}
        height={CHIP_H}
        cornerRadius={CHIP_H / 2}
        fill={props.colors.dark ? '#2b3350' : '#eef0ff'}
        stroke={missing ? '#b42318' : props.colors.accent}
        strokeWidth={1}
      />
      <Text
        x={7}
        width={w - 14}
        height={CHIP_H}
        verticalAlign="middle"
        text={label}
        fontSize={11}
        fontStyle="bold"
        fill={missing ? '#b42318' : props.colors.dark ? '#c7cbff' : '#3730a3'}
        ellipsis
        wrap="none"
        listening={false}
      />
    </Group>
  );
}
