/**
 * Runs SQLite in a worker thread (see workerStorage.ts): better-sqlite3 is synchronous, and an
 * fsync per group commit on the main thread would stall every socket for milliseconds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStorage } from './sqlite.js';
import type { Storage } from './storage.js';

export interface StorageCall {
  id: number;
  method: keyof Storage;
  args: unknown[];
}

export type StorageReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

// Waiting here blocks only this thread; the main thread keeps serving sockets meanwhile.
const storage = new SqliteStorage({
  file: (workerData as { file: string }).file,
  busyTimeoutMs: 2_000,
});
const port = parentPort!;

port.on('message', (call: StorageCall) => {
  const method = storage[call.method] as (...args: unknown[]) => Promise<unknown>;
  method.apply(storage, call.args).then(
    (value) => port.postMessage({ id: call.id, ok: true, value } satisfies StorageReply),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      const code = (e as NodeJS.ErrnoException).code;
      port.postMessage({
        id: call.id,
        ok: false,
        error: { name: e.name, message: e.message, ...(code ? { code } : {}) },
      } satisfies StorageReply);
    },
  );
});
