import { filterAwarenessUpdate, type AwarenessOwnership } from './awarenessFilter.js';
import type { Presence, PresenceEntry } from './presence.js';
import type { TokenBucket } from './rateLimit.js';
import type { Grant, RoomPolicy } from './roomContract.js';

/** What presence intake needs to know of the connection that sent a frame. */
export interface PresenceSender extends Grant, AwarenessOwnership {
  awarenessBudget: TokenBucket;
}

export interface PresenceRules {
  limits: { maxAwarenessBytes: number; maxRoomAwarenessBytes: number };
  policy: Pick<RoomPolicy, 'presenceAs'>;
}

/**
 * The entries of an awareness frame a room takes from `sender`: only its own client ids
 * (awarenessFilter.ts), within its rate and the connection's and room's byte caps, and
 * without what a read-only link may not claim. Presence is best effort: whatever does not fit
 * is dropped, never fatal. Null when nothing is left.
 */
export function presenceToApply(
  update: Uint8Array,
  sender: PresenceSender,
  presence: Presence,
  { limits, policy }: PresenceRules,
): PresenceEntry[] | null {
  if (update.byteLength > limits.maxAwarenessBytes) return null;
  const kept = filterAwarenessUpdate(update, sender, {
    maxEntries: 8,
    maxStateBytes: limits.maxAwarenessBytes,
  });
  // Only what is kept spends budget: y-websocket clients echo everyone else's states.
  if (!kept || !sender.awarenessBudget.take()) return null;
  const { presenceAs } = policy;
  const entries = presenceAs ? kept.map(asSeenBy(presenceAs, sender)) : kept;
  const admitted = presence.admit(entries, sender.owned, {
    perConnectionBytes: limits.maxAwarenessBytes,
    perRoomBytes: limits.maxRoomAwarenessBytes,
  });
  return admitted.length > 0 ? admitted : null;
}

const asSeenBy =
  (presenceAs: NonNullable<RoomPolicy['presenceAs']>, sender: Grant) =>
  (entry: PresenceEntry): PresenceEntry => {
    if (!entry.state) return entry;
    const state = presenceAs(entry.state, sender);
    // The JSON is kept as it came unless something was removed (the cursor hot path).
    return state === entry.state ? entry : { ...entry, state, json: JSON.stringify(state) };
  };
