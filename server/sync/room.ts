import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { RoomName } from '../../shared/protocol/boardId.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { applyStoredDoc } from '../storage/compaction.js';
import type { StoredDoc } from '../storage/storage.js';
import type { UpdateWriter } from '../storage/updateWriter.js';
import { filterAwarenessUpdate } from './awarenessFilter.js';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_NAMES,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  awarenessProtocol,
  decoding,
  encodeAwareness,
  encodeSyncStep1,
  encodeUpdate,
  encoding,
  syncProtocol,
} from './protocol.js';
import { TokenBucket } from './rateLimit.js';

export interface RoomLimits {
  maxAwarenessBytes: number;
  maxBoardBytes: number;
  rateDocPerSec: number;
  rateAwarenessPerSec: number;
  slowSocketSoftBytes: number;
  slowSocketHardBytes: number;
}

export interface RoomDeps {
  writer: UpdateWriter;
  metrics: Metrics;
  log: Logger;
  limits: RoomLimits;
}

/** What a connection may do, decided once when it joined (from its token). */
export interface Grant {
  canWrite: boolean;
  keyVersion: number;
}

interface Connection extends Grant {
  /** Awareness client ids this socket introduced (removed when it leaves). */
  owned: Set<number>;
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

/** y-protocols would log and swallow an update that fails to apply; we close its sender. */
const rejectUpdate = (error: Error): never => {
  throw new ProtocolError(`update could not be applied: ${error.message}`);
};

const SYNC_STEP1 = 0;

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
  private readonly conns = new Map<WebSocket, Connection>();
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
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const { boardId, docName } = this.name;
    this.size += update.byteLength;
    this.deps.writer.enqueue({ boardId, docName, update });
    this.broadcast(encodeUpdate(update), origin);
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const owned = origin instanceof WebSocket ? this.conns.get(origin)?.owned : undefined;
    if (owned) for (const id of removed) owned.delete(id);
    this.broadcast(encodeAwareness(this.awareness, added.concat(updated, removed)), origin, true);
  };

  /** Sends one encoded frame to every socket but `except`; `droppable` frames skip slow ones. */
  broadcast(frame: Uint8Array, except?: unknown, droppable = false): void {
    for (const ws of this.conns.keys()) if (ws !== except) this.send(ws, frame, droppable);
  }

  send(ws: WebSocket, frame: Uint8Array, droppable = false): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    const { slowSocketSoftBytes, slowSocketHardBytes } = this.deps.limits;
    if (ws.bufferedAmount > slowSocketHardBytes) {
      // It would resync on reconnect; holding more for it only grows our memory.
      ws.close(CloseCode.SLOW_CONSUMER, 'not reading fast enough');
      ws.terminate();
      return;
    }
    if (droppable && ws.bufferedAmount > slowSocketSoftBytes) return;
    this.deps.metrics.messagesOut.inc();
    ws.send(frame, (err) => {
      if (err) ws.terminate();
    });
  }

  join(ws: WebSocket, grant: Grant): void {
    const { rateDocPerSec, rateAwarenessPerSec } = this.deps.limits;
    this.conns.set(ws, {
      ...grant,
      owned: new Set(),
      docBudget: new TokenBucket(rateDocPerSec),
      awarenessBudget: new TokenBucket(rateAwarenessPerSec),
    });
    this.send(ws, encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.send(ws, encodeAwareness(this.awareness, states));
  }

  leave(ws: WebSocket): void {
    const conn = this.conns.get(ws);
    if (!conn) return;
    this.conns.delete(ws);
    if (conn.owned.size > 0)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.owned], null);
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

  private ownedElsewhere(clientId: number, self: Connection): boolean {
    for (const conn of this.conns.values())
      if (conn !== self && conn.owned.has(clientId)) return true;
    return false;
  }

  /** Handles one frame from `ws`; throws ProtocolError (or a decoding error) on a bad frame. */
  receive(ws: WebSocket, frame: Uint8Array): void {
    const conn = this.conns.get(ws);
    if (!conn) return;
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    this.deps.metrics.messagesIn.inc({ type: MESSAGE_NAMES[type] ?? 'unknown' });
    switch (type) {
      case MESSAGE_SYNC: {
        if (!conn.docBudget.take())
          throw new ProtocolError('too many messages', CloseCode.RATE_LIMITED);
        const isStep1 = frame[1] === SYNC_STEP1;
        if (!isStep1 && !conn.canWrite) {
          this.send(ws, permissionDenied('this link can only read this document'));
          return;
        }
        if (!isStep1 && this.size + frame.byteLength > this.deps.limits.maxBoardBytes) {
          throw new ProtocolError('the board is at its size limit', CloseCode.TOO_LARGE);
        }
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, encoder, this.doc, ws, rejectUpdate);
        // Only a sync step 1 produces an answer (step 2); updates produce none.
        if (encoding.length(encoder) > 1) this.send(ws, encoding.toUint8Array(encoder));
        break;
      }
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        // Presence is best effort: over budget or over size, it is dropped, not fatal.
        if (update.byteLength > this.deps.limits.maxAwarenessBytes || !conn.awarenessBudget.take())
          return;
        const allowed = filterAwarenessUpdate(
          update,
          { owned: conn.owned, ownedElsewhere: (id) => this.ownedElsewhere(id, conn) },
          { maxEntries: 8, maxStateBytes: this.deps.limits.maxAwarenessBytes },
        );
        if (allowed) awarenessProtocol.applyAwarenessUpdate(this.awareness, allowed, ws);
        break;
      }
      case MESSAGE_QUERY_AWARENESS:
        this.send(ws, encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        break;
      default:
        throw new ProtocolError(`unsupported message type ${type}`);
    }
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
