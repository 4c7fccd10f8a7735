import { Circle, Group, Line, Rect, Text } from 'react-konva';
import type { CesMethod } from '../../../../shared/model/schema.js';
import type { CardBox } from '../core/layout.js';
import { formatMetric, METRIC_SHORT, RATING_COLOR, rateMetric } from '../core/visuals.js';

const ALERT_COLOR = RATING_COLOR.poor;
import {
  formatDelta,
  latestDelta,
  shownMetrics,
  sparkline,
  type CardTrends,
} from '../metrics/trends.js';

/** Height of the badge row: one line of figures, or two with a series (sparkline, Δ and n). */
export const badgeHeight = (trends: CardTrends | undefined) => (trends ? 34 : 22);

/**
 * A card's figures along its bottom, each coloured by how it rates; a metric with a series also
 * shows its change against the previous period, a sparkline of the last points and its n (W265),
 * and a red "!" on its corner when its series alerts (W297).
 */
export function MetricBadges(props: {
  box: CardBox;
  meanVolume: number;
  trends: CardTrends | undefined;
  /** The board's CES method (W248): which CES figure shows, and the word saying so. */
  cesMethod?: CesMethod;
}) {
  const { box, meanVolume, trends } = props;
  const figures = shownMetrics(box.card.metrics, trends, props.cesMethod);
  const keys = figures.map((f) => f.key);
  // Figures with a series need the room: they share the card's width; plain ones take a quarter.
  const slots = trends ? Math.max(1, keys.length) : Math.max(4, keys.length);
  const w = (box.w - 16) / slots - 4;
  const h = badgeHeight(trends);
  return (
    <Group y={box.h - h - 8} x={8} listening={false}>
      {figures.map(({ key, value, method, suffix, series }, i) => {
        const color = RATING_COLOR[rateMetric(key, value, meanVolume, method)];
        const latest = series?.[series.length - 1];
        const delta = series ? latestDelta(series) : null;
        const n = latest?.value === value ? latest.n : undefined;
        const alerting = trends?.alerts.some((a) => a.metric === key) ?? false;
        return (
          <Group key={key} x={i * (w + 4)} name={`metric-${key}`}>
            <Rect width={w} height={h} cornerRadius={5} fill={color} opacity={0.12} />
            <Text
              name="metric-value"
              width={w}
              height={series ? 16 : h}
              y={series ? 2 : 0}
              align="center"
              verticalAlign="middle"
              text={`${METRIC_SHORT[key]} ${formatMetric(key, value, method)}${suffix}${delta === null ? '' : ` ${formatDelta(delta)}`}`}
              fontSize={10}
              fontStyle="bold"
              fill={color}
              wrap="none"
              ellipsis
            />
            {series && (
              <Line
                name="sparkline"
                x={4}
                y={20}
                points={sparkline(series, w / 2 - 6, 10)}
                stroke={color}
                strokeWidth={1.2}
                lineJoin="round"
              />
            )}
            {alerting && (
              <Group name="metric-alert" x={w - 4} y={0}>
                <Circle radius={6} fill={ALERT_COLOR} />
                <Text
                  x={-6}
                  y={-6}
                  width={12}
                  height={12}
                  align="center"
                  verticalAlign="middle"
                  text="!"
                  fontSize={10}
                  fontStyle="bold"
                  fill="#ffffff"
                />
              </Group>
            )}
            {n !== undefined && (
              <Text
                name="metric-n"
                x={w / 2}
                y={18}
                width={w / 2 - 3}
                height={14}
                align="right"
                verticalAlign="middle"
                text={`n=${n}`}
                fontSize={9}
                fill={color}
                wrap="none"
                ellipsis
              />
            )}
          </Group>
        );
      })}
    </Group>
  );
}
