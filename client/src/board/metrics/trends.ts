/**
 * A card's metric series as the tile and the panel show them (W265): per metric, the points
 * oldest first, the latest value, its change against the previous period, and the n behind it.
 */
import {
  alertOf,
  alertText,
  periodsName,
  type MetricAlert,
} from '../../../../shared/model/metricAlerts.js';
import {
  byPeriod,
  type CardMetricPoint,
  type MetricPoint,
} from '../../../../shared/model/metricSeries.js';
import { METRIC_KEYS, type MetricKey } from '../../../../shared/model/schema.js';

/** The last points a sparkline draws. */
export const SPARK_POINTS = 8;

export interface CardTrends {
  /** Changes when any point of the card changes: what the canvas compares to redraw a card. */
  key: string;
  byMetric: Partial<Record<MetricKey, MetricPoint[]>>;
  /** The card's threshold alerts (W297), in METRIC_KEYS order: derived, never stored. */
  alerts: MetricAlert[];
}

/** Each card's series by metric, oldest first. */
export function trendsByCard(
  points: readonly CardMetricPoint[] | undefined,
): Map<string, CardTrends> {
  const cards = new Map<string, CardTrends>();
  for (const { cardId, ...point } of points ?? []) {
    const trends = cards.get(cardId) ?? { key: '', byMetric: {}, alerts: [] };
    (trends.byMetric[point.metric] ??= []).push(point);
    cards.set(cardId, trends);
  }
  for (const [cardId, trends] of cards) {
    const parts: string[] = [];
    for (const metric of METRIC_KEYS) {
      const series = trends.byMetric[metric];
      if (!series) continue;
      series.sort(byPeriod);
      const alert = alertOf(cardId, metric, series);
      if (alert) trends.alerts.push(alert);
      for (const p of series)
        parts.push(`${metric}|${p.periodEnd}|${p.writtenAt}|${p.value}|${p.n ?? ''}`);
    }
    trends.key = parts.join(';');
  }
  return cards;
}

/** Why a card alerts, in a sentence: `CSAT fell 12 points to 58% since the previous period (Jan → Feb 2026)`. */
export function alertSentence(alert: MetricAlert): string {
  const since = alert.previous ? ' since the previous period' : '';
  return `${alertText(alert)}${since} (${periodsName(alert)})`;
}

/** `▲+2.5`, `▼−3`, `±0`: the change against the previous period, with its sign. */
export function formatDelta(delta: number): string {
  const size = Math.round(Math.abs(delta) * 10) / 10;
  if (size === 0) return '±0';
  return delta > 0 ? `▲+${size}` : `▼−${size}`;
}

/** The change of the latest point against the one before, or null with fewer than two. */
export function latestDelta(series: readonly MetricPoint[]): number | null {
  if (series.length < 2) return null;
  const [prev, last] = series.slice(-2) as [MetricPoint, MetricPoint];
  return Math.round((last.value - prev.value) * 100) / 100;
}

/**
 * Polyline points (x0, y0, x1, y1, …) of the last SPARK_POINTS values in a w × h box, higher
 * values higher up; a flat series is a line across the middle.
 */
export function sparkline(series: readonly MetricPoint[], w: number, h: number): number[] {
  const values = series.slice(-SPARK_POINTS).map((p) => p.value);
  if (values.length < 2) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const step = w / (values.length - 1);
  return values.flatMap((v, i) => [
    Math.round(i * step * 10) / 10,
    max === min ? h / 2 : Math.round((h - ((v - min) / (max - min)) * h) * 10) / 10,
  ]);
}

/** How each metric is computed, in words for the card panel (W251). */
export const METRIC_FORMULA: Record<MetricKey, string> = {
  csat: 'CSAT: % of answers 4 or 5 on a 1–5 scale (top-2-box).',
  ces: 'CES: mean of the answers on a 1–7 scale, higher is easier (a mean, not top-2-box).',
  fcr: 'FCR: % of contacts resolved on first contact.',
  nps: 'NPS: % of answers 9–10 (promoters) − % of answers 0–6 (detractors), on a 0–10 scale.',
  volume: 'Volume: the number of contacts in the period (not the number of survey answers).',
};
