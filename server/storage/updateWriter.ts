import { EventEmitter } from 'node:events';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { PendingUpdate, Storage } from './storage.js';

const RETRY_MIN_MS = 50;
/**
 * Backoff cap while writes fail. Joins to an unsaved board are refused until a retry works, so
 * a long wait here kept editors out for seconds after storage was back (5 s once gave ~10 s).
 */
const RETRY_MAX_MS = 1_000;

interface WriterEvents {
  /** A batch failed; these boards have updates that are not durable yet. */
  failed: [boardIds: Set<string>, error: unknown];
  /** A write succeeded after failures. */
  recovered: [];
  /** A batch is durable. */
  written: [batch: readonly PendingUpdate[]];
}

/**
 * Group commit for the update log: everything accepted within `delayMs` goes to storage in
 * one transaction. A failed batch stays queued (in order) and is retried with backoff; it is
 * never dropped.
 */
export class UpdateWriter extends EventEmitter<WriterEvents> {
  private queue: PendingUpdate[] = [];
  private enqueued = 0;
  private inFlight: PendingUpdate[] | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private retryMs = 0;
  private failing = false;
  /** When the last write attempt ended (ms epoch), to space out early retries. */
  private lastAttemptAt = 0;
  private earlyRetry: Promise<boolean> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly delayMs: number,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  /** Queues an update for the next group commit; its latency counts from `acceptedAt` (W317). */
  enqueue(update: PendingUpdate): void {
    update.acceptedAt ??= performance.now();
    update.order = ++this.enqueued;
    this.queue.push(update);
    this.metrics.pendingUpdates.inc();
    this.schedule(this.delayMs);
  }

  /** How many updates were ever queued: the `order` of the latest. */
  get enqueuedCount(): number {
    return this.enqueued;
  }

  /**
   * Every update queued with an `order` up to this one is durable (or its board was deleted):
   * the queue keeps its order across retries, so the oldest still pending bounds it (W342).
   */
  get durableThrough(): number {
    const oldest = this.inFlight?.[0] ?? this.queue[0];
    return oldest?.order !== undefined ? oldest.order - 1 : this.enqueued;
  }

  /** Updates of this document still waiting to be written (queued or in flight). */
  pendingFor(docName: string): number {
    let n = 0;
    for (const u of this.queue) if (u.docName === docName) n++;
    return n + (this.inFlight?.filter((u) => u.docName === docName).length ?? 0);
  }

  /** The updates of this document not yet written (queued or in flight), in order. */
  pendingUpdatesFor(docName: string): Uint8Array[] {
    const of = (list: readonly PendingUpdate[]) =>
      list.filter((u) => u.docName === docName).map((u) => u.update);
    return [...of(this.inFlight ?? []), ...of(this.queue)];
  }

  get isFailing(): boolean {
    return this.failing;
  }

  /**
   * While writes fail: tries the queued batch now instead of at the end of the backoff (a
   * refused join asks, so an editor gets in as soon as storage is back). Resolves true when
   * writes work again, false while they still fail or when nothing was failing. Callers asking
   * together share one attempt, and attempts stay at least RETRY_MIN_MS apart.
   */
  retryNow(): Promise<boolean> {
    if (!this.failing) return Promise.resolve(false);
    this.earlyRetry ??= (async () => {
      const wait = this.lastAttemptAt + RETRY_MIN_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (this.failing && !this.writing && this.queue.length > 0) {
        this.clearTimer();
        void this.writeBatch();
      }
      await this.writing;
      return !this.failing;
    })().finally(() => {
      this.earlyRetry = null;
    });
    return this.earlyRetry;
  }

  /** Forgets the updates of a deleted board. */
  discardBoard(boardId: string): void {
    const before = this.queue.length;
    this.queue = this.queue.filter((u) => u.boardId !== boardId);
    this.metrics.pendingUpdates.dec(before - this.queue.length);
    // Nothing left that failed: no write is failing any more (health must not stay degraded).
    if (this.failing && this.queue.length === 0 && !this.writing) this.recover();
  }

  private recover(): void {
    this.failing = false;
    this.retryMs = 0;
    this.clearTimer();
    this.log.info('storage writes recovered');
    this.emit('recovered');
  }

  /** Writes everything queued; rejects if storage still fails when `deadline` (ms epoch) passes. */
  async drain(deadline: number): Promise<void> {
    this.clearTimer();
    while (this.queue.length > 0 || this.writing) {
      if (this.writing) await this.writing;
      else await this.writeBatch();
      if (this.queue.length > 0 && this.failing) {
        if (Date.now() > deadline)
          throw new Error(`${this.queue.length} updates could not be written`);
        await new Promise((r) =>
          setTimeout(r, Math.min(this.retryMs, Math.max(0, deadline - Date.now()))),
        );
      }
    }
  }

  /** Resolves when the write in flight (if any) has ended. */
  async settled(): Promise<void> {
    await this.writing;
  }

  private schedule(delay: number): void {
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.writeBatch();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** W317: each update's time from acceptance to this commit (a retried one counts its wait). */
  private observeCommitted(batch: readonly PendingUpdate[]): void {
    const now = performance.now();
    const histogram = this.metrics.updateCommitSeconds;
    for (const { acceptedAt } of batch)
      if (acceptedAt !== undefined) histogram.observe((now - acceptedAt) / 1000);
  }

  private writeBatch(): Promise<void> {
    if (this.writing || this.queue.length === 0) return this.writing ?? Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    this.inFlight = batch;
    const stopTimer = this.metrics.storeSeconds.startTimer();
    this.writing = this.storage
      .appendUpdates(batch)
      .then(
        () => {
          stopTimer();
          this.inFlight = null;
          this.observeCommitted(batch);
          this.metrics.pendingUpdates.dec(batch.length);
          this.retryMs = 0;
          if (this.failing) this.recover();
          this.emit('written', batch);
        },
        (error: unknown) => {
          this.metrics.storeErrors.inc();
          // Put the batch back in front, so order is kept for the retry.
          this.queue = batch.concat(this.queue);
          this.inFlight = null;
          this.retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, this.retryMs * 2));
          this.failing = true;
          this.log.error(
            { err: error, updates: batch.length, retryInMs: this.retryMs },
            'storage write failed',
          );
          this.emit('failed', new Set(batch.map((u) => u.boardId)), error);
        },
      )
      .finally(() => {
        this.lastAttemptAt = Date.now();
        this.writing = null;
        this.inFlight = null;
        if (this.queue.length > 0) this.schedule(this.failing ? this.retryMs : this.delayMs);
      });
    return this.writing;
  }
}
