import type { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { startWorker } from '../workerThread.js';
import type { JobCall, JobReply } from './jobWorker.js';
import type { JobKind, Jobs } from './jobs.js';

/** Every worker is busy and the queue is full: the route answers 503 with Retry-After. */
export class PoolBusy extends Error {
  constructor() {
    super('the server is busy with other imports; try again in a few seconds');
  }
}

/** A job that did not finish: its worker died (out of memory, a crash) or the pool closed. */
export class JobFailed extends Error {
  constructor(
    message: string,
    /** 413 when the worker ran out of memory on the input, else 500. */
    readonly status: number,
  ) {
    super(message);
  }
}

/** What a pool reports: jobs taken (running, waiting or being read) and refusals. */
export interface PoolMeter {
  inProgress(jobs: number): void;
  refused(): void;
}

/** A place in the pool, taken before a request's body is read so the queue bounds memory too. */
export interface JobSlot {
  /** Runs one job in the slot and gives the slot back. */
  run<K extends JobKind>(kind: K, input: Jobs[K]['input']): Promise<Jobs[K]['output']>;
  /** Gives the slot back unused (the body could not be read). */
  release(): void;
}

interface Pending {
  call: JobCall;
  resolve(output: unknown): void;
  reject(err: Error): void;
}

interface PoolWorker {
  worker: Worker;
  job: Pending | null;
  idleTimer: NodeJS.Timeout | null;
}

/** An idle worker is stopped after this long; the next large import starts a fresh one. */
const IDLE_MS = 60_000;

/**
 * A small pool of import worker threads (jobWorker.ts) with a bounded queue. Workers start on
 * demand, one job each at a time; a worker that dies fails its job only and is replaced.
 */
export class JobPool {
  private readonly workers = new Set<PoolWorker>();
  private readonly queue: Pending[] = [];
  private taken = 0;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly queueLength: number,
    private readonly log: Logger,
    private readonly meter: PoolMeter,
  ) {}

  /** Takes a slot; throws PoolBusy when `size` jobs run and `queueLength` wait already. */
  reserve(): JobSlot {
    if (this.closed || this.taken >= this.size + this.queueLength) {
      this.meter.refused();
      throw new PoolBusy();
    }
    this.taken++;
    this.meter.inProgress(this.taken);
    let held = true;
    const release = () => {
      if (held) this.taken--;
      held = false;
      this.meter.inProgress(this.taken);
    };
    return {
      run: (kind, input) => this.submit(kind, input).finally(release),
      release,
    };
  }

  run<K extends JobKind>(kind: K, input: Jobs[K]['input']): Promise<Jobs[K]['output']> {
    return this.reserve().run(kind, input);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(new JobFailed('the server is shutting down', 503));
    await Promise.all([...this.workers].map((w) => this.stop(w, 'the server is shutting down')));
  }

  private submit<K extends JobKind>(kind: K, input: Jobs[K]['input']): Promise<Jobs[K]['output']> {
    return new Promise((resolve, reject) => {
      const call: JobCall = { id: this.nextId++, kind, input };
      this.queue.push({ call, resolve: resolve as (output: unknown) => void, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let free = [...this.workers].find((w) => !w.job);
      if (!free && this.workers.size < this.size) free = this.spawn();
      if (!free) return;
      const pending = this.queue.shift()!;
      if (free.idleTimer) clearTimeout(free.idleTimer);
      free.idleTimer = null;
      free.job = pending;
      free.worker.postMessage(pending.call);
    }
  }

  private spawn(): PoolWorker {
    const entry: PoolWorker = {
      worker: startWorker('jobWorker', import.meta.url),
      job: null,
      idleTimer: null,
    };
    entry.worker.unref();
    entry.worker.on('message', (reply: JobReply) => {
      const job = entry.job;
      if (!job || job.call.id !== reply.id) return;
      entry.job = null;
      if (reply.ok) job.resolve(reply.output);
      else job.reject(new JobFailed(reply.error, 500));
      entry.idleTimer = setTimeout(() => void this.stop(entry, null), IDLE_MS).unref();
      this.dispatch();
    });
    entry.worker.on('error', (err: Error & { code?: string }) => {
      const outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.log.error({ err }, 'an import worker failed');
      void this.stop(
        entry,
        outOfMemory ? 'the import is too large to process' : 'the import worker failed',
        outOfMemory ? 413 : 500,
      );
    });
    entry.worker.on('exit', () => {
      if (this.workers.has(entry)) void this.stop(entry, 'the import worker stopped');
    });
    this.workers.add(entry);
    return entry;
  }

  /** Stops a worker, failing its job (if any) with `reason`, and lets the queue move on. */
  private async stop(entry: PoolWorker, reason: string | null, status = 500): Promise<void> {
    if (!this.workers.delete(entry)) return;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    const job = entry.job;
    entry.job = null;
    if (job) job.reject(new JobFailed(reason ?? 'the import worker stopped', status));
    await entry.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}
