import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import { waitFor } from '../helpers/clients.js';

let proc: ServerProcess | null = null;
let dataDir = '';

afterEach(() => {
  proc?.child.kill('SIGKILL');
  proc = null;
  if (dataDir) removeDir(dataDir);
});

describe('the server process', () => {
  it('W1: exits with a clear message on invalid configuration', () => {
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

  it('S38: names an unreachable PostgreSQL or Redis and exits, without their passwords', async () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', DATA_DIR: tempDataDir(), ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const pg = run({ DATABASE_URL: 'postgres://jb:pg-sekrit@127.0.0.1:1/jb' });
    expect(pg.status).toBe(1);
    expect(pg.stdout).toMatch(
      /postgres storage at postgres:\/\/jb:\*\*\*@127\.0\.0\.1:1\/jb could not start: .*ECONNREFUSED/,
    );
    // A schema of its own: the shared database's public schema is no test's to migrate.
    const { schema, drop } = await testSchema();
    const redis = run({
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL: 'redis://:redis-sekrit@127.0.0.1:1',
      AUTH_SECRET: 'a'.repeat(32),
    });
    await drop();
    expect(redis.status).toBe(1);
    expect(redis.stdout).toMatch(/Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1.*did not answer/);
    expect(pg.stdout + pg.stderr + redis.stdout + redis.stderr).not.toContain('sekrit');
  }, 60_000);

  it('S6: logs structured JSON without query strings (tokens travel there)', async () => {
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

  it('names why the data directory cannot hold the database, not "[object Object]"', () => {
    /** Starts on a data directory `prepare` sets up (it answers the DATA_DIR to use). */
    const run = (prepare: (dir: string) => string) => {
      dataDir = tempDataDir();
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', DATA_DIR: prepare(dataDir) },
        encoding: 'utf8',
        timeout: 30_000,
      });
      removeDir(dataDir);
      dataDir = '';
      expect(result.status).toBe(1);
      expect(result.stdout + result.stderr).not.toContain('[object Object]');
      return result;
    };
    // A full disk for real: every write to /dev/full fails with ENOSPC.
    const full = run((dir) => {
      symlinkSync('/dev/full', path.join(dir, 'journeyboard.db'));
      return dir;
    });
    expect(full.stdout).toMatch(/sqlite storage at .* could not start: database or disk is full/);
    expect(full.stderr).toMatch(/^journeyboard could not start: .*disk is full/m);
    const blocked = run((dir) => {
      mkdirSync(path.join(dir, 'journeyboard.db'));
      return dir;
    });
    expect(blocked.stdout).toMatch(/could not start: .*journeyboard\.db is a directory \(EISDIR\)/);
    const underAFile = run((dir) => {
      writeFileSync(path.join(dir, 'file'), 'not a directory');
      return path.join(dir, 'file', 'data');
    });
    expect(underAFile.stderr).toMatch(/could not start: ENOTDIR: not a directory/);
  }, 90_000);

  it('tells a person where it runs, and keeps its log lines JSON', async () => {
    dataDir = tempDataDir();
    proc = await spawnServer(dataDir, { HOST: '0.0.0.0' });
    const port = new URL(proc.url).port;
    await waitFor(
      () => proc!.logs.some((l) => l.raw === `journeyboard is running at http://localhost:${port}`),
      5000,
      'the line for a person',
    );
    const plain = proc.logs.filter((l) => 'raw' in l);
    expect(plain).toEqual([{ raw: `journeyboard is running at http://localhost:${port}` }]);
    expect(proc.logs.some((l) => l.msg === 'listening')).toBe(true);
  });
});
