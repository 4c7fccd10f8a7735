import { describe, expect, it } from 'vitest';
import type { CardMetricPoint } from '../../../../shared/model/metricSeries.js';
import {
  alertSentence,
  formatDelta,
  latestDelta,
  sparkline,
  trendsByCard,
} from '../../../../client/src/board/metrics/trends.js';
import { cardLabel, metricBadges } from '../../../../client/src/board/table/cardText.js';
import type { Card } from '../../../../shared/model/schema.js';

const point = (cardId: string, periodEnd: string, value: number, n?: number): CardMetricPoint => ({
  cardId,
  metric: 'csat',
  value,
  ...(n === undefined ? {} : { n }),
  periodStart: periodEnd,
  periodEnd,
  source: 'api',
  writtenAt: '2026-12-01T00:00:00.000Z',
});

describe('metric trends on the tile and in the panel', () => {
  it("W265: groups each card's points by metric, oldest first, with a key that changes with any point", () => {
    const points = [
      point('a', '2026-03-31', 70),
      point('a', '2026-01-31', 60),
      point('b', '2026-01-31', 10),
    ];
    const trends = trendsByCard(points);
    expect(trends.get('a')!.byMetric.csat!.map((p) => p.value)).toEqual([60, 70]);
    const changed = trendsByCard([...points.slice(0, 2), point('b', '2026-01-31', 11)]);
    expect(changed.get('a')!.key).toBe(trends.get('a')!.key);
    expect(changed.get('b')!.key).not.toBe(trends.get('b')!.key);
    expect(trendsByCard(undefined).size).toBe(0);
  });

  it('W265: shows the change against the previous period with ▲/▼ and its sign', () => {
    const series = trendsByCard([point('a', '2026-01-31', 60), point('a', '2026-02-28', 57.5)]).get(
      'a',
    )!.byMetric.csat!;
    expect(latestDelta(series)).toBe(-2.5);
    expect(formatDelta(-2.5)).toBe('▼−2.5');
    expect(formatDelta(3)).toBe('▲+3');
    expect(formatDelta(0)).toBe('±0');
    expect(latestDelta(series.slice(0, 1))).toBeNull();
  });

  it('W265: draws a sparkline of the last 8 points, higher values higher up', () => {
    const months = Array.from({ length: 10 }, (_, i) =>
      point('a', `2026-${String(i + 1).padStart(2, '0')}-28`, i === 9 ? 100 : 50),
    );
    const line = sparkline(trendsByCard(months).get('a')!.byMetric.csat!, 70, 10);
    expect(line).toHaveLength(16);
    expect(line.slice(0, 2)).toEqual([0, 10]);
    expect(line.slice(-2)).toEqual([70, 0]);
    expect(sparkline(months.slice(0, 1), 70, 10)).toEqual([]);
  });

  it('W265: the table shows the latest value with its Δ, and says it in the accessible name', () => {
    const trends = trendsByCard([point('a', '2026-01-31', 60), point('a', '2026-02-28', 64)]).get(
      'a',
    );
    const card: Card = {
      id: 'a',
      stageId: 's',
      laneId: 'l',
      order: 'a0',
      text: 'Kickoff call',
      metrics: { csat: 64 },
      tags: [],
      evidence: [],
    };
    expect(metricBadges(card, 0, trends)).toEqual([
      { key: 'csat', label: 'CSAT', value: '64%', rating: 'poor', delta: '▲+4' },
    ]);
    expect(cardLabel({ card, meanVolume: 0, staleDays: null, index: 0, of: 1, trends })).toContain(
      'CSAT 64% ▲+4 since the previous period (poor)',
    );
    // A value typed since the last point has no Δ of its own.
    expect(metricBadges({ ...card, metrics: { csat: 90 } }, 0, trends)[0]!.delta).toBeUndefined();
  });

  it('W298: a card whose series alerts says why in its badge, its accessible name and the panel', () => {
    const monthly = (periodStart: string, periodEnd: string, value: number) => ({
      ...point('a', periodEnd, value),
      periodStart,
    });
    const trends = trendsByCard([
      monthly('2026-01-01', '2026-01-31', 70),
      monthly('2026-02-01', '2026-02-28', 58),
    ]).get('a')!;
    expect(trends.alerts.map((a) => [a.metric, a.reason])).toEqual([['csat', 'red']]);
    const card: Card = {
      id: 'a',
      stageId: 's',
      laneId: 'l',
      order: 'a0',
      text: 'Payment page',
      metrics: { csat: 58 },
      tags: [],
      evidence: [],
    };
    const why = 'CSAT fell 12 points to 58% since the previous period (Jan → Feb 2026)';
    expect(alertSentence(trends.alerts[0]!)).toBe(why);
    expect(metricBadges(card, 0, trends)[0]!.alert).toBe(why);
    expect(cardLabel({ card, meanVolume: 0, staleDays: null, index: 0, of: 1, trends })).toContain(
      `alert: ${why}`,
    );
    // Improving never alerts: no mark, nothing said.
    const better = trendsByCard([point('a', '2026-01-31', 40), point('a', '2026-02-28', 90)]);
    expect(better.get('a')!.alerts).toEqual([]);
    expect(
      metricBadges({ ...card, metrics: { csat: 90 } }, 0, better.get('a'))[0]!.alert,
    ).toBeUndefined();
  });
});
