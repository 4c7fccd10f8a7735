/**
 * `npm run bench`: every workload against every server, side by side, in one invocation.
 *
 *   npm run bench                         the issue's workloads (writes BENCHMARKS.md)
 *   npm run bench -- --quick              smaller and shorter: a smoke run (< 2 min)
 *   npm run bench -- --only W1,W3 --servers journeyboard,relay
 *   npm run bench -- --only W6 --servers journeyboard --set w6.clients=300   (300-person room)
 *   npm run bench -- --only abuse         the attacks of issue 13, default limits (abuse/)
 *   npm run bench -- --only abuse --attacks A2,A5
 *   npm run bench -- --profile            server children under `node --cpu-prof`
 *   npm run bench -- --node-flags="--max-semi-space-size=32" extra node flags, journeyboard only
 *   npm run bench -- --no-render          skip the headless Chromium benchmark
 *   npm run bench -- --only crowd         the render benchmark's crowd phases alone (issue 17)
 *   npm run bench -- --only render        the whole client render benchmark alone (issue 19)
 *   npm run bench -- --only search        full-text search over 500 boards × 200 cards (issue 18)
 *   npm run bench -- --only workspace     portfolio and search over HTTP, 500 maps × 200 cards
 *   npm run bench -- --no-build           use dist/ as it is (no `npm run build` when stale)
 *   npm run bench -- --write / --no-write / --note "text for BENCHMARKS.md"
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { runAbuse } from './abuse/index.js';
import { abuseSectionOf } from './abuse/report.js';
import { intro } from './intro.js';
import { ensureBuilt } from './build.js';
import { machineInfo, type MachineInfo } from './machine.js';
import { pinSelf } from './proc.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';
import { runRender, type RenderResult } from './render.js';
import { renderReport, type RunReport } from './report.js';
import { FULL, QUICK, withOverrides } from './scale.js';
import { ROOT, SERVER_NAMES, startServer, type ServerName } from './servers.js';
import {
  WORKLOAD_IDS,
  type Workload,
  type WorkloadId,
  type WorkloadResult,
} from './workloads/common.js';
import { w1 } from './workloads/w1.js';
import { w2 } from './workloads/w2.js';
import { w3 } from './workloads/w3.js';
import { w4 } from './workloads/w4.js';
import { w5 } from './workloads/w5.js';
import { w6 } from './workloads/w6.js';
import { w7 } from './workloads/w7.js';
import { w8 } from './workloads/w8.js';
import { runSearchBench, SEARCH_BENCH_FULL } from './search.js';
import { runWorkspaceBench, WORKSPACE_BENCH_FULL } from './workspace.js';

const WORKLOADS: Record<Exclude<WorkloadId, 'W7'>, Workload> = {
  W1: w1,
  W2: w2,
  W3: w3,
  W4: w4,
  W5: w5,
  W6: w6,
  W8: w8,
};

/** A workload that did not run to its end: no figures, the reason. */
const failedRun = (workload: WorkloadId, server: ServerName, error: string): WorkloadResult => ({
  workload,
  server,
  metrics: [],
  notes: [],
  closeCodes: {},
  error,
});

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    servers: { type: 'string' },
    profile: { type: 'boolean', default: false },
    /** Extra flags for journeyboard's node (experiments: `--node-flags "--trace-gc"`). */
    'node-flags': { type: 'string' },
    'no-render': { type: 'boolean', default: false },
    /** Uses dist/ as it is, even when older than the sources. */
    'no-build': { type: 'boolean', default: false },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean', default: false },
    note: { type: 'string' },
    /** Overrides of the scale, e.g. `--set w1.clients=10,w1.hz=5,durationMs=2000`. */
    set: { type: 'string' },
    /** Re-renders a saved run (test-results/bench/<stamp>.json) instead of running. */
    from: { type: 'string' },
    /** With `--only abuse`: some attacks only (`A1,A6a`). */
    attacks: { type: 'string' },
  },
});

function pick<T extends string>(list: string | undefined, all: readonly T[], what: string): T[] {
  if (!list) return [...all];
  const chosen = list.split(',').map((s) => s.trim());
  const unknown = chosen.filter((c) => !(all as readonly string[]).includes(c));
  if (unknown.length)
    throw new Error(`unknown ${what}: ${unknown.join(', ')} (known: ${all.join(', ')})`);
  return all.filter((a) => chosen.includes(a));
}

const scale = withOverrides(flags.quick ? QUICK : FULL, flags.set);
// `abuse` is not part of the default run: it replaces the raised limits by the defaults.
const only = flags.only
  ?.toUpperCase()
  .split(',')
  .map((s) => s.trim());
const withAbuse = only?.includes('ABUSE') ?? false;
const crowdOnly = only?.includes('CROWD') ?? false;
const renderOnly = only?.includes('RENDER') ?? false;
const searchOnly = only?.includes('SEARCH') ?? false;
const workspaceOnly = only?.includes('WORKSPACE') ?? false;
const onlyWorkloads = only
  ?.filter((s) => !['ABUSE', 'CROWD', 'RENDER', 'SEARCH', 'WORKSPACE'].includes(s))
  .join(',');
const workloads =
  (withAbuse || crowdOnly || renderOnly || searchOnly || workspaceOnly) && !onlyWorkloads
    ? []
    : pick(onlyWorkloads, WORKLOAD_IDS, 'workload');
const servers = pick(flags.servers, SERVER_NAMES, 'server');
const withRender = !flags['no-render'] && servers.includes('journeyboard') && workloads.length > 0;
const complete = !flags.only && !flags.servers && !flags.quick && !flags.set;
const write = !flags['no-write'] && (flags.write ?? complete);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const profileRoot = path.join(ROOT, 'test-results', 'bench-profiles', stamp);

const timeLimitMs = (id: WorkloadId) =>
  scale.quick ? 90_000 : id === 'W4' || id === 'W5' || id === 'W7' ? 600_000 : 240_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function oneLine(r: WorkloadResult): string {
  if (r.error) return `error: ${r.error}`;
  // W7's keys are `<storm>.<case>.<metric>` (a case's instance rows have one more part): the
  // case goes before the label.
  const shown = r.metrics.filter((m) => {
    const parts = m.key.split('.');
    return (
      (parts.length === 1 || parts.length === 3) &&
      [
        ...['delivered', 'p99', 'cpu', 'cpuPerMsg', 'single', 'storm', 'perConn', 'perBoard'],
        ...['sqliteCommitP99', 'postgresqlCommitP99'],
      ].includes(parts.at(-1)!)
    );
  });
  return shown
    .map((m) => {
      const prefix = m.key.includes('.') ? `${m.key.split('.').slice(0, -1).join(' ')} ` : '';
      const value = m.value === null ? '—' : m.value.toFixed(m.digits ?? 1);
      return `${prefix}${m.label} ${value}${m.unit ? ` ${m.unit}` : ''}`;
    })
    .join(', ');
}

async function runOne(
  id: WorkloadId,
  name: ServerName,
  profiles: ProfileSummary[],
): Promise<WorkloadResult> {
  const profileDir = path.join(profileRoot, `${id}-${name}`);
  const nodeFlags = [
    ...(flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(name === 'journeyboard' && flags['node-flags'] ? flags['node-flags'].split(/\s+/) : []),
  ];
  const started = performance.now();
  let result: WorkloadResult;
  if (id === 'W7') {
    // The cluster workload starts its own servers (one instance, then a cluster).
    try {
      const r = await withTimeout(w7(scale, { nodeFlags }), timeLimitMs(id), 'W7');
      result = { ...r, server: name };
    } catch (err) {
      result = failedRun(id, name, (err as Error).message);
    }
    return finishOne(id, name, result, started, profileDir, profiles);
  }
  let server;
  try {
    server = await startServer(name, { nodeFlags });
  } catch (err) {
    return failedRun(id, name, `start: ${(err as Error).message}`);
  }
  try {
    const r = await withTimeout(
      WORKLOADS[id]({ server, scale }),
      timeLimitMs(id),
      `${id} on ${name}`,
    );
    result = { ...r, server: name, log: server.log };
  } catch (err) {
    result = { ...failedRun(id, name, (err as Error).message), log: server.log };
  } finally {
    await server.stop();
  }
  return finishOne(id, name, result, started, profileDir, profiles);
}

function finishOne(
  id: WorkloadId,
  name: ServerName,
  result: WorkloadResult,
  started: number,
  profileDir: string,
  profiles: ProfileSummary[],
): WorkloadResult {
  if (flags.profile) {
    // W7's processes each write to a folder of their own (workloads/w7.ts).
    const folders = existsSync(profileDir)
      ? readdirSync(profileDir, { withFileTypes: true }).filter((e) => e.isDirectory())
      : [];
    for (const [label, dir] of folders.length
      ? folders.map((f) => [`${id} ${name} ${f.name}`, path.join(profileDir, f.name)] as const)
      : [[`${id} ${name}`, profileDir] as const]) {
      const summary = summarizeProfile(label, dir);
      if (summary) profiles.push(summary);
    }
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`bench: ${id} ${name.padEnd(12)} ${secs.padStart(5)} s  ${oneLine(result)}`);
  return result;
}

/** How this run was started (a long `--note` is elided: it is printed in the report). */
function commandLine(): string {
  const args = process.argv
    .slice(2)
    .map((a, i, all) =>
      all[i - 1] === '--note' ? '"…"' : a.startsWith('--note=') ? '--note="…"' : a,
    );
  return ['npm run bench', ...(args.length ? ['--', ...args] : [])].join(' ');
}

async function writeBenchmarks(report: RunReport): Promise<void> {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  // The Abuse section comes from its own run (`--only abuse`): carried over as it is.
  const abuse = abuseSectionOf(readFileSync(file, 'utf8'));
  const text = `${renderReport(report, intro(report.note))}${abuse ? `\n${abuse}\n` : ''}`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  console.log(`bench: wrote ${path.relative(ROOT, file)}`);
}

async function rerender(file: string): Promise<void> {
  const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
  if (flags.note) report.note = flags.note;
  console.log(renderReport(report));
  if (flags.write) await writeBenchmarks(report);
}

async function main(): Promise<void> {
  if (flags.from) return rerender(flags.from);
  const needsServer = workloads.length > 0 || crowdOnly || renderOnly || withAbuse || workspaceOnly;
  const ours = servers.includes('journeyboard') || withAbuse || workspaceOnly;
  if (needsServer && ours && !flags['no-build']) ensureBuilt();
  const machine = machineInfo();
  machine.pinned = pinSelf('0');
  if (workloads.length) await runWorkloads(machine);
  if (crowdOnly || renderOnly) await runRenderOnly(machine);
  // Printed only: BENCHMARKS.md gets these figures by hand (the lead writes that section).
  if (searchOnly)
    await runSearchBench(
      scale.quick ? { ...SEARCH_BENCH_FULL, boards: 50, runsPerQuery: 10 } : SEARCH_BENCH_FULL,
    );
  if (workspaceOnly)
    await runWorkspaceBench(
      scale.quick ? { ...WORKSPACE_BENCH_FULL, boards: 20, runs: 5 } : WORKSPACE_BENCH_FULL,
    );
  if (withAbuse) {
    pinSelf('0'); // the render benchmark unpinned the generator
    await runAbuse({
      ...(flags.attacks ? { attacks: flags.attacks.split(',') } : {}),
      ...(flags.profile ? { profileRoot } : {}),
      machine,
      command: commandLine(),
      stamp,
      write: !flags['no-write'] && (flags.write ?? !flags.attacks),
    });
  }
}

/**
 * `--only crowd` (the 5,000-card board and its crowd phases) or `--only render` (every phase),
 * printed and saved with the other runs; BENCHMARKS.md is never written from here.
 */
async function runRenderOnly(machine: MachineInfo): Promise<void> {
  pinSelf('0-63');
  const began = performance.now();
  const render = await runRender(scale.render.cards, scale.render.phaseMs, {
    crowdOnly: crowdOnly && !renderOnly,
  });
  const report: RunReport = {
    scale,
    servers: ['journeyboard'],
    workloads: [],
    results: [],
    render,
    machine,
    command: commandLine(),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    durationS: (performance.now() - began) / 1000,
    profiles: [],
    ...(flags.note ? { note: flags.note } : {}),
  };
  console.log(`\n${renderReport(report)}`);
  const outDir = path.join(ROOT, 'test-results', 'bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, `${stamp}.json`), JSON.stringify(report, null, 2));
  console.log(`bench: raw results in ${path.relative(ROOT, outDir)}/${stamp}.json`);
}

const journeyboardOnly = (id: WorkloadId) => id === 'W7' || (id === 'W6' && scale.quick);

async function runWorkloads(machine: MachineInfo): Promise<void> {
  const began = performance.now();
  const pinned = machine.pinned;
  console.log(
    `bench: ${flags.quick ? 'quick' : 'full'} run of ${workloads.join(', ')} against ${(workloads.every((w) => w === 'W7') ? ['journeyboard'] : servers).join(', ')}${pinned ? ' (generator on core 0, servers on core 1)' : ' (unpinned)'}`,
  );
  const results: WorkloadResult[] = [];
  const profiles: ProfileSummary[] = [];
  // Workload by workload, every server back to back: each sees the machine in the same state.
  for (const id of workloads)
    for (const name of servers)
      // W7 is journeyboard's alone: the other servers have no cluster. W6 saturates the
      // others for seconds each, too long for a smoke run that must stay under 2 minutes.
      if (journeyboardOnly(id) ? name === 'journeyboard' : true)
        results.push(await runOne(id, name, profiles));
  let render: RenderResult | null = null;
  if (withRender) {
    pinSelf('0-63');
    render = await runRender(scale.render.cards, scale.render.phaseMs);
    console.log(
      `bench: render ${render.error ? `error: ${render.error}` : `first ${render.firstRenderMs?.toFixed(0)} ms, pan p95 ${render.panFitP95?.toFixed(1)}/${render.pan100P95?.toFixed(1)} ms, zoom p95 ${render.zoomP95?.toFixed(1)} ms`}`,
    );
  }
  const report: RunReport = {
    scale,
    servers,
    workloads,
    results,
    render,
    machine,
    command: commandLine(),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    durationS: (performance.now() - began) / 1000,
    profiles,
    ...(flags.note ? { note: flags.note } : {}),
  };
  console.log(`\n${renderReport(report)}`);
  const outDir = path.join(ROOT, 'test-results', 'bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, `${stamp}.json`), JSON.stringify(report, null, 2));
  if (write) await writeBenchmarks(report);
  console.log(`bench: raw results in ${path.relative(ROOT, outDir)}/${stamp}.json`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
