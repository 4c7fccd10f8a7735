/**
 * Board digests (issue 18's portfolio): a small JSON summary of each board (its touchpoints'
 * metrics, hot stages, open threads; `shared/model/portfolio.ts`) kept beside the board so a
 * workspace's portfolio reads one row per map instead of opening every document. Both SQL
 * adapters share sqlDigests.ts; test/contract/digests.contract.ts is its contract. A digest is
 * derived data: losing it costs a recomputation, never an edit.
 */
export interface StoredDigest {
  boardId: string;
  /** The digest as JSON text (this layer never reads inside it). */
  digest: string;
  /** The digest format it was written in (`DIGEST_VERSION`). */
  version: number;
  /** ISO 8601 */
  computedAt: string;
}

export interface DigestStore {
  /** Stores (replaces) a board's digest; false when the board does not exist. */
  putDigest(digest: StoredDigest): Promise<boolean>;
  /**
   * Records that the board's digest of `version`, unchanged, is current at `computedAt`; false
   * when it has none of that version (nothing is written then).
   */
  markComputed(boardId: string, version: number, computedAt: string): Promise<boolean>;
  /** The digests of these boards that exist, in no particular order. */
  getDigests(boardIds: readonly string[]): Promise<StoredDigest[]>;
  /**
   * Boards whose digest is missing, of another `version`, or computed before the board's last
   * change (`updatedAt`); the longest-changed first, at most `limit`.
   */
  staleDigests(version: number, limit: number): Promise<string[]>;
}
