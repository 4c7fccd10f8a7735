import type { Awareness } from 'y-protocols/awareness';
import { awarenessEntry, encodeAwarenessUpdate } from './frames.js';

/** An awareness entry a connection may send: its state parsed, and as the JSON it came in. */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
  json: string;
}

export interface PresenceCaps {
  /** Bytes of JSON all the states of one connection may hold together. */
  perConnectionBytes: number;
  /** Bytes of JSON all the states of the room's own connections may hold together. */
  perRoomBytes: number;
}

/**
 * The cursor hot path over a y-protocols Awareness: entries the filter already parsed are
 * applied without parsing them again, and each state's JSON is kept (for the clock it came
 * with) so relaying it never serialises it again. Other writers of the Awareness (the bus
 * relay, timeouts) raise the clock, which makes the kept JSON stale and unused.
 *
 * It also counts the bytes of the states it holds: everyone joining is sent all of them in one
 * frame, so a few sockets with large states must not make that frame too large to deliver.
 */
export class Presence {
  private readonly json = new Map<number, { clock: number; json: string }>();
  private bytes = 0;

  constructor(readonly awareness: Awareness) {}

  /** Bytes of JSON of the states applied here. */
  get totalBytes(): number {
    return this.bytes;
  }

  bytesOf(clientId: number): number {
    return this.json.get(clientId)?.json.length ?? 0;
  }

  /**
   * The entries that fit within the caps, given the client ids the sender already owns;
   * removals and states that do not grow always fit, so nobody is stuck with an old state.
   */
  admit(
    entries: readonly PresenceEntry[],
    owned: Iterable<number>,
    caps: PresenceCaps,
  ): PresenceEntry[] {
    let connectionBytes = 0;
    for (const id of owned) connectionBytes += this.bytesOf(id);
    let roomBytes = this.bytes;
    const admitted: PresenceEntry[] = [];
    for (const entry of entries) {
      const before = this.bytesOf(entry.clientId);
      const growth = (entry.state === null ? 0 : entry.json.length) - before;
      if (
        growth > 0 &&
        (connectionBytes + growth > caps.perConnectionBytes ||
          roomBytes + growth > caps.perRoomBytes)
      )
        continue;
      connectionBytes += growth;
      roomBytes += growth;
      admitted.push(entry);
    }
    return admitted;
  }

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
        this.forget(clientId);
        if (known) removed.push(clientId);
      } else {
        this.bytes += json.length - this.bytesOf(clientId);
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
    const { meta } = this.awareness;
    return encodeAwarenessUpdate(clientIds, (id) => meta.get(id)?.clock ?? 0, this.jsonOf);
  }

  /** One entry of an awareness update, for frames that differ per recipient. */
  encodeEntry(clientId: number): Uint8Array {
    const clock = this.awareness.meta.get(clientId)?.clock ?? 0;
    return awarenessEntry(clientId, clock, this.jsonOf(clientId, clock));
  }

  private readonly jsonOf = (clientId: number, clock: number): string => {
    const cached = this.json.get(clientId);
    const state = this.awareness.states.get(clientId);
    return cached?.clock === clock && state ? cached.json : JSON.stringify(state ?? null);
  };

  forget(clientId: number): void {
    this.bytes -= this.bytesOf(clientId);
    this.json.delete(clientId);
  }
}
