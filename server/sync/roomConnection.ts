import { WebSocket } from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { awarenessUserSchema } from '../../shared/protocol/awareness.js';
import { clientOrigin, type UpdateOrigin } from '../updateOrigin.js';
import type { AwarenessOwnership } from './awarenessFilter.js';
import type { InboundFlow } from './inboundFlow.js';
import { TokenBucket } from './rateLimit.js';
import type { Grant, RoomLimits, SocketIdentity } from './roomContract.js';

/**
 * One socket joined to a room: its grant, what it owns and its budgets. It is also what the
 * awareness filter asks about the socket (the cursor hot path): the ids it introduced
 * (`owned`, removed when it leaves) and the room's lookups, shared by every connection.
 */
export interface Connection extends Grant, AwarenessOwnership {
  /** The origin of everything it sends (a client origin of its socket). */
  origin: UpdateOrigin;
  flow: InboundFlow;
  awarenessBudget: TokenBucket;
  /** Bytes of the whole-document frames it was sent on joining: they may wait unread. */
  joinBytes: number;
  step1Answered: boolean;
}

/** What the awareness filter asks of a room, the same for each of its connections. */
type RoomLookups = Omit<AwarenessOwnership, 'owned'>;

/** Built once per room: closures per connection cost memory on every idle socket. */
const lookupsOf = new WeakMap<Awareness, RoomLookups>();

function roomLookups(awareness: Awareness): RoomLookups {
  let lookups = lookupsOf.get(awareness);
  if (!lookups) {
    const { states, meta } = awareness;
    lookups = {
      present: (id) => states.has(id),
      clockOf: (id) => meta.get(id)?.clock,
      isCurrent: (id, json) => JSON.stringify(states.get(id) ?? null) === json,
    };
    lookupsOf.set(awareness, lookups);
  }
  return lookups;
}

export function newConnection(
  ws: WebSocket,
  grant: Grant,
  flow: InboundFlow,
  awareness: Awareness,
  awarenessPerSec: number,
): Connection {
  // Literals with every field named, not spreads: V8 gave each spread result a hidden class
  // of its own (~0.4 KB per idle socket).
  const { present, clockOf, isCurrent } = roomLookups(awareness);
  return {
    role: grant.role,
    canWrite: grant.canWrite,
    keyVersion: grant.keyVersion,
    person: grant.person,
    guest: grant.guest,
    credentials: grant.credentials,
    origin: clientOrigin(ws),
    owned: new Set<number>(),
    present,
    clockOf,
    isCurrent,
    flow,
    awarenessBudget: new TokenBucket(awarenessPerSec),
    joinBytes: 0,
    step1Answered: false,
  };
}

/**
 * Who is behind a connection: the user named by the presence state it introduced (its own,
 * never one relayed from elsewhere), null before it published one.
 */
export function identityOf(conn: Connection, awareness: Awareness): SocketIdentity {
  for (const id of conn.owned) {
    const state = awareness.states.get(id) as { user?: unknown } | undefined;
    const user = awarenessUserSchema.safeParse(state?.user);
    if (user.success) return { role: conn.role, user: user.data };
  }
  return { role: conn.role, user: null };
}

/**
 * Sends a frame unless the socket has stopped reading: what it has not read counts with the
 * frame being queued, beyond the whole-document frames it got on joining (shared by every
 * joiner, so they cost memory once however many sockets hold them). True when it was queued.
 */
export function sendUnlessSlow(
  ws: WebSocket,
  frame: Uint8Array,
  droppable: boolean,
  { slowSocketSoftBytes, slowSocketHardBytes }: RoomLimits,
  conn: Connection | undefined,
): boolean {
  if (ws.readyState !== WebSocket.OPEN) return false;
  const unread = ws.bufferedAmount + frame.byteLength - (conn?.joinBytes ?? 0);
  if (unread > slowSocketHardBytes) {
    // It resyncs on reconnect; holding more for it only grows our memory. (Its close frame
    // would queue behind what it did not read, so the client sees 1006, not 4508.)
    ws.terminate();
    return false;
  }
  if (droppable && unread > slowSocketSoftBytes) return false;
  // A failed write surfaces as the socket's 'error' and 'close': no callback per send.
  ws.send(frame);
  return true;
}
