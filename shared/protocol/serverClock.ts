/**
 * How a client learns the server's clock (docs/WIRE.md, "Server time"): it asks
 * `GET /api/time` a few times, and each answer `{ now }` was read on the server somewhere
 * between the request leaving and the answer arriving. Assuming the middle (half the round
 * trip each way), the offset is `now + rtt / 2 - receivedAt`; the sample with the shortest
 * round trip has the smallest error (at most half its round trip), so it wins.
 */

export interface ClockSample {
  /** Local clock (Date.now()) when the request left. */
  sentAt: number;
  /** Local clock when the answer arrived. */
  receivedAt: number;
  /** The server's clock in the answer. */
  serverNow: number;
}

/** What to add to the local clock to read the server's, from one sample. */
export function sampleOffset(sample: ClockSample): number {
  const rtt = Math.max(0, sample.receivedAt - sample.sentAt);
  return sample.serverNow + rtt / 2 - sample.receivedAt;
}

/** The offset from the sample with the shortest round trip; null without a usable sample. */
export function bestOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const s of samples) {
    if (![s.sentAt, s.receivedAt, s.serverNow].every(Number.isFinite)) continue;
    if (s.receivedAt < s.sentAt) continue; // the local clock jumped back: unusable
    if (!best || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
  }
  return best ? Math.round(sampleOffset(best)) : null;
}

/** The server's time now, given a local reading and the offset. */
export const serverTime = (localNow: number, offset: number): number => localNow + offset;
