import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SenderMark } from './heldUpdates.js';

/** What a sync request asks for besides the diff against its state vector. */
export interface SyncWants {
  /** Send me your state vector too, so I can fill you in. */
  counterRequest: boolean;
  /** Send me the presence of your own clients. */
  awareness: boolean;
}

/**
 * What the relays of one room tell each other over the bus (roomRelay.ts), and nothing else:
 * no bus, no room. A message is its kind (a varUint), the flags of a sync request (a varUint),
 * then its body to the end of the payload.
 */
export type RelayMessage =
  /** A Yjs update the receiver writes too: the answer to a sync request (or an older peer's). */
  | { kind: 'update'; update: Uint8Array }
  /**
   * Local updates merged, that the sender has queued for storage through its writer's `order`
   * `mark.through`: the receiver holds them unwritten until the sender confirms that far (W342).
   */
  | { kind: 'live-update'; mark: SenderMark; update: Uint8Array }
  /** The sender no longer holds the room: nothing need be published to it (W341). */
  | { kind: 'leave' }
  /** An awareness update of the sender's own clients. */
  | { kind: 'awareness'; update: Uint8Array }
  /** The sender's state vector: answer with what it lacks. */
  | { kind: 'sync-request'; stateVector: Uint8Array; wants: SyncWants };

const UPDATE = 0;
const AWARENESS = 1;
const SYNC_REQUEST = 2;
const LIVE_UPDATE = 3;
const LEAVE = 4;
const WANT_COUNTER_REQUEST = 1;
const WANT_AWARENESS = 2;

export function encodeRelayMessage(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  switch (message.kind) {
    case 'update':
    case 'awareness':
      encoding.writeVarUint(encoder, message.kind === 'update' ? UPDATE : AWARENESS);
      encoding.writeUint8Array(encoder, message.update);
      break;
    case 'live-update':
      encoding.writeVarUint(encoder, LIVE_UPDATE);
      encoding.writeVarUint(encoder, message.mark.epoch);
      encoding.writeVarUint(encoder, message.mark.through);
      encoding.writeUint8Array(encoder, message.update);
      break;
    case 'leave':
      encoding.writeVarUint(encoder, LEAVE);
      break;
    case 'sync-request': {
      const { counterRequest, awareness } = message.wants;
      encoding.writeVarUint(encoder, SYNC_REQUEST);
      encoding.writeVarUint(
        encoder,
        (counterRequest ? WANT_COUNTER_REQUEST : 0) | (awareness ? WANT_AWARENESS : 0),
      );
      encoding.writeUint8Array(encoder, message.stateVector);
      break;
    }
  }
  return encoding.toUint8Array(encoder);
}

/** The message a payload holds; null for a kind this version does not know. Throws if malformed. */
export function decodeRelayMessage(payload: Uint8Array): RelayMessage | null {
  const decoder = decoding.createDecoder(payload);
  const kind = decoding.readVarUint(decoder);
  switch (kind) {
    case UPDATE:
      return { kind: 'update', update: payload.subarray(decoder.pos) };
    case AWARENESS:
      return { kind: 'awareness', update: payload.subarray(decoder.pos) };
    case LIVE_UPDATE: {
      const epoch = decoding.readVarUint(decoder);
      const through = decoding.readVarUint(decoder);
      return {
        kind: 'live-update',
        mark: { epoch, through },
        update: payload.subarray(decoder.pos),
      };
    }
    case LEAVE:
      return { kind: 'leave' };
    case SYNC_REQUEST: {
      const flags = decoding.readVarUint(decoder);
      return {
        kind: 'sync-request',
        stateVector: payload.subarray(decoder.pos),
        wants: {
          counterRequest: (flags & WANT_COUNTER_REQUEST) !== 0,
          awareness: (flags & WANT_AWARENESS) !== 0,
        },
      };
    }
    default:
      return null;
  }
}
