/**
 * Records who changed what on each board: every update a socket sends to a board room is
 * attributed to that socket's presence user (or "Someone" with its link's role), grouped into
 * stretches of work, and written every `flushMs` into the board's activity document through
 * the normal durable path (log, compaction, and the bus to other instances). Only the instance
 * that received an update from its socket records it; relayed and stored updates are not.
 */
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  compareActivity,
  readActivity,
  writeActivity,
  type ActivityEntry,
  type ActivityVia,
} from '../../shared/model/activity.js';
import { collectTouched, prepareTouched } from '../../shared/model/touched.js';
import { roomName } from '../../shared/protocol/boardId.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { Logger } from '../logger.js';
import { applyStoredDoc } from '../storage/compaction.js';
import type { Storage } from '../storage/storage.js';
import type { Room } from '../sync/room.js';
import { JoinRefused, type RoomRegistry } from '../sync/roomRegistry.js';
import { originOf, type UpdateOrigin } from '../updateOrigin.js';
import { Stretches, type Stretch, type StretchAuthor, type StretchLimits } from './stretches.js';

/** How often a board's pending entries are written at most (the hot path only collects). */
export const ACTIVITY_FLUSH_MS = 2_000;

const SOMEONE = 'Someone';

/** A change the server makes on someone's request over REST (a restore, a survey import). */
export interface ServerAct {
  via: Exclude<ActivityVia, 'live'>;
  /** Self-declared name from the request; "Someone" when absent. */
  author?: string;
  role: string | null;
}

interface BoardActivity {
  stretches: Stretches;
  bySocket: WeakMap<WebSocket, Stretch>;
  /** Entries taken from the stretches but not yet in the activity doc (a write failed). */
  unwritten: Map<string, ActivityEntry>;
  timer: NodeJS.Timeout | null;
  /** The board room is loaded here (entries still pending after it unloads are written). */
  live: boolean;
  act: { act: ServerAct; key: string } | null;
}

export interface RecorderOptions {
  flushMs?: number;
  limits?: StretchLimits;
  now?: () => number;
}

type Registry = Pick<RoomRegistry, 'acquire' | 'release' | 'loaded' | 'onRoomLoaded'>;

export class ActivityRecorder {
  private readonly boards = new Map<string, BoardActivity>();
  private readonly socketKeys = new WeakMap<WebSocket, string>();
  private serial = 0;
  private readonly flushMs: number;
  private readonly now: () => number;

  constructor(
    private readonly registry: Registry,
    private readonly storage: Pick<Storage, 'loadDoc'>,
    private readonly log: Logger,
    private readonly options: RecorderOptions = {},
  ) {
    this.flushMs = options.flushMs ?? ACTIVITY_FLUSH_MS;
    this.now = options.now ?? Date.now;
    registry.onRoomLoaded((room) => {
      if (room.name.kind === 'board') this.attach(room);
    });
  }

  private stateOf(boardId: string): BoardActivity {
    let state = this.boards.get(boardId);
    if (!state) {
      state = {
        stretches: new Stretches(this.options.limits),
        bySocket: new WeakMap(),
        unwritten: new Map(),
        timer: null,
        live: false,
        act: null,
      };
      this.boards.set(boardId, state);
    }
    return state;
  }

  private attach(room: Room): void {
    const { boardId } = room.name;
    const state = this.stateOf(boardId);
    state.live = true;
    prepareTouched(room.doc);
    const onTransaction = (tr: Y.Transaction) => this.onTransaction(room, state, tr);
    room.doc.on('afterTransaction', onTransaction);
    room.doc.once('destroy', () => {
      room.doc.off('afterTransaction', onTransaction);
      state.live = false;
      void this.flush(boardId);
    });
  }

  /** The hot path: a map lookup and the touched records of this transaction, nothing more. */
  private onTransaction(room: Room, state: BoardActivity, tr: Y.Transaction): void {
    // Empty syncs (a client with nothing new answering step 1) are not edits.
    if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return;
    const now = this.now();
    const stretch = this.stretchOf(room, state, originOf(tr.origin), now);
    if (!stretch) return;
    const created = collectTouched(room.doc, tr, stretch.touched);
    state.stretches.note(stretch, now, !created && tr.deleteSet.clients.size > 0);
    this.schedule(room.name.boardId, state);
  }

  /** Whose work a change is: a socket's, a REST action's; null for what is recorded elsewhere. */
  private stretchOf(
    room: Room,
    state: BoardActivity,
    origin: UpdateOrigin,
    now: number,
  ): Stretch | null {
    switch (origin.kind) {
      case 'client':
        return this.socketStretch(room, state, origin.socket, now);
      case 'server': {
        if (!state.act) return null;
        const { act, key } = state.act;
        return state.stretches.stretchFor(key, now, {
          author: { id: null, name: act.author ?? SOMEONE, color: null },
          role: act.role,
          via: act.via,
          known: true,
        });
      }
      // Recorded by the instance its socket sent it to, or already recorded before it was stored.
      case 'relay':
      case 'storage':
        return null;
    }
  }

  private socketStretch(room: Room, state: BoardActivity, ws: WebSocket, now: number): Stretch {
    const current = state.bySocket.get(ws);
    if (current && !state.stretches.ended(current, now)) {
      if (!current.known) Object.assign(current, this.identify(room, ws));
      return current;
    }
    const who = this.identify(room, ws);
    const key = who.known ? `user:${who.author.id}:${who.role}` : this.socketKey(ws);
    const stretch = state.stretches.stretchFor(key, now, who);
    state.bySocket.set(ws, stretch);
    return stretch;
  }

  private identify(room: Room, ws: WebSocket): StretchAuthor {
    const identity = room.identityOf(ws);
    const role = identity?.role ?? null;
    const user = identity?.user;
    if (!user)
      return { author: { id: null, name: SOMEONE, color: null }, role, via: 'live', known: false };
    return { author: { ...user }, role, via: 'live', known: true };
  }

  private socketKey(ws: WebSocket): string {
    let key = this.socketKeys.get(ws);
    if (!key) this.socketKeys.set(ws, (key = `socket:${++this.serial}`));
    return key;
  }

  private schedule(boardId: string, state: BoardActivity, delay = this.flushMs): void {
    if (state.timer) return;
    state.timer = setTimeout(() => void this.flush(boardId), delay);
    state.timer.unref();
  }

  /**
   * Runs `change` (a REST action on the live board) with its transactions attributed to `act`,
   * as one entry of their own; the entry is written when the change is done.
   */
  async during<T>(boardId: string, act: ServerAct, change: () => Promise<T> | T): Promise<T> {
    const state = this.stateOf(boardId);
    state.act = { act, key: `act:${++this.serial}` };
    try {
      return await change();
    } finally {
      state.act = null;
      await this.flush(boardId);
    }
  }

  /** Writes what is pending for `boardId` into its activity doc (retried later on failure). */
  async flush(boardId: string): Promise<void> {
    const state = this.boards.get(boardId);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    for (const entry of state.stretches.take(this.now())) state.unwritten.set(entry.id, entry);
    if (state.unwritten.size === 0) {
      this.forgetIfUnloaded(boardId, state);
      return;
    }
    const entries = [...state.unwritten.values()];
    let room: Room;
    try {
      room = await this.registry.acquire(roomName(boardId, 'activity'));
    } catch (err) {
      if (err instanceof JoinRefused && err.code === CloseCode.NOT_FOUND) {
        // The board was deleted: its activity goes with it.
        if (this.boards.get(boardId) === state) this.boards.delete(boardId);
        return;
      }
      this.log.warn({ err, boardId }, 'writing activity failed; retrying');
      this.schedule(boardId, state, this.flushMs * 2);
      return;
    }
    try {
      writeActivity(room.doc, entries);
      for (const entry of entries)
        if (state.unwritten.get(entry.id) === entry) state.unwritten.delete(entry.id);
    } finally {
      this.registry.release(room);
    }
    if (state.stretches.hasDirty) this.schedule(boardId, state);
    else this.forgetIfUnloaded(boardId, state);
  }

  /** Once its room is gone and everything is written, a board costs no memory here. */
  private forgetIfUnloaded(boardId: string, state: BoardActivity): void {
    if (state.live || state.stretches.hasDirty || state.unwritten.size > 0 || state.act) return;
    if (state.timer) clearTimeout(state.timer);
    if (this.boards.get(boardId) === state) this.boards.delete(boardId);
  }

  /** Writes everything pending (shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.boards.keys()].map((id) => this.flush(id)));
  }

  /**
   * Every entry of a board, newest first: the activity doc (from its room when loaded here,
   * else from storage) with what this instance has not written yet.
   */
  async read(boardId: string): Promise<ActivityEntry[]> {
    const { docName } = roomName(boardId, 'activity');
    const live = this.registry.loaded(docName);
    let stored: ActivityEntry[];
    if (live) stored = readActivity(live.doc);
    else {
      const doc = new Y.Doc();
      try {
        applyStoredDoc(doc, await this.storage.loadDoc(docName), null);
        stored = readActivity(doc);
      } finally {
        doc.destroy();
      }
    }
    const state = this.boards.get(boardId);
    if (!state) return stored;
    const byId = new Map(stored.map((e) => [e.id, e]));
    for (const entry of state.unwritten.values()) byId.set(entry.id, entry);
    for (const entry of state.stretches.pending()) byId.set(entry.id, entry);
    return [...byId.values()].sort(compareActivity);
  }
}
