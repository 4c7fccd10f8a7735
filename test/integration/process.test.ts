import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  ROOT,
  createBoard,
  removeDir,
  spawnServer,
  tempDataDir,
  type ServerProcess,
} from '../helpers/server.js';

let proc: ServerProcess | null = null;
let dataDir = '';

afterEach(() => {
  proc?.child.kill('SIGKILL');
  proc = null;
  if (dataDir) removeDir(dataDir);
});

describe('the server process', () => {
  it('exits with a clear message on invalid configuration', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT');
  });

  it('logs structured JSON without query strings (tokens travel there)', async () => {
    dataDir = tempDataDir();
    proc = await spawnServer(dataDir);
    const { id } = await createBoard(proc.url);
    await fetch(`${proc.url}/api/boards/${id}?token=sekrit-http`);
    const ws = new WebSocket(`${proc.url.replace('http', 'ws')}/sync/${id}?token=sekrit-ws`);
    await new Promise((r) => ws.once('open', r));
    ws.close();
    await fetch(`${proc.url}/healthz`);
    await new Promise((r) => setTimeout(r, 200));
    const http = proc.logs.filter((l) => l.msg === 'http');
    expect(http.some((l) => l.path === `/api/boards/${id}`)).toBe(true);
    expect(JSON.stringify(proc.logs)).not.toContain('sekrit');
  });
});
