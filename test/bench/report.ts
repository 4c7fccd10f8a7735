/** The side-by-side tables, the targets and the machine, as Markdown (terminal and BENCHMARKS.md). */
import { clusterSection } from './clusterReport.js';
import { formatValue, table } from './markdown.js';
import type { MachineInfo } from './machine.js';
import type { ProfileSummary } from './profile.js';
import type { RenderResult } from './render.js';
import type { Scale } from './scale.js';
import type { ServerName } from './servers.js';
import { checkTargets } from './targets.js';
import type { Metric, WorkloadId, WorkloadResult } from './workloads/common.js';

export interface RunReport {
  scale: Scale;
  servers: ServerName[];
  workloads: WorkloadId[];
  results: WorkloadResult[];
  render: RenderResult | null;
  machine: MachineInfo;
  command: string;
  date: string;
  durationS: number;
  profiles: ProfileSummary[];
  /** Free text for BENCHMARKS.md (`--note`), e.g. the state of the machine. */
  note?: string;
}

export function describeWorkload(id: WorkloadId, s: Scale): string {
  const secs = `${s.durationMs / 1000} s`;
  switch (id) {
    case 'W1':
      return `W1 cursor storm: 1 board, ${s.w1.clients} clients × ${s.w1.hz} Hz cursor moves × ${secs}`;
    case 'W2':
      return `W2 edit storm: ${s.w2.boards} boards × ${s.w2.editors} editors × ${s.w2.hz} Y.Doc edits/s × ${secs}`;
    case 'W3':
      return `W3 fan-out: 1 writer (${s.w3.hz} edits/s) → ${s.w3.observers} observers on one board × ${secs}`;
    case 'W4':
      return `W4 cold join: ${s.w4.cards}-card board + ${s.w4.comments}-comment doc; 1 client, then ${s.w4.joiners} at once`;
    case 'W5':
      return `W5 many boards: ${s.w5.boards} boards × ${s.w5.clientsPerBoard} idle clients`;
    case 'W6':
      return `W6 big workshop: 1 board, ${s.w6.clients} clients × ${s.w6.hz} Hz cursor moves (groups of 15, each in its own viewport) + ${s.w6.editors} editors × ${s.w6.editHz} edits/s × ${secs}`;
    case 'W7':
      return `W7 cluster: ${s.w7.instances} journeyboard instances + Redis + PostgreSQL against one instance; W1 (${s.w7.w1.clients} clients × ${s.w7.w1.hz} Hz) and W2 (${s.w7.w2.boards} boards × ${s.w7.w2.editors} editors × ${s.w7.w2.hz} edits/s) × ${secs}, clients spread round-robin or all of a board on one instance`;
    case 'W8':
      return `W8 durability latency: W2's load (${s.w2.boards} boards × ${s.w2.editors} editors × ${s.w2.hz} edits/s × ${secs}), arrival to commit in SQLite and PostgreSQL (journeyboard only)`;
  }
}

function ratio(ours: Metric | undefined, theirs: Metric | undefined): string {
  if (!ours || !theirs || ours.lowerIsBetter === null) return '';
  // A ratio of a negative or zero figure (a noisy memory delta) means nothing.
  if (ours.value === null || theirs.value === null || ours.value <= 0 || theirs.value <= 0)
    return '—';
  const r = ours.value / theirs.value;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r >= 0.01 ? r.toFixed(2) : r.toPrecision(2)}×`;
}

function workloadSection(report: RunReport, id: WorkloadId): string {
  if (id === 'W7')
    return clusterSection(
      describeWorkload(id, report.scale),
      report.results.find((r) => r.workload === 'W7'),
    );
  const results = report.servers.map((s) =>
    report.results.find((r) => r.workload === id && r.server === s),
  );
  const ours = results[report.servers.indexOf('journeyboard')];
  const others = report.servers.filter((s) => s !== 'journeyboard');
  const header = [
    'metric',
    ...report.servers,
    ...(ours ? others.map((s) => `journeyboard ÷ ${s}`) : []),
  ];
  const keys: Metric[] = [];
  for (const r of results)
    for (const m of r?.metrics ?? []) if (!keys.some((k) => k.key === m.key)) keys.push(m);
  const rows = keys.map((k) => {
    const of = (r: WorkloadResult | undefined) => r?.metrics.find((m) => m.key === k.key);
    return [
      k.unit ? `${k.label} (${k.unit})` : k.label,
      ...results.map((r) => (r?.error ? 'error' : formatValue(of(r)))),
      ...(ours ? others.map((s) => ratio(of(ours), of(results[report.servers.indexOf(s)]))) : []),
    ];
  });
  const notes: string[] = [];
  report.servers.forEach((server, i) => {
    const r = results[i];
    if (!r) return;
    if (r.error) notes.push(`${server}: failed: ${r.error}`);
    for (const n of r.notes) notes.push(`${server}: ${n}`);
    const codes = Object.entries(r.closeCodes);
    if (codes.length)
      notes.push(
        `${server}: server closed sockets with ${codes.map(([c, n]) => `${c} × ${n}`).join(', ')}`,
      );
    if (r.log && (r.log.errors || r.log.warnings)) {
      notes.push(
        `${server}: ${r.log.warnings} warnings, ${r.log.errors} errors logged (${r.log.samples.map((s) => `"${s}"`).join('; ')})`,
      );
    }
  });
  return [
    `### ${describeWorkload(id, report.scale)}`,
    '',
    table(header, rows),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
}

/** Issue 19's measures: the longest frames, main-thread time per step, heap and Konva nodes. */
function renderExtras(r: RenderResult): string[][] {
  const ms = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(1));
  const rows: string[][] = [];
  if (r.mountMaxFrame !== undefined)
    rows.push([
      'longest frame while cards mount (zoom across 30 %, 3 places) (ms)',
      ms(r.mountMaxFrame),
      '',
    ]);
  if (r.pan100MaxFrame !== undefined)
    rows.push(['longest frame of the pan at 100 % (ms)', ms(r.pan100MaxFrame), '']);
  const busy = r.busyMsPerStep;
  if (busy)
    rows.push([
      'main-thread task time per step: pan at fit / zoom / pan at 100 % (ms, CDP TaskDuration)',
      `${ms(busy.panFit)} / ${ms(busy.zoom)} / ${ms(busy.pan100)}`,
      '',
    ]);
  const cpu = r.cpuMsPerStep;
  if (cpu)
    rows.push([
      "Chromium's CPU per step (all its processes): pan at fit / zoom / pan at 100 % (ms)",
      `${ms(cpu.panFit)} / ${ms(cpu.zoom)} / ${ms(cpu.pan100)}`,
      '',
    ]);
  if (r.heapMB !== undefined)
    rows.push(['JS heap after a full GC, board loaded (MB)', ms(r.heapMB), '']);
  if (r.konvaNodes)
    rows.push([
      'Konva nodes on the page: fitted view / 100 %',
      `${r.konvaNodes.fit} / ${r.konvaNodes.at100}`,
      '',
    ]);
  return rows;
}

function renderSection(r: RenderResult): string {
  const ms = (v: number | null) => (v === null ? '—' : v.toFixed(1));
  const rows = [
    ['first full render (ms from navigation)', ms(r.firstRenderMs), ''],
    [
      `pan p95 frame at the fitted view (zoom ${r.fitZoom?.toFixed(2) ?? '?'}) (ms)`,
      ms(r.panFitP95),
      String(r.frames.panFit),
    ],
    ['zoom p95 frame, ctrl + wheel (ms)', ms(r.zoomP95), String(r.frames.zoom)],
    [
      'pan p95 frame at 100 % (ms)',
      `${ms(r.pan100P95)}${r.pan100ScriptMsPerS != null ? `; script ${ms(r.pan100ScriptMsPerS)} ms/s` : ''}`,
      String(r.frames.pan100),
    ],
    ...renderExtras(r),
  ];
  const crowd = (r.crowd ?? []).map((c) => [
    `${c.people} people × ${c.hz} Hz cursors, ${c.placement === 'fit' ? 'all in the fitted view' : 'spread over 3 × 3 screens, at 100 %'}: pan p95 / p99 frame (ms); cursors drawn; page JavaScript per second`,
    `${ms(c.p95)} / ${ms(c.p99)}; ${c.drawn}; script ${ms(c.scriptMsPerS ?? null)} ms/s`,
    String(c.frames),
  ]);
  return [
    `### Client render: ${r.cards} cards in headless Chromium (journeyboard)`,
    '',
    table(['measure', 'value', 'frames'], [...rows, ...crowd]),
    ...(r.error ? ['', `- failed: ${r.error}`] : []),
  ].join('\n');
}

function targetsSection(report: RunReport): string {
  const checks = checkTargets(report.results, report.render);
  const rows = checks.map((c) => [
    c.target,
    c.measured,
    c.verdict === 'met' ? 'met' : c.verdict === 'missed' ? '**missed**' : 'n/a',
  ]);
  const note = report.scale.quick
    ? "\n\nA `--quick` run is smaller than the issue's workloads: its verdicts are indicative only."
    : '';
  return `## Targets (journeyboard)\n\n${table(['target', 'measured', 'verdict'], rows)}${note}`;
}

function machineSection(report: RunReport): string {
  const m = report.machine;
  const packages = Object.entries(m.packages)
    .map(([name, v]) => `${name} ${v}`)
    .join(', ');
  return [
    '## Machine and versions',
    '',
    `- ${m.cores} cores, ${m.cpu}, ${m.memoryGb} GiB RAM; load average at start ${m.loadAverage}`,
    `- Node ${m.node}; ${packages}`,
    `- Chromium: ${m.chromium ?? 'not found'}`,
    `- Pinning: ${m.pinned ? 'each server on core 1, the load generator on core 0 (taskset)' : 'none (taskset or a second core missing)'}`,
    `- Command: \`${report.command}\`, ${report.date}, ${report.durationS.toFixed(0)} s`,
  ].join('\n');
}

function profileSection(profiles: ProfileSummary[]): string {
  if (!profiles.length) return '';
  const parts = profiles.map((p) =>
    [
      `### ${p.label} (${p.totalMs.toFixed(0)} ms busy)`,
      '',
      table(
        ['function (self time)', '%'],
        p.top.map((t) => [t.name, t.percent.toFixed(1)]),
      ),
    ].join('\n'),
  );
  return ['## Server CPU profiles (`--profile`)', ...parts].join('\n\n');
}

/** The whole report; `intro` (BENCHMARKS.md) goes first when given. */
export function renderReport(report: RunReport, intro = ''): string {
  const sections = [
    intro,
    '## Results',
    ...report.workloads.map((w) => workloadSection(report, w)),
    report.render ? renderSection(report.render) : '',
    targetsSection(report),
    profileSection(report.profiles),
    machineSection(report),
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}
