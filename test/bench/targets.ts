/** The targets of issue 7, checked against journeyboard's figures of a run. */
import type { RenderResult } from './render.js';
import type { ServerName } from './servers.js';
import type { WorkloadId, WorkloadResult } from './workloads/common.js';

export type Verdict = 'met' | 'missed' | 'n/a';

export interface TargetCheck {
  target: string;
  measured: string;
  verdict: Verdict;
}

type Lookup = (workload: WorkloadId, key: string, server?: ServerName) => number | null;

function lookup(results: readonly WorkloadResult[]): Lookup {
  return (workload, key, server = 'journeyboard') =>
    results
      .find((r) => r.workload === workload && r.server === server && !r.error)
      ?.metrics.find((m) => m.key === key)?.value ?? null;
}

const fmt = (v: number, unit: string) =>
  `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${unit}`;

function atMost(target: string, value: number | null, limit: number, unit: string): TargetCheck {
  if (value === null) return { target, measured: '—', verdict: 'n/a' };
  return { target, measured: fmt(value, unit), verdict: value <= limit ? 'met' : 'missed' };
}

function atLeast(target: string, value: number | null, limit: number, unit: string): TargetCheck {
  if (value === null) return { target, measured: '—', verdict: 'n/a' };
  return { target, measured: fmt(value, unit), verdict: value >= limit ? 'met' : 'missed' };
}

/**
 * W1 delivery, judged on states delivered or superseded by a newer one of the same sender: a
 * server that batches presence sends only each person's latest cursor, by design.
 */
function deliveredAtLeast(get: Lookup, limit: number, target: string): TargetCheck {
  const strict = get('W1', 'delivered');
  const fresh = get('W1', 'deliveredOrSuperseded');
  if (strict === null || fresh === null) return { target, measured: '—', verdict: 'n/a' };
  return {
    target,
    measured: `${fmt(fresh, ' %')} (every state: ${fmt(strict, ' %')})`,
    verdict: fresh >= limit ? 'met' : 'missed',
  };
}

/** journeyboard's CPU per delivered message against another server's, as "N× less". */
function lessCpuThan(
  get: Lookup,
  other: ServerName,
  factor: number,
  target: string,
  workload: 'W1' | 'W2' = 'W1',
): TargetCheck {
  const ours = get(workload, 'cpuPerMsg');
  const theirs = get(workload, 'cpuPerMsg', other);
  if (ours === null || theirs === null) return { target, measured: '—', verdict: 'n/a' };
  const times = theirs / ours;
  const relation = times >= 1 ? `${times.toFixed(2)}× less` : `${(1 / times).toFixed(2)}× more`;
  return {
    target,
    measured: `${fmt(ours, ' µs')} vs ${fmt(theirs, ' µs')}: ${relation}`,
    verdict: times >= factor ? 'met' : 'missed',
  };
}

/**
 * A W5 memory target, judged on the larger of the two estimates (RSS deltas after a GC can
 * come out low, even negative, when the allocator reuses pages it kept).
 */
function memoryAtMost(
  get: Lookup,
  rssKey: string,
  heapKey: string,
  limit: number,
  target: string,
): TargetCheck {
  const rss = get('W5', rssKey);
  const heap = get('W5', heapKey);
  if (rss === null || heap === null) return { target, measured: '—', verdict: 'n/a' };
  return {
    target,
    measured: `RSS ${fmt(rss, ' KB')}, heap ${fmt(heap, ' KB')}`,
    verdict: Math.max(rss, heap) <= limit ? 'met' : 'missed',
  };
}

/** W7, per storm and routing: delivered ≥ 99 % and p99 within 2× of the one instance's. */
function clusterChecks(get: Lookup): TargetCheck[] {
  return (['w1', 'w2'] as const).flatMap((storm) =>
    (['spread', 'affinity'] as const).flatMap((mode) => {
      const name = `W7 ${storm.toUpperCase()} ${mode}`;
      const delivered = get('W7', `${storm}.${mode}.deliveredOrSuperseded`);
      const p99 = get('W7', `${storm}.${mode}.p99`);
      const single = get('W7', `${storm}.single.p99`);
      return [
        delivered === null
          ? { target: `${name} ≥ 99 % delivered`, measured: '—', verdict: 'n/a' as const }
          : {
              target: `${name} ≥ 99 % delivered`,
              measured: fmt(delivered, ' %'),
              verdict: delivered >= 99 ? ('met' as const) : ('missed' as const),
            },
        atMost(
          `${name} p99 ≤ 2× one instance's${single === null ? '' : ` (${fmt(2 * single, ' ms')})`}`,
          p99,
          single === null ? Number.NaN : 2 * single,
          ' ms',
        ),
      ];
    }),
  );
}

export function checkTargets(
  results: readonly WorkloadResult[],
  render: RenderResult | null,
): TargetCheck[] {
  const get = lookup(results);
  const pans = [render?.panFitP95, render?.pan100P95, render?.zoomP95].filter(
    (v): v is number => v != null,
  );
  return [
    deliveredAtLeast(get, 99, 'W1 ≥ 99 % delivered (a superseded cursor counts)'),
    atMost('W1 p99 ≤ 50 ms', get('W1', 'p99'), 50, ' ms'),
    atMost('W1 server CPU ≤ 25 % of a core', get('W1', 'cpu'), 25, ' %'),
    lessCpuThan(get, 'y-websocket', 5, 'W1 ≥ 5× less CPU per delivered cursor than y-websocket'),
    lessCpuThan(get, 'hocuspocus', 5, 'W1 ≥ 5× less CPU per delivered cursor than Hocuspocus'),
    lessCpuThan(get, 'relay', 1.0001, 'W1 less CPU per delivered cursor than the ws relay'),
    // Issue 19: 0.7× the reference server's CPU per delivered edit is 1/0.7 ≈ 1.43× less.
    lessCpuThan(
      get,
      'y-websocket',
      1 / 0.7,
      'W2 ≤ 0.7× y-websocket’s CPU per delivered edit',
      'W2',
    ),
    lessCpuThan(get, 'hocuspocus', 1.0001, 'W2 less CPU per delivered edit than Hocuspocus', 'W2'),
    atMost('W2 p99 ≤ 5 ms', get('W2', 'p99'), 5, ' ms'),
    atMost('W3 p99 ≤ 30 ms', get('W3', 'p99'), 30, ' ms'),
    atMost('W4 one client synced ≤ 50 ms', get('W4', 'single'), 50, ' ms'),
    atMost('W4 all joiners synced ≤ 1.5 s', get('W4', 'storm'), 1500, ' ms'),
    memoryAtMost(get, 'perConn', 'perConnHeap', 4, 'W5 ≤ 4 KB per idle connection'),
    memoryAtMost(
      get,
      'boardOverhead',
      'boardOverheadHeap',
      100,
      'W5 ≤ 100 KB overhead per loaded board',
    ),
    atLeast('W6 fresh presence (≤ 250 ms) for ≥ 99 % of pairs', get('W6', 'fresh'), 99, ' %'),
    atMost('W6 cursor p99 ≤ 25 ms', get('W6', 'cursorP99'), 25, ' ms'),
    atMost('W6 edit p99 ≤ 25 ms', get('W6', 'editP99'), 25, ' ms'),
    atMost('W6 server CPU ≤ 50 % of a core', get('W6', 'cpu'), 50, ' %'),
    atMost('W6 ≤ 60 presence frames/s per client', get('W6', 'framesMax'), 60, '/s'),
    atMost('W6 ≤ 200 KB/s of presence per client', get('W6', 'kbMax'), 200, ' KiB/s'),
    ...clusterChecks(get),
    atMost('W8 SQLite commit p99 ≤ 50 ms', get('W8', 'sqliteCommitP99'), 50, ' ms'),
    atMost('W8 PostgreSQL commit p99 ≤ 50 ms', get('W8', 'postgresqlCommitP99'), 50, ' ms'),
    atMost('Client first render ≤ 1 s', render?.firstRenderMs ?? null, 1000, ' ms'),
    atMost(
      'Client pan and zoom p95 frame ≤ 16.7 ms (fit, 100 %)',
      pans.length ? Math.max(...pans) : null,
      16.7,
      ' ms',
    ),
    atMost('Client no frame > 50 ms while cards mount', render?.mountMaxFrame ?? null, 50, ' ms'),
    atMost(
      'Client pan p95 frame ≤ 16.7 ms with 300 cursors moving at 30 Hz (spread, at 100 %)',
      render?.crowd?.find((c) => c.people === 300 && c.placement === 'spread')?.p95 ?? null,
      16.7,
      ' ms',
    ),
  ];
}
