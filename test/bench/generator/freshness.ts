/**
 * W6's view of presence: for every receiver and every other participant, the send time of the
 * newest state it holds, read straight from the bytes of each awareness update or moves frame
 * (a 300-person room delivers ~10⁶ entries a second to one generator process: nothing is
 * decoded as text). A state's send time is looked up by its sender and clock (W6's senders
 * count clocks from 1 and the servers keep them), so the states carry nothing but W35 fields.
 */
import { Samples } from './stats.js';

/** lib0 `writeAny` tags of the numbers a move carries (shared/protocol/presenceMoves.ts). */
const ANY_VAR_INT = 125;
const ANY_FLOAT32 = 124;
const ANY_FLOAT64 = 123;

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
  /** Per sender: the send time of each clock it sent. */
  private readonly sentAt: Float64Array[];
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
    this.sentAt = Array.from({ length: count }, () => new Float64Array(1024));
  }

  /** Participant `index` sent its state at `clock` at `t`. */
  sent(index: number, clock: number, t: number): void {
    let times = this.sentAt[index]!;
    if (clock >= times.length) {
      const grown = new Float64Array(Math.max(clock + 1, times.length * 2));
      grown.set(times);
      this.sentAt[index] = times = grown;
    }
    times[clock] = t;
  }

  /** Participant `index` publishes as awareness client `clientId`. */
  register(index: number, clientId: number): void {
    this.indexOf.set(clientId, index);
  }

  /** An awareness update that reached receiver `r` at `now`. */
  onUpdate(r: number, update: Uint8Array, now: number): void {
    this.countFrame(r, update.byteLength, now);
    this.readEntries(r, update, 0, now);
  }

  /** A moves frame (after its message type) that reached receiver `r` at `now`. */
  onMoves(r: number, payload: Uint8Array, now: number): void {
    this.countFrame(r, payload.byteLength + 1, now);
    const reader = new VarReader(payload);
    const length = reader.varUint();
    this.readEntries(r, payload.subarray(reader.p, reader.p + length), 0, now);
    reader.p += length;
    const moves = reader.varUint();
    for (let m = 0; m < moves; m++) {
      const clientId = reader.varUint();
      const clock = reader.varUint();
      const flags = reader.varUint();
      const numbers = ((flags & 3) === 2 ? 2 : 0) + (((flags >> 2) & 3) === 2 ? 3 : 0);
      for (let k = 0; k < numbers; k++) reader.skipAny();
      this.onSent(r, clientId, clock, now);
    }
  }

  private countFrame(r: number, bytes: number, now: number): void {
    if (now >= this.from && now <= this.to) {
      this.frames[r]!++;
      this.bytes[r]! += bytes;
    }
  }

  private readEntries(r: number, update: Uint8Array, at: number, now: number): void {
    const reader = new VarReader(update, at);
    const entries = reader.varUint();
    for (let e = 0; e < entries; e++) {
      const clientId = reader.varUint();
      const clock = reader.varUint();
      const length = reader.varUint();
      // A removal (`null`) carries no send time.
      if (length !== 4 || update[reader.p] !== 110) this.onSent(r, clientId, clock, now);
      reader.p += length;
    }
  }

  private onSent(r: number, clientId: number, clock: number, now: number): void {
    const s = this.indexOf.get(clientId);
    if (s === undefined || s === r) return;
    const t = this.sentAt[s]![clock];
    if (t !== undefined && t > 0) this.onEntry(r, s, clock, t, now);
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

/** Reads lib0 varUints (and skips lib0 `writeAny` numbers) straight from the bytes. */
class VarReader {
  constructor(
    private readonly bytes: Uint8Array,
    public p = 0,
  ) {}

  varUint(): number {
    let value = 0;
    let mult = 1;
    for (;;) {
      const b = this.bytes[this.p++]!;
      value += (b & 0x7f) * mult;
      if (b < 0x80) return value;
      mult *= 128;
    }
  }

  skipAny(): void {
    const tag = this.bytes[this.p++]!;
    if (tag === ANY_FLOAT32) this.p += 4;
    else if (tag === ANY_FLOAT64) this.p += 8;
    else if (tag === ANY_VAR_INT) while (this.bytes[this.p++]! >= 0x80);
    else throw new RangeError(`a move holds a number tagged ${tag}`);
  }
}
