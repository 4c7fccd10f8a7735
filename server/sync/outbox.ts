import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { awarenessFrame, syncUpdateFrame } from './frames.js';
import type { Presence } from './presence.js';

/** An awareness frame of these client ids, from the JSON the states arrived in. */
export function encodePresence(presence: Presence, clientIds: readonly number[]): Buffer {
  return awarenessFrame(presence.encode(clientIds));
}

export interface OutboxTarget {
  readonly presence: Presence;
  sockets(): Iterable<WebSocket>;
  send(ws: WebSocket, frame: Uint8Array, droppable: boolean): void;
}

/**
 * What a room sends to its sockets, batched so that each frame is encoded once and the same
 * buffer goes to everyone: the document updates of one event-loop turn are merged into one
 * frame, and presence changes are gathered for `awarenessBatchMs` (cursors move 20–30 times a
 * second per person; relaying each to each is O(N²) sends).
 */
export class Outbox {
  private updates: Uint8Array[] = [];
  /** Sockets whose updates are in `updates` (null: the server's or another instance's). */
  private readonly updateOrigins = new Set<WebSocket | null>();
  private updatesQueued = false;
  private readonly awarenessIds = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly target: OutboxTarget,
    private readonly awarenessBatchMs: number,
  ) {}

  queueUpdate(update: Uint8Array, origin: WebSocket | null): void {
    this.updates.push(update);
    this.updateOrigins.add(origin);
    if (this.updatesQueued) return;
    this.updatesQueued = true;
    setImmediate(this.flushUpdates);
  }

  queueAwareness(clientIds: readonly number[]): void {
    for (const id of clientIds) this.awarenessIds.add(id);
    if (this.awarenessTimer || this.closed) return;
    this.awarenessTimer = setTimeout(this.flushAwareness, this.awarenessBatchMs);
  }

  private readonly flushUpdates = (): void => {
    this.updatesQueued = false;
    if (this.closed || this.updates.length === 0) return;
    const merged = this.updates.length === 1 ? this.updates[0]! : Y.mergeUpdates(this.updates);
    // One sender: it has all of this already. Several: each gets the lot (Yjs skips what it has).
    const [only] = this.updateOrigins.size === 1 ? this.updateOrigins : [null];
    this.updates = [];
    this.updateOrigins.clear();
    const frame = syncUpdateFrame(merged);
    for (const ws of this.target.sockets()) if (ws !== only) this.target.send(ws, frame, false);
  };

  /**
   * Everyone gets every entry, their own included: a client ignores its own entry at the clock
   * it already has (awarenessFilter.ts drops the echo when a stamped clock is adopted).
   */
  private readonly flushAwareness = (): void => {
    this.awarenessTimer = null;
    if (this.closed || this.awarenessIds.size === 0) return;
    const ids = [...this.awarenessIds].filter((id) => this.target.presence.awareness.meta.has(id));
    this.awarenessIds.clear();
    if (ids.length === 0) return;
    const frame = encodePresence(this.target.presence, ids);
    for (const ws of this.target.sockets()) this.target.send(ws, frame, true);
  };

  /** Sends what is queued now (a room about to go). */
  flush(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.flushUpdates();
    this.flushAwareness();
  }

  close(): void {
    this.closed = true;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
  }
}
