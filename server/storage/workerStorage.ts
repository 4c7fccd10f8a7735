import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workerThread.js';
import type { StorageCall, StorageReply } from './storageWorker.js';
import type { Storage } from './storage.js';

const ERRORS: Record<string, new (message: string) => Error> = { RangeError, TypeError };

/**
 * What a worker's uncaught throw arrives as: an Error, or, for a driver's own error class, a
 * bare `{ code }` without its message (the reason startup once said "[object Object]").
 */
function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  const { message, code } = (err ?? {}) as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' ? message : 'the storage worker failed';
  const error = new Error(typeof code === 'string' ? `${text} (${code})` : text);
  if (typeof code === 'string') Object.assign(error, { code });
  return error;
}

/** The main-thread end of the storage worker: calls out, replies back. */
class WorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void }
  >();
  private nextId = 1;
  private closed = false;
  private failure: Error | null = null;

  constructor(file: string) {
    this.worker = startWorker('storageWorker', import.meta.url, { workerData: { file } });
    this.worker.on('message', (reply: StorageReply) => {
      const call = this.pending.get(reply.id);
      if (!call) return;
      this.pending.delete(reply.id);
      if (reply.ok) call.resolve(reply.value);
      else {
        const Type = ERRORS[reply.error.name] ?? Error;
        const error = new Type(reply.error.message);
        if (reply.error.code) Object.assign(error, { code: reply.error.code });
        call.reject(error);
      }
    });
    const fail = (thrown: unknown) => {
      const err = asError(thrown);
      this.failure = err;
      for (const call of this.pending.values()) call.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`the storage worker exited (${code})`));
    });
  }

  call(method: string, args: unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('SqliteStorage is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method: method as keyof Storage, args } satisfies StorageCall);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.call('close', []).catch(() => {});
    this.closed = true;
    await this.worker.terminate();
  }
}

/**
 * SQLite behind a worker thread: the same `Storage`, every call a message (so methods added to
 * the port need nothing here). The main thread never waits for a disk flush, so sockets keep
 * moving while a group commit is written.
 */
export function sqliteInWorker(opts: { file: string }): Storage {
  const client = new WorkerClient(opts.file);
  return new Proxy({} as Storage, {
    get(_target, prop) {
      if (prop === 'kind') return 'sqlite';
      if (prop === 'close') return () => client.close();
      // Not a promise itself: `await storage` must not call into the worker.
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      return (...args: unknown[]) => client.call(prop, args);
    },
  });
}
