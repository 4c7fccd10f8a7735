import type { MapType } from '../../shared/model/schema.js';
import type { AccountStore } from './accounts.js';
import type { DigestStore } from './digests.js';
import type { ImageStore } from './images.js';
import type { LinkStore } from './links.js';
import type { MailStore } from './mail.js';
import type { NotificationStore } from './notifications.js';
import type { ReviewStore } from './reviews.js';
import type { SearchStore } from './search.js';
import type { VoteStore } from './votes.js';

/** The listing row of a board; the document itself lives in the update log. */
export interface BoardRecord {
  id: string;
  title: string;
  mapType: MapType;
  /** The persona's name, mirrored from the board's meta for the boards page ('' when none). */
  persona: string;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601; moved forward whenever updates of the board are appended. */
  updatedAt: string;
  /** Version of the board's share-link key; tokens of an older version are refused. */
  keyVersion: number;
}

/** One Yjs update for one document (`<boardId>` or `<boardId>/comments`). */
export interface PendingUpdate {
  boardId: string;
  docName: string;
  update: Uint8Array;
  /** `performance.now()` when the room accepted it (W317's commit latency); storage ignores it. */
  acceptedAt?: number;
  /** Its place in the writer's queue (1, 2, …), set by the writer; storage ignores it. */
  order?: number;
}

/** What a document is made of in storage: an optional snapshot plus the log after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Highest log sequence number included in `updates` (or the snapshot), 0 when empty. */
  lastSeq: number;
}

/** Why a version was saved: by hand, when a presenter ended a session, or before a restore. */
export const VERSION_TRIGGERS = [
  'manual',
  'presenter-ended',
  'restore',
  'review-approved',
] as const;
export type VersionTrigger = (typeof VERSION_TRIGGERS)[number];

/** A named version of a board document (a review cycle), as listed. */
export interface VersionMeta {
  id: string;
  boardId: string;
  label: string;
  note: string;
  /** Self-declared name or the role of the token that saved it (there are no user accounts). */
  author: string;
  /** ISO 8601 */
  createdAt: string;
  trigger: VersionTrigger;
}

/** A version with its content: `Y.encodeStateAsUpdate` of the board doc when it was saved. */
export interface VersionRecord extends VersionMeta {
  state: Uint8Array;
}

export interface LogStats {
  count: number;
  bytes: number;
}

/**
 * The port every storage adapter implements (SQLite by default, PostgreSQL for scale-out).
 * All adapters run the same contract suite in test/contract/storage.contract.ts.
 */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** People, workspaces, sessions: over the same database (and connection) as the boards. */
  readonly accounts: AccountStore;
  /** The mail outbox: pending e-mail survives restarts and is sent once by one instance. */
  readonly mail: MailStore;
  /** The inbox: notifications and follows, over the same database. */
  readonly notifications: NotificationStore;
  /** Review requests (server/reviews/), over the same database. */
  readonly reviews: ReviewStore;
  /** Dot voting (server/votes/): votes and ballots, over the same database. */
  readonly votes: VoteStore;
  /**
   * Pictures on the map (server/images/): re-encoded bytes per board, content-addressed. Over
   * the same database today; the seam for an object store.
   */
  readonly images: ImageStore;
  /** Linked maps (server/links/): the reverse index of board links (W243), same database. */
  readonly links: LinkStore;
  /** Full-text search across boards (server/search/): FTS5 or tsvector, over the same database. */
  readonly search: SearchStore;
  /** Board digests (the portfolio's summary of each map), over the same database. */
  readonly digests: DigestStore;
  /** Creates or migrates the tables: idempotent, and safe from several processes at once. */
  init(): Promise<void>;
  /** Resolves when the backing store answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Creates the board row and its first update in one transaction. */
  createBoard(board: BoardRecord, initialUpdate: Uint8Array): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  /** Newest `updatedAt` first. */
  listBoards(): Promise<BoardRecord[]>;
  updateBoardMeta(
    id: string,
    patch: Partial<Pick<BoardRecord, 'title' | 'mapType' | 'persona'>>,
  ): Promise<void>;
  /** Moves the board to a new key version (old share links stop working); null if unknown. */
  rotateKey(id: string): Promise<number | null>;
  /**
   * Deletes the row, the documents, the versions, the board's account rows (its board roles,
   * who saw it when), its reviews, votes, images and search entries; false when it did not exist.
   * who saw it when), its reviews, votes, images and digest; false when it did not exist.
   */
  deleteBoard(id: string): Promise<boolean>;
  /**
   * Appends a batch in one transaction (group commit) and moves the boards' `updatedAt`. A
   * rejected call may still have committed (a connection lost during COMMIT); retrying is safe
   * because a Yjs update applied twice changes nothing.
   */
  appendUpdates(batch: readonly PendingUpdate[]): Promise<void>;
  loadDoc(docName: string): Promise<StoredDoc>;
  /**
   * Replaces log entries with seq <= upToSeq by `snapshot`, atomically. A no-op when the stored
   * snapshot already covers a higher seq (a stale compaction never moves backwards) or when
   * nothing of the document is stored any more (no resurrection after a delete); a RangeError
   * for an `upToSeq` never issued (later appends would hide behind it).
   */
  compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  logStats(docName: string): Promise<LogStats>;
  /** Stores a version; false (nothing stored) when the board does not exist. Ids are unique. */
  saveVersion(version: VersionRecord): Promise<boolean>;
  /** The board's versions without their state, newest `createdAt` first (ties: newest saved). */
  listVersions(boardId: string): Promise<VersionMeta[]>;
  /** One version with its state; null when unknown or of another board. */
  getVersion(boardId: string, versionId: string): Promise<VersionRecord | null>;
  close(): Promise<void>;
}
