import { useMemo } from 'react';
import { Group, Line, Text } from 'react-konva';
import { personasOf } from '../../../../shared/model/personas.js';
import type { BoardMeta } from '../../../../shared/model/schema.js';
import { emotionY, GRID, sentimentCurve, type GridLayout } from '../core/layout.js';
import type { CanvasColors } from './theme.js';
import { ExpectationBand } from './ExpectationBand.js';
import { expectationRuns } from '../core/handoffGeometry.js';

const NO_HIDDEN: ReadonlySet<string> = new Set();

/**
 * The colour a persona's curve and points are drawn in: a board with one persona and no colour
 * chosen keeps the theme's accent, so an old board looks as it always did.
 */
export function curveColor(meta: BoardMeta, personaColor: string, colors: CanvasColors): string {
  const several = (meta.personas?.length ?? 0) > 1;
  return several || meta.persona.color ? personaColor : colors.accent;
}

/** Each persona's point colour on a board with several; null on a board with one (unchanged). */
export function pointColors(meta: BoardMeta): ReadonlyMap<string, string> | null {
  const personas = personasOf(meta);
  return personas.length > 1 ? new Map(personas.map((p) => [p.id, p.color])) : null;
}

/**
 * One sentiment curve per persona (W215) through each stage's mean emotion of its cards, drawn
 * under the emotion points; `hidden` persona ids are left out (this person's view only).
 */
export function EmotionCurve({
  layout,
  colors,
  meta,
  hidden = NO_HIDDEN,
}: {
  layout: GridLayout;
  colors: CanvasColors;
  meta: BoardMeta;
  hidden?: ReadonlySet<string>;
}) {
  const row = layout.rows.find((r) => r.kind === 'emotions');
  // Once per layout, not per frame of a pan or zoom.
  const bands = useMemo(
    () => new Map(personasOf(meta).map((p) => [p.id, expectationRuns(layout, p.id)])),
    [layout, meta],
  );
  if (!row) return null;
  const left = GRID.headerW;
  const right = layout.width;
  return (
    <Group listening={false}>
      {[2, 0, -2].map((score) => (
        <Group key={score}>
          <Line
            points={[left, emotionY(row, score), right, emotionY(row, score)]}
            stroke={colors.grid}
            strokeWidth={score === 0 ? 1.5 : 1}
            dash={score === 0 ? [] : [2, 6]}
          />
          <Text
            x={left + 6}
            y={emotionY(row, score) - 14}
            text={score > 0 ? `+${score}` : `${score}`}
            fontSize={10}
            fill={colors.muted}
          />
        </Group>
      ))}
      {personasOf(meta)
        .filter((persona) => !hidden.has(persona.id) && (bands.get(persona.id)?.length ?? 0) > 0)
        .map((persona) => (
          <ExpectationBand
            key={persona.id}
            personaId={persona.id}
            runs={bands.get(persona.id)!}
            color={curveColor(meta, persona.color, colors)}
          />
        ))}
      {personasOf(meta)
        .filter((persona) => !hidden.has(persona.id))
        .map((persona) => {
          const points = sentimentCurve(layout, persona.id);
          if (points.length < 2) return null;
          return (
            <Line
              key={persona.id}
              name="emotion-curve"
              id={`emotion-curve-${persona.id}`}
              points={points.flatMap((p) => [p.x, p.y])}
              stroke={curveColor(meta, persona.color, colors)}
              strokeWidth={3}
              tension={0.35}
              lineCap="round"
              lineJoin="round"
              opacity={0.85}
            />
          );
        })}
    </Group>
  );
}
