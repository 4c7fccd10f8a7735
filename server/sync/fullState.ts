import * as Y from 'yjs';
import { syncStep2Frame, syncUpdateFrame } from './frames.js';

/** Updates are gathered into segments of about this size, each merged into one frame once. */
const SEGMENT_BYTES = 256 << 10;
/**
 * Past this many bytes of updates after the base (and more than the base itself), the document
 * is encoded again here. Compaction usually gives a new base long before (every 4 MiB of log).
 */
const REENCODE_AFTER_BYTES = 16 << 20;

/** Updates that follow the base, sent as one sync update frame (merged when first asked). */
class Segment {
  readonly updates: Uint8Array[] = [];
  bytes = 0;
  private frame: Buffer | null = null;

  add(update: Uint8Array): void {
    this.updates.push(update);
    this.bytes += update.byteLength;
    this.frame = null;
  }

  toFrame(): Buffer {
    const { updates } = this;
    this.frame ??= syncUpdateFrame(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    return this.frame;
  }
}

/**
 * What a client that has nothing of a document is sent: a base holding the whole document (a
 * sync step 2) shared by every such joiner, followed by the updates made since, in segments
 * each merged once (a joiner after an edit costs merging the last segment, at most 256 KiB).
 *
 * The base is bytes that already exist: the snapshot storage held when the room loaded (the log
 * after it follows), then the one each compaction builds in its worker (followed by what storage
 * lacked when it began and what the room applied since; copies of what the base holds are
 * harmless, Yjs skips them). Encoding a 40,000-card document here takes the event loop 150 ms,
 * so it happens only when far more than the base has changed and no compaction came. On a busy
 * board every edit used to make each joiner cost an encoding and hold its own copy while it read
 * (or did not read) it; now joiners share the same buffers.
 */
export class FullStateCache {
  private base: Buffer | null = null;
  private baseUpdateBytes = 0;
  private segments: Segment[] = [];
  private followingBytes = 0;
  /** Updates applied while a compaction builds a new base, to follow it. */
  private recording: Uint8Array[] | null = null;

  /**
   * `docNow` is the room's document (asked only when there is no base to send); `onEncoded`
   * learns the exact size of the document whenever it is encoded here.
   */
  constructor(
    private readonly docNow: () => Y.Doc,
    private readonly onEncoded: (updateBytes: number) => void,
  ) {}

  /**
   * A base of existing bytes: a snapshot (or, without one, the first update of the log: the
   * step 2 a client counts as synced on then carries content) and the updates after it.
   */
  seed(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): void {
    const [first, ...rest] = snapshot ? [snapshot, ...updates] : updates;
    this.setBase(first ?? Y.encodeStateAsUpdate(new Y.Doc()));
    for (const update of rest) this.follow(update);
    this.dropIfLong();
  }

  /** The frames that give a client the whole document, in order. */
  frames(): Buffer[] {
    if (!this.base) {
      const update = Y.encodeStateAsUpdate(this.docNow());
      this.setBase(update);
      this.onEncoded(update.byteLength);
    }
    return [this.base!, ...this.segments.map((s) => s.toFrame())];
  }

  /** The document changed by `update`. */
  noteUpdate(update: Uint8Array): void {
    this.recording?.push(update);
    if (!this.base) return;
    this.follow(update);
    this.dropIfLong();
  }

  /** A compaction starts reading storage: what the room applies from now on follows its snapshot. */
  beginRebase(): void {
    this.recording = [];
  }

  /**
   * The compaction's snapshot is the new base; `unwritten` are the updates that were not yet
   * in storage when it began reading, followed by what the room applied since.
   */
  rebase(snapshot: Uint8Array, unwritten: readonly Uint8Array[]): void {
    const recorded = this.recording ?? [];
    this.recording = null;
    this.seed(snapshot, [...unwritten, ...recorded]);
  }

  cancelRebase(): void {
    this.recording = null;
  }

  clear(): void {
    this.base = null;
    this.segments = [];
    this.followingBytes = 0;
  }

  /** Far more updates than document: the next joiner encodes the document instead. */
  private dropIfLong(): void {
    const { followingBytes, baseUpdateBytes } = this;
    if (followingBytes > REENCODE_AFTER_BYTES && followingBytes > baseUpdateBytes) this.clear();
  }

  private setBase(update: Uint8Array): void {
    this.base = syncStep2Frame(update);
    this.baseUpdateBytes = update.byteLength;
    this.segments = [];
    this.followingBytes = 0;
  }

  /** A large update stands alone (it is only wrapped); small ones share the last segment. */
  private follow(update: Uint8Array): void {
    let last = this.segments.at(-1);
    if (!last || last.bytes + update.byteLength > SEGMENT_BYTES) {
      last = new Segment();
      this.segments.push(last);
    }
    last.add(update);
    this.followingBytes += update.byteLength;
  }
}
