import * as Y from 'yjs';
import { DIGEST_VERSION, type BoardDigest } from '../../shared/model/portfolio.js';
import { roomName } from '../../shared/protocol/boardId.js';
import type { BoardState, Jobs } from '../imports/jobs.js';
import { runJob } from '../imports/jobs.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';

/** Changes within this long reach the digest as one recomputation. */
export const DIGEST_DELAY_MS = 5_000;
/** Below this many bytes of state a digest is computed here; above, in the worker. */
const HERE_BELOW_BYTES = 256 << 10;
/** Boards the start-up catch-up takes per storage query. */
const BACKFILL_BATCH = 20;

export interface DigestMirrorDeps {
  storage: Pick<Storage, 'digests' | 'loadDoc'>;
  registry: Pick<RoomRegistry, 'onRoomLoaded' | 'loaded'>;
  /** Runs the job off the event loop (the compaction worker). */
  runInWorker(input: Jobs['board-digest']['input']): Promise<Jobs['board-digest']['output']>;
  log: Logger;
  delayMs?: number;
  now?: () => Date;
}

const stateBytes = (s: BoardState) =>
  s.updates.reduce((n, u) => n + u.byteLength, s.snapshot?.byteLength ?? 0);

/**
 * Keeps each board's portfolio digest (`storage.digests`) in step with the board and its
 * comments, whoever changed them: recomputed a few seconds after a loaded board or comments
 * doc changes, and, at start, for every board whose digest is missing or older than its last
 * change. Derived data: a failed write is logged and redone at the next change or start.
 */
export class DigestMirror {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly deps: DigestMirrorDeps) {}

  start(): void {
    this.deps.registry.onRoomLoaded((room) => {
      if (room.name.kind === 'activity') return;
      const { boardId } = room.name;
      room.doc.on('update', () => this.changed(boardId));
    });
    this.sweep();
  }

  /** Recomputes every digest older than its board (one sweep at a time). */
  sweep(): void {
    if (this.catchingUp || this.stopped) return;
    this.catchingUp = this.catchUp()
      .catch((err: unknown) => this.deps.log.error({ err }, 'catching up on board digests failed'))
      .finally(() => {
        this.catchingUp = null;
      });
  }

  /** Resolves when the running sweep is done (tests). */
  caughtUp(): Promise<void> {
    return this.catchingUp ?? Promise.resolve();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Recomputes the board's digest soon (changes meanwhile join in). */
  changed(boardId: string): void {
    if (this.stopped || this.timers.has(boardId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(boardId);
      this.refresh(boardId).catch((err: unknown) =>
        this.deps.log.error({ err, boardId }, 'updating the board digest failed'),
      );
    }, this.deps.delayMs ?? DIGEST_DELAY_MS);
    timer.unref();
    this.timers.set(boardId, timer);
  }

  /** Recomputes and stores one board's digest from its newest state. */
  async refresh(boardId: string): Promise<BoardDigest> {
    const computedAt = (this.deps.now ?? (() => new Date()))().toISOString();
    const [board, comments] = await Promise.all([
      this.stateOf(boardId),
      this.stateOf(roomName(boardId, 'comments').docName),
    ]);
    const input = { board, comments };
    const small = stateBytes(board) + stateBytes(comments) < HERE_BELOW_BYTES;
    const { digest } = small ? runJob('board-digest', input) : await this.deps.runInWorker(input);
    await this.deps.storage.digests.putDigest({
      boardId,
      digest: JSON.stringify(digest),
      version: DIGEST_VERSION,
      computedAt,
    });
    return digest;
  }

  private async stateOf(docName: string): Promise<BoardState> {
    const live = this.deps.registry.loaded(docName);
    if (live) return { snapshot: Y.encodeStateAsUpdate(live.doc), updates: [] };
    const { snapshot, updates } = await this.deps.storage.loadDoc(docName);
    return { snapshot, updates };
  }

  private async catchUp(): Promise<void> {
    // Each board once: one edited meanwhile is stale again, and its room keeps it current.
    const seen = new Set<string>();
    while (!this.stopped) {
      const stale = (
        await this.deps.storage.digests.staleDigests(DIGEST_VERSION, BACKFILL_BATCH + seen.size)
      ).filter((id) => !seen.has(id));
      if (stale.length === 0) return;
      for (const boardId of stale) {
        if (this.stopped) return;
        seen.add(boardId);
        await this.refresh(boardId).catch((err: unknown) => {
          // One unreadable board must not stop the others: it is retried at the next start.
          this.deps.log.error({ err, boardId }, 'computing a board digest failed');
        });
      }
    }
  }
}
