/** Latency samples and delivery counting for the load generator. */

/** Numbers in growing typed chunks (millions of samples without a giant JS array). */
export class Samples {
  private readonly chunks: Float64Array[] = [];
  private current = new Float64Array(1 << 16);
  private used = 0;

  add(value: number): void {
    if (this.used === this.current.length) {
      this.chunks.push(this.current);
      this.current = new Float64Array(1 << 16);
      this.used = 0;
    }
    this.current[this.used++] = value;
  }

  get count(): number {
    return this.chunks.length * (1 << 16) + this.used;
  }

  /** Sorted copy of every sample. */
  sorted(): Float64Array {
    const all = new Float64Array(this.count);
    let at = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    all.set(this.current.subarray(0, this.used), at);
    return all.sort();
  }
}

export interface Summary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samples: Samples | readonly number[]): Summary {
  const sorted = samples instanceof Samples ? samples.sorted() : Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : null,
  };
}

/**
 * What one measurement window saw: messages each receiver should get (counted at send time)
 * and the distinct ones it got. A message is (sender, clock), clocks counting up by one per
 * send; a receiver counts a clock only once and never one older than what it already has.
 * A clock it never got but jumped over (a newer state of the same sender arrived) counts as
 * superseded: servers that batch presence send only each sender's latest state.
 */
export class Deliveries {
  expected = 0;
  delivered = 0;
  superseded = 0;
  /** Sends made inside the window. */
  sent = 0;
  readonly latency = new Samples();
  /** Timestamps (generator ms) bounding the window; deliveries of other sends do not count. */
  from = Number.POSITIVE_INFINITY;
  to = Number.POSITIVE_INFINITY;
  /** Each sender's first clock inside the window (skips before it are not this window's). */
  private readonly firstClock = new Map<number, number>();

  /** Records a send at `t`, with the sender's id and clock, that `receivers` others should get. */
  onSend(t: number, receivers: number, sender: number, clock: number): void {
    if (t < this.from || t > this.to) return;
    if (!this.firstClock.has(sender)) this.firstClock.set(sender, clock);
    this.sent++;
    this.expected += receivers;
  }

  /** Records a delivery to a receiver whose last clock per sender is in `seen`. */
  onReceive(
    seen: Map<number, number>,
    sender: number,
    clock: number,
    t: number | null,
    now: number,
  ): void {
    const last = seen.get(sender) ?? -1;
    if (clock <= last) return;
    seen.set(sender, clock);
    if (t === null || t < this.from || t > this.to) return;
    this.delivered++;
    this.latency.add(now - t);
    const first = this.firstClock.get(sender);
    if (first !== undefined) this.superseded += Math.max(0, clock - Math.max(last + 1, first));
  }
}
