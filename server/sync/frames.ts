import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { movesFrame } from '../../shared/protocol/presenceMoves.js';

/*
 * Every y-websocket frame the server builds or reads, and nothing else: no sockets, no policy
 * (as y-protocols' sync.js and Hocuspocus's OutgoingMessage). The byte grammar is in
 * docs/WIRE.md.
 */

/** y-websocket message types (the first varUint of every frame). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const MESSAGE_NAMES: Record<number, string> = {
  [MESSAGE_SYNC]: 'sync',
  [MESSAGE_AWARENESS]: 'awareness',
  [MESSAGE_AUTH]: 'auth',
  [MESSAGE_QUERY_AWARENESS]: 'query-awareness',
};

/** Sync message kinds (the second varUint of a sync frame). */
export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
/** The only auth message y-protocols defines. */
const AUTH_PERMISSION_DENIED = 0;

/**
 * Builds one frame. Frames are Buffers: `ws` wraps anything else in a new Buffer on every send,
 * and most frames go to many sockets.
 */
function frame(type: number, write: (encoder: encoding.Encoder) => void): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/* Outgoing */

/** Sync step 1: the server's state vector (the client answers with what the server lacks). */
export function syncStep1Frame(doc: Y.Doc): Buffer {
  return frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, doc));
}

/** Sync step 2 carrying `update` (here: the whole document, for a client that has nothing). */
export function syncStep2Frame(update: Uint8Array): Buffer {
  return frame(MESSAGE_SYNC, (encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, update);
  });
}

export function syncUpdateFrame(update: Uint8Array): Buffer {
  return frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));
}

/**
 * The sync step 2 that answers a client's sync step 1: what `doc` holds beyond its state vector.
 * `decoder` is positioned at the sync message kind (see `openFrame`).
 */
export function syncStep1AnswerFrame(decoder: decoding.Decoder, doc: Y.Doc): Buffer {
  return frame(MESSAGE_SYNC, (encoder) => {
    decoding.readVarUint(decoder);
    syncProtocol.readSyncStep1(decoder, encoder, doc);
  });
}

/** An awareness frame carrying an awareness update (see `encodeAwarenessUpdate`). */
export function awarenessFrame(update: Uint8Array): Buffer {
  return frame(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update));
}

/** Asks a client for every presence state it knows. */
export function queryAwarenessFrame(): Buffer {
  return frame(MESSAGE_QUERY_AWARENESS, () => {});
}

/** The y-protocols answer to a write from a read-only connection. */
export function permissionDeniedFrame(reason: string): Buffer {
  return frame(MESSAGE_AUTH, (encoder) => {
    encoding.writeVarUint(encoder, AUTH_PERMISSION_DENIED);
    encoding.writeVarString(encoder, reason);
  });
}

/**
 * An awareness update of these client ids, as y-protocols' encodeAwarenessUpdate lays it out:
 * each with its clock, and its state as JSON (`null`: removed) for that clock. Nothing is
 * allocated per id (the cursor hot path).
 */
export function encodeAwarenessUpdate(
  clientIds: readonly number[],
  clockOf: (clientId: number) => number,
  jsonOf: (clientId: number, clock: number) => string,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clientIds.length);
  for (const clientId of clientIds) {
    const clock = clockOf(clientId);
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, jsonOf(clientId, clock));
  }
  return encoding.toUint8Array(encoder);
}

/** One entry of an awareness update (client id, clock, state JSON), to gather into frames. */
export function awarenessEntry(clientId: number, clock: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, json);
  return encoding.toUint8Array(encoder);
}

/** An awareness update of entries encoded by `awarenessEntry` (no entry is re-encoded). */
export function awarenessUpdateOf(entries: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) encoding.writeUint8Array(encoder, entry);
  return encoding.toUint8Array(encoder);
}

/** An awareness frame of entries encoded by `awarenessEntry` (no entry is re-encoded). */
export function awarenessFrameOf(entries: readonly Uint8Array[]): Buffer {
  const count = encoding.createEncoder();
  encoding.writeVarUint(count, entries.length);
  let length = encoding.length(count);
  for (const entry of entries) length += entry.byteLength;
  return frame(MESSAGE_AWARENESS, (encoder) => {
    encoding.writeVarUint(encoder, length);
    encoding.writeUint8Array(encoder, encoding.toUint8Array(count));
    for (const entry of entries) encoding.writeUint8Array(encoder, entry);
  });
}

/**
 * A presence moves frame (W328, shared/protocol/presenceMoves.ts): whole states as awareness
 * entries, then move entries (`encodeMove`).
 */
export function presenceMovesFrame(
  entries: readonly Uint8Array[],
  moves: readonly Uint8Array[],
): Buffer {
  const bytes = movesFrame(awarenessUpdateOf(entries), moves);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/* Incoming. Decoding errors are thrown as lib0 throws them (the socket is closed 4400). */

/** A frame's message type, and a decoder positioned after it. */
export function openFrame(bytes: Uint8Array): { type: number; decoder: decoding.Decoder } {
  const decoder = decoding.createDecoder(bytes);
  return { type: decoding.readVarUint(decoder), decoder };
}

/**
 * The kind of a sync message (step 1, step 2, update), decoded, not read off a byte: a varUint
 * can be spelled in more than one way. `decoder` does not move.
 */
export function peekSyncKind(decoder: decoding.Decoder): number {
  return decoding.peekVarUint(decoder);
}

/** The bytes a sync message carries (a state vector, an update); `decoder` does not move. */
export function peekSyncPayload(decoder: decoding.Decoder): Uint8Array {
  const probe = decoding.clone(decoder);
  decoding.readVarUint(probe);
  return decoding.readVarUint8Array(probe);
}

/** How many clients an encoded state vector lists, without decoding them. */
export function stateVectorLength(stateVector: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(stateVector));
}

/**
 * Applies the update a sync step 2 or update message carries, as y-protocols does (an update
 * that fails while applied goes to `onError`); throws for any other sync message kind.
 */
export function applySyncUpdate(
  decoder: decoding.Decoder,
  doc: Y.Doc,
  origin: unknown,
  onError: (error: Error) => void,
): void {
  // Step 2 and update messages answer nothing: the encoder stays empty.
  syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, origin, onError);
}

/** The awareness update an awareness frame carries. */
export function readAwarenessUpdate(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder);
}

/**
 * Reads the entries of an awareness update one by one, handing each to `visit` as it comes
 * (its state as JSON, unparsed); throws for a malformed update or trailing bytes.
 */
export function readAwarenessEntries(
  update: Uint8Array,
  visit: (clientId: number, clock: number, json: string) => void,
): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    visit(clientId, clock, decoding.readVarString(decoder));
  }
  if (decoding.hasContent(decoder))
    throw new RangeError('trailing bytes after an awareness update');
}
