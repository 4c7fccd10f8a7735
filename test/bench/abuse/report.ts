/** The abuse case as Markdown: a table, a verdict per attack, and its section of BENCHMARKS.md. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import type { MachineInfo } from '../machine.js';
import type { ProfileSummary } from '../profile.js';
import { table } from '../markdown.js';
import { ROOT } from '../servers.js';
import type { AttackResult } from './harness.js';
import { STALL_FLOOR_MS } from './stalls.js';

export interface AbuseReport {
  machine: MachineInfo;
  command: string;
  date: string;
  durationS: number;
  results: AttackResult[];
  profiles: ProfileSummary[];
  /** Only some attacks were run (`--attacks`). */
  partial: boolean;
}

const TARGET_MS = 100;
export const SECTION_START = '<!-- abuse:start -->';
export const SECTION_END = '<!-- abuse:end -->';

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(0));
const mb = (v: number | null) => (v === null ? '—' : v.toFixed(0));

type Verdict = 'met' | 'missed' | 'contended' | 'error';

/**
 * Judged on the server's own work: a stall it spent mostly waiting for a CPU that other
 * processes held (a shared machine) is reported, not counted against it.
 */
export function verdict(r: AttackResult): { verdict: Verdict; why: string } {
  if (r.error) return { verdict: 'error', why: `the bench failed: ${r.error}` };
  if (r.restarts > 0 || !r.up)
    return { verdict: 'missed', why: 'the process went down (restarted to go on)' };
  const stall = r.stall;
  if (!stall) return { verdict: 'met', why: `no stall of ${STALL_FLOOR_MS} ms or more` };
  const busiest = r.busiest!;
  if (busiest.cpuMs > TARGET_MS)
    return {
      verdict: 'missed',
      why: `the server ran ${busiest.cpuMs.toFixed(0)} ms without yielding (a ${busiest.ms.toFixed(0)} ms stall)`,
    };
  if (stall.ms <= TARGET_MS)
    return { verdict: 'met', why: `longest stall ${stall.ms.toFixed(0)} ms` };
  return {
    verdict: 'contended',
    why: `longest stall ${stall.ms.toFixed(0)} ms, but the server ran only ${stall.cpuMs.toFixed(0)} ms of it (waiting for a CPU ${stall.waitMs.toFixed(0)} ms): the machine, not the server; its own work stayed under ${TARGET_MS} ms`,
  };
}

/** `verdict`, and what the same setup without the attacker did when a control ran. */
function verdictWithControl(
  r: AttackResult,
  all: readonly AttackResult[],
): { verdict: Verdict; why: string } {
  const v = verdict(r);
  const control = all.find((c) => c.controlOf === r.id);
  if (!control || control.error) return v;
  const stall = control.busiest
    ? `${control.busiest.cpuMs.toFixed(0)} ms of server CPU in its busiest stall`
    : 'no stall';
  const rss = `RSS peak ${mb(r.rssPeakMb)} MB against ${mb(control.rssPeakMb)} MB`;
  return {
    ...v,
    why: `${v.why}; its control ${control.id}, without the attacker: ${stall}, ${rss}`,
  };
}

function probeCell(r: AttackResult): string {
  const p = r.probe;
  if (!p) return '—';
  return `${ms(p.worstMs)}${p.missing ? ` (${p.missing} of ${p.sent} lost)` : ''}`;
}

export function oneLine(r: AttackResult): string {
  if (r.error) return `error: ${r.error}`;
  const v = verdict(r);
  return `${r.outcome}; stall ${ms(r.stall?.ms)} ms (server CPU ${ms(r.busiest?.cpuMs)} ms), lag_max ${ms(r.promLagMaxMs)} ms, probe worst ${probeCell(r)} ms, ${r.up ? 'up' : 'DOWN'}: ${v.verdict}`;
}

function resultsTable(results: readonly AttackResult[]): string {
  const header = [
    'attack',
    'attacker got',
    'longest stall (ms)',
    'its CPU / wait (ms)',
    'busiest CPU (ms)',
    'lag_max (ms)',
    'probe worst (ms)',
    'RSS before → peak (MB)',
    'up',
    'verdict',
  ];
  const rows = results.map((r) => [
    `${r.id} ${r.title}`,
    r.error ? `error: ${r.error}` : r.outcome,
    r.stall ? ms(r.stall.ms) : `< ${STALL_FLOOR_MS}`,
    r.stall ? `${ms(r.stall.cpuMs)} / ${ms(r.stall.waitMs)}` : '',
    r.busiest ? ms(r.busiest.cpuMs) : '',
    ms(r.promLagMaxMs),
    probeCell(r),
    `${mb(r.rssBeforeMb)} → ${mb(r.rssPeakMb)}`,
    r.up && !r.restarts ? 'yes' : r.up ? `restarted ×${r.restarts}` : '**no**',
    verdict(r).verdict === 'missed' ? '**missed**' : verdict(r).verdict,
  ]);
  return table(header, rows);
}

function detailLines(r: AttackResult): string {
  const parts = Object.entries(r.details ?? {}).map(([k, v]) => `${k}: ${v}`);
  if (r.heapExternalBeforeMb !== null && r.heapExternalEndMb !== null)
    parts.push(
      `heap + external ${mb(r.heapExternalBeforeMb)} → ${mb(r.heapExternalEndMb)} MB at the end of the attack`,
    );
  if (r.connectionsAtEnd !== null)
    parts.push(`sync connections at the end (the probe's 2 included) ${r.connectionsAtEnd}`);
  if (r.rssAfterMb !== null) parts.push(`RSS after teardown ${mb(r.rssAfterMb)} MB`);
  if (r.over100) parts.push(`${r.over100} stalls of 100 ms or more`);
  if (r.serverWaitPercent !== null)
    parts.push(`server waiting for a CPU ${r.serverWaitPercent.toFixed(0)} % of the window`);
  if (r.probe)
    parts.push(
      `probe: ${r.probe.sent} edits, p50 ${ms(r.probe.p50Ms)} ms, p99 ${ms(r.probe.p99Ms)} ms${r.probe.closes.length ? `, closed ${r.probe.closes.join(', ')}` : ''}`,
    );
  if (r.log && (r.log.warnings || r.log.errors))
    parts.push(
      `server logged ${r.log.warnings} warnings, ${r.log.errors} errors (${[...r.log.samples]
        // A crash prints its stack line by line: its "XError: message" line says the most.
        .sort((a, b) => Number(/Error\b/.test(b)) - Number(/Error\b/.test(a)))
        .slice(0, 2)
        .map((s) => `"${s.trim()}"`)
        .join('; ')})`,
    );
  parts.push(`window ${(r.windowMs / 1000).toFixed(1)} s`);
  return `- **${r.id}**: ${parts.join('; ')}.`;
}

const list = (items: readonly { name: string; ms: number }[]) =>
  items.map((i) => `\`${i.name}\` ${i.ms.toFixed(0)} ms`).join(', ');

/** Server CPU in a stall worth explaining. */
const EXPLAIN_FROM_MS = 50;

/** What the server did in the busiest stalls (whole-process profiles are in the JSON). */
function profileLines(report: AbuseReport): string[] {
  return report.results.flatMap((r) =>
    r.busiestProfile && r.busiest && r.busiest.cpuMs >= EXPLAIN_FROM_MS
      ? [
          `- **${r.id}**, its busiest stall (${r.busiest.ms.toFixed(0)} ms, ${r.busiest.cpuMs.toFixed(0)} ms on a CPU): on top of the stack ${list(r.busiestProfile.self)}; under server code ${list(r.busiestProfile.server.slice(0, 3))}`,
        ]
      : [],
  );
}

/** The section (also what the terminal shows). */
export function renderAbuse(report: AbuseReport): string {
  const m = report.machine;
  return [
    '## Abuse: the attacks of issue 13 against the default limits',
    '',
    `Written by \`npm run bench -- --only abuse\` (test/bench/abuse/); \`npm run bench\` alone does not run it and keeps this section. Each attack runs against a fresh \`node dist/server/main.js\` with its default limits (only \`HOST\`, \`LOG_LEVEL=warn\`, \`AUTH_MODE=open\` and an \`ADMIN_TOKEN\` for setting up boards), pinned to core 1, while an honest editor (one small edit every 20 ms) and a watcher on another board run in a worker thread of the load generator. **Longest stall**: a hook preloaded into the server ticks every 5 ms and reports every interval of ${STALL_FLOOR_MS} ms or more between two ticks, with how the main thread spent it (\`/proc/self/task/<pid>/schedstat\`: on a CPU, or runnable while other processes held its core); **busiest CPU** is the stall in which the server itself ran longest, and the verdict is judged on it. **lag_max** is prom-client's \`journeyboard_nodejs_eventloop_lag_max_seconds\` read before and after (each read resets it): the longest interval between its 10 ms ticks, so an idle server shows about 10 ms. **Probe worst** is the slowest edit of the window to reach the watcher (or how long a lost one had waited). The window starts after setup (and a full GC) and ends when the attack is over; stalls and lag_max also cover the closing of the attacker's sockets and 1 s after. A restart after a crash (and the new process's start-up) is left out of the stalls.`,
    '',
    `- ${m.cores} cores, ${m.cpu}, ${m.memoryGb} GiB RAM; load average at start ${m.loadAverage}; Node ${m.node}; ${m.pinned ? 'server on core 1, generator on core 0' : 'unpinned'}`,
    `- Command: \`${report.command}\`, ${report.date}, ${report.durationS.toFixed(0)} s${report.partial ? ' (some attacks only)' : ''}`,
    '',
    resultsTable(report.results),
    '',
    `### Verdicts (target: no request holds the event loop more than ${TARGET_MS} ms; the process stays up)`,
    '',
    ...report.results.map((r) => {
      const v = verdictWithControl(r, report.results);
      return `- **${r.id}** ${v.verdict === 'missed' ? '**missed**' : v.verdict}: ${v.why}.`;
    }),
    '',
    '### Details',
    '',
    ...report.results.map(detailLines),
    ...(profileLines(report).length
      ? [
          '',
          `### What the server did in its busiest stalls (\`--profile\`, ${EXPLAIN_FROM_MS} ms of CPU or more)`,
          '',
          ...profileLines(report),
        ]
      : []),
  ].join('\n');
}

const file = path.join(ROOT, 'BENCHMARKS.md');

/** The marked Abuse section of a BENCHMARKS.md text, markers included, or null. */
export function abuseSectionOf(text: string): string | null {
  const start = text.indexOf(SECTION_START);
  const end = text.indexOf(SECTION_END);
  return start >= 0 && end > start ? text.slice(start, end + SECTION_END.length) : null;
}

/** Replaces (or appends) the Abuse section of BENCHMARKS.md, leaving the rest as it is. */
export async function writeAbuseSection(report: AbuseReport): Promise<void> {
  const old = readFileSync(file, 'utf8');
  const section = `${SECTION_START}\n\n${renderAbuse(report)}\n\n${SECTION_END}`;
  const current = abuseSectionOf(old);
  const text = current ? old.replace(current, () => section) : `${old.trimEnd()}\n\n${section}\n`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  console.log(`bench: wrote the Abuse section of ${path.relative(ROOT, file)}`);
}
