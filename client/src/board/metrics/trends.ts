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
import {
  METRIC_KEYS,
  type CesMethod,
  type MetricKey,
  type Metrics,
} from '../../../../shared/model/schema.js';

/** The last points a sparkline draws. */
export const SPARK_POINTS = 8;

export interface CardTrends {
  /** Changes when any point of the card changes: what the canvas compares to redraw a card. */
  key: string;
  /** Per metric, oldest first; CES holds its mean points only (W247). */
  byMetric: Partial<Record<MetricKey, MetricPoint[]>>;
  /** CES top-2-box points, oldest first (W247): a series of its own, never mixed with the mean. */
  cesTop2box?: MetricPoint[];
  /** The board's CES method the card is shown by (W248). */
  cesMethod: CesMethod;
  /** The card's threshold alerts (W297), in METRIC_KEYS order: derived, never stored. */
  alerts: MetricAlert[];
}

/**
 * W248: the CES series a card shows: the board's method's when the card has one, else the other
 * (a card without a top-2-box point still shows its mean, saying so).
 */
function shownCesSeries(trends: CardTrends): MetricPoint[] | undefined {
  const [mean, top2] = [trends.byMetric.ces, trends.cesTop2box];
  return trends.cesMethod === 'top2box' ? (top2 ?? mean) : (mean ?? top2);
}

/** Each card's series by metric, oldest first; CES judged by the board's method (W248). */
export function trendsByCard(
  points: readonly CardMetricPoint[] | undefined,
  cesMethod: CesMethod = 'mean',
): Map<string, CardTrends> {
  const cards = new Map<string, CardTrends>();
  for (const { cardId, ...point } of points ?? []) {
    const trends = cards.get(cardId) ?? { key: '', byMetric: {}, cesMethod, alerts: [] };
    if (point.method === 'top2box') (trends.cesTop2box ??= []).push(point);
    else (trends.byMetric[point.metric] ??= []).push(point);
    cards.set(cardId, trends);
  }
  for (const [cardId, trends] of cards) {
    const parts: string[] = [cesMethod];
    trends.cesTop2box?.sort(byPeriod);
    for (const metric of METRIC_KEYS) {
      trends.byMetric[metric]?.sort(byPeriod);
      const series = metric === 'ces' ? shownCesSeries(trends) : trends.byMetric[metric];
      if (!series) continue;
      const alert = alertOf(cardId, metric, series);
      if (alert) trends.alerts.push(alert);
    }
    for (const p of [...Object.values(trends.byMetric).flat(), ...(trends.cesTop2box ?? [])])
      parts.push(
        `${p.metric}|${p.method ?? ''}|${p.periodEnd}|${p.writtenAt}|${p.value}|${p.n ?? ''}`,
      );
    trends.key = parts.join(';');
  }
  return cards;
}

/** A figure a card shows: its value, how it was computed (CES) and the series behind it. */
export interface ShownMetric {
  key: MetricKey;
  value: number;
  /** CES only: the method of `value` (W247). */
  method?: CesMethod;
  /** `' top-2'`, `' mean'` (a mean on a top-2-box board) or `''`: what follows the value. */
  suffix: string;
  series?: MetricPoint[];
}

/**
 * The figures a card shows, in METRIC_KEYS order (W248): the card's values, except CES on a
 * top-2-box board, which shows the latest top-2-box point when the card has one. A CES figure
 * says its method whenever it may be read as the other: `CES 72% top-2`, `CES 5.6 mean`.
 */
export function shownMetrics(
  metrics: Metrics,
  trends: CardTrends | undefined,
  cesMethod: CesMethod = 'mean',
): ShownMetric[] {
  const shown: ShownMetric[] = [];
  for (const key of METRIC_KEYS) {
    const top2 = key === 'ces' ? trends?.cesTop2box?.at(-1) : undefined;
    const mean = metrics[key];
    if (top2 && (cesMethod === 'top2box' || mean === undefined)) {
      const series = trends?.cesTop2box;
      shown.push({ key, value: top2.value, method: 'top2box', suffix: ' top-2', series });
    } else if (mean !== undefined) {
      const figure: ShownMetric = { key, value: mean, suffix: '', series: trends?.byMetric[key] };
      if (key === 'ces') figure.method = 'mean';
      if (key === 'ces' && cesMethod === 'top2box') figure.suffix = ' mean';
      shown.push(figure);
    }
  }
  return shown;
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

/** W246: how CES is computed by each method, in words for the panels. */
export const CES_FORMULA: Record<CesMethod, string> = {
  mean: 'CES (mean): the mean of the answers on a 1–7 scale, higher is easier; 1–7.',
  top2box: 'CES (top-2-box): % of answers 6 or 7 on a 1–7 scale; 0–100 %.',
};

/** How each metric is computed, in words for the card panel (W251). */
export const METRIC_FORMULA: Record<MetricKey, string> = {
  csat: 'CSAT: % of answers 4 or 5 on a 1–5 scale (top-2-box).',
  ces: `${CES_FORMULA.mean} ${CES_FORMULA.top2box} Each board says which it shows.`,
  fcr: 'FCR: % of contacts resolved on first contact.',
  nps: 'NPS: % of answers 9–10 (promoters) − % of answers 0–6 (detractors), on a 0–10 scale.',
  volume: 'Volume: the number of contacts in the period (not the number of survey answers).',
};
