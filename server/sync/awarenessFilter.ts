import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessLimits {
  /** Entries one frame may carry (a client publishes its own, one or two after a reload). */
  maxEntries: number;
  /** Bytes of one state's JSON. */
  maxStateBytes: number;
}

export interface AwarenessOwnership {
  /** Client ids this connection introduced. */
  owned: Set<number>;
  /** Whether another connection of the room introduced this client id. */
  ownedElsewhere(clientId: number): boolean;
}

/**
 * Keeps the entries of an awareness update that this connection may send: states of client
 * ids it introduced (or new ones, which it thereby claims), within the size limits, holding
 * valid JSON. Forged entries for someone else's id (overwrite or `null` removal) are dropped.
 * Returns the re-encoded update, or null when nothing is left. Throws on a malformed frame.
 */
export function filterAwarenessUpdate(
  update: Uint8Array,
  who: AwarenessOwnership,
  limits: AwarenessLimits,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > limits.maxEntries) throw new RangeError(`awareness frame with ${count} entries`);
  const kept: { clientId: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (state.length > limits.maxStateBytes) continue;
    if (!who.owned.has(clientId) && who.ownedElsewhere(clientId)) continue;
    try {
      const parsed: unknown = JSON.parse(state);
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) continue;
    } catch {
      continue;
    }
    kept.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder))
    throw new RangeError('trailing bytes after an awareness update');
  if (kept.length === 0) return null;
  for (const { clientId } of kept) who.owned.add(clientId);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const { clientId, clock, state } of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}
