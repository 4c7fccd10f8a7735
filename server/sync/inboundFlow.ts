import type { WebSocket } from 'ws';
import { TokenBucket } from './rateLimit.js';

export interface InboundBudgets {
  /** Sync messages a second (bursts of 3×). */
  docMessagesPerSec: number;
  /** Bytes received plus the bytes of work they cause, a second. */
  bytesPerSec: number;
  /** Bytes that may arrive at once before reading slows down (one largest frame at least). */
  burstBytes: number;
}

/** Every frame costs this much besides its bytes: parsing and dispatching it is work too. */
export const FRAME_COST_BYTES = 256;
/**
 * Past its budgets a socket's frames are handled at most this long per event-loop turn: one
 * read can hold thousands of small frames, which handled at once would keep every other socket
 * waiting.
 */
const SLICE_MS = 5;
/**
 * Slows one socket's reading down to its budgets instead of closing it: an honest client that
 * sends a burst (a paste typed key by key, a large offline backlog) is read more slowly and
 * loses nothing, and a hostile one cannot make the server work faster than the budgets allow.
 * Frames `ws` had already read when the socket paused are still handled (in debt). The
 * keep-alive leaves paused sockets alone: their pongs wait unread like everything else.
 */
export class InboundFlow {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private resumeTimer: NodeJS.Timeout | null = null;
  private held = false;
  private stopped = false;
  /** Frames received past the budgets, waiting for their slice. */
  /** Frames waiting for the budget; null while none do (most sockets, always). */
  private backlog: Uint8Array[] | null = null;
  private draining = false;

  constructor(
    private readonly ws: WebSocket,
    budgets: InboundBudgets,
    /** Counts each pause (a metrics counter, shared by every socket: no closure each). */
    private readonly pauses: { inc(): void } = { inc: () => {} },
  ) {
    this.messages = new TokenBucket(budgets.docMessagesPerSec);
    this.bytes = new TokenBucket(budgets.bytesPerSec, budgets.burstBytes);
  }

  /** A frame of `bytes` arrived. */
  received(bytes: number): void {
    this.wait(this.bytes.charge(bytes + FRAME_COST_BYTES));
  }

  /**
   * Hands a frame to `handle` now, or, while the socket is over its budgets (or frames wait
   * before it), after them, in slices of a few milliseconds per turn. Order is kept.
   */
  deliver(frame: Uint8Array, handle: (frame: Uint8Array) => void): void {
    if (!this.backlog?.length && !this.resumeTimer) {
      handle(frame);
      return;
    }
    (this.backlog ??= []).push(frame);
    if (this.draining) return;
    this.draining = true;
    const drain = () => {
      const until = performance.now() + SLICE_MS;
      // Read each turn: stop() drops what waits.
      const backlog = this.backlog ?? [];
      while (backlog.length > 0 && performance.now() < until) handle(backlog.shift()!);
      if (backlog.length > 0 && !this.stopped) setImmediate(drain);
      else this.draining = false;
    };
    setImmediate(drain);
  }

  /** A sync message was handled, which made `workBytes` of answer. */
  syncMessage(workBytes = 0): void {
    const wait = this.messages.charge(1);
    this.wait(Math.max(wait, workBytes > 0 ? this.bytes.charge(workBytes) : 0));
  }

  /** Stops reading until `release` (a room still loading); frames already read are kept. */
  hold(): void {
    if (this.stopped) return;
    this.held = true;
    this.ws.pause();
  }

  release(): void {
    this.held = false;
    if (!this.resumeTimer) this.resume();
  }

  /** Pauses reading until the debt is paid (frames already read keep adding to it). */
  private wait(ms: number): void {
    if (ms <= 0 || this.stopped) return;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    else {
      this.pauses.inc();
      this.ws.pause();
    }
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (!this.held) this.resume();
    }, Math.ceil(ms));
  }

  private resume(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.resume();
  }

  /** No more pauses: the socket is closing, and its close handshake must be read. */
  stop(): void {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    this.held = false;
    this.stopped = true;
    this.backlog = null;
    this.ws.resume();
  }
}
