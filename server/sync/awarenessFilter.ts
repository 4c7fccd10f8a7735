import { readAwarenessEntries } from './frames.js';
import type { PresenceEntry } from './presence.js';

export interface AwarenessLimits {
  /** Client ids one connection may own (a client publishes its own, one or two after a reload). */
  maxEntries: number;
  /** Bytes of one state's JSON. */
  maxStateBytes: number;
}

export interface AwarenessOwnership {
  /** Client ids this connection introduced. */
  owned: Set<number>;
  /** Whether the room holds a state for this client id right now (someone else's, if not owned). */
  present(clientId: number): boolean;
  /** The room's clock for this client id, if it has seen the id before. */
  clockOf(clientId: number): number | undefined;
  /** Whether `stateJson` is the state the room holds for this client id now. */
  isCurrent(clientId: number, stateJson: string): boolean;
}

/**
 * Keeps the entries of an awareness update that this connection may send: states of client
 * ids it introduced, within the size limits, holding valid JSON. A connection introduces an id
 * by sending a state for it while the room holds none; an id the room has seen before (its
 * state since removed) only as the first id of a connection. Entries for anyone else's id are
 * dropped: forgeries (overwrite or `null` removal), and the echoes y-websocket clients send of
 * every state they receive. Returns the kept entries (parsed), or null when nothing is left.
 * Throws on a malformed frame.
 *
 * Kept entries are stamped with a clock above the room's: a connection's frames are in order,
 * so each is newer than what the room holds, whatever clock the client counted from. Without
 * it, a client that reconnects (to this or another instance) after its state was removed
 * elsewhere, with a higher clock, would stay invisible there until its next renewal. A client
 * adopts a stamped clock when its own entry comes back to it, and echoes it: that echo is
 * dropped, or the two would raise each other's clock forever.
 */
export function filterAwarenessUpdate(
  update: Uint8Array,
  who: AwarenessOwnership,
  limits: AwarenessLimits,
): PresenceEntry[] | null {
  // Echo frames list every peer, so the count is not limited here; the frame's byte size is,
  // and a connection keeps at most `maxEntries` ids of its own.
  const kept: PresenceEntry[] = [];
  let claims = 0;
  readAwarenessEntries(update, (clientId, clock, state) => {
    if (state.length > limits.maxStateBytes) return;
    const mine = who.owned.has(clientId);
    // Echoes and forgeries of someone else's live state: dropped before any parsing (hot path).
    if (!mine && who.present(clientId)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(state);
    } catch {
      return;
    }
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) return;
    const known = who.clockOf(clientId);
    if (!mine) {
      // Only a live state introduces an id; a removal of an id not yours is an echo or forgery.
      if (parsed === null || who.owned.size + claims >= limits.maxEntries) return;
      // An id whose state was removed comes back only on a fresh connection (its client
      // reconnecting); anyone else sending it is echoing what it had not yet seen removed.
      if (known !== undefined && who.owned.size + claims > 0) return;
      claims++;
    }
    let stamped = clock;
    if (known !== undefined && clock <= known) {
      // A client that adopted the stamped clock we sent it echoes its own state back: no news.
      if (mine && who.isCurrent(clientId, state)) return;
      stamped = known + 1;
    }
    kept.push({
      clientId,
      clock: stamped,
      state: parsed as Record<string, unknown> | null,
      json: state,
    });
  });
  if (kept.length === 0) return null;
  for (const { clientId } of kept) who.owned.add(clientId);
  return kept;
}
