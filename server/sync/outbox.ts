import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeMove } from '../../shared/protocol/presenceMoves.js';
import { awarenessFrame, awarenessFrameOf, presenceMovesFrame, syncUpdateFrame } from './frames.js';
import type { Presence } from './presence.js';
import type { MoveRecipients } from './presenceMoves.js';
import {
  InterestSchedule,
  viewBoxOf,
  wants,
  type InterestSettings,
  type Mover,
} from './presenceInterest.js';

/** An awareness frame of these client ids, from the JSON the states arrived in. */
export function encodePresence(presence: Presence, clientIds: readonly number[]): Buffer {
  return awarenessFrame(presence.encode(clientIds));
}

export interface OutboxTarget {
  readonly presence: Presence;
  sockets(): Iterable<WebSocket>;
  /** Whether the frame was queued on the socket (false: skipped, the socket is slow or gone). */
  send(ws: WebSocket, frame: Uint8Array, droppable: boolean): boolean;
  /** The awareness client ids a socket introduced (its viewport is in their states). */
  ownedBy?(ws: WebSocket): ReadonlySet<number> | undefined;
  /** The sockets that take moves (W327–W332); without it every socket gets whole states. */
  moves?: MoveRecipients;
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
  /** When the armed awareness timer fires (performance.now()). */
  private awarenessTimerAt = 0;
  private closed = false;
  private readonly interest: InterestSchedule | null;

  constructor(
    private readonly target: OutboxTarget,
    private readonly awarenessBatchMs: number,
    private readonly interestSettings?: InterestSettings,
  ) {
    this.interest =
      interestSettings && interestSettings.offscreenMs > 0
        ? new InterestSchedule(
            target.presence.awareness.states as Map<number, Record<string, unknown>>,
            interestSettings.offscreenMs,
            awarenessBatchMs,
          )
        : null;
  }

  queueUpdate(update: Uint8Array, origin: WebSocket | null): void {
    this.updates.push(update);
    this.updateOrigins.add(origin);
    if (this.updatesQueued) return;
    this.updatesQueued = true;
    setImmediate(this.flushUpdates);
  }

  queueAwareness(clientIds: readonly number[]): void {
    for (const id of clientIds) this.awarenessIds.add(id);
    this.armAwareness(this.awarenessBatchMs);
  }

  /** Makes the awareness timer fire within `delayMs` (an earlier one stays). */
  private armAwareness(delayMs: number): void {
    if (this.closed) return;
    const at = performance.now() + delayMs;
    if (this.awarenessTimer) {
      if (this.awarenessTimerAt <= at) return;
      clearTimeout(this.awarenessTimer);
    }
    this.awarenessTimerAt = at;
    this.awarenessTimer = setTimeout(this.flushAwareness, delayMs);
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
    if (this.closed) return;
    const ids = [...this.awarenessIds].filter((id) => this.target.presence.awareness.meta.has(id));
    this.awarenessIds.clear();
    if (this.interest) return this.flushByInterest(this.interest, ids);
    if (ids.length > 0) this.sendPresence(ids, []);
  };

  /** W307–W310: what the schedule says everyone gets now, and the moves each socket wants. */
  private flushByInterest(interest: InterestSchedule, changed: readonly number[]): void {
    const now = performance.now();
    const { everyone, movers } = interest.plan(changed, now);
    const dueIn = interest.nextDueIn(now);
    if (dueIn !== null) this.armAwareness(Math.max(this.awarenessBatchMs, dueIn));
    this.target.moves?.note(changed);
    if (everyone.length + movers.length > 0) this.sendPresence(everyone, movers);
  }

  /**
   * Each socket gets `everyone` and the moves it wants (all of them without a viewport).
   * Sockets that want the same share one frame; each entry is encoded once. An opted-in socket
   * gets, for each state whose base it holds, a move instead of the whole state (W328).
   */
  private sendPresence(everyone: readonly number[], movers: readonly Mover[]): void {
    const { presence, moves } = this.target;
    if (!this.interest) moves?.note(everyone);
    const entries = new Map<number, Uint8Array>();
    const entryOf = (clientId: number): Uint8Array => {
      let entry = entries.get(clientId);
      if (!entry) entries.set(clientId, (entry = presence.encodeEntry(clientId)));
      return entry;
    };
    const moveEntries = new Map<number, Uint8Array | null>();
    const moveOf = (clientId: number): Uint8Array | null => {
      let entry = moveEntries.get(clientId);
      if (entry === undefined) {
        const motion = moves!.motionOf(clientId);
        const clock = presence.awareness.meta.get(clientId)?.clock ?? 0;
        entry = motion ? encodeMove(clientId, clock, motion) : null;
        moveEntries.set(clientId, entry);
      }
      return entry;
    };
    const frames = new Map<string, { frame: Uint8Array | null; whole: number[] }>();
    for (const ws of this.target.sockets()) {
      const wanted = this.wantedBy(ws, movers);
      const ids = wanted.length > 0 ? everyone.concat(wanted.map((m) => m.clientId)) : everyone;
      const opted = moves?.has(ws) === true;
      const lacked = opted ? moves!.lackedBy(ws, ids) : [];
      const key =
        (opted ? 'm' : 's') +
        (wanted === movers ? '*' : wanted.map((m) => m.clientId).join(',')) +
        (lacked.length > 0 ? `|${lacked.join(',')}` : '');
      let built = frames.get(key);
      if (!built) {
        built = opted
          ? this.movesFrameOf(ids, lacked, entryOf, moveOf)
          : this.wholeFrameOf(ids, entryOf);
        frames.set(key, built);
      }
      if (built.frame && this.target.send(ws, built.frame, true) && opted)
        moves!.sent(ws, built.whole);
    }
  }

  private wholeFrameOf(ids: readonly number[], entryOf: (id: number) => Uint8Array) {
    return { frame: ids.length > 0 ? awarenessFrameOf(ids.map(entryOf)) : null, whole: [] };
  }

  /** Moves for the ids a move can carry whose base the socket holds; whole states for the rest. */
  private movesFrameOf(
    ids: readonly number[],
    lacked: readonly number[],
    entryOf: (id: number) => Uint8Array,
    moveOf: (id: number) => Uint8Array | null,
  ): { frame: Uint8Array | null; whole: number[] } {
    if (ids.length === 0) return { frame: null, whole: [] };
    const lacks = new Set(lacked);
    const whole: number[] = [];
    const moveEntries: Uint8Array[] = [];
    for (const id of ids) {
      const move = lacks.has(id) ? null : moveOf(id);
      if (move) moveEntries.push(move);
      else whole.push(id);
    }
    // Nothing to move: the standard frame, as a stock client gets it.
    if (moveEntries.length === 0) return { frame: awarenessFrameOf(whole.map(entryOf)), whole };
    return { frame: presenceMovesFrame(whole.map(entryOf), moveEntries), whole };
  }

  /** The moves a socket wants now: all, for a socket without a viewport (stock clients). */
  private wantedBy(ws: WebSocket, movers: readonly Mover[]): readonly Mover[] {
    const owned = this.target.ownedBy?.(ws);
    if (movers.length === 0 || !owned || !this.interestSettings) return movers;
    const { states } = this.target.presence.awareness;
    for (const id of owned) {
      const state = states.get(id) as Record<string, unknown> | undefined;
      const box = viewBoxOf(state, this.interestSettings);
      if (box) return movers.filter((m) => owned.has(m.clientId) || wants(box, m));
    }
    return movers;
  }

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
