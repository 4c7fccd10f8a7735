/** What the numbers were measured on: cores, CPU, memory, Node and package versions. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM } from './render.js';
import { ROOT } from './servers.js';

export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  packages: Record<string, string>;
  chromium: string | null;
  pinned: boolean;
  loadAverage: string;
}

const PACKAGES = [
  'yjs',
  'y-protocols',
  'lib0',
  'ws',
  'y-websocket-reference',
  '@hocuspocus/server',
  'playwright-core',
];

function versionOf(name: string): string {
  try {
    const file = path.join(ROOT, 'node_modules', name, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return 'missing';
  }
}

function run(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

/** Read before the generator pins itself (`nproc` counts the cores a process may use). */
export function machineInfo(): MachineInfo {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?';
  const packages = Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)]));
  // y-websocket-reference is the npm alias of y-websocket@1.5.4; its own ws serves it.
  const require = createRequire(path.join(ROOT, 'node_modules/y-websocket-reference/bin/utils.js'));
  try {
    packages['ws (y-websocket 1.5.4)'] = (
      require('ws/package.json') as { version: string }
    ).version;
  } catch {
    // Not installed.
  }
  return {
    cores: Number(run('nproc', [])) || os.cpus().length,
    cpu,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    packages,
    chromium: run(CHROMIUM, ['--version']),
    pinned: false,
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}
