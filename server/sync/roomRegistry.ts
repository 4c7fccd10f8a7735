import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { RoomName } from '../../shared/protocol/boardId.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Bus } from '../bus/bus.js';
import { publishBoardEvent, subscribeBoardEvents } from '../bus/boardEvents.js';
import { CommitNotices } from '../bus/commitNotices.js';
import { RoomRelay } from '../bus/roomRelay.js';
import type { Storage } from '../storage/storage.js';
import type { UpdateWriter } from '../storage/updateWriter.js';
import { CompactionPolicy, type CompactionOptions } from './compactionPolicy.js';
import { Room, type RoomLimits, type RoomPolicy } from './room.js';

/** Why a connection could not join a room; carries the close code to send. */
export class JoinRefused extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RegistryOptions extends CompactionOptions {
  unloadGraceMs: number;
  limits: RoomLimits;
  /** What the rooms ask about content (schema checks, what read-only presence may claim). */
  policy: RoomPolicy;
  /** Scale-out: the bus joining this instance's rooms to the same rooms elsewhere. */
  bus: Bus | null;
  /** Anti-entropy period of each relayed room (0 = only on load, gaps and reconnects). */
  resyncIntervalMs: number;
}

/**
 * The rooms in memory. A room is read completely from storage before anyone joins it, is
 * shared by every connection to its document, and unloads once empty, its writes durable and
 * the grace period over. When a log compacts is compactionPolicy.ts's to decide.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms being given up after a half-applied update: joins wait for the fresh load. */
  private readonly discarding = new Map<string, Promise<void>>();
  /** Boards with writes that failed and are being retried: nobody new may join them. */
  private readonly unsaved = new Set<string>();
  private readonly relays = new Map<string, RoomRelay<Room>>();
  private readonly joining = new Map<string, number>();
  private readonly loadListeners: ((room: Room) => void)[] = [];
  private readonly revokedListeners: ((boardId: string) => void)[] = [];
  private readonly compaction: CompactionPolicy;
  private readonly notices: CommitNotices | null;

  constructor(
    private readonly storage: Storage,
    private readonly writer: UpdateWriter,
    private readonly options: RegistryOptions,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {
    const { bus } = options;
    this.compaction = new CompactionPolicy(
      { storage, writer, bus, metrics, log, loaded: (docName) => this.rooms.get(docName) },
      options,
    );
    writer.on('written', this.compaction.written);
    writer.on('failed', this.onWriteFailed);
    writer.on('recovered', () => this.unsaved.clear());
    this.notices = bus ? new CommitNotices(bus, writer) : null;
    this.notices
      ?.listen((from, mark) => {
        for (const relay of this.relays.values()) relay.confirmed(from, mark);
      })
      .catch((err: unknown) => log.error({ err }, 'subscribing to commit notices failed'));
    if (bus) {
      bus.on('reconnected', () => {
        for (const relay of this.relays.values()) void relay.resync('reconnect');
      });
      bus.on('peer-lost', (peer) => {
        this.notices?.forget(peer);
        for (const relay of this.relays.values()) relay.dropPeer(peer);
      });
      subscribeBoardEvents(bus, (event) => {
        if (event.kind === 'deleted') void this.dropLocal(event.boardId);
        else if (event.kind === 'user-removed' || event.kind === 'user-changed')
          this.closeUserLocal(event.userId, event.kind);
        else if (event.kind === 'credential-ended') this.closeCredentialLocal(event.credential);
        else this.closeStaleKeysLocal(event.boardId, event.keyVersion);
      }).catch((err: unknown) => log.error({ err }, 'subscribing to board events failed'));
    }
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  loaded(docName: string): Room | undefined {
    return this.rooms.get(docName);
  }

  /**
   * Calls `listener` with every room once its document holds what storage held, before any
   * other update is applied to it (rooms integrate that lazily: room.ts).
   */
  onRoomLoaded(listener: (room: Room) => void): void {
    this.loadListeners.push(listener);
  }

  /**
   * Calls `listener` with a board whose share links were replaced or which was deleted, here or
   * on another instance (what reuses access checks forgets them: S137).
   */
  onLinksRevoked(listener: (boardId: string) => void): void {
    this.revokedListeners.push(listener);
  }

  /** The room of a document, loading it if needed. Never creates a board. */
  async acquire(name: RoomName): Promise<Room> {
    await this.discarding.get(name.docName);
    if (this.unsaved.has(name.boardId)) {
      throw new JoinRefused(CloseCode.STORAGE_UNAVAILABLE, 'board cannot be saved right now');
    }
    this.cancelUnload(name.docName);
    const ready = this.rooms.get(name.docName);
    if (ready) return ready;
    let pending = this.loading.get(name.docName);
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name.docName));
      this.loading.set(name.docName, pending);
    }
    return pending;
  }

  private async load(name: RoomName): Promise<Room> {
    let stored;
    let relay: RoomRelay<Room> | null = null;
    try {
      if (!(await this.storage.getBoard(name.boardId)))
        throw new JoinRefused(CloseCode.NOT_FOUND, 'no such board');
      relay = this.newRelay(name);
      await relay?.start();
      stored = await this.storage.loadDoc(name.docName);
    } catch (err) {
      await relay?.stop().catch(() => {});
      if (err instanceof JoinRefused) throw err;
      this.log.error({ err, docName: name.docName }, 'loading a document failed');
      throw new JoinRefused(CloseCode.STORAGE_UNAVAILABLE, 'board cannot be loaded right now');
    }
    const room: Room = new Room(name, stored, {
      writer: this.writer,
      metrics: this.metrics,
      log: this.log,
      limits: this.options.limits,
      policy: this.options.policy,
      onBroken: () => queueMicrotask(() => this.discard(room)),
      onIntegrated: () => {
        for (const listener of this.loadListeners) listener(room);
      },
    });
    this.rooms.set(name.docName, room);
    if (relay) {
      relay.attach(room);
      this.relays.set(name.docName, relay);
    }
    this.metrics.rooms.set(this.rooms.size);
    this.metrics.logEntries.inc(room.logEntries);
    this.log.debug({ docName: name.docName, entries: room.logEntries }, 'room loaded');
    return room;
  }

  private newRelay(name: RoomName): RoomRelay<Room> | null {
    const { bus, resyncIntervalMs } = this.options;
    if (!bus || !this.notices) return null;
    return new RoomRelay<Room>(name.docName, {
      bus,
      storage: this.storage,
      writer: this.writer,
      notices: this.notices,
      metrics: this.metrics,
      log: this.log,
      resyncIntervalMs,
      onBroken: (broken) => queueMicrotask(() => this.discard(broken)),
    });
  }

  /** Called when a socket left; unloads the room later if nobody is left. */
  release(room: Room): void {
    if (room.connectionCount === 0) this.scheduleUnload(room);
  }

  private scheduleUnload(room: Room, delay = this.options.unloadGraceMs): void {
    const { docName } = room.name;
    this.cancelUnload(docName);
    const timer = setTimeout(() => {
      this.unloadTimers.delete(docName);
      if (room.connectionCount > 0 || this.rooms.get(docName) !== room) return;
      // Unsaved updates keep the room (their only copy besides the clients) in memory.
      if (this.writer.pendingFor(docName) > 0 || this.compaction.isCompacting(docName)) {
        this.scheduleUnload(room, Math.max(50, this.options.unloadGraceMs));
        return;
      }
      this.unload(room);
    }, delay);
    timer.unref();
    this.unloadTimers.set(docName, timer);
  }

  private cancelUnload(docName: string): void {
    const timer = this.unloadTimers.get(docName);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(docName);
  }

  private unload(room: Room): void {
    this.rooms.delete(room.name.docName);
    const relay = this.relays.get(room.name.docName);
    this.relays.delete(room.name.docName);
    relay?.stop().catch((err: unknown) => this.log.warn({ err }, 'unsubscribing a room failed'));
    this.metrics.rooms.set(this.rooms.size);
    this.metrics.logEntries.dec(room.logEntries);
    room.destroy();
    this.log.debug({ docName: room.name.docName }, 'room unloaded');
  }

  /**
   * Gives up a room whose doc no longer matches storage: its clients reconnect (4503 means
   * retry) and resync against a fresh load. Unwritten updates stay queued in the writer.
   */
  private discard(room: Room): void {
    const { docName } = room.name;
    if (this.rooms.get(docName) !== room || this.discarding.has(docName)) return;
    this.cancelUnload(docName);
    room.closeAll(CloseCode.STORAGE_UNAVAILABLE, 'the board is being reloaded');
    // Whatever the room accepted is written before it is dropped, so the reload has it all.
    const done = (async () => {
      const deadline = Date.now() + 10_000;
      while (this.writer.pendingFor(docName) > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      this.unload(room);
    })().finally(() => this.discarding.delete(docName));
    this.discarding.set(docName, done);
  }

  /** Closes and forgets the rooms of a deleted board, here and on every other instance. */
  async dropBoard(boardId: string): Promise<void> {
    if (this.options.bus) publishBoardEvent(this.options.bus, { kind: 'deleted', boardId });
    await this.dropLocal(boardId);
  }

  private async dropLocal(boardId: string): Promise<void> {
    for (const listener of this.revokedListeners) listener(boardId);
    for (const room of [...this.rooms.values()]) {
      if (room.name.boardId !== boardId) continue;
      room.closeAll(CloseCode.NOT_FOUND, 'board deleted');
      this.cancelUnload(room.name.docName);
      this.unload(room);
    }
    this.writer.discardBoard(boardId);
    // A batch already being written must land before the board's rows are deleted.
    await this.writer.settled();
  }

  /** Closes the sockets of a board opened with share links older than `keyVersion`, everywhere. */
  closeStaleKeys(boardId: string, keyVersion: number): void {
    const { bus } = this.options;
    if (bus) publishBoardEvent(bus, { kind: 'key-rotated', boardId, keyVersion });
    this.closeStaleKeysLocal(boardId, keyVersion);
  }

  /**
   * Closes a person's sockets everywhere: for good when they lost access (4401), to reconnect
   * when their name or role changed (4509), so the new grant applies.
   */
  closeConnectionsOf(userId: string, why: 'user-removed' | 'user-changed'): void {
    const { bus } = this.options;
    if (bus) publishBoardEvent(bus, { kind: why, userId });
    this.closeUserLocal(userId, why);
  }

  private closeUserLocal(userId: string, why: 'user-removed' | 'user-changed'): void {
    const [code, reason] =
      why === 'user-removed'
        ? [CloseCode.UNAUTHORIZED, 'you no longer have access to this board']
        : [CloseCode.IDENTITY_CHANGED, 'your name or role changed; reconnect'];
    for (const room of this.rooms.values()) room.closeUser(userId, code, reason);
  }

  /** Closes, on every instance, the sockets a credential admitted (a sign-out, a revocation). */
  closeConnectionsAdmittedBy(credential: string): void {
    const { bus } = this.options;
    if (bus) publishBoardEvent(bus, { kind: 'credential-ended', credential });
    this.closeCredentialLocal(credential);
  }

  private closeCredentialLocal(credential: string): void {
    for (const room of this.rooms.values())
      room.closeCredential(credential, CloseCode.UNAUTHORIZED, 'signed out; sign in again');
  }

  private closeStaleKeysLocal(boardId: string, keyVersion: number): void {
    for (const listener of this.revokedListeners) listener(boardId);
    for (const room of this.rooms.values()) {
      if (room.name.boardId === boardId) room.closeStaleKeys(keyVersion);
    }
  }

  /**
   * Counts a connection that passed the cap but has not joined its room yet (the room may be
   * loading), so connections arriving together cannot all pass; returns its release.
   */
  reserveJoin(boardId: string): () => void {
    this.joining.set(boardId, (this.joining.get(boardId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.joining.get(boardId) ?? 1) - 1;
      if (left > 0) this.joining.set(boardId, left);
      else this.joining.delete(boardId);
    };
  }

  /** Open connections to a board, over both its documents, and those about to join. */
  connectionsTo(boardId: string): number {
    let n = this.joining.get(boardId) ?? 0;
    for (const room of this.rooms.values())
      if (room.name.boardId === boardId) n += room.connectionCount;
    return n;
  }

  /**
   * Closes every connection (shutdown); rooms stay until the writer has drained, and the
   * relayed updates they hold unwritten are queued for it (W342).
   */
  closeAll(code: number, reason: string): void {
    for (const room of this.rooms.values()) room.closeAll(code, reason);
    for (const relay of this.relays.values()) relay.writeHeld();
  }

  private readonly onWriteFailed = (boardIds: Set<string>): void => {
    for (const boardId of boardIds) {
      if (this.unsaved.has(boardId)) continue;
      this.unsaved.add(boardId);
      // Tell the editors: their clients keep the edits and retry; the server keeps retrying too.
      for (const room of this.rooms.values()) {
        if (room.name.boardId === boardId)
          room.closeAll(CloseCode.STORAGE_UNAVAILABLE, 'board cannot be saved right now');
      }
    }
  };

  /** Waits for running compactions (shutdown). */
  settle(): Promise<void> {
    return this.compaction.settle();
  }
}
