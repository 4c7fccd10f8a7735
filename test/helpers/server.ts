import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/server.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'journeyboard-test-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const wsUrlOf = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/sync`;

/** The real server, in this process, on an ephemeral port. */
/** Tests' admin token: it lists every board and acts as owner anywhere. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789';
/**
 * Tests create many boards from one address without a token (the limit has tests of its own),
 * with share links as before accounts: tests of accounts set `AUTH_MODE` themselves. Password
 * hashes are cheap (scrypt N=2^10, 1 MiB): at the production cost (128 MiB) each sign-up or
 * sign-in takes seconds on a loaded two-core machine; test/unit/server/auth/passwords.test.ts
 * checks the production cost itself.
 */
const TEST_DEFAULTS = {
  ANONYMOUS_CREATES_PER_HOUR: '1000000',
  AUTH_MODE: 'open',
  PASSWORD_HASH_COST: '10',
};

export async function startTestServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ROOM_UNLOAD_GRACE_MS: '200',
    ADMIN_TOKEN,
    ...TEST_DEFAULTS,
    ...env,
  });
  return startServer(config, createLogger(config.LOG_LEVEL), options);
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line the process printed so far. */
  logs: Record<string, unknown>[];
  /** The exit code, once the process is gone and every line it printed is in `logs`. */
  exited: Promise<number | null>;
  /** Resolves with the first log line whose `msg` is `msg`, from `logs[from]` on (or later). */
  logged(msg: string, from?: number): Promise<Record<string, unknown>>;
}

/** The real server as its own process (`node --import tsx server/main.ts`), for kill tests. */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ADMIN_TOKEN,
      ...TEST_DEFAULTS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const lineListeners = new Set<(entry: Record<string, unknown>) => void>();
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // 'close', not 'exit': 'exit' may come before the last lines of stdout were read.
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        for (const listener of lineListeners) listener(entry);
        if (entry.msg === 'listening') resolve(entry.port as number);
      } catch {
        logs.push({ raw: line });
      }
    });
    void exited.then((code) =>
      reject(
        new Error(
          `server exited (${code}) before listening: ${stderr}${logs
            .slice(-3)
            .map((l) => JSON.stringify(l))
            .join('\n')}`,
        ),
      ),
    );
  });
  const logged = (msg: string, from = 0) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const seen = logs.slice(from).find((l) => l.msg === msg);
      if (seen) return resolve(seen);
      const listener = (entry: Record<string, unknown>) => {
        if (entry.msg !== msg) return;
        lineListeners.delete(listener);
        resolve(entry);
      };
      lineListeners.add(listener);
    });
  return { url: `http://127.0.0.1:${port}`, child, logs, exited, logged };
}

export type Role = 'owner' | 'editor' | 'commenter' | 'viewer';
export interface CreatedBoard {
  id: string;
  title: string;
  mapType: string;
  createdAt: string;
  tokens: Record<Role, string>;
}

/** Share tokens of the boards tests created, so clients can join them as editors by default. */
export const boardTokens = new Map<string, Record<Role, string>>();

export async function createBoard(
  url: string,
  body: object = { title: 'Test board', template: 'current-state' },
): Promise<CreatedBoard> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as CreatedBoard;
  boardTokens.set(created.id, created.tokens);
  return created;
}

/** `Authorization` for a board as a role (editor unless said otherwise). */
export function authFor(boardId: string, role: Role = 'editor'): Record<string, string> {
  const token = boardTokens.get(boardId)?.[role];
  return token ? { authorization: `Bearer ${token}` } : {};
}

export const adminAuth = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Who a test request is: a role's share link, the admin, nobody, or headers of its own. */
export type BoardAuth = Role | 'admin' | 'none' | Record<string, string>;

function headersOf(boardId: string, auth: BoardAuth): Record<string, string> {
  if (typeof auth === 'object') return auth;
  if (auth === 'admin') return adminAuth;
  return auth === 'none' ? {} : authFor(boardId, auth);
}

/**
 * A JSON request to `/api/boards/<boardId><path>` on the server at `baseUrl()` (or `url`),
 * answering its status, headers and parsed body (null when empty).
 */
export function boardApiCaller(baseUrl: () => string) {
  return async (
    method: string,
    path: string,
    boardId: string,
    auth: BoardAuth = 'editor',
    body?: unknown,
    url = baseUrl(),
  ) => {
    const res = await fetch(`${url}/api/boards/${boardId}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headersOf(boardId, auth) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
}
