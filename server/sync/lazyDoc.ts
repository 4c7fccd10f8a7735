import * as Y from 'yjs';
import { applyStoredDoc } from '../storage/compaction.js';
import type { StoredDoc } from '../storage/storage.js';
import { STORAGE_ORIGIN } from '../updateOrigin.js';

/** A document nobody needed integrates once no one joined its room for this long. */
const INTEGRATE_WHEN_IDLE_MS = 250;
/**
 * ...and once the joiners' answers have left the process (W337), but no later than this after
 * the last join: a client that does not read holds nothing up for long.
 */
const INTEGRATE_AT_LATEST_MS = 5_000;

function anyQueued(sockets: Iterable<{ readonly bufferedAmount: number }>): boolean {
  for (const socket of sockets) if (socket.bufferedAmount > 0) return true;
  return false;
}

/**
 * A room's Y.Doc and what storage held of it, integrated only when something needs the doc
 * (`doc`: an update, a client that has part of it, any reader) or once joins pause
 * (`integrateWhenIdle`). Integrating a 1.7 MB board takes the event loop ~300 ms; clients with
 * nothing are answered from the stored bytes meanwhile (fullState.ts, W313). Until then nothing
 * was applied to the doc, so the stored bytes are the whole document.
 */
export class LazyDoc {
  /** The Y.Doc itself: listeners may attach, its content is complete only once integrated. */
  readonly ydoc = new Y.Doc();
  private stored: StoredDoc | null;
  private timer: NodeJS.Timeout | null = null;

  /**
   * `onIntegrated` runs right after the stored content is in, before anything else is applied;
   * `onFailed` when it could not be integrated (the doc no longer matches storage).
   */
  constructor(
    stored: StoredDoc,
    private readonly onIntegrated: (ms: number) => void,
    private readonly onFailed: (err: unknown) => void,
  ) {
    this.stored = stored;
  }

  get integrated(): boolean {
    return this.stored === null;
  }

  /** The document, with everything storage held (integrated here on first use). */
  get doc(): Y.Doc {
    const { stored } = this;
    if (stored) {
      this.stored = null;
      this.cancelTimer();
      const started = performance.now();
      try {
        applyStoredDoc(this.ydoc, stored, STORAGE_ORIGIN);
      } catch (err) {
        this.onFailed(err);
        throw err;
      }
      this.onIntegrated(performance.now() - started);
    }
    return this.ydoc;
  }

  /**
   * Integrates once joins pause (each call restarts the wait), so a first edit does not pay;
   * while bytes for one of the `joiners` still wait in this process to be written, it waits on
   * (W337): integrating holds the event loop ~300 ms and makes most of a storm's garbage, and
   * the answers' bytes reach the kernel only when the loop runs.
   */
  integrateWhenIdle(joiners: Iterable<{ readonly bufferedAmount: number }>): void {
    if (this.integrated) return;
    this.cancelTimer();
    const latest = performance.now() + INTEGRATE_AT_LATEST_MS;
    const attempt = (): void => {
      this.timer = null;
      if (anyQueued(joiners) && performance.now() < latest) {
        this.timer = setTimeout(attempt, INTEGRATE_WHEN_IDLE_MS).unref();
        return;
      }
      try {
        void this.doc;
      } catch {
        // onFailed has dealt with it; a timer must not throw.
      }
    };
    this.timer = setTimeout(attempt, INTEGRATE_WHEN_IDLE_MS).unref();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  destroy(): void {
    this.cancelTimer();
    this.stored = null;
    this.ydoc.destroy();
  }
}
