import type { WebSocket } from 'ws';

/**
 * Where a change to a room's document or presence came from: the transaction origin of every
 * change the server makes or receives (as Hocuspocus's TransactionOrigin). It decides what is
 * written to storage, relayed to other instances, sent back to whom, and recorded as activity.
 * Here at the root of server/ because the sync rooms, the bus relay and the activity recorder
 * all read it, and the bus may not import server/sync.
 */
export type UpdateOrigin =
  /** A client's socket on this instance. */
  | { readonly kind: 'client'; readonly socket: WebSocket }
  /** Read back from storage (a resync): already stored. */
  | { readonly kind: 'storage' }
  /**
   * Relayed from another instance: its presence entries belong to that instance. `held`: a live
   * update the sender stores, held here unwritten until it confirms (W342).
   */
  | { readonly kind: 'relay'; readonly instanceId: string; readonly held?: true }
  /**
   * The server itself: a restore's reconcile, a meta change or survey import over REST,
   * presence removed when a socket leaves or times out.
   */
  | { readonly kind: 'server' };

/** Origins made here: Yjs and y-protocols hand them back untyped. */
const made = new WeakSet<object>();

function tagged<T extends UpdateOrigin>(origin: T): T {
  made.add(origin);
  return origin;
}

export const STORAGE_ORIGIN: UpdateOrigin = tagged({ kind: 'storage' });
export const SERVER_ORIGIN: UpdateOrigin = tagged({ kind: 'server' });

/** The origin of what one socket sends; made once per connection. */
export function clientOrigin(socket: WebSocket): UpdateOrigin {
  return tagged({ kind: 'client', socket });
}

/** The origin of what one other instance relays; made once per instance and room. */
export function relayOrigin(instanceId: string, held = false): UpdateOrigin {
  return tagged(held ? { kind: 'relay', instanceId, held } : { kind: 'relay', instanceId });
}

/**
 * The typed origin of a Yjs transaction or awareness change. Anything not made here is the
 * server's own: a transaction without an origin (the model's writers), y-protocols' presence
 * timeout, or the shared model's reconcile default.
 */
export function originOf(origin: unknown): UpdateOrigin {
  return typeof origin === 'object' && origin !== null && made.has(origin)
    ? (origin as UpdateOrigin)
    : SERVER_ORIGIN;
}

/** Whether an update from `origin` is written to storage by the instance that applied it. */
export function writtenHere(origin: UpdateOrigin): boolean {
  switch (origin.kind) {
    // Read back from storage: it is broadcast but not written again.
    case 'storage':
      return false;
    // Its sender writes it; the relay writes it only if the sender is lost first (W342).
    case 'relay':
      return origin.held !== true;
    case 'client':
    case 'server':
      return true;
  }
}
