import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Bus } from './bus.js';

/** Board-wide changes every instance must apply to the rooms it holds. */
export type BoardEvent =
  | { kind: 'key-rotated'; boardId: string; keyVersion: number }
  | { kind: 'deleted'; boardId: string }
  /** A person lost access (removed from a workspace): their sockets close everywhere. */
  | { kind: 'user-removed'; userId: string }
  /** A person's name or role changed: their sockets reconnect everywhere, to carry it. */
  | { kind: 'user-changed'; userId: string }
  /** A session ended or a token was revoked: the sockets it admitted close everywhere (S128). */
  | { kind: 'credential-ended'; credential: string };

const TOPIC = 'board-events';
const KINDS = [
  'key-rotated',
  'deleted',
  'user-removed',
  'user-changed',
  'credential-ended',
] as const;

export function publishBoardEvent(bus: Bus, event: BoardEvent): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KINDS.indexOf(event.kind));
  encoding.writeVarString(encoder, eventSubject(event));
  encoding.writeVarUint(encoder, event.kind === 'key-rotated' ? event.keyVersion : 0);
  bus.publish(TOPIC, encoding.toUint8Array(encoder));
}

export function subscribeBoardEvents(
  bus: Bus,
  handler: (event: BoardEvent) => void,
): Promise<void> {
  return bus.subscribe(TOPIC, (payload) => {
    const decoder = decoding.createDecoder(payload);
    const kind = KINDS[decoding.readVarUint(decoder)];
    const id = decoding.readVarString(decoder);
    const keyVersion = decoding.readVarUint(decoder);
    if (kind === 'key-rotated') handler({ kind, boardId: id, keyVersion });
    else if (kind === 'deleted') handler({ kind, boardId: id });
    else if (kind === 'user-removed' || kind === 'user-changed') handler({ kind, userId: id });
    else if (kind === 'credential-ended') handler({ kind, credential: id });
  });
}

const eventSubject = (event: BoardEvent): string =>
  'userId' in event ? event.userId : 'credential' in event ? event.credential : event.boardId;
