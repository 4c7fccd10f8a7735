import { Group, Line, Text } from 'react-konva';
import { emotionY, GRID, sentimentCurve, type GridLayout } from '../core/layout.js';
import type { CanvasColors } from './theme.js';

/** The sentiment curve through each stage's mean emotion, drawn under the emotion points. */
export function EmotionCurve({ layout, colors }: { layout: GridLayout; colors: CanvasColors }) {
  const row = layout.rows.find((r) => r.kind === 'emotions');
  if (!row) return null;
  const points = sentimentCurve(layout);
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
      {points.length > 1 && (
        <Line
          points={points.flatMap((p) => [p.x, p.y])}
          stroke={colors.accent}
          strokeWidth={3}
          tension={0.35}
          lineCap="round"
          lineJoin="round"
          opacity={0.85}
        />
      )}
    </Group>
  );
}
