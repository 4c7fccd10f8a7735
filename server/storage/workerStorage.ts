import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workerThread.js';
import { EmailTaken, type AccountStore } from './accounts.js';
import type { DigestStore } from './digests.js';
import type { ImageStore } from './images.js';
import type { LinkStore } from './links.js';
import type { MailStore } from './mail.js';
import type { NotificationStore } from './notifications.js';
import type { ReviewStore } from './reviews.js';
import type { SearchStore } from './search.js';
import type { VoteStore } from './votes.js';
import type { StorageCall, StorageReply, WorkerError } from './storageWorker.js';
import type { Storage } from './storage.js';

/** The error classes callers tell apart, rebuilt from what the worker replied. */
const ERRORS: Record<string, (e: WorkerError) => Error> = {
  RangeError: (e) => new RangeError(e.message),
  TypeError: (e) => new TypeError(e.message),
  EmailTaken: (e) => new EmailTaken(e.email ?? ''),
};

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
        const rebuild = ERRORS[reply.error.name];
        const error = rebuild ? rebuild(reply.error) : new Error(reply.error.message);
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

  call(target: StorageCall['target'], method: string, args: unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('SqliteStorage is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, target, method, args } as StorageCall);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.call('storage', 'close', []).catch(() => {});
    this.closed = true;
    await this.worker.terminate();
  }
}

/** A method by that name calls into the worker; `then` stays unset (not a promise itself). */
const asMethod = (prop: string | symbol, call: (method: string, args: unknown[]) => unknown) =>
  typeof prop !== 'string' || prop === 'then'
    ? undefined
    : (...args: unknown[]) => call(prop, args);

/**
 * SQLite behind a worker thread: the same `Storage` (and `storage.accounts`), every call a
 * message (so methods added to the port need nothing here), over the worker's one connection.
 * The main thread never waits for a disk flush, so sockets keep moving while a group commit is
 * written.
 */
export function sqliteInWorker(opts: { file: string }): Storage {
  const client = new WorkerClient(opts.file);
  const subStore = <T extends object>(target: Exclude<StorageCall['target'], 'storage'>) =>
    new Proxy({} as T, {
      get: (_target, prop) => asMethod(prop, (method, args) => client.call(target, method, args)),
    });
  // Sub-stores share the worker's connection (and so its transactions' order).
  const subStores: Record<string, object> = {
    accounts: subStore<AccountStore>('accounts'),
    mail: subStore<MailStore>('mail'),
    notifications: subStore<NotificationStore>('notifications'),
    reviews: subStore<ReviewStore>('reviews'),
    votes: subStore<VoteStore>('votes'),
    images: subStore<ImageStore>('images'),
    links: subStore<LinkStore>('links'),
    search: subStore<SearchStore>('search'),
    digests: subStore<DigestStore>('digests'),
  };
  return new Proxy({} as Storage, {
    get(_target, prop) {
      if (prop === 'kind') return 'sqlite';
      if (typeof prop === 'string' && Object.hasOwn(subStores, prop)) return subStores[prop];
      if (prop === 'close') return () => client.close();
      return asMethod(prop, (method, args) => client.call('storage', method, args));
    },
  });
}
