import { Circle, Group, Rect, Text } from 'react-konva';
import { SHARED_COLOR, SHARED_PILL } from '../links/sharedView.js';
import type { CanvasColors } from './theme.js';

const { w: PILL_W, h: PILL_H } = SHARED_PILL;

/**
 * A shared card's mark, drawn at its top-right corner (`right` is the corner's x): a copy gets
 * "⇄ Shared" (a bolder dot far out, where words would be unreadable), an origin a smaller
 * outlined dot. `scale` grows it as the view zooms out so it stays readable.
 */
export function SharedMarkNode(props: {
  kind: 'copy' | 'origin';
  right: number;
  scale: number;
  colors: CanvasColors;
  cardId: string;
}) {
  const { kind, scale, right } = props;
  const common = { name: 'shared-mark', id: `shared-mark-${props.cardId}`, listening: false };
  if (kind === 'copy' && scale === 1)
    return (
      <Group {...common} x={right - PILL_W} y={6}>
        <Rect width={PILL_W} height={PILL_H} cornerRadius={PILL_H / 2} fill={SHARED_COLOR} />
        <Text
          width={PILL_W}
          height={PILL_H}
          align="center"
          verticalAlign="middle"
          text="⇄ Shared"
          fontSize={11}
          fontStyle="bold"
          fill="#ffffff"
        />
      </Group>
    );
  const r = (kind === 'copy' ? 9 : 7) * scale;
  return (
    <Group {...common} x={right - r} y={6 + r}>
      <Circle
        radius={r}
        fill={kind === 'copy' ? SHARED_COLOR : props.colors.dark ? '#2b2250' : '#ffffff'}
        stroke={SHARED_COLOR}
        strokeWidth={1.5 * scale}
      />
      <Text
        x={-r}
        y={-r}
        width={2 * r}
        height={2 * r}
        align="center"
        verticalAlign="middle"
        text="⇄"
        fontSize={r * 1.2}
        fontStyle="bold"
        fill={kind === 'copy' ? '#ffffff' : SHARED_COLOR}
      />
    </Group>
  );
}
