/** Builds journeyboard (`npm run build`) when dist/ is missing or older than its sources. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './servers.js';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** Why a build is needed, or null when dist/ is current. */
export function staleReason(): string | null {
  const server = path.join(ROOT, 'dist/server/main.js');
  const client = path.join(ROOT, 'dist/client/index.html');
  if (!existsSync(server)) return 'dist/server is missing';
  if (!existsSync(client)) return 'dist/client is missing';
  const shared = newest(path.join(ROOT, 'shared'));
  if (Math.max(shared, newest(path.join(ROOT, 'server'))) > mtime(server))
    return 'server sources changed since the build';
  if (Math.max(shared, newest(path.join(ROOT, 'client'))) > mtime(client))
    return 'client sources changed since the build';
  return null;
}

export function ensureBuilt(): void {
  const reason = staleReason();
  if (!reason) return;
  console.log(`bench: building journeyboard (${reason}) …`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error('npm run build failed: fix it, or run with --no-build to use dist/ as it is');
}
