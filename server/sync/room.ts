import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { RoomName } from '../../shared/protocol/boardId.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { awarenessUserSchema, type AwarenessUser } from '../../shared/protocol/awareness.js';
import type { Role } from '../../shared/protocol/roles.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { applyStoredDoc } from '../storage/compaction.js';
import type { StoredDoc } from '../storage/storage.js';
import type { UpdateWriter } from '../storage/updateWriter.js';
import { filterAwarenessUpdate, type AwarenessOwnership } from './awarenessFilter.js';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_NAMES,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  awarenessProtocol,
  decoding,
  encodeSyncStep1,
  encoding,
  syncProtocol,
} from './protocol.js';
import { Outbox, encodePresence } from './outbox.js';
import { Presence } from './presence.js';
import { TokenBucket } from './rateLimit.js';

export interface RoomLimits {
  maxAwarenessBytes: number;
  maxBoardBytes: number;
  rateDocPerSec: number;
  rateAwarenessPerSec: number;
  slowSocketSoftBytes: number;
  slowSocketHardBytes: number;
  /** How long presence changes are gathered into one frame (0: one event-loop turn). */
  awarenessBatchMs: number;
}

export interface RoomDeps {
  writer: UpdateWriter;
  metrics: Metrics;
  log: Logger;
  limits: RoomLimits;
  /** The room's doc can no longer be trusted: drop it so the next join reloads it. */
  onBroken(room: Room): void;
}

/** What a connection may do, decided once when it joined (from its token). */
export interface Grant {
  role: Role;
  canWrite: boolean;
  keyVersion: number;
}

/** Who is behind a socket: the role of its link and the user its presence names, if any. */
export interface SocketIdentity {
  role: Role;
  user: AwarenessUser | null;
}

interface Connection extends Grant {
  /** Awareness client ids this socket introduced (removed when it leaves). */
  owned: Set<number>;
  /** What the awareness filter asks about this socket, built once (the cursor hot path). */
  ownership: AwarenessOwnership;
  docBudget: TokenBucket;
  awarenessBudget: TokenBucket;
}

/** Thrown by message handling for a frame that breaks the protocol; closes only its sender. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: number = CloseCode.BAD_MESSAGE,
  ) {
    super(message);
  }
}

/**
 * Parses the update a sync step 2 or update message carries, without applying it: Yjs may
 * integrate part of a malformed update before it throws, so a bad one must be caught first.
 */
function assertUpdateDecodes(decoder: decoding.Decoder): void {
  const probe = decoding.clone(decoder);
  decoding.readVarUint(probe);
  try {
    Y.decodeUpdate(decoding.readVarUint8Array(probe));
  } catch (err) {
    throw new ProtocolError(`update could not be decoded: ${(err as Error).message}`);
  }
}

const SYNC_STEP1 = 0;

/** Origin of content read back from storage: it is broadcast but not written again. */
export const FROM_STORAGE = Symbol('from storage');

/** The y-protocols answer to a write from a read-only connection. */
function permissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, 0); // messagePermissionDenied
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/**
 * One loaded document and everyone connected to it. Knows nothing of journeys: it speaks
 * y-protocols for any Y.Doc, enforces each connection's grant (read-only connections cannot
 * change the doc) and budgets, and hands every accepted update to the writer.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly presence = new Presence(this.awareness);
  private readonly conns = new Map<WebSocket, Connection>();
  /** The whole document as a sync step 2 frame, for clients that have none of it (join storms). */
  private fullStateFrame: Uint8Array | null = null;
  private readonly outbox: Outbox;
  /** Log entries written since the last snapshot, to decide when to compact. */
  logEntries: number;
  logBytes: number;
  /** Bytes of every update this document is made of (stored plus accepted since). */
  private size: number;

  constructor(
    readonly name: RoomName,
    stored: StoredDoc,
    private readonly deps: RoomDeps,
  ) {
    applyStoredDoc(this.doc, stored, this);
    this.logEntries = stored.updates.length;
    this.logBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
    this.size = this.logBytes + (stored.snapshot?.byteLength ?? 0);
    this.awareness.setLocalState(null);
    this.outbox = new Outbox(
      {
        presence: this.presence,
        sockets: () => this.conns.keys(),
        send: (ws, frame, droppable) => this.send(ws, frame, droppable),
      },
      deps.limits.awarenessBatchMs,
    );
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  /**
   * An update that decoded but failed while being applied may have left part of itself in the
   * doc: the room no longer matches what was stored, so it is given up (everyone reconnects and
   * resyncs from a fresh load) and the sender is closed.
   */
  private readonly onBrokenUpdate = (error: Error): never => {
    this.deps.log.error(
      { err: error, docName: this.name.docName },
      'an update failed half-applied; reloading the room',
    );
    this.deps.onBroken(this);
    throw new ProtocolError(`update could not be applied: ${error.message}`);
  };

  /** Applies content read back from storage (a resync), telling the clients what was new. */
  applyStored(stored: StoredDoc): void {
    applyStoredDoc(this.doc, stored, FROM_STORAGE);
  }

  /**
   * Asks every client to send its presence again (y-websocket answers a query with every state
   * it knows; the filter keeps its own). Used when states this room held for clients elsewhere
   * were dropped: a client that moved here meanwhile could not introduce its id until now.
   */
  queryAwareness(): void {
    // Clients first learn what was removed, so their answers do not carry it back.
    this.outbox.flush();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_QUERY_AWARENESS);
    this.broadcast(encoding.toUint8Array(encoder), undefined, true);
  }

  /**
   * Who sent what arrived from `ws`: the user named by the presence state it introduced (its
   * own, never one relayed from elsewhere), null before it published one.
   */
  identityOf(ws: unknown): SocketIdentity | null {
    const conn = this.conns.get(ws as WebSocket);
    if (!conn) return null;
    for (const id of conn.owned) {
      const state = this.awareness.states.get(id) as { user?: unknown } | undefined;
      const user = awarenessUserSchema.safeParse(state?.user);
      if (user.success) return { role: conn.role, user: user.data };
    }
    return { role: conn.role, user: null };
  }

  /** Awareness client ids introduced by this instance's own connections. */
  localAwarenessIds(): number[] {
    const ids: number[] = [];
    for (const conn of this.conns.values()) ids.push(...conn.owned);
    return ids;
  }

  /**
   * Every update is written by each instance that holds the room, those relayed from other
   * instances included: the instance a client sent it to may die before its group commit, and
   * the client, reconnecting here, would not resend what this room already holds.
   */
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const { boardId, docName } = this.name;
    this.fullStateFrame = null;
    if (origin !== FROM_STORAGE) this.deps.writer.enqueue({ boardId, docName, update });
    this.outbox.queueUpdate(update, origin instanceof WebSocket ? origin : null);
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const owned = origin instanceof WebSocket ? this.conns.get(origin)?.owned : undefined;
    if (owned) for (const id of removed) owned.delete(id);
    for (const id of removed) this.presence.forget(id);
    this.outbox.queueAwareness(added.concat(updated, removed));
  };

  /** Sends one encoded frame to every socket but `except`; `droppable` frames skip slow ones. */
  broadcast(frame: Uint8Array, except?: unknown, droppable = false): void {
    for (const ws of this.conns.keys()) if (ws !== except) this.send(ws, frame, droppable);
  }

  send(ws: WebSocket, frame: Uint8Array, droppable = false): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    const { slowSocketSoftBytes, slowSocketHardBytes } = this.deps.limits;
    if (ws.bufferedAmount > slowSocketHardBytes) {
      // It resyncs on reconnect; holding more for it only grows our memory. (Its close frame
      // would queue behind what it did not read, so the client sees 1006, not 4508.)
      ws.terminate();
      return;
    }
    if (droppable && ws.bufferedAmount > slowSocketSoftBytes) return;
    this.deps.metrics.messagesOut.inc();
    // A failed write surfaces as the socket's 'error' and 'close': no callback per send.
    ws.send(frame);
  }

  join(ws: WebSocket, grant: Grant): void {
    const { rateDocPerSec, rateAwarenessPerSec } = this.deps.limits;
    const owned = new Set<number>();
    const { states, meta } = this.awareness;
    this.conns.set(ws, {
      ...grant,
      owned,
      ownership: {
        owned,
        present: (id) => states.has(id),
        clockOf: (id) => meta.get(id)?.clock,
        isCurrent: (id, json) => JSON.stringify(states.get(id) ?? null) === json,
      },
      docBudget: new TokenBucket(rateDocPerSec),
      awarenessBudget: new TokenBucket(rateAwarenessPerSec),
    });
    this.send(ws, encodeSyncStep1(this.doc));
    const present = [...states.keys()];
    if (present.length > 0) this.send(ws, encodePresence(this.presence, present));
  }

  leave(ws: WebSocket): void {
    const conn = this.conns.get(ws);
    if (!conn) return;
    this.conns.delete(ws);
    if (conn.owned.size > 0) {
      // Their clocks stay: a client coming back is stamped above them (awarenessFilter.ts).
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.owned], null);
    }
  }

  closeAll(code: number, reason: string): void {
    for (const ws of [...this.conns.keys()]) ws.close(code, reason);
  }

  /** Closes the sockets opened with share links older than `keyVersion`. */
  closeStaleKeys(keyVersion: number): void {
    for (const [ws, conn] of this.conns) {
      if (conn.keyVersion < keyVersion)
        ws.close(CloseCode.UNAUTHORIZED, 'the share link was replaced');
    }
  }

  /**
   * A sync step 1 with an empty state vector (a client with nothing of the board yet) is
   * answered with the cached full state: hundreds of people opening a big board at once cost
   * one encoding, not one each.
   */
  private answerFreshClient(ws: WebSocket, decoder: decoding.Decoder): boolean {
    const probe = decoding.clone(decoder);
    decoding.readVarUint(probe);
    const stateVector = decoding.readVarUint8Array(probe);
    if (stateVector.byteLength !== 1 || stateVector[0] !== 0 || decoding.hasContent(probe))
      return false;
    if (!this.fullStateFrame) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, this.doc);
      this.fullStateFrame = encoding.toUint8Array(encoder);
    }
    this.send(ws, this.fullStateFrame);
    return true;
  }

  /** Handles one frame from `ws`; throws ProtocolError (or a decoding error) on a bad frame. */
  receive(ws: WebSocket, frame: Uint8Array): void {
    const conn = this.conns.get(ws);
    // Frames that arrive after the one that got this socket closed count for nothing.
    if (!conn || ws.readyState !== WebSocket.OPEN) return;
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    this.deps.metrics.messagesIn.inc({ type: MESSAGE_NAMES[type] ?? 'unknown' });
    switch (type) {
      case MESSAGE_SYNC: {
        if (!conn.docBudget.take())
          throw new ProtocolError('too many messages', CloseCode.RATE_LIMITED);
        // Decoded, not read off a byte: a varUint can be spelled in more than one way.
        const isStep1 = decoding.peekVarUint(decoder) === SYNC_STEP1;
        if (isStep1 && this.answerFreshClient(ws, decoder)) break;
        if (!isStep1 && !conn.canWrite) {
          this.send(ws, permissionDenied('this link can only read this document'));
          return;
        }
        if (!isStep1) {
          // Counted on receipt: updates waiting for missing parts never show up as doc updates.
          if (this.size + frame.byteLength > this.deps.limits.maxBoardBytes) {
            throw new ProtocolError('the board is at its size limit', CloseCode.TOO_LARGE);
          }
          assertUpdateDecodes(decoder);
          this.size += frame.byteLength;
        }
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, encoder, this.doc, ws, this.onBrokenUpdate);
        // Parts of an update whose dependencies this doc lacks would wait in memory, unstored
        // and unbounded: they are dropped, and the sender is sent our state vector, so its
        // answer carries them again with what they depend on. Honest clients get here right
        // after reconnecting to an instance that lost their latest edits (a crash, a fail-over).
        const { store } = this.doc;
        if (store.pendingStructs !== null || store.pendingDs !== null) {
          store.pendingStructs = null;
          store.pendingDs = null;
          this.deps.metrics.updatesMissingDependencies.inc();
          this.send(ws, encodeSyncStep1(this.doc));
        }
        // Only a sync step 1 produces an answer (step 2); updates produce none.
        if (encoding.length(encoder) > 1) this.send(ws, encoding.toUint8Array(encoder));
        break;
      }
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        // Presence is best effort: over size or over budget, it is dropped, not fatal.
        if (update.byteLength > this.deps.limits.maxAwarenessBytes) return;
        const kept = filterAwarenessUpdate(update, conn.ownership, {
          maxEntries: 8,
          maxStateBytes: this.deps.limits.maxAwarenessBytes,
        });
        // Only what is kept spends budget: y-websocket clients echo everyone else's states.
        if (kept && conn.awarenessBudget.take()) this.presence.apply(kept, ws);
        break;
      }
      case MESSAGE_QUERY_AWARENESS:
        // Each answer carries every state in the room: it spends presence budget too.
        if (!conn.awarenessBudget.take()) return;
        this.send(ws, encodePresence(this.presence, [...this.awareness.states.keys()]));
        break;
      default:
        throw new ProtocolError(`unsupported message type ${type}`);
    }
  }

  destroy(): void {
    this.outbox.close();
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
