/**
 * Server child processes: spawned pinned to the server core, with the GC hook preloaded,
 * watched for warnings and errors, and stopped with SIGTERM (SIGKILL after a grace period).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pinned } from './proc.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SERVER_CORE = 1;

export interface ServerLog {
  warnings: number;
  errors: number;
  /** The first distinct messages, for the report. */
  samples: string[];
}

/** `process.memoryUsage()` of a server, read inside it (bytes). */
export interface HeapReading {
  rss: number;
  heapUsed: number;
  external: number;
}

export interface StartOptions {
  /** Extra node flags for the child (e.g. --cpu-prof). */
  nodeFlags?: string[];
  /** Sees the child's output lines; a line it takes (returns true) is not counted as a log line. */
  onLine?: (line: string) => boolean;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function waitListening(
  port: number,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Counts warnings and errors in a child's output (pino JSON lines or plain text) and hands
 * the GC hook's memory lines to `onMemory`.
 */
function watchOutput(
  child: ChildProcess,
  log: ServerLog,
  onMemory: (reading: HeapReading) => void,
  take: (line: string) => boolean = () => false,
): void {
  const onLine = (line: string, isStderr: boolean) => {
    if (!line.trim()) return;
    if (line.startsWith(MEMORY_LINE)) {
      onMemory(JSON.parse(line.slice(MEMORY_LINE.length)) as HeapReading);
      return;
    }
    if (take(line)) return;
    let level = isStderr ? 50 : 30;
    let msg = line;
    try {
      const entry = JSON.parse(line) as {
        level?: number;
        msg?: string;
        err?: { message?: string };
      };
      level = entry.level ?? level;
      msg = `${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`;
    } catch {
      // Plain text.
    }
    if (level >= 50) log.errors++;
    else if (level >= 40) log.warnings++;
    else return;
    const short = msg.slice(0, 160);
    if (log.samples.length < 8 && !log.samples.includes(short)) log.samples.push(short);
  };
  createInterface({ input: child.stdout! }).on('line', (l) => onLine(l, false));
  createInterface({ input: child.stderr! }).on('line', (l) => onLine(l, true));
}

export interface Spawned {
  child: ChildProcess;
  port: number;
  log: ServerLog;
  collectGarbage(): Promise<HeapReading>;
  stop(): Promise<void>;
}

/**
 * Preloaded into every server (journeyboard included): SIGUSR2 runs a full GC, so memory is
 * read without the garbage of setting up. Nothing else in the process changes.
 */
const GC_HOOK = `data:text/javascript,${encodeURIComponent(
  "process.on('SIGUSR2', () => { globalThis.gc(); " +
    "process.stderr.write('bench-memory ' + JSON.stringify(process.memoryUsage()) + '\\n'); });",
)}`;
const MEMORY_LINE = 'bench-memory ';

export async function spawnServer(
  script: string,
  env: Record<string, string>,
  options: StartOptions,
  log: ServerLog = { warnings: 0, errors: 0, samples: [] },
): Promise<Spawned> {
  const port = await freePort();
  const nodeArgs = [
    '--expose-gc',
    '--import',
    GC_HOOK,
    ...(options.nodeFlags ?? []),
    ...script.split(' '),
  ];
  const [command, args] = pinned(SERVER_CORE, process.execPath, nodeArgs);
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const memoryWaiters: ((reading: HeapReading) => void)[] = [];
  watchOutput(child, log, (reading) => memoryWaiters.shift()?.(reading), options.onLine);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitListening(port, child, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const collectGarbage = () =>
    new Promise<HeapReading>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no memory reading from the server')),
        10_000,
      );
      memoryWaiters.push((reading) => {
        clearTimeout(timer);
        resolve(reading);
      });
      child.kill('SIGUSR2');
    });
  return { child, port, log, collectGarbage, stop };
}
