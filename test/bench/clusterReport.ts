/** W7's tables: per storm, one instance against a cluster with spread and affinity routing. */
import { formatValue, table } from './markdown.js';
import type { Metric, WorkloadResult } from './workloads/common.js';
import { W7_MODES, W7_STORMS, w7Key, type W7Mode, type W7Storm } from './workloads/w7.js';

const STORM_NAMES: Record<W7Storm, string> = { w1: 'W1 cursor storm', w2: 'W2 edit storm' };

function ratio(m: Metric | undefined, base: Metric | undefined): string {
  if (!m || !base || m.lowerIsBetter === null) return '';
  if (m.value === null || base.value === null || m.value <= 0 || base.value <= 0) return '—';
  const r = m.value / base.value;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

/** The metric keys of one storm and case, in the order measured (`p99`, `app1.cpu`…). */
function keysOf(result: WorkloadResult, storm: W7Storm): Metric[] {
  const keys: Metric[] = [];
  for (const mode of W7_MODES) {
    const prefix = w7Key(storm, mode, '');
    for (const m of result.metrics)
      if (m.key.startsWith(prefix) && !keys.some((k) => k.key === m.key.slice(prefix.length)))
        keys.push({ ...m, key: m.key.slice(prefix.length) });
  }
  return keys;
}

function stormTable(result: WorkloadResult, storm: W7Storm): string {
  const of = (mode: W7Mode, key: string) =>
    result.metrics.find((m) => m.key === w7Key(storm, mode, key));
  const rows = keysOf(result, storm).map((k) => [
    k.unit ? `${k.label} (${k.unit})` : k.label,
    ...W7_MODES.map((mode) => formatValue(of(mode, k.key))),
    ratio(of('spread', k.key), of('single', k.key)),
    ratio(of('affinity', k.key), of('single', k.key)),
  ]);
  const header = ['metric', ...W7_MODES, 'spread ÷ single', 'affinity ÷ single'];
  return [`#### ${STORM_NAMES[storm]}`, '', table(header, rows)].join('\n');
}

/** The W7 section: a table per storm, then the notes. */
export function clusterSection(title: string, result: WorkloadResult | undefined): string {
  const body = !result
    ? []
    : result.error
      ? [`- failed: ${result.error}`]
      : W7_STORMS.filter((storm) => result.metrics.some((m) => m.key.startsWith(`${storm}.`))).map(
          (storm) => stormTable(result, storm),
        );
  const notes = [
    ...(result?.notes ?? []),
    ...Object.entries(result?.closeCodes ?? {}).map(
      ([code, n]) => `server closed sockets with ${code} × ${n}`,
    ),
  ];
  return [`### ${title}`, ...body, ...notes.map((n) => `- ${n}`)].join('\n\n');
}
