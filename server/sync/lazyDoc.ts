import * as Y from 'yjs';
import { applyStoredDoc } from '../storage/compaction.js';
import type { StoredDoc } from '../storage/storage.js';
import { STORAGE_ORIGIN } from '../updateOrigin.js';

/** A document nobody needed integrates once no one joined its room for this long. */
const INTEGRATE_WHEN_IDLE_MS = 250;

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

  /** Integrates once joins pause (each call restarts the wait), so a first edit does not pay. */
  integrateWhenIdle(): void {
    if (this.integrated) return;
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        void this.doc;
      } catch {
        // onFailed has dealt with it; a timer must not throw.
      }
    }, INTEGRATE_WHEN_IDLE_MS);
    this.timer.unref();
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
