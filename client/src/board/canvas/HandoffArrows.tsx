/**
 * The handoffs of the journey (W283) as arrows between their two touchpoints: a non-interactive
 * overlay, computed once per board snapshot and layout (never per frame of a pan or zoom).
 */
import { memo, useMemo } from 'react';
import { Arrow, Group } from 'react-konva';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { handoffArrows } from '../core/handoffGeometry.js';
import type { GridLayout } from '../core/layout.js';
import { RATING_COLOR } from '../core/visuals.js';
export const HandoffArrows = memo(function HandoffArrows(props: {
  board: BoardSnapshot;
  layout: GridLayout;
  muted: string;
}) {
  const { board, layout } = props;
  const arrows = useMemo(() => handoffArrows(board, layout), [board, layout]);
  if (arrows.length === 0) return null;
  return (
    <Group listening={false} name="handoff-arrows">
      {arrows.map((a) => (
        <Arrow
          key={a.id}
          name="handoff-arrow"
          points={a.points}
          stroke={a.worse ? RATING_COLOR.poor : props.muted}
          fill={a.worse ? RATING_COLOR.poor : props.muted}
          strokeWidth={3}
          pointerLength={9}
          pointerWidth={9}
          dash={[8, 4]}
          lineCap="round"
          perfectDrawEnabled={false}
        />
      ))}
    </Group>
  );
});
