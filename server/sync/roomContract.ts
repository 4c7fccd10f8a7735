import type * as Y from 'yjs';
import type { AwarenessUser } from '../../shared/protocol/awareness.js';
import type { RoomName } from '../../shared/protocol/boardId.js';
import type { Role } from '../../shared/protocol/roles.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { UpdateWriter } from '../storage/updateWriter.js';
import type { DecodedUpdate } from './incoming.js';
import type { InterestSettings } from './presenceInterest.js';

/* What a room is given and promises: its limits, its policy hooks, each connection's grant. */

export interface RoomLimits {
  /** Bytes of one awareness frame, and of all the states one connection holds. */
  maxAwarenessBytes: number;
  /** Bytes of all the presence states of the room's connections together. */
  maxRoomAwarenessBytes: number;
  /** Past this size the board takes no new content (deletions still pass). */
  maxBoardBytes: number;
  rateAwarenessPerSec: number;
  slowSocketSoftBytes: number;
  slowSocketHardBytes: number;
  /** How long presence changes are gathered into one frame (0: one event-loop turn). */
  awarenessBatchMs: number;
  /** Moves of people a recipient does not see wait (W307–W310); absent: nobody waits. */
  presenceInterest?: InterestSettings;
}

/**
 * What a room asks of whoever knows what its documents mean (server/sync knows nothing of
 * journeys): both hooks are optional and run on the hot path, so they must be cheap.
 */
export interface RoomPolicy {
  /** Why an update from a client must be refused (e.g. a wrong type at a schema key), or null. */
  checkUpdate?(name: RoomName, doc: Y.Doc, update: DecodedUpdate): string | null;
  /**
   * Why the sender may not write this update, or null: the update is then not applied and the
   * sender is told "permission denied" (its socket stays open). For what the sender's grant
   * forbids (another person's name as author), not for malformed content (`checkUpdate`).
   */
  deniedUpdate?(name: RoomName, doc: Y.Doc, update: DecodedUpdate, sender: Grant): string | null;
  /**
   * A connection's presence state as others are to see it: what its grant may not claim
   * removed, the identity the server vouches for put in. The same object when nothing changes.
   */
  presenceAs?(state: Record<string, unknown>, sender: Grant): Record<string, unknown>;
}

export interface RoomDeps {
  writer: UpdateWriter;
  metrics: Metrics;
  log: Logger;
  limits: RoomLimits;
  policy: RoomPolicy;
  /** The room's doc can no longer be trusted: drop it so the next join reloads it. */
  onBroken(): void;
  /** What storage held is now in the doc, and nothing else has been applied to it yet. */
  onIntegrated?(): void;
}

/** What a connection may do, decided once when it joined (from its token). */
export interface Grant {
  role: Role;
  canWrite: boolean;
  keyVersion: number;
  /** The signed-in person behind the socket, as the server vouches for them; null otherwise. */
  person: { id: string; name: string } | null;
  /** A share link used where people sign in: shown and written as a guest. */
  guest: boolean;
  /** Opaque names of what admitted the socket (a session, a token): it closes when one ends. */
  credentials: readonly string[];
}

/** Who is behind a socket: the role of its link and the user its presence names, if any. */
export interface SocketIdentity {
  role: Role;
  user: AwarenessUser | null;
}
