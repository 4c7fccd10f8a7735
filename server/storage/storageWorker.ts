/**
 * Runs SQLite in a worker thread (see workerStorage.ts): better-sqlite3 is synchronous, and an
 * fsync per group commit on the main thread would stall every socket for milliseconds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EmailTaken, type AccountStore } from './accounts.js';
import type { DigestStore } from './digests.js';
import type { ImageStore } from './images.js';
import type { LinkStore } from './links.js';
import type { MailStore } from './mail.js';
import type { NotificationStore } from './notifications.js';
import type { ReviewStore } from './reviews.js';
import type { SearchStore } from './search.js';
import type { VoteStore } from './votes.js';
import { SqliteStorage } from './sqlite.js';
import type { Storage } from './storage.js';

/** A call of a `Storage` method, or of one of `storage.accounts` (same connection). */
export type StorageCall = { id: number; args: unknown[] } & (
  | { target: 'storage'; method: keyof Storage }
  | { target: 'accounts'; method: keyof AccountStore }
  | { target: 'mail'; method: keyof MailStore }
  | { target: 'notifications'; method: keyof NotificationStore }
  | { target: 'reviews'; method: keyof ReviewStore }
  | { target: 'votes'; method: keyof VoteStore }
  | { target: 'images'; method: keyof ImageStore }
  | { target: 'links'; method: keyof LinkStore }
  | { target: 'search'; method: keyof SearchStore }
  | { target: 'digests'; method: keyof DigestStore }
);

/** An error as a reply carries it; `email` rebuilds an `EmailTaken`. */
export interface WorkerError {
  name: string;
  message: string;
  code?: string;
  email?: string;
}

export type StorageReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerError };

/** An error as a reply can carry it (a thrown SqliteError would reach the main thread as `{ code }`). */
function describe(err: unknown): WorkerError {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as NodeJS.ErrnoException).code;
  return {
    name: e.name,
    message: e.message,
    ...(code ? { code } : {}),
    ...(e instanceof EmailTaken ? { email: e.email } : {}),
  };
}

const file = (workerData as { file: string }).file;
let storage: SqliteStorage | null = null;
/** Opening failed (disk full, read-only, a directory in the way): every call answers with why. */
let openError: unknown = null;
try {
  // Waiting here blocks only this thread; the main thread keeps serving sockets meanwhile.
  storage = new SqliteStorage({ file, busyTimeoutMs: 2_000 });
} catch (err) {
  openError = err;
}
const port = parentPort!;

port.on('message', (call: StorageCall) => {
  const reply = (value: unknown) =>
    port.postMessage({ id: call.id, ok: true, value } satisfies StorageReply);
  const fail = (err: unknown) =>
    port.postMessage({ id: call.id, ok: false, error: describe(err) } satisfies StorageReply);
  if (!storage) {
    if (call.target === 'storage' && call.method === 'close') reply(undefined);
    else fail(openError);
    return;
  }
  // Sub-stores (`storage.accounts`, `storage.mail`…) share the storage's connection.
  const target: object = call.target === 'storage' ? storage : storage[call.target];
  const method: unknown = (target as Record<string, unknown>)[call.method];
  if (typeof method !== 'function') {
    fail(new TypeError(`storage worker: no method ${call.target}.${call.method}`));
    return;
  }
  (method as (...args: unknown[]) => Promise<unknown>).apply(target, call.args).then(reply, fail);
});
