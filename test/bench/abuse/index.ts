/**
 * `npm run bench -- --only abuse`: the attacks of issue 13 (item 5) replayed one by one, each
 * against a fresh journeyboard with its default limits, while an honest editor and watcher on
 * another board keep working. Prints a table, saves the raw JSON in test-results/bench/ and
 * writes the Abuse section of BENCHMARKS.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MachineInfo } from '../machine.js';
import { summarizeProfile, type ProfileSummary } from '../profile.js';
import { ROOT } from '../servers.js';
import {
  malformedPaths,
  stateVectorBombs,
  docFlood,
  awarenessFlood,
  oversizeFrame,
} from './socketAttacks.js';
import { busyBoardControl, memoryAmplification, presenceLockout } from './crowdAttacks.js';
import { bigImport, bigSurveyPreview, invalidImport, tokenImport } from './restAttacks.js';
import { profileStall } from './stallProfile.js';
import { runAttack, type Attack, type AttackResult } from './harness.js';
import { oneLine, renderAbuse, writeAbuseSection, type AbuseReport } from './report.js';

export const ATTACKS: readonly Attack[] = [
  malformedPaths,
  stateVectorBombs,
  docFlood,
  awarenessFlood,
  presenceLockout,
  memoryAmplification,
  busyBoardControl,
  bigImport,
  invalidImport,
  tokenImport,
  bigSurveyPreview,
  oversizeFrame,
];

export interface AbuseOptions {
  /** Attack ids to run (`--attacks A2,A5`); all when absent. */
  attacks?: string[];
  /** Where `--profile` puts each server's CPU profile; no profiling when absent. */
  profileRoot?: string;
  machine: MachineInfo;
  command: string;
  stamp: string;
  write: boolean;
}

function chosen(ids: string[] | undefined): Attack[] {
  if (!ids) return [...ATTACKS];
  const wanted = ids.map((id) => id.trim().toUpperCase());
  const unknown = wanted.filter((id) => !ATTACKS.some((a) => a.id.toUpperCase() === id));
  if (unknown.length)
    throw new Error(
      `unknown attack: ${unknown.join(', ')} (known: ${ATTACKS.map((a) => a.id).join(', ')})`,
    );
  return ATTACKS.filter((a) => wanted.includes(a.id.toUpperCase()));
}

export async function runAbuse(options: AbuseOptions): Promise<void> {
  const began = performance.now();
  const attacks = chosen(options.attacks);
  console.log(
    `bench: abuse case, ${attacks.length} attacks, each against a fresh journeyboard with its default limits`,
  );
  const results: AttackResult[] = [];
  const profiles: ProfileSummary[] = [];
  for (const attack of attacks) {
    const started = performance.now();
    const dir = options.profileRoot && path.join(options.profileRoot, `abuse-${attack.id}`);
    const result = await runAttack(attack, dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []);
    results.push(result);
    if (dir) {
      const summary = summarizeProfile(`abuse ${attack.id}`, dir);
      if (summary) profiles.push(summary);
      const busiest = result.busiest && profileStall(dir, result.busiest);
      if (busiest) result.busiestProfile = busiest;
    }
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`bench: ${attack.id.padEnd(4)} ${secs.padStart(5)} s  ${oneLine(result)}`);
  }
  const report: AbuseReport = {
    machine: options.machine,
    command: options.command,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    durationS: (performance.now() - began) / 1000,
    results,
    profiles,
    partial: !!options.attacks,
  };
  console.log(`\n${renderAbuse(report)}`);
  const outDir = path.join(ROOT, 'test-results', 'bench');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${options.stamp}-abuse.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  if (options.write) await writeAbuseSection(report);
  console.log(`bench: raw results in ${path.relative(ROOT, file)}`);
}
