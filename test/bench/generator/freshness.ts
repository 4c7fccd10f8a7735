/**
 * W6's view of presence: for every receiver and every other participant, the send time of the
 * newest state it holds, read straight from the bytes of each awareness update (a 300-person
 * room delivers ~10⁶ entries a second to one generator process: nothing is decoded as text).
 */
import { Samples } from './stats.js';

/** W6 states start with this, the send time first: `{"cursor":{"t":<ms>,"x":…,"y":…},…`. */
const PREFIX = Buffer.from('{"cursor":{"t":');

export interface FreshnessOptions {
  /** Participants, by index; `groupOf(i)` says who sees whom (same group: in view). */
  count: number;
  groupOf(index: number): number;
  /** A state is fresh while younger than this (ms). */
  freshMs: number;
}

export class Freshness {
  private readonly n: number;
  /** [receiver × n + sender]: send time of the newest state held, and its clock. */
  private readonly newest: Float64Array;
  private readonly clocks: Float64Array;
  private readonly indexOf = new Map<number, number>();
  private readonly groups: Int32Array;
  /** Latency of states of people in the receiver's view (same group), in the window. */
  readonly cursorLatency = new Samples();
  /** Per receiver, in the window: awareness frames and their bytes. */
  readonly frames: Float64Array;
  readonly bytes: Float64Array;
  /** Cursor moves sent in the window (counted by the workload). */
  moves = 0;
  fresh = 0;
  pairs = 0;
  freshInView = 0;
  pairsInView = 0;
  from = Infinity;
  to = Infinity;

  constructor(private readonly options: FreshnessOptions) {
    const { count } = options;
    this.n = count;
    this.newest = new Float64Array(count * count).fill(-Infinity);
    this.clocks = new Float64Array(count * count);
    this.groups = Int32Array.from({ length: count }, (_, i) => options.groupOf(i));
    this.frames = new Float64Array(count);
    this.bytes = new Float64Array(count);
  }

  /** Participant `index` publishes as awareness client `clientId`. */
  register(index: number, clientId: number): void {
    this.indexOf.set(clientId, index);
  }

  /** An awareness update that reached receiver `r` at `now`. */
  onUpdate(r: number, update: Uint8Array, now: number): void {
    const inWindow = now >= this.from && now <= this.to;
    if (inWindow) {
      this.frames[r]!++;
      this.bytes[r]! += update.byteLength;
    }
    let p = 0;
    const varUint = (): number => {
      let value = 0;
      let mult = 1;
      for (;;) {
        const b = update[p++]!;
        value += (b & 0x7f) * mult;
        if (b < 0x80) return value;
        mult *= 128;
      }
    };
    const entries = varUint();
    for (let e = 0; e < entries; e++) {
      const clientId = varUint();
      const clock = varUint();
      const length = varUint();
      const end = p + length;
      const s = this.indexOf.get(clientId);
      if (s !== undefined && s !== r && startsWithPrefix(update, p)) {
        this.onEntry(r, s, clock, readNumber(update, p + PREFIX.length), now);
      }
      p = end;
    }
  }

  private onEntry(r: number, s: number, clock: number, t: number, now: number): void {
    const at = r * this.n + s;
    if (clock <= this.clocks[at]!) return;
    this.clocks[at] = clock;
    this.newest[at] = t;
    if (t >= this.from && t <= this.to && this.groups[r] === this.groups[s])
      this.cursorLatency.add(now - t);
  }

  /** Counts, for every pair of live participants, whether the receiver's state is fresh. */
  sample(live: readonly number[], now: number): void {
    const limit = now - this.options.freshMs;
    for (const r of live) {
      const row = r * this.n;
      for (const s of live) {
        if (s === r) continue;
        const fresh = this.newest[row + s]! >= limit ? 1 : 0;
        this.pairs++;
        this.fresh += fresh;
        if (this.groups[r] === this.groups[s]) {
          this.pairsInView++;
          this.freshInView += fresh;
        }
      }
    }
  }
}

function startsWithPrefix(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < PREFIX.length; i++) if (bytes[at + i] !== PREFIX[i]) return false;
  return true;
}

/** A non-negative decimal number (`123.456`) written at `at`. */
function readNumber(bytes: Uint8Array, at: number): number {
  let value = 0;
  let scale = 0;
  for (let p = at; p < bytes.length; p++) {
    const c = bytes[p]!;
    if (c === 46) scale = 1;
    else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (scale) scale *= 10;
    } else break;
  }
  return scale ? value / scale : value;
}
