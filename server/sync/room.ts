import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { RoomName } from '../../shared/protocol/boardId.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { applyStoredDoc } from '../storage/compaction.js';
import type { StoredDoc } from '../storage/storage.js';
import type { UpdateWriter } from '../storage/updateWriter.js';
import {
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

export interface RoomDeps {
  writer: UpdateWriter;
  metrics: Metrics;
  log: Logger;
}

/** Thrown by message handling for a frame that breaks the protocol. */
export class ProtocolError extends Error {}

/** y-protocols would log and swallow an update that fails to apply; we close its sender. */
const rejectUpdate = (error: Error): never => {
  throw new ProtocolError(`update could not be applied: ${error.message}`);
};

/**
 * One loaded document and everyone connected to it. Knows nothing of journeys: it speaks
 * y-protocols for any Y.Doc and hands every accepted update to the writer.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each socket with the awareness clientIDs it introduced (removed when it leaves). */
  private readonly conns = new Map<WebSocket, Set<number>>();
  /** Log entries written since the last snapshot, to decide when to compact. */
  logEntries: number;
  logBytes: number;

  constructor(
    readonly name: RoomName,
    stored: StoredDoc,
    private readonly deps: RoomDeps,
  ) {
    applyStoredDoc(this.doc, stored, this);
    this.logEntries = stored.updates.length;
    this.logBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  get size(): number {
    return this.conns.size;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const { boardId, docName } = this.name;
    this.deps.writer.enqueue({ boardId, docName, update });
    this.broadcast(encodeUpdate(update), origin);
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    const owned = origin instanceof WebSocket ? this.conns.get(origin) : undefined;
    if (owned) {
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    this.broadcast(encodeAwareness(this.awareness, changed), origin);
  };

  /** Sends one encoded frame to every socket but `except`. */
  broadcast(frame: Uint8Array, except?: unknown): void {
    for (const ws of this.conns.keys()) if (ws !== except) this.send(ws, frame);
  }

  send(ws: WebSocket, frame: Uint8Array): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    this.deps.metrics.messagesOut.inc();
    ws.send(frame, (err) => {
      if (err) ws.terminate();
    });
  }

  join(ws: WebSocket): void {
    this.conns.set(ws, new Set());
    this.send(ws, encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.send(ws, encodeAwareness(this.awareness, states));
  }

  leave(ws: WebSocket): void {
    const owned = this.conns.get(ws);
    if (!owned) return;
    this.conns.delete(ws);
    if (owned.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null);
  }

  closeAll(code: number, reason: string): void {
    for (const ws of [...this.conns.keys()]) ws.close(code, reason);
  }

  /** Handles one frame from `ws`; throws ProtocolError (or a decoding error) on a bad frame. */
  receive(ws: WebSocket, frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    this.deps.metrics.messagesIn.inc({ type: MESSAGE_NAMES[type] ?? 'unknown' });
    switch (type) {
      case MESSAGE_SYNC: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, encoder, this.doc, ws, rejectUpdate);
        // Only a sync step 1 produces an answer (step 2); updates produce none.
        if (encoding.length(encoder) > 1) this.send(ws, encoding.toUint8Array(encoder));
        break;
      }
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          ws,
        );
        break;
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
