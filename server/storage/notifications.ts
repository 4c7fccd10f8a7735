import type { MailModes, NotificationKind } from '../../shared/protocol/inbox.js';

/**
 * The inbox half of the storage port: what each person was told (mentions, replies, resolved
 * threads, being added somewhere) and what they follow. Every adapter (SQLite through its
 * worker, PostgreSQL) implements it over the same database as the boards, so any instance of a
 * cluster reads any person's inbox. test/contract/notifications.contract.ts is its contract.
 *
 * Timestamps are `Date#toISOString()` strings (UTC, milliseconds), stored as text in both
 * databases: they compare as text.
 */

export { NOTIFICATION_KINDS, type NotificationKind } from '../../shared/protocol/inbox.js';

/** Items older than this leave the default list ("fold away"); they are still listed on request. */
export const FOLD_AFTER_MS = 90 * 86_400_000;

/** An excerpt is at most this long (the start of a comment, a workspace's name). */
export const EXCERPT_MAX = 200;

export interface NotificationActor {
  /** Null when no person acted (single sign-on adding someone, say). */
  id: string | null;
  name: string;
}

export interface NotificationRecord {
  id: string;
  userId: string;
  kind: NotificationKind;
  boardId: string | null;
  threadId: string | null;
  messageId: string | null;
  /** The workspace of an `added-to-workspace` item. */
  workspaceId: string | null;
  actor: NotificationActor;
  excerpt: string;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601, null while unread. */
  readAt: string | null;
  /** ISO 8601, null until a notification e-mail took it (W176). */
  emailedAt: string | null;
  /**
   * The e-mail that carries it: `queued` until sent, `sent`, or `failed` (given up after a
   * day); null when none will (not yet due, read first, or the person's mode is `never`).
   */
  emailState: EmailState | null;
}

export type EmailState = 'queued' | 'sent' | 'failed';

/**
 * A new item and the event it is about. `eventKey` is unique per person: a second attempt to
 * record the same event for the same person (another instance, a resent update) creates
 * nothing. For a comment message it names the message, whatever the kind, so a mention and a
 * reply of the same message are one item.
 */
export interface NewNotification extends Omit<
  NotificationRecord,
  'readAt' | 'emailedAt' | 'emailState'
> {
  eventKey: string;
}

export interface NotificationQuery {
  boardId?: string;
  /** Only items strictly older than this position (the `next` of the previous page). */
  before?: { createdAt: string; id: string };
  /** Only items created at or after this instant (the default list: the last 90 days). */
  since?: string;
  /** Only items created before this instant (the folded items). */
  until?: string;
  limit: number;
}

/** Which of a person's items to mark read. */
export type ReadSelection =
  | { ids: readonly string[] }
  | { all: true }
  | { boardId: string }
  | { threadId: string; boardId?: string };

/**
 * A person's stand on a board or one of its threads: following, or muted (an explicit
 * unfollow, which outlasts the automatic follow of writing in the thread again).
 */
export interface FollowRecord {
  userId: string;
  boardId: string;
  /** Null: the whole board. */
  threadId: string | null;
  following: boolean;
  /** ISO 8601 */
  at: string;
}

/** A person's e-mail preferences (W174); null modes are the defaults. */
export interface MailPreferencesRecord {
  userId: string;
  modes: MailModes;
  /** ISO 8601 */
  updatedAt: string;
}

/**
 * What the notification e-mail (server/inbox/mailDigests.ts) needs of the store. An item is
 * undecided until a digest round either takes it into an e-mail (`claimForMail`, atomic per
 * item: two rounds never take the same one) or withholds it (`withholdMail`).
 */
export interface NotificationMailStore {
  /**
   * Undecided, unread items created at or after `since`, across people, by person then age
   * (the oldest `limit`).
   */
  listUnmailed(since: string, limit: number): Promise<NotificationRecord[]>;
  /**
   * Takes those of `ids` (items of `userId`) that are still undecided and unread for the e-mail
   * `mailKey` (the outbox's dedupe key), at `at`; the items taken.
   */
  claimForMail(
    userId: string,
    ids: readonly string[],
    mailKey: string,
    at: string,
  ): Promise<NotificationRecord[]>;
  /** Decides against mailing those of `ids` still undecided (mode `never`, no access); how many. */
  withholdMail(userId: string, ids: readonly string[]): Promise<number>;
  /**
   * E-mails claimed at or after `since` and before `before` that the outbox does not hold (an
   * instance stopped between the claim and the enqueue): the keys and their people.
   */
  claimedWithoutMail(since: string, before: string): Promise<{ userId: string; mailKey: string }[]>;
  /** The items an e-mail carries. */
  itemsOfMail(mailKey: string): Promise<NotificationRecord[]>;
  getMailPreferences(userId: string): Promise<MailPreferencesRecord | null>;
  setMailPreferences(record: MailPreferencesRecord): Promise<void>;
  /**
   * Takes or renews the named lease for `holder` until `until` when it is free (never taken,
   * ended at or before `now`, or already `holder`'s); whether `holder` holds it now. One digest
   * round runs at a time across a cluster.
   */
  takeLease(name: string, holder: string, now: string, until: string): Promise<boolean>;
  /** Ends `holder`'s lease (a stopping instance), so another takes over at once. */
  releaseLease(name: string, holder: string): Promise<void>;
}

export interface NotificationStore extends NotificationMailStore {
  /** True when created; false when the person already has an item for `eventKey`. */
  addNotification(item: NewNotification): Promise<boolean>;
  /** Newest first (ties: larger id first), at most `limit`. */
  listNotifications(userId: string, query: NotificationQuery): Promise<NotificationRecord[]>;
  /** Unread items created at or after `since`. */
  countUnread(userId: string, since: string): Promise<number>;
  /** Marks the selected unread items of `userId` read at `at`; how many changed. */
  markRead(userId: string, which: ReadSelection, at: string): Promise<number>;
  /** Sets a person's stand (follow or mute), replacing the one before. */
  setFollow(record: FollowRecord): Promise<void>;
  /** Follows unless the person already took a stand (an explicit unfollow stays); true if new. */
  followUnlessDecided(record: Omit<FollowRecord, 'following'>): Promise<boolean>;
  /** Forgets a stand (back to what writing in a thread implies). */
  clearFollow(userId: string, boardId: string, threadId: string | null): Promise<void>;
  /** Every stand taken on the board itself and on `threadId`. */
  followsOf(boardId: string, threadId: string | null): Promise<FollowRecord[]>;
  /** A person's stands, optionally on one board. */
  listFollows(userId: string, boardId?: string): Promise<FollowRecord[]>;
  /**
   * Someone left a workspace: their items about it and its boards, and their stands on its
   * boards, are deleted (an inbox never shows a board its owner cannot open). How many items.
   */
  forgetWorkspace(userId: string, workspaceId: string): Promise<number>;
}
