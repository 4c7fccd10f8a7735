import { applyAwarenessUpdate, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RoomName } from '../../shared/protocol/boardId.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { PendingUpdate, StoredDoc, Storage } from '../storage/storage.js';
import { originOf, relayOrigin, type UpdateOrigin } from '../updateOrigin.js';
import type { Bus } from './bus.js';
import type { CommitNotices } from './commitNotices.js';
import { HeldUpdates, type SenderMark } from './heldUpdates.js';
import {
  decodeRelayMessage,
  encodeRelayMessage,
  type RelayMessage,
  type SyncWants,
} from './relayMessages.js';

/** What a relay needs of the room it joins to the others (server/sync's Room). */
export interface RelayedRoom {
  readonly name: RoomName;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Encodes the awareness update of these client ids. */
  readonly presence: { encode(clientIds: readonly number[]): Uint8Array };
  /** Awareness client ids introduced by this instance's own connections. */
  localAwarenessIds(): number[];
  /** Applies content read back from storage (with the storage origin). */
  applyStored(stored: StoredDoc): void;
  /** Asks every client of the room for its presence again. */
  queryAwareness(): void;
}

/** Whether a change from `origin` is published to the other instances. */
function published(origin: UpdateOrigin): boolean {
  switch (origin.kind) {
    case 'client':
    case 'server':
      return true;
    // Theirs already, or in storage for them to read.
    case 'relay':
    case 'storage':
      return false;
  }
}

const WANT_EVERYTHING: SyncWants = { counterRequest: true, awareness: true };
const WANT_NOTHING_MORE: SyncWants = { counterRequest: false, awareness: false };

/** `Y.encodeStateAsUpdate` of nothing: no structs, empty delete set. */
const EMPTY_UPDATE_BYTES = 2;
const MAX_EARLY_MESSAGES = 1_000;
const GAP_RESYNC_DELAY_MS = 50;
/** Per room: a sender that never confirms costs at most this much memory here. */
const MAX_HELD_BYTES = 4 * 1024 * 1024;

export interface RelayDeps<R extends RelayedRoom> {
  bus: Bus;
  storage: Storage;
  /** Queues what this instance must store itself (held updates of a lost sender). */
  writer: { enqueue(update: PendingUpdate): void };
  notices: CommitNotices;
  metrics: Metrics;
  log: Logger;
  /** Quiet anti-entropy: how often the room asks the others for what it lacks (0 = never). */
  resyncIntervalMs: number;
  /** The room can no longer be trusted (an update failed half-applied). */
  onBroken(room: R): void;
}

/**
 * Joins one room to the same room on the other instances. Updates and presence from local
 * clients are published once per event-loop turn (merged), and only while another instance
 * holds the room (W341); what others publish is applied locally, and stored by its sender
 * (W342). Pub/sub loses messages while a connection is down, so a relay resyncs (storage, then
 * a state-vector exchange over the bus) when it starts, after a reconnect, and when a relayed
 * update reveals a gap; a slow anti-entropy round catches anything else.
 */
export class RoomRelay<R extends RelayedRoom> {
  private room: R | null = null;
  private early: [Uint8Array, string][] = [];
  private updates: Uint8Array[] = [];
  /** Presence of local clients changed since the last publish (removals keep their clock). */
  private readonly awarenessOut = new Set<number>();
  private flushQueued = false;
  /** Awareness client ids held by other instances, and which one. */
  private readonly remoteOwners = new Map<number, string>();
  private readonly origins = new Map<string, UpdateOrigin>();
  private readonly heldOrigins = new Map<string, UpdateOrigin>();
  /**
   * Instances known to hold the room: any message of theirs on its topic says so, a leave or
   * their loss says otherwise. Each sends a sync request on loading, which is answered with
   * everything held here, so skipping publishes while this is empty loses nothing (W341).
   */
  private readonly members = new Set<string>();
  private readonly held: HeldUpdates;
  private gapTimer: NodeJS.Timeout | null = null;
  private antiEntropy: NodeJS.Timeout | null = null;

  constructor(
    private readonly topic: string,
    private readonly deps: RelayDeps<R>,
  ) {
    this.held = new HeldUpdates(MAX_HELD_BYTES, (updates) => {
      const room = this.room;
      if (!room) return;
      const { boardId, docName } = room.name;
      for (const update of updates) deps.writer.enqueue({ boardId, docName, update });
    });
  }

  /** Instances this one knows to hold the room too. */
  get memberCount(): number {
    return this.members.size;
  }

  /** Subscribes before the room is read from storage, so nothing published meanwhile is missed. */
  start(): Promise<void> {
    return this.deps.bus.subscribe(this.topic, this.onMessage);
  }

  attach(room: R): void {
    this.room = room;
    room.doc.on('update', this.onLocalUpdate);
    room.awareness.on('update', this.onAwarenessChange);
    for (const [payload, from] of this.early.splice(0)) this.onMessage(payload, from);
    this.requestSync(WANT_EVERYTHING);
    this.deps.metrics.busResyncs.inc({ reason: 'load' });
    const every = this.deps.resyncIntervalMs;
    if (every > 0) {
      // Jittered so rooms loaded together do not all ask at once.
      const first = setTimeout(() => {
        this.antiEntropy = setInterval(() => this.requestSync(WANT_NOTHING_MORE), every);
        this.antiEntropy.unref();
      }, Math.random() * every);
      first.unref();
      this.antiEntropy = first;
    }
  }

  async stop(): Promise<void> {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    if (this.antiEntropy) clearInterval(this.antiEntropy);
    this.flush();
    this.writeHeld();
    if (this.members.size > 0) this.publish({ kind: 'leave' });
    this.members.clear();
    if (this.room) {
      this.room.doc.off('update', this.onLocalUpdate);
      this.room.awareness.off('update', this.onAwarenessChange);
      this.room = null;
    }
    await this.deps.bus.unsubscribe(this.topic);
  }

  /** Catches up after the bus lost messages: everything stored, then whatever peers hold. */
  async resync(reason: string): Promise<void> {
    const room = this.room;
    if (!room) return;
    this.deps.metrics.busResyncs.inc({ reason });
    try {
      const stored = await this.deps.storage.loadDoc(room.name.docName);
      if (this.room === room) room.applyStored(stored);
    } catch (err) {
      this.deps.log.warn({ err, docName: room.name.docName }, 'resync could not read storage');
    }
    this.requestSync(WANT_EVERYTHING);
  }

  /**
   * Queues every relayed update still held for this instance's writer: whether their senders
   * will store them cannot be known once this instance stops holding the room (W342).
   */
  writeHeld(): void {
    this.held.writeAll();
  }

  /** A peer's notice: it stored what it relayed through `mark`. */
  confirmed(from: string, mark: SenderMark): void {
    this.held.confirmed(from, mark);
  }

  /**
   * Another instance is gone: the presence of its clients goes with it, and what it relayed but
   * had not confirmed stored is written here.
   */
  dropPeer(instanceId: string): void {
    this.members.delete(instanceId);
    this.held.writeFrom(instanceId);
    const room = this.room;
    const ids = [...this.remoteOwners]
      .filter(([, owner]) => owner === instanceId)
      .map(([id]) => id);
    if (!room || ids.length === 0) return;
    removeAwarenessStates(room.awareness, ids, this.originOf(instanceId));
    // Clients of the lost instance that moved here could not introduce their ids until now.
    room.queryAwareness();
  }

  private originOf(instanceId: string, held = false): UpdateOrigin {
    const origins = held ? this.heldOrigins : this.origins;
    let origin = origins.get(instanceId);
    if (!origin) origins.set(instanceId, (origin = relayOrigin(instanceId, held)));
    return origin;
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (!published(originOf(origin))) return;
    this.updates.push(update);
    this.queueFlush();
  };

  private readonly onAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    rawOrigin: unknown,
  ): void => {
    const origin = originOf(rawOrigin);
    const remote = origin.kind === 'relay' ? origin.instanceId : null;
    for (const id of added.concat(updated)) {
      if (remote) this.remoteOwners.set(id, remote);
      else if (!this.remoteOwners.has(id)) this.awarenessOut.add(id);
    }
    for (const id of removed) {
      const wasRemote = this.remoteOwners.delete(id);
      // A remote state timing out here is not ours to announce.
      if (!remote && !wasRemote) this.awarenessOut.add(id);
    }
    if (!remote && this.awarenessOut.size > 0) this.queueFlush();
  };

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.members.size === 0) {
      // Alone: a peer that loads the room asks for all of it (W341).
      this.updates = [];
      this.awarenessOut.clear();
      return;
    }
    if (this.updates.length > 0) {
      const merged = this.updates.length === 1 ? this.updates[0]! : Y.mergeUpdates(this.updates);
      this.updates = [];
      const mark = this.deps.notices.markForPublish();
      this.publish({ kind: 'live-update', mark, update: merged });
    }
    const room = this.room;
    if (this.awarenessOut.size > 0 && room) {
      const ids = [...this.awarenessOut].filter((id) => room.awareness.meta.has(id));
      this.awarenessOut.clear();
      if (ids.length > 0) this.publish({ kind: 'awareness', update: room.presence.encode(ids) });
    }
  }

  private publish(message: RelayMessage): void {
    this.deps.bus.publish(this.topic, encodeRelayMessage(message));
  }

  private requestSync(wants: SyncWants): void {
    if (!this.room) return;
    this.publish({ kind: 'sync-request', stateVector: Y.encodeStateVector(this.room.doc), wants });
  }

  private readonly onMessage = (payload: Uint8Array, from: string): void => {
    const room = this.room;
    if (!room) {
      // Still loading: attach() replays these, and asks the peers anyway.
      if (this.early.length < MAX_EARLY_MESSAGES) this.early.push([payload, from]);
      return;
    }
    try {
      const message = decodeRelayMessage(payload);
      if (message?.kind === 'leave') this.members.delete(from);
      else if (!this.members.has(from)) this.welcome(room, from);
      switch (message?.kind) {
        case 'update':
          this.applyRemote(room, message.update, from);
          break;
        case 'live-update':
          this.held.hold(from, message.mark, message.update, this.deps.notices.storedBy(from));
          this.applyRemote(room, message.update, from, true);
          break;
        case 'awareness':
          applyAwarenessUpdate(room.awareness, message.update, this.originOf(from));
          break;
        case 'sync-request':
          this.answerSyncRequest(room, message.stateVector, message.wants);
          break;
        case 'leave':
        case undefined:
          // A kind this version does not know (a newer instance's).
          break;
      }
    } catch (err) {
      this.deps.log.error({ err, docName: room.name.docName, from }, 'bad message on the bus');
    }
  };

  /**
   * A peer newly known to hold the room: presence set here while this instance was alone was
   * not published (W341), and a state that does not change is never sent again, so every local
   * state goes to it now. (Updates need nothing: the sync exchange of its load carries them.)
   */
  private welcome(room: R, from: string): void {
    this.members.add(from);
    for (const id of room.localAwarenessIds()) this.awarenessOut.add(id);
    if (this.awarenessOut.size > 0) this.queueFlush();
  }

  private applyRemote(room: R, update: Uint8Array, from: string, held = false): void {
    try {
      Y.applyUpdate(room.doc, update, this.originOf(from, held));
    } catch (err) {
      this.deps.log.error({ err, docName: room.name.docName, from }, 'a relayed update failed');
      this.deps.onBroken(room);
      return;
    }
    const { store } = room.doc;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // A message before this one was lost. Dropping the dangling part is safe: the answers to
      // the sync request below carry it again, with what it depends on.
      store.pendingStructs = null;
      store.pendingDs = null;
      this.scheduleGapResync();
    }
  }

  private scheduleGapResync(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      this.deps.metrics.busResyncs.inc({ reason: 'gap' });
      this.requestSync({ ...WANT_NOTHING_MORE, counterRequest: true });
    }, GAP_RESYNC_DELAY_MS);
    this.gapTimer.unref();
  }

  private answerSyncRequest(room: R, stateVector: Uint8Array, wants: SyncWants): void {
    const diff = Y.encodeStateAsUpdate(room.doc, stateVector);
    if (diff.byteLength > EMPTY_UPDATE_BYTES) this.publish({ kind: 'update', update: diff });
    if (wants.counterRequest) this.requestSync(WANT_NOTHING_MORE);
    if (wants.awareness) {
      const ids = room.localAwarenessIds().filter((id) => room.awareness.states.has(id));
      if (ids.length > 0) this.publish({ kind: 'awareness', update: room.presence.encode(ids) });
    }
  }
}
