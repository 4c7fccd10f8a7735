import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type * as decoding from 'lib0/decoding';
import { peekSyncPayload, stateVectorLength } from './frames.js';

/** An update parsed into structs and a delete set, not applied to anything. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

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
 * `decoder` is left where it was.
 */
export function decodeCarriedUpdate(decoder: decoding.Decoder): DecodedUpdate {
  try {
    return Y.decodeUpdate(peekSyncPayload(decoder));
  } catch (err) {
    throw new ProtocolError(`update could not be decoded: ${(err as Error).message}`);
  }
}

/** Clients a state vector may list beyond those the document holds (offline sessions). */
const STATE_VECTOR_SLACK = 1_000;
/** A client lacking more than this share of the document gets the shared full encoding. */
const FULL_STATE_MISSING_SHARE = 0.1;

/** The share of `doc`'s content (in clock units) a state vector says its client has. */
function coverage(doc: Y.Doc, stateVector: Map<number, number>): number {
  let total = 0;
  let covered = 0;
  for (const client of doc.store.clients.keys()) {
    const clock = Y.getState(doc.store, client);
    total += clock;
    covered += Math.min(clock, stateVector.get(client) ?? 0);
  }
  return total === 0 ? 1 : covered / total;
}

/** Whether a sync step 1 carries an empty state vector (its client has nothing); `decoder` stays. */
export function asksFromNothing(decoder: decoding.Decoder): boolean {
  return stateVectorLength(peekSyncPayload(decoder)) === 0;
}

/**
 * Whether a sync step 1 is best answered with the whole document: its client has nothing of it
 * (an empty state vector) or lacks much of it (the whole document, already encoded for other
 * joiners, is then a cheap superset of its diff). Throws for a state vector listing far more
 * clients than the document has: decoding a million entries blocks the server for a second.
 */
export function wantsWholeDocument(doc: Y.Doc, decoder: decoding.Decoder): boolean {
  const bytes = peekSyncPayload(decoder);
  const listed = stateVectorLength(bytes);
  if (listed > doc.store.clients.size + STATE_VECTOR_SLACK) {
    throw new ProtocolError(`a state vector of ${listed} clients; the document has fewer`);
  }
  if (listed === 0) return true;
  return coverage(doc, Y.decodeStateVector(bytes)) < 1 - FULL_STATE_MISSING_SHARE;
}

/** Whether an update adds nothing: no structs, nothing deleted (a read-only client's answer). */
export function isEmptyUpdate(decoded: DecodedUpdate): boolean {
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}

/** Whether an update holds content `doc` lacks (a resent copy holds none; deletions aside). */
export function addsContent(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  return decoded.structs.some(
    (s) => !(s instanceof Y.Skip) && s.id.clock + s.length > Y.getState(doc.store, s.id.client),
  );
}
