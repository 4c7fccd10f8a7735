/**
 * Metric ratings and threshold alerts (W296–W298): the red/amber/green bands every view uses,
 * and the rule that says when a card's series alerts its board's owners. Pure: the client marks
 * cards with it, the server compares it before and after a write to tell the inbox.
 */
import { METRIC_NAME, methodOf, sameSeries } from './metricSeries.js';
import type { CardMetricPoint, CesMethod, MetricKey, MetricPoint } from './schema.js';

export type Rating = 'good' | 'fair' | 'poor';

/**
 * W296: the absolute bands, higher is better for each (CES is ease: 7 is easiest). At or above
 * `good` is green, at or above `fair` amber, below it red. Volume has no absolute band: it is
 * rated against the board's mean (`rateMetric`).
 */
export const RATING_BANDS: Record<Exclude<MetricKey, 'volume'>, { good: number; fair: number }> = {
  csat: { good: 80, fair: 65 },
  fcr: { good: 75, fair: 60 },
  nps: { good: 30, fair: 0 },
  ces: { good: 5.5, fair: 4 },
};

/** W248: CES top-2-box (% of answers 6–7) has bands of its own, as a share. */
export const CES_TOP2_BAND = { good: 70, fair: 50 };

/** Volume at most this many times the board's mean is green, at most `VOLUME_FAIR` amber. */
const VOLUME_GOOD = 1.2;
const VOLUME_FAIR = 2;

export function rateMetric(
  key: MetricKey,
  value: number,
  meanVolume = 0,
  method?: CesMethod,
): Rating {
  if (key === 'volume') {
    if (meanVolume <= 0) return 'good';
    if (value <= meanVolume * VOLUME_GOOD) return 'good';
    return value <= meanVolume * VOLUME_FAIR ? 'fair' : 'poor';
  }
  const band = key === 'ces' && method === 'top2box' ? CES_TOP2_BAND : RATING_BANDS[key];
  return value >= band.good ? 'good' : value >= band.fair ? 'fair' : 'poor';
}

export function formatMetric(key: MetricKey, value: number, method?: CesMethod): string {
  if (key === 'csat' || key === 'fcr') return `${Math.round(value)}%`;
  if (key === 'ces' && method === 'top2box') return `${Math.round(value)}%`;
  if (key === 'ces') return value.toFixed(1);
  // NPS is a signed score, not a percentage: "+32", "−8".
  if (key === 'nps') return value > 0 ? `+${Math.round(value)}` : String(Math.round(value));
  if (value >= 10_000) return `${Math.round(value / 1000)}k`;
  if (value >= 1000) return `${(value / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return String(Math.round(value));
}

/**
 * W297: how far a metric may move the worse way between two periods before it alerts: points
 * for the scores (strictly more than this alerts), a share of the previous value for volume,
 * where a rise is worse (more contacts); for every other metric a fall is worse.
 */
export const ALERT_MOVES: Record<MetricKey, number> = {
  csat: 10,
  fcr: 10,
  nps: 15,
  ces: 0.8,
  volume: 0.5,
};
/** W248: a top-2-box CES is a share, so it may fall 10 points like CSAT. */
export const CES_TOP2_ALERT_MOVE = 10;

/** `CES top-2` for a top-2-box CES (W249), else the metric's name. */
export function seriesName(metric: MetricKey, method?: CesMethod): string {
  return metric === 'ces' && method === 'top2box' ? 'CES top-2' : METRIC_NAME[metric];
}

export interface MetricAlert {
  cardId: string;
  metric: MetricKey;
  /** `red`: the latest point is red and the one before was not (or there was none). */
  reason: 'red' | 'moved';
  latest: MetricPoint;
  previous?: MetricPoint;
  /** latest − previous value, when there is a previous point. */
  delta?: number;
}

const isRed = (metric: MetricKey, value: number, method?: CesMethod) =>
  metric !== 'volume' && rateMetric(metric, value, 0, method) === 'poor';

/** Whether `latest` moved the worse way by more than the metric's allowance. */
function movedWorse(
  metric: MetricKey,
  previous: number,
  latest: number,
  method?: CesMethod,
): boolean {
  if (metric === 'volume') return previous > 0 && latest > previous * (1 + ALERT_MOVES.volume);
  const allowance = method === 'top2box' ? CES_TOP2_ALERT_MOVE : ALERT_MOVES[metric];
  // Rounded like the delta shown, so "exactly 10 points" never alerts by a float's hair.
  return Math.round((previous - latest) * 100) / 100 > allowance;
}

/**
 * The alert of one card's series of one metric (oldest first), or null. A CES series is judged
 * by its latest point's method, against the one before of the same method only (W248).
 */
export function alertOf(
  cardId: string,
  metric: MetricKey,
  series: readonly MetricPoint[],
): MetricAlert | null {
  const last = series[series.length - 1];
  const own = last ? series.filter((p) => sameSeries(p, last)) : [];
  const latest = own[own.length - 1];
  if (!latest) return null;
  const method = methodOf(latest);
  const previous = own[own.length - 2];
  if (!previous)
    return isRed(metric, latest.value, method) ? { cardId, metric, reason: 'red', latest } : null;
  const delta = Math.round((latest.value - previous.value) * 100) / 100;
  const alert = { cardId, metric, latest, previous, delta };
  if (isRed(metric, latest.value, method) && !isRed(metric, previous.value, method))
    return { ...alert, reason: 'red' };
  return movedWorse(metric, previous.value, latest.value, method)
    ? { ...alert, reason: 'moved' }
    : null;
}

/**
 * Every alerting card and metric of a board's points (as `readMetricSeries` gives them: by card,
 * metric, then period), in that order.
 */
export function metricAlerts(points: readonly CardMetricPoint[]): MetricAlert[] {
  const alerts: MetricAlert[] = [];
  let start = 0;
  for (let i = 1; i <= points.length; i++) {
    const head = points[start]!;
    const next = points[i];
    if (next && next.cardId === head.cardId && sameSeries(next, head)) continue;
    const alert = alertOf(head.cardId, head.metric, points.slice(start, i));
    if (alert) alerts.push(alert);
    start = i;
  }
  return alerts;
}

/** The key that names an alert once: its card, metric (`ces-top2box` for W248) and period. */
export const alertKey = (a: Pick<MetricAlert, 'cardId' | 'metric' | 'latest'>): string =>
  `${a.cardId}:${methodOf(a.latest) === 'top2box' ? 'ces-top2box' : a.metric}:${a.latest.periodEnd}`;

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** A period in words: `Feb 2026` for a whole calendar month, else its last day. */
export function periodName(p: Pick<MetricPoint, 'periodStart' | 'periodEnd'>): string {
  const [y, m] = p.periodStart.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const wholeMonth =
    p.periodStart.endsWith('-01') && p.periodEnd === `${p.periodStart.slice(0, 8)}${lastDay}`;
  return wholeMonth ? `${MONTHS[m - 1]} ${y}` : p.periodEnd;
}

/** `Jan → Feb 2026`, `Dec 2025 → Jan 2026`, `2026-01-07 → 2026-01-14`. */
export function periodsName(alert: MetricAlert): string {
  const latest = periodName(alert.latest);
  if (!alert.previous) return latest;
  const previous = periodName(alert.previous);
  const sameYear = /^\w{3} \d{4}$/.test(previous) && previous.slice(4) === latest.slice(-4);
  return `${sameYear ? previous.slice(0, 3) : previous} → ${latest}`;
}

/** W298: why a card alerts, e.g. `CSAT fell 12 points to 58%`, `volume rose 60% to 1.6k`. */
export function alertText(alert: MetricAlert): string {
  const { metric, latest, previous, delta } = alert;
  const method = methodOf(latest);
  const name = seriesName(metric, method);
  const to = formatMetric(metric, latest.value, method);
  if (!previous || delta === undefined) return `${name} is in the red at ${to}`;
  const size = Math.abs(delta);
  if (metric === 'volume') {
    const share = previous.value > 0 ? Math.round((size / previous.value) * 100) : 0;
    const way = delta >= 0 ? 'rose' : 'fell';
    return `${name} ${way} ${share}% to ${to}`;
  }
  const way = delta >= 0 ? 'rose' : 'fell';
  const mean = method === 'mean';
  const amount = mean ? size.toFixed(1) : String(Math.round(size * 10) / 10);
  const unit = mean ? '' : size === 1 ? ' point' : ' points';
  return `${name} ${way} ${amount}${unit} to ${to}`;
}
