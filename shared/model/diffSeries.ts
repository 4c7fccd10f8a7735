/**
 * The series half of a card's diff (W273): per metric (and CES method), the points one version
 * has and the other lacks, and the points of the same period and source whose value or n
 * changed. `writtenAt` alone is no change: writing the same value again is not news.
 */
import type { SeriesChange, SeriesPointChange, SeriesPointRef } from './diffTypes.js';
import { periodName, seriesName } from './metricAlerts.js';
import { bySeries, methodOf, pointKey } from './metricSeries.js';
import { METRIC_KEYS, type MetricPoint } from './schema.js';

/** Floating-point noise would show in labels and JSON (W87). */
const round = (n: number): number => Math.round(n * 1e6) / 1e6;

const ref = (p: MetricPoint): SeriesPointRef => ({
  periodStart: p.periodStart,
  periodEnd: p.periodEnd,
  source: p.source,
  value: round(p.value),
  n: p.n ?? null,
});

/** The series of one metric and method: the key names it, the points come in series order. */
function grouped(points: readonly MetricPoint[]): Map<string, MetricPoint[]> {
  const groups = new Map<string, MetricPoint[]>();
  for (const p of [...points].sort(bySeries)) {
    const key = `${p.metric}|${methodOf(p) ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return groups;
}

/** One series' change, or null when both sides hold the same points. */
function seriesChange(before: MetricPoint[], after: MetricPoint[]): SeriesChange | null {
  const first = (after[0] ?? before[0])!;
  const old = new Map(before.map((p) => [pointKey(p), p]));
  const now = new Map(after.map((p) => [pointKey(p), p]));
  const added = after.filter((p) => !old.has(pointKey(p))).map(ref);
  const removed = before.filter((p) => !now.has(pointKey(p))).map(ref);
  const changed: SeriesPointChange[] = [];
  for (const p of after) {
    const q = old.get(pointKey(p));
    if (!q || (q.value === p.value && q.n === p.n)) continue;
    const { periodStart, periodEnd, source } = p;
    const side = (x: MetricPoint) => ({ value: round(x.value), n: x.n ?? null });
    changed.push({ periodStart, periodEnd, source, before: side(q), after: side(p) });
  }
  if (added.length + removed.length + changed.length === 0) return null;
  return { metric: first.metric, method: methodOf(first) ?? null, added, removed, changed };
}

/** Every series of a card that changed, in series order (metric, mean before top-2-box). */
export function seriesChanges(
  before: readonly MetricPoint[],
  after: readonly MetricPoint[],
): SeriesChange[] {
  const [a, b] = [grouped(before), grouped(after)];
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const rank = (c: SeriesChange) =>
    METRIC_KEYS.indexOf(c.metric) * 2 + (c.method === 'top2box' ? 1 : 0);
  return keys
    .flatMap((key) => seriesChange(a.get(key) ?? [], b.get(key) ?? []) ?? [])
    .sort((x, y) => rank(x) - rank(y));
}

const fmt = (n: number): string => String(round(n));
const points = (count: number): string => (count === 1 ? '1 point' : `${count} points`);

/**
 * `CSAT +2 points (Oct 2026, Nov 2026), Sep 2026 71 → 74`: what a reviewer reads. A period is
 * followed by its source when the series has several sources.
 */
export function describeSeriesChange(c: SeriesChange): string {
  const sources = new Set([...c.added, ...c.removed, ...c.changed].map((p) => p.source));
  const when = (p: { periodStart: string; periodEnd: string; source: string }) =>
    sources.size > 1 ? `${periodName(p)} ${p.source}` : periodName(p);
  const parts: string[] = [];
  if (c.added.length > 0)
    parts.push(`+${points(c.added.length)} (${c.added.map(when).join(', ')})`);
  if (c.removed.length > 0)
    parts.push(`−${points(c.removed.length)} (${c.removed.map(when).join(', ')})`);
  for (const p of c.changed) {
    const value =
      p.before.value !== p.after.value ? ` ${fmt(p.before.value)} → ${fmt(p.after.value)}` : '';
    const n = p.before.n !== p.after.n ? ` n ${p.before.n ?? 'none'} → ${p.after.n ?? 'none'}` : '';
    parts.push(`${when(p)}${value}${n}`);
  }
  return `${seriesName(c.metric, c.method ?? undefined)} ${parts.join(', ')}`;
}
