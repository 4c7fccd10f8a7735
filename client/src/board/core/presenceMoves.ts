import type * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import {
  MESSAGE_PRESENCE_MOVES,
  PRESENCE_MOVES_PARAM,
  PRESENCE_MOVES_VALUE,
  readMovesFrame,
  withMotion,
} from '../../../../shared/protocol/presenceMoves.js';

const MESSAGE_QUERY_AWARENESS = 3;
/** A move for someone we hold no state of asks the server for everyone, at most this often. */
const QUERY_INTERVAL_MS = 1000;

/** The provider option that opts a socket in to presence moves (W327). */
export const presenceMovesParams = { [PRESENCE_MOVES_PARAM]: PRESENCE_MOVES_VALUE };

type Awareness = awarenessProtocol.Awareness;
type State = Record<string, unknown>;

/**
 * Applies a moves frame (W328–W330) to `awareness` as y-protocols applies an awareness update:
 * whole states first, then each move patches the cursor and viewport of the state held, at its
 * clock. Emits 'change' (what differs) and 'update' (everything applied) with `origin`, as
 * applyAwarenessUpdate does, so the interface reads moves as it reads whole states. Returns
 * whether a move named someone we hold no state of.
 */
export function applyPresenceMoves(
  awareness: Awareness,
  decoder: decoding.Decoder,
  origin: unknown,
): boolean {
  const updated: number[] = [];
  const changed: number[] = [];
  let unknown = false;
  const now = Date.now();
  const update = readMovesFrame(decoder, (clientId, clock, motion) => {
    const meta = awareness.meta.get(clientId);
    if (clientId === awareness.clientID) {
      // Our own state stays ours; a clock the server stamped higher is adopted (W29).
      if (meta && meta.clock < clock) meta.clock = clock;
      return;
    }
    const state = awareness.states.get(clientId) as State | undefined;
    if (!state || !meta) {
      unknown = true;
      return;
    }
    if (meta.clock >= clock) return;
    const next = withMotion(state, motion);
    awareness.states.set(clientId, next);
    awareness.meta.set(clientId, { clock, lastUpdated: now });
    updated.push(clientId);
    if (!sameMotion(state, next)) changed.push(clientId);
  });
  if (update.byteLength > 1 || update[0] !== 0) {
    awarenessProtocol.applyAwarenessUpdate(awareness, update, origin);
  }
  if (changed.length > 0) {
    awareness.emit('change', [{ added: [], updated: changed, removed: [] }, origin]);
  }
  if (updated.length > 0) {
    awareness.emit('update', [{ added: [], updated, removed: [] }, origin]);
  }
  return unknown;
}

const sameMotion = (a: State, b: State) =>
  JSON.stringify([a.cursor, a.viewport]) === JSON.stringify([b.cursor, b.viewport]);

/**
 * Lets `provider` read moves frames. The provider must also have been created with
 * `params: presenceMovesParams`, or the server sends whole states only (W327).
 */
export function receivePresenceMoves(provider: WebsocketProvider): void {
  let queriedAt = -Infinity;
  provider.messageHandlers[MESSAGE_PRESENCE_MOVES] = (_encoder, decoder) => {
    const unknown = applyPresenceMoves(provider.awareness, decoder, provider);
    const now = Date.now();
    if (!unknown || now - queriedAt < QUERY_INTERVAL_MS || !provider.ws) return;
    // Never expected (the server sends whole states first); a query heals it anyway.
    queriedAt = now;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_QUERY_AWARENESS);
    provider.ws.send(encoding.toUint8Array(encoder));
  };
}
