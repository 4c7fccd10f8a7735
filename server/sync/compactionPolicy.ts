import type { Bus } from '../bus/bus.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { compactDoc, type FoldDoc } from '../storage/compaction.js';
import type { PendingUpdate, Storage } from '../storage/storage.js';
import type { UpdateWriter } from '../storage/updateWriter.js';
import type { Room } from './room.js';

export interface CompactionOptions {
  compactAfterUpdates: number;
  compactAfterBytes: number;
  /** How a log is folded into a snapshot (the server does it in a worker thread). */
  foldDoc?: FoldDoc;
}

/** What compaction needs of a room: its log's counts, and to hear of a new base. */
export type CompactedRoom = Pick<
  Room,
  'logEntries' | 'logBytes' | 'compacting' | 'compacted' | 'measured'
>;

export interface CompactionDeps {
  storage: Pick<Storage, 'loadDoc' | 'compact' | 'logStats'>;
  writer: Pick<UpdateWriter, 'pendingUpdatesFor'>;
  /** Scale-out: compactions of one document take turns across instances. */
  bus: Pick<Bus, 'tryLock'> | null;
  metrics: Pick<Metrics, 'logEntries' | 'compactions'>;
  log: Logger;
  /** The room loaded for a document now, if any. */
  loaded(docName: string): CompactedRoom | undefined;
}

/** A compaction lock outlives any honest compaction; it expires if its holder dies. */
const COMPACTION_LOCK_MS = 60_000;

/**
 * When the log of a loaded document is folded into a snapshot: each room counts the entries
 * and bytes of its log as batches become durable, and past `compactAfterUpdates` or
 * `compactAfterBytes` the log is compacted (by one instance at a time), after which the room
 * learns its new base and its size.
 */
export class CompactionPolicy {
  private readonly running = new Set<string>();

  constructor(
    private readonly deps: CompactionDeps,
    private readonly options: CompactionOptions,
  ) {}

  /** A batch is durable: it is counted in the logs of its rooms, which may now compact. */
  readonly written = (batch: readonly PendingUpdate[]): void => {
    for (const { docName, update } of batch) {
      const room = this.deps.loaded(docName);
      if (!room) continue;
      room.logEntries++;
      room.logBytes += update.byteLength;
      this.deps.metrics.logEntries.inc();
    }
    for (const docName of new Set(batch.map((u) => u.docName))) this.maybeCompact(docName);
  };

  /** Whether a compaction of this document is under way (its room must stay loaded). */
  isCompacting(docName: string): boolean {
    return this.running.has(docName);
  }

  /** Waits for running compactions (shutdown). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private due(entries: number, bytes: number): boolean {
    const { compactAfterUpdates, compactAfterBytes } = this.options;
    return entries >= compactAfterUpdates || bytes >= compactAfterBytes;
  }

  private maybeCompact(docName: string): void {
    const room = this.deps.loaded(docName);
    if (!room || this.running.has(docName) || !this.due(room.logEntries, room.logBytes)) return;
    this.running.add(docName);
    void this.compact(docName, room)
      .then((compacted) => {
        this.running.delete(docName);
        // What was written while it ran may be due already; a burst that ends there would
        // otherwise leave that log (and the room's copy of it, fullState.ts) until the next edit.
        if (compacted) this.maybeCompact(docName);
      })
      .catch((err: unknown) => {
        this.running.delete(docName);
        this.deps.log.error({ err, docName }, 'compaction failed; the log stays as it was');
      });
  }

  /** Counts the log as storage holds it; false when the room is gone meanwhile. */
  private async recount(docName: string, room: CompactedRoom): Promise<boolean> {
    const stats = await this.deps.storage.logStats(docName);
    if (this.deps.loaded(docName) !== room) return false;
    this.deps.metrics.logEntries.inc(stats.count - room.logEntries);
    room.logEntries = stats.count;
    room.logBytes = stats.bytes;
    return true;
  }

  /** Whether it built a new snapshot. */
  private async compact(docName: string, room: CompactedRoom): Promise<boolean> {
    const { storage, writer, bus, metrics } = this.deps;
    // Another instance may have compacted (and every instance counts only its own writes).
    if (!(await this.recount(docName, room)) || !this.due(room.logEntries, room.logBytes)) {
      return false;
    }
    const release = bus ? await bus.tryLock(`compact:${docName}`, COMPACTION_LOCK_MS) : null;
    if (bus && !release) return false;
    // What storage lacks as the compaction begins, for the room's new base (fullState.ts).
    const unwritten = writer.pendingUpdatesFor(docName);
    room.compacting();
    let snapshot: Uint8Array | null = null;
    try {
      snapshot = await compactDoc(storage, docName, this.options.foldDoc);
    } finally {
      await release?.();
      room.compacted(snapshot, unwritten);
    }
    metrics.compactions.inc();
    if (!snapshot || !(await this.recount(docName, room))) return false;
    // Deleted content is gone from the snapshot: the board may take new content again.
    room.measured(snapshot.byteLength + room.logBytes);
    return true;
  }
}
