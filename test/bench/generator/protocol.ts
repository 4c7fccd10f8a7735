/**
 * The y-websocket wire protocol for the load generator, with lib0 encoders and no Y.Doc: a
 * client of the benchmark is a socket and a few counters, so one process plays hundreds.
 * Hocuspocus frames carry the same messages behind a document-name prefix (a varString).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
/** Hocuspocus only: a sync message that must not trigger another step 1. */
export const MESSAGE_SYNC_REPLY = 4;
/** Hocuspocus only: the server's acknowledgement of an update. */
export const MESSAGE_SYNC_STATUS = 8;
/** Hocuspocus only: the server closed this document's connection. */
export const MESSAGE_CLOSE = 7;
/** journeyboard only, to sockets that opted in: presence moves (W328). */
export const MESSAGE_PRESENCE_MOVES = 32;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** The state vector of an empty document. */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** The bytes every frame of one document starts with: nothing, or Hocuspocus' doc name. */
export function framePrefix(docName: string | null): Uint8Array {
  if (docName === null) return new Uint8Array(0);
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, docName);
  return encoding.toUint8Array(encoder);
}

function start(prefix: Uint8Array, type: number): encoding.Encoder {
  const encoder = encoding.createEncoder();
  encoding.writeUint8Array(encoder, prefix);
  encoding.writeVarUint(encoder, type);
  return encoder;
}

export function encodeSync(prefix: Uint8Array, step: number, payload: Uint8Array): Uint8Array {
  const encoder = start(prefix, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An awareness update with one entry: this client's state (JSON) at `clock`. */
export function encodeAwareness(
  prefix: Uint8Array,
  clientId: number,
  clock: number,
  stateJson: string,
): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, stateJson);
  const encoder = start(prefix, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** Hocuspocus' first message on a document: auth, sub-type token, the token. */
export function encodeHocuspocusAuth(prefix: Uint8Array, token: string): Uint8Array {
  const encoder = start(prefix, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, token);
  return encoding.toUint8Array(encoder);
}

export type Incoming =
  | { kind: 'sync'; step: number; payload: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'moves'; payload: Uint8Array }
  | { kind: 'auth'; sub: number; text: string }
  | { kind: 'other'; type: number };

/** Decodes one frame; `prefixed` frames start with a document name, which is skipped. */
export function decodeFrame(frame: Uint8Array, prefixed: boolean): Incoming {
  const decoder = decoding.createDecoder(frame);
  if (prefixed) decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC:
    case MESSAGE_SYNC_REPLY: {
      const step = decoding.readVarUint(decoder);
      return { kind: 'sync', step, payload: decoding.readVarUint8Array(decoder) };
    }
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_PRESENCE_MOVES:
      return { kind: 'moves', payload: decoding.readTailAsUint8Array(decoder) };
    case MESSAGE_AUTH: {
      const sub = decoding.readVarUint(decoder);
      const text = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '';
      return { kind: 'auth', sub, text };
    }
    default:
      return { kind: 'other', type };
  }
}

/**
 * Walks the entries of an awareness update (client id, clock, state JSON). States the
 * generator wrote start with `{"t":<ms>`; `t` is read without parsing the rest.
 */
export function forEachAwarenessEntry(
  update: Uint8Array,
  visit: (clientId: number, clock: number, t: number | null) => void,
): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    visit(clientId, clock, timestampOf(state));
  }
}

function timestampOf(state: string): number | null {
  if (state.startsWith('{"t":')) return Number.parseFloat(state.slice(5));
  try {
    const parsed = JSON.parse(state) as { t?: unknown } | null;
    return typeof parsed?.t === 'number' ? parsed.t : null;
  } catch {
    return null;
  }
}
