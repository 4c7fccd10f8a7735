/**
 * `--profile`: server children run with `node --cpu-prof`; this reads the profile each one
 * wrote on exit and lists where the time went (self time per function).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  /** µs, CLOCK_MONOTONIC. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  label: string;
  file: string;
  totalMs: number;
  top: { name: string; percent: number }[];
}

export function shortUrl(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const dist = clean.indexOf('/dist/');
  return dist >= 0 ? clean.slice(dist + 1) : path.basename(clean);
}

/** `function file:line` of a profile frame (file relative to node_modules or dist). */
export function frameName(frame: CpuProfile['nodes'][number]['callFrame']): string {
  return frame.url
    ? `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`
    : frame.functionName || '(anonymous)';
}

function selfTimes(profile: CpuProfile): { self: Map<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    // Waiting is not work: the share of each function is of the busy time.
    if (!frame || frame.functionName === '(idle)') return;
    const name = frameName(frame);
    self.set(name, (self.get(name) ?? 0) + dt);
    total += dt;
  });
  return { self, total };
}

/**
 * Summarises the busiest profile in `dir`: node writes one per thread, and the main thread's
 * is the one that matters (tsx's loader thread only compiles at start).
 */
export function summarizeProfile(label: string, dir: string, count = 12): ProfileSummary | null {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return null;
  }
  let best: { file: string; self: Map<string, number>; total: number } | null = null;
  for (const file of files) {
    const full = path.join(dir, file);
    const times = selfTimes(JSON.parse(readFileSync(full, 'utf8')) as CpuProfile);
    if (!best || times.total > best.total) best = { file: full, ...times };
  }
  if (!best) return null;
  const { self, total } = best;
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, percent: (100 * us) / total }));
  return { label, file: best.file, totalMs: total / 1000, top };
}
