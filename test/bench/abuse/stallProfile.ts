/**
 * What the server did during one stall, from its `--cpu-prof` profile: the samples taken
 * between the stall's start and end (both on CLOCK_MONOTONIC, the profile's clock), by the
 * function on top of the stack and by the innermost function of the server's own code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { frameName, type CpuProfile } from '../profile.js';
import type { Stall } from './stalls.js';

export interface StallProfile {
  /** Profiled time inside the stall, ms (idle excluded). */
  busyMs: number;
  /** Self time by function, ms, largest first. */
  self: { name: string; ms: number }[];
  /** By the innermost frame of dist/server or dist/shared on the stack (who asked for it). */
  server: { name: string; ms: number }[];
}

const SERVER_CODE = /\/dist\/(server|shared)\//;

function top(tally: Map<string, number>, count: number) {
  return [...tally]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: us / 1000 }));
}

function analyse(profile: CpuProfile, from: number, to: number, count: number): StallProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const server = new Map<string, number>();
  let busy = 0;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    // A sample stands for the time since the previous one: only its part inside the stall counts.
    const dt = Math.min(t, to) - Math.max(t - delta, from);
    if (dt <= 0) return;
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    busy += dt;
    const name = frameName(frame);
    self.set(name, (self.get(name) ?? 0) + dt);
    let at: number | undefined = id;
    let owner = `(no server frame: ${name})`;
    while (at !== undefined) {
      const f = byId.get(at)!.callFrame;
      if (SERVER_CODE.test(f.url)) {
        owner = frameName(f);
        break;
      }
      at = parent.get(at);
    }
    server.set(owner, (server.get(owner) ?? 0) + dt);
  });
  return { busyMs: busy / 1000, self: top(self, count), server: top(server, count) };
}

/** `CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile`: thread 0 is the event loop's. */
const isMainThread = (file: string) => file.split('.')[4] === '0';

/** The profile of `stall` from the main-thread profiles in `dir` (one per process). */
export function profileStall(dir: string, stall: Stall, count = 5): StallProfile | null {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && isMainThread(f));
  } catch {
    return null;
  }
  const to = stall.mono;
  const from = to - stall.ms * 1000;
  let best: StallProfile | null = null;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const found = analyse(profile, from, to, count);
    if (!best || found.busyMs > best.busyMs) best = found;
  }
  return best && best.busyMs > 0 ? best : null;
}
