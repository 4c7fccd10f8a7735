/**
 * Touchpoint metrics over time (W252–W255): each card's metrics as series of points
 * `{ metric, value, n?, periodStart, periodEnd, source, writtenAt }`, in the root map
 * `metricSeries` (card id → Y.Map keyed `<metric>|<periodStart>|<periodEnd>|<source>` → point).
 * The key makes a write idempotent: the same period and source again replaces, never adds. A
 * point is one plain value, so its value and n always change together. `card.metrics[m]` follows
 * the latest point (largest periodEnd, then the one written last), so every older view keeps
 * working.
 */
import * as Y from 'yjs';
import { setMetrics } from './cards.js';
import { boardRoots, ModelError, type YRecord } from './doc.js';
import { isPlainObject, isYMap, note, pathKey, wrongKind, type UnreadableSink } from './read.js';
import {
  CES_METHODS,
  CES_RANGES,
  METRIC_KEYS,
  METRIC_RANGES,
  type CardMetricPoint,
  type CesMethod,
  type MetricKey,
  type MetricPoint,
  type MetricPointInput,
} from './schema.js';

export type { CardMetricPoint, MetricPoint, MetricPointInput };

export const METRIC_SERIES_ROOT = 'metricSeries';
/** A source names a feed (`survey`, `qualtrics`, `api`): short, so keys stay small. */
export const SOURCE_MAX_CHARS = 64;

export const METRIC_NAME: Record<MetricKey, string> = {
  csat: 'CSAT',
  ces: 'CES',
  fcr: 'FCR',
  nps: 'NPS',
  volume: 'volume',
};

export interface PointProblem {
  /** The point's field at fault: `value`, `periodEnd`… */
  field: keyof MetricPoint;
  message: string;
}

/**
 * A top-2-box CES point's key ends `|top2box` (W247): both methods of one period and source
 * stand side by side, and a mean point keeps the key it always had.
 */
export function pointKey(
  p: Pick<MetricPointInput, 'metric' | 'periodStart' | 'periodEnd' | 'source' | 'method'>,
): string {
  const key = `${p.metric}|${p.periodStart}|${p.periodEnd}|${p.source}`;
  return p.metric === 'ces' && p.method === 'top2box' ? `${key}|top2box` : key;
}

/** How a point was computed: `mean` or `top2box` for CES, undefined for other metrics. */
export function methodOf(p: Pick<MetricPointInput, 'metric' | 'method'>): CesMethod | undefined {
  return p.metric === 'ces' ? (p.method ?? 'mean') : undefined;
}

/** W248: points compare (Δ, sparkline, bands, alerts) only within one metric and method. */
export function sameSeries(
  a: Pick<MetricPointInput, 'metric' | 'method'>,
  b: Pick<MetricPointInput, 'metric' | 'method'>,
): boolean {
  return a.metric === b.metric && methodOf(a) === methodOf(b);
}

export const isCesMethod = (v: unknown): v is CesMethod =>
  typeof v === 'string' && (CES_METHODS as readonly string[]).includes(v);

const isMetricKey = (v: unknown): v is MetricKey =>
  typeof v === 'string' && (METRIC_KEYS as readonly string[]).includes(v);

/** Whether a string is a calendar day written yyyy-mm-dd. */
export function isDay(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const ms = Date.parse(`${v}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === v;
}

/** The range a metric takes, in words: `CSAT must be 0–100`. */
export function rangeMessage(metric: MetricKey, method?: CesMethod): string {
  if (metric === 'volume') return 'volume must be a whole number ≥ 0';
  if (metric === 'ces' && method === 'top2box') return 'CES top-2-box must be 0–100 (a %)';
  const { min, max } = METRIC_RANGES[metric];
  return `${METRIC_NAME[metric]}${metric === 'ces' ? ' mean' : ''} must be ${min}–${max}`;
}

/** The range of a metric's values, by method for CES. */
export function rangeOf(metric: MetricKey, method?: CesMethod): { min: number; max: number } {
  return metric === 'ces' ? CES_RANGES[method ?? 'mean'] : METRIC_RANGES[metric];
}

/**
 * Every problem of a point as any client or request may give it (not yet typed), each naming
 * its field; empty when the point is sound. `writtenAt` is checked only when `stored`.
 */
export function pointProblems(p: Record<string, unknown>, stored = false): PointProblem[] {
  const problems: PointProblem[] = [];
  const add = (field: keyof MetricPoint, message: string) => problems.push({ field, message });
  const metric = p.metric;
  if (!isMetricKey(metric)) add('metric', `metric must be one of ${METRIC_KEYS.join(', ')}`);
  const method = p.method;
  const methodKnown = method === undefined || isCesMethod(method);
  if (method !== undefined && isMetricKey(metric) && metric !== 'ces')
    add('method', 'method is for CES only (mean or top2box)');
  else if (!methodKnown) add('method', `method must be one of ${CES_METHODS.join(', ')}`);
  const value = p.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) add('value', 'value must be a number');
  else if (isMetricKey(metric) && methodKnown) {
    const cesMethod = method as CesMethod | undefined;
    const { min, max } = rangeOf(metric, cesMethod);
    const whole = metric !== 'volume' || Number.isInteger(value);
    if (value < min || value > max || !whole) add('value', rangeMessage(metric, cesMethod));
  }
  if (p.n !== undefined && !(Number.isSafeInteger(p.n) && (p.n as number) >= 0))
    add('n', 'n must be a whole number ≥ 0');
  for (const field of ['periodStart', 'periodEnd'] as const)
    if (!isDay(p[field])) add(field, `${field} must be a date written yyyy-mm-dd`);
  if (isDay(p.periodStart) && isDay(p.periodEnd) && p.periodEnd < p.periodStart)
    add('periodEnd', 'periodEnd must not be before periodStart');
  const source = p.source;
  if (typeof source !== 'string' || !source.trim() || source.length > SOURCE_MAX_CHARS)
    add('source', `source must be 1 to ${SOURCE_MAX_CHARS} characters`);
  else if (source.trim() !== source || source.includes('|'))
    add('source', 'source must not start or end with spaces or hold "|"');
  if (stored && (typeof p.writtenAt !== 'string' || !Number.isFinite(Date.parse(p.writtenAt))))
    add('writtenAt', 'writtenAt must be an ISO 8601 time');
  return problems;
}

/** The point with a fixed key order and no absent n, so equal points are equal JSON. */
function normalized(p: MetricPoint): MetricPoint {
  const point: MetricPoint = {
    metric: p.metric,
    value: p.value,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    source: p.source,
    writtenAt: p.writtenAt,
  };
  if (p.n !== undefined) point.n = p.n;
  // A mean CES point is stored without `method`, as every point was before W247.
  if (p.metric === 'ces' && p.method === 'top2box') point.method = 'top2box';
  return point;
}

/** Newest last: by periodEnd, then writtenAt, then periodStart and source (any tie is stable). */
export function byPeriod(a: MetricPoint, b: MetricPoint): number {
  const keys = (p: MetricPoint) => [p.periodEnd, p.writtenAt, p.periodStart, p.source];
  const [x, y] = [keys(a), keys(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

/** One card's points in series order: metric (METRIC_KEYS order), mean before top-2-box, period. */
export function bySeries(a: MetricPoint, b: MetricPoint): number {
  const order = (p: MetricPoint) =>
    METRIC_KEYS.indexOf(p.metric) * 2 + (p.method === 'top2box' ? 1 : 0);
  return order(a) - order(b) || byPeriod(a, b);
}

function seriesRoot(doc: Y.Doc): Y.Map<unknown> {
  return boardRoots(doc).metricSeries;
}

/** The points of one card's Y.Map that read as sound; others noted under `path`. */
function readCardPoints(map: YRecord, path: string, into: UnreadableSink): MetricPoint[] {
  const points: MetricPoint[] = [];
  map.forEach((value, key) => {
    const where = `${path}.${pathKey(key)}`;
    if (!isPlainObject(value)) return note(into, where, wrongKind('a metric point object', value));
    const problems = pointProblems(value, true);
    if (problems.length > 0) return note(into, where, problems[0]!.message);
    const point = normalized(value as unknown as MetricPoint);
    if (pointKey(point) !== key) return note(into, where, 'is stored under another key');
    points.push(point);
  });
  return points;
}

/**
 * Every sound point of the board, by card id, then metric (METRIC_KEYS order), then period;
 * a foreign value is noted in `into` and skipped, never thrown.
 */
export function readMetricSeries(doc: Y.Doc, into?: UnreadableSink): CardMetricPoint[] {
  const all: CardMetricPoint[] = [];
  seriesRoot(doc).forEach((value, cardId) => {
    const path = `${METRIC_SERIES_ROOT}.${pathKey(cardId)}`;
    if (!isYMap(value)) return note(into, path, wrongKind('a Y.Map', value));
    for (const p of readCardPoints(value, path, into)) all.push({ cardId, ...p });
  });
  return all.sort(
    (a, b) => (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0) || bySeries(a, b),
  );
}

/** One card's points of one metric (of one method, for CES: mean by default), oldest first. */
export function seriesOf(
  points: readonly CardMetricPoint[],
  cardId: string,
  metric: MetricKey,
  method?: CesMethod,
): CardMetricPoint[] {
  const want = { metric, method };
  return points.filter((p) => p.cardId === cardId && sameSeries(p, want)).sort(byPeriod);
}

export interface MetricTrend {
  latest: MetricPoint;
  previous?: MetricPoint;
  /** latest − previous value, when there is a previous point. */
  delta?: number;
}

/** The latest point of a series (oldest first) and its change against the one before. */
export function metricTrend(series: readonly MetricPoint[]): MetricTrend | null {
  const latest = series[series.length - 1];
  if (!latest) return null;
  const previous = series[series.length - 2];
  if (!previous) return { latest };
  const delta = Math.round((latest.value - previous.value) * 100) / 100;
  return { latest, previous, delta };
}

function cardSeriesMap(doc: Y.Doc, cardId: string): YRecord {
  const root = seriesRoot(doc);
  const existing = root.get(cardId);
  if (isYMap(existing)) return existing;
  const fresh = new Y.Map<unknown>();
  root.set(cardId, fresh);
  return fresh;
}

export interface PointWrite extends MetricPointInput {
  cardId: string;
}

export interface WriteCounts {
  /** New points, and points whose value or n changed. */
  written: number;
  /** Points that were already there with the same value and n. */
  unchanged: number;
}

/**
 * Writes points in one transaction: a point under an existing key with the same value and n is
 * left as it is (unchanged), otherwise it is set (new, or replacing the old value). Each card's
 * metric then equals its latest point. Throws a ModelError naming the point and field when any
 * point is unsound or its card missing; nothing is written then.
 */
export function writeMetricPoints(
  doc: Y.Doc,
  points: readonly PointWrite[],
  writtenAt: string = new Date().toISOString(),
  origin?: unknown,
): WriteCounts {
  const cards = boardRoots(doc).cards;
  if (!Number.isFinite(Date.parse(writtenAt)))
    throw new ModelError('writtenAt must be an ISO 8601 time', 'writtenAt');
  points.forEach((p, i) => {
    const problem = pointProblems({ ...p }, false)[0];
    if (problem) throw new ModelError(problem.message, `points[${i}].${problem.field}`);
    if (!isYMap(cards.get(p.cardId)))
      throw new ModelError(`card '${p.cardId}' does not exist`, `points[${i}].cardId`);
  });
  const counts: WriteCounts = { written: 0, unchanged: 0 };
  doc.transact(() => {
    const touched = new Map<string, Set<MetricKey>>();
    for (const { cardId, ...input } of points) {
      const map = cardSeriesMap(doc, cardId);
      const key = pointKey(input);
      const old: unknown = map.get(key);
      const sound = isPlainObject(old) && pointProblems(old, true).length === 0;
      if (sound && old.value === input.value && old.n === input.n) {
        counts.unchanged++;
        continue;
      }
      map.set(key, normalized({ ...input, writtenAt }));
      counts.written++;
      // card.metrics.ces is the 1–7 mean (W251): top-2-box points live in the series only.
      if (methodOf(input) === 'top2box') continue;
      const metrics = touched.get(cardId) ?? new Set<MetricKey>();
      touched.set(cardId, metrics.add(input.metric));
    }
    for (const [cardId, metrics] of touched) {
      const own = readCardPoints(cardSeriesMap(doc, cardId), '', undefined);
      const patch: Partial<Record<MetricKey, number>> = {};
      for (const metric of metrics) {
        const latest = own
          .filter((p) => p.metric === metric && methodOf(p) !== 'top2box')
          .sort(byPeriod)
          .pop();
        if (latest) patch[metric] = latest.value;
      }
      setMetrics(doc, cardId, patch);
    }
  }, origin);
  return counts;
}

/**
 * Writes stored points as they are (their writtenAt kept, cards' metrics untouched): what an
 * import of the open JSON does, after the cards.
 */
export function putMetricPoints(doc: Y.Doc, points: readonly CardMetricPoint[]): void {
  doc.transact(() => {
    for (const { cardId, ...point } of points)
      cardSeriesMap(doc, cardId).set(pointKey(point), normalized(point));
  });
}

/** Whether a stored value (any client's) is exactly this point, field for field. */
function samePoint(stored: unknown, point: MetricPoint): boolean {
  if (!isPlainObject(stored)) return false;
  const keys = Object.keys(point) as (keyof MetricPoint)[];
  return Object.keys(stored).length === keys.length && keys.every((k) => stored[k] === point[k]);
}

/**
 * Makes the series root hold exactly `points` (restoring a version): keys and cards not in the
 * target go, points that differ are set, equal ones stay untouched.
 */
export function syncMetricSeries(doc: Y.Doc, points: readonly CardMetricPoint[]): void {
  const want = new Map<string, Map<string, MetricPoint>>();
  for (const { cardId, ...point } of points) {
    const map = want.get(cardId) ?? new Map<string, MetricPoint>();
    want.set(cardId, map.set(pointKey(point), normalized(point)));
  }
  const root = seriesRoot(doc);
  for (const cardId of [...root.keys()]) if (!want.has(cardId)) root.delete(cardId);
  for (const [cardId, target] of want) {
    const map = cardSeriesMap(doc, cardId);
    for (const key of [...map.keys()]) if (!target.has(key)) map.delete(key);
    for (const [key, point] of target) {
      if (!samePoint(map.get(key), point)) map.set(key, point);
    }
  }
}
