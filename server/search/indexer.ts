import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { roomName } from '../../shared/protocol/boardId.js';
import type { Logger } from '../logger.js';
import type { SearchStore } from '../storage/search.js';
import type { Storage } from '../storage/storage.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';
import { DIGEST_VERSION } from '../../shared/model/portfolio.js';
import { storedBytes, type StoredState } from '../storage/compaction.js';
import type { DigestStore } from '../storage/digests.js';
import type { LinkStore } from '../storage/links.js';
import { indexOfStored, type BoardIndex, type IndexedDoc } from './entries.js';

/** Edits within this long after the first re-index the board once (W270). */
export const SEARCH_INDEX_DELAY_MS = 1_000;
/** How often stale boards are looked for after the start (W270). */
const BACKFILL_EVERY_MS = 5 * 60_000;
/** Stale boards asked for per round of the backfill. */
const BACKFILL_BATCH = 20;
/** Boards stored in fewer bytes are read here; larger ones in a worker thread (`offThread`). */
export const READ_HERE_BELOW_BYTES = 64 << 10;
/** Boards whose last written index is remembered (its hash), to skip rewriting it unchanged. */
const REMEMBERED_BOARDS = 10_000;
/**
 * An unchanged index is marked current at most this often: until then it only looks stale to
 * the backfill, which reads it again (W270). A board edited all day costs one small write a
 * minute instead of two a second.
 */
const MARK_CURRENT_EVERY_MS = 60_000;

/** A short hash of everything an index writes, to tell an unchanged index (W270). */
const fingerprintOf = (index: BoardIndex): string =>
  createHash('sha1').update(JSON.stringify(index)).digest('base64');

export interface BoardIndexerDeps {
  store: SearchStore;
  /** Where each board's portfolio digest goes (W291). */
  digests: Pick<DigestStore, 'putDigest' | 'markComputed' | 'staleDigests'>;
  /** Where each board's links go (W243); boards never read there are backfilled (W279). */
  links: Pick<LinkStore, 'setLinks' | 'setSharedCopies' | 'unreadBoards'>;
  storage: Pick<Storage, 'loadDoc' | 'getBoard'>;
  registry: Pick<RoomRegistry, 'onRoomLoaded' | 'loaded'>;
  log: Logger;
  /** Builds the index of a large board off the event loop; in line when absent. */
  offThread?: (board: StoredState, comments: StoredState) => Promise<BoardIndex>;
  delayMs?: number;
}

/** Lets other callbacks run between two boards: a backfill never holds the event loop long. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps what the server derives from each board in step with it: its search entries (W270),
 * its portfolio digest (W291) and its rows in the link index (W280), all from one read. Re-indexes a board shortly after its
 * loaded board or comments room accepts an update (whoever sent it: a socket, the server, another
 * instance), when one is created, and in a background backfill of boards whose index is missing
 * or older than their last update. Boards are indexed one at a time, from what storage holds:
 * a live room's doc is never encoded here, and a large board is read in a worker thread.
 */
export class BoardIndexer {
  private readonly delayMs: number;
  private readonly due = new Map<string, NodeJS.Timeout>();
  private readonly queue = new Set<string>();
  private pumping: Promise<void> | null = null;
  private backfillTimer: NodeJS.Timeout | null = null;
  private backfilling: Promise<void> | null = null;
  private closed = false;
  /** What was last written for each board (`fingerprintOf`) by this process, and when. */
  private readonly written = new Map<string, { fingerprint: string; at: number }>();

  constructor(private readonly deps: BoardIndexerDeps) {
    this.delayMs = deps.delayMs ?? SEARCH_INDEX_DELAY_MS;
  }

  /** Watches every room the registry loads from now on. */
  observe(): void {
    this.deps.registry.onRoomLoaded((room) => {
      const { kind, boardId } = room.name;
      if (kind !== 'board' && kind !== 'comments') return;
      room.doc.on('update', () => this.schedule(boardId));
    });
  }

  /** Re-indexes the board about `delayMs` from the first call; later calls meanwhile join it. */
  schedule(boardId: string): void {
    if (this.closed || this.due.has(boardId)) return;
    const timer = setTimeout(() => {
      this.due.delete(boardId);
      void this.enqueue(boardId);
    }, this.delayMs);
    this.due.set(boardId, timer);
  }

  /**
   * Something other than this indexer wrote the board's index rows (a share writes
   * `shared_copies` at once): its next pass writes everything, even if what it reads matches
   * what it last wrote (else rows written in between, e.g. a copy deleted within the delay,
   * would stay).
   */
  forget(boardId: string): void {
    this.written.delete(boardId);
  }

  /** Re-indexes the board as soon as the boards before it are done. */
  enqueue(boardId: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.queue.add(boardId);
    this.pumping ??= this.pump().finally(() => {
      this.pumping = null;
    });
    return this.pumping;
  }

  private async pump(): Promise<void> {
    for (let next = this.first(); next !== undefined && !this.closed; next = this.first()) {
      this.queue.delete(next);
      try {
        await this.indexNow(next);
      } catch (err) {
        this.deps.log.warn({ err, boardId: next }, 'indexing a board for search failed');
      }
      await yieldToLoop();
    }
  }

  private first(): string | undefined {
    return this.queue.values().next().value;
  }

  /**
   * Indexes the board: from its loaded rooms when both are here and small, else as storage
   * holds it. An edit accepted but not yet written when storage was read moves the board's
   * `updatedAt` past this index (an edit not yet in a loaded room reaches it later): the board
   * is then indexed again. An index equal to the one this process last wrote is not written
   * again, only marked current now and then (a card moved: nothing indexed changed).
   */
  async indexNow(boardId: string): Promise<void> {
    const indexedAt = new Date().toISOString();
    const index = await this.readIndex(boardId);
    const fingerprint = fingerprintOf(index);
    const last = this.written.get(boardId);
    if (last?.fingerprint === fingerprint) {
      const now = Date.now();
      if (now - last.at < MARK_CURRENT_EVERY_MS) return this.rescheduleIfStale(boardId, indexedAt);
      if (await this.markCurrent(boardId, indexedAt)) {
        last.at = now;
        return this.rescheduleIfStale(boardId, indexedAt);
      }
    }
    this.written.delete(boardId);
    const { entries, digest, links, copies } = index;
    // Links first: if their write fails, the search entries stay stale and the board is retried.
    await this.deps.links.setLinks(boardId, links);
    await this.deps.links.setSharedCopies(boardId, copies);
    await this.deps.store.indexBoard(boardId, entries, indexedAt);
    const stored = { digest: JSON.stringify(digest), version: DIGEST_VERSION };
    await this.deps.digests.putDigest({ boardId, ...stored, computedAt: indexedAt });
    if (this.written.size >= REMEMBERED_BOARDS) this.written.clear();
    this.written.set(boardId, { fingerprint, at: Date.now() });
    return this.rescheduleIfStale(boardId, indexedAt);
  }

  /**
   * Reads the board and its comments: each from its room when loaded here and small (no
   * storage read, no decoding), else from storage; a large board in a worker thread.
   */
  private async readIndex(boardId: string): Promise<BoardIndex> {
    const [liveBoard, liveComments] = await Promise.all([
      this.docOf(boardId, 'board', true),
      this.docOf(boardId, 'comments', true),
    ]);
    // A room unloaded while the other document was read: its doc is read from storage instead.
    const gone = (doc: IndexedDoc) => doc instanceof Y.Doc && doc.isDestroyed;
    const [board, comments] = await Promise.all([
      gone(liveBoard) ? this.docOf(boardId, 'board', false) : liveBoard,
      gone(liveComments) ? this.docOf(boardId, 'comments', false) : liveComments,
    ]);
    const storedSize = (doc: IndexedDoc) => (doc instanceof Y.Doc ? 0 : storedBytes(doc));
    if (storedSize(board) + storedSize(comments) < READ_HERE_BELOW_BYTES || !this.deps.offThread)
      return indexOfStored(board, comments);
    const [storedBoard, storedComments] = await Promise.all([
      board instanceof Y.Doc ? this.docOf(boardId, 'board', false) : board,
      comments instanceof Y.Doc ? this.docOf(boardId, 'comments', false) : comments,
    ]);
    return this.deps.offThread(storedBoard as StoredState, storedComments as StoredState);
  }

  private async docOf(
    boardId: string,
    kind: 'board' | 'comments',
    live: boolean,
  ): Promise<IndexedDoc> {
    const { docName } = roomName(boardId, kind);
    const room = live ? this.deps.registry.loaded(docName) : undefined;
    if (room && room.sizeBytes < READ_HERE_BELOW_BYTES) return room.doc;
    return this.deps.storage.loadDoc(docName);
  }

  /** Marks the board's unchanged index current; false when its rows are gone (rewrite them). */
  private async markCurrent(boardId: string, indexedAt: string): Promise<boolean> {
    const search = await this.deps.store.markIndexed(boardId, indexedAt);
    const digest = await this.deps.digests.markComputed(boardId, DIGEST_VERSION, indexedAt);
    return search && digest;
  }

  private async rescheduleIfStale(boardId: string, indexedAt: string): Promise<void> {
    const record = await this.deps.storage.getBoard(boardId);
    if (record && record.updatedAt > indexedAt) this.schedule(boardId);
  }

  /**
   * Indexes every board whose index is missing or stale, one at a time, now and every few
   * minutes. Resolves when this first round is done.
   */
  startBackfill(): Promise<void> {
    this.backfillTimer ??= setInterval(() => void this.backfill(), BACKFILL_EVERY_MS).unref();
    return this.backfill();
  }

  /** One round: stale boards until none is left (a board tried once is left for the next). */
  backfill(): Promise<void> {
    this.backfilling ??= (async () => {
      const tried = new Set<string>();
      try {
        while (!this.closed) {
          const stale = (await this.staleBoards(BACKFILL_BATCH + tried.size)).filter(
            (id) => !tried.has(id),
          );
          if (stale.length === 0) break;
          for (const id of stale.slice(0, BACKFILL_BATCH)) {
            tried.add(id);
            await this.enqueue(id);
          }
        }
      } catch (err) {
        this.deps.log.warn({ err }, 'the search backfill stopped');
      }
    })().finally(() => {
      this.backfilling = null;
    });
    return this.backfilling;
  }

  /**
   * Boards whose search entries or digest are missing or older than the board, and boards whose
   * links were never read (W279: boards made before the link index, never opened since).
   */
  private async staleBoards(limit: number): Promise<string[]> {
    const [search, digests, links] = await Promise.all([
      this.deps.store.staleBoards(limit),
      this.deps.digests.staleDigests(DIGEST_VERSION, limit),
      this.deps.links.unreadBoards(limit),
    ]);
    return [...new Set([...search, ...digests, ...links])];
  }

  /** Stops indexing: pending timers are dropped (the next start's backfill catches up). */
  close(): void {
    this.closed = true;
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
    this.queue.clear();
    if (this.backfillTimer) clearInterval(this.backfillTimer);
  }
}
