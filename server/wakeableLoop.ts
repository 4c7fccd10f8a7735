/**
 * A background loop of rounds: each round says how long until the next is due, and `wake()`
 * starts one sooner (something was queued). Rounds never overlap; `stop()` waits for the round
 * in progress. The mail outbox and the notification e-mail rounds run on it.
 */
export class WakeableLoop {
  private loop: Promise<void> | null = null;
  private stopped = false;
  private woken = false;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly options: {
      /** One round; resolves with the wait before the next one (ms). */
      round: () => Promise<number>;
      /** A round threw: report it; the wait before trying again (ms). */
      failed: (err: unknown) => number;
      /** Wakes closer together than this are one round (a burst is one round). */
      coalesceMs?: number;
    },
  ) {}

  /** True once `stop()` was called: a round in progress should hand its work back. */
  get stopping(): boolean {
    return this.stopped;
  }

  start(): void {
    this.loop ??= this.run();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const coalesceMs = this.options.coalesceMs ?? 0;
    while (!this.stopped) {
      this.woken = false;
      let waitMs: number;
      try {
        waitMs = await this.options.round();
      } catch (err) {
        waitMs = this.options.failed(err);
      }
      if (this.stopped) break;
      if (this.woken) {
        if (coalesceMs > 0) await this.sleep(coalesceMs, false);
      } else await this.sleep(Math.max(coalesceMs, waitMs), true);
    }
  }

  /** Waits `ms`; a wake ends a wakeable wait early (after `coalesceMs` more). */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (!wakeable) return;
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        const coalesceMs = this.options.coalesceMs ?? 0;
        if (coalesceMs > 0 && !this.stopped) setTimeout(resolve, coalesceMs);
        else resolve();
      };
    });
  }
}
