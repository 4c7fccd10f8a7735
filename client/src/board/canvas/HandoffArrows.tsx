/**
 * The handoffs of the journey (W283) as arrows between their two touchpoints: a non-interactive
 * overlay, computed once per board snapshot and layout (never per frame of a pan or zoom).
 */
import { memo, useMemo } from 'react';
import { Arrow, Group } from 'react-konva';
import { computeHandoffs } from '../../../../shared/model/handoffs.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { borderPoint } from '../core/arrows.js';
import type { GridLayout, Rect } from '../core/layout.js';
import { RATING_COLOR } from '../core/visuals.js';

export interface HandoffArrow {
  id: string;
  points: [number, number, number, number];
  /** The handoff makes things worse (severity above 0). */
  worse: boolean;
}

const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** Each handoff's arrow from border to border of its touchpoints' boxes, where both are laid out. */
export function handoffArrows(board: BoardSnapshot, layout: GridLayout): HandoffArrow[] {
  return computeHandoffs(board).flatMap((h) => {
    const [from, to] = [layout.cards.get(h.fromCardId), layout.cards.get(h.toCardId)];
    if (!from || !to) return [];
    const start = borderPoint(from, centre(to));
    const end = borderPoint(to, centre(from));
    return [
      {
        id: `${h.fromCardId}>${h.toCardId}`,
        points: [start.x, start.y, end.x, end.y],
        worse: h.severity > 0,
      },
    ];
  });
}

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
