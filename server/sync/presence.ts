import * as encoding from 'lib0/encoding';
import type * as awarenessProtocol from 'y-protocols/awareness';

/** An awareness entry a connection may send: its state parsed, and as the JSON it came in. */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
  json: string;
}

/**
 * The cursor hot path over a y-protocols Awareness: entries the filter already parsed are
 * applied without parsing them again, and each state's JSON is kept (for the clock it came
 * with) so relaying it never serialises it again. Other writers of the Awareness (the bus
 * relay, timeouts) raise the clock, which makes the kept JSON stale and unused.
 */
export class Presence {
  private readonly json = new Map<number, { clock: number; json: string }>();

  constructor(readonly awareness: awarenessProtocol.Awareness) {}

  /** y-protocols' applyAwarenessUpdate for parsed entries ('update' event only: no deep compare). */
  apply(entries: readonly PresenceEntry[], origin: unknown): void {
    const { meta, states } = this.awareness;
    const now = Date.now();
    const added: number[] = [];
    const updated: number[] = [];
    const removed: number[] = [];
    for (const { clientId, clock, state, json } of entries) {
      const known = meta.get(clientId);
      const current = known?.clock ?? 0;
      const removal = state === null;
      if (!(current < clock || (current === clock && removal && states.has(clientId)))) continue;
      if (removal) states.delete(clientId);
      else states.set(clientId, state);
      meta.set(clientId, { clock, lastUpdated: now });
      if (removal) {
        this.json.delete(clientId);
        if (known) removed.push(clientId);
      } else {
        this.json.set(clientId, { clock, json });
        (known ? updated : added).push(clientId);
      }
    }
    if (added.length + updated.length + removed.length > 0) {
      this.awareness.emit('update', [{ added, updated, removed }, origin]);
    }
  }

  /** An awareness update of these client ids, as y-protocols encodes it. */
  encode(clientIds: readonly number[]): Uint8Array {
    const { meta, states } = this.awareness;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, clientIds.length);
    for (const id of clientIds) {
      const clock = meta.get(id)?.clock ?? 0;
      const cached = this.json.get(id);
      const state = states.get(id);
      encoding.writeVarUint(encoder, id);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(
        encoder,
        cached?.clock === clock && state ? cached.json : JSON.stringify(state ?? null),
      );
    }
    return encoding.toUint8Array(encoder);
  }

  forget(clientId: number): void {
    this.json.delete(clientId);
  }
}
