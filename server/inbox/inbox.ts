import { nanoid } from 'nanoid';
import type { Logger } from '../logger.js';
import type { AccountStore } from '../storage/accounts.js';
import {
  EXCERPT_MAX,
  FOLD_AFTER_MS,
  type NewNotification,
  type NotificationActor,
  type NotificationKind,
  type NotificationStore,
} from '../storage/notifications.js';
import type { Storage } from '../storage/storage.js';
import type { CommentEvent } from './commentEvents.js';
import type { InboxSignals } from './inboxSignals.js';

/** A message tells at most this many mentioned people (a workspace's worth; a flood is cut). */
export const MAX_MENTIONS = 50;

/** The first words of a comment, on one line. */
export function excerptOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= EXCERPT_MAX ? line : `${line.slice(0, EXCERPT_MAX - 1).trimEnd()}…`;
}

/** Membership changes the REST routes report (added to a workspace, given a board role). */
export interface MembershipNotices {
  addedToWorkspace(input: {
    userId: string;
    workspaceId: string;
    role: string;
    actorId: string | null;
  }): void;
  addedToBoard(input: { userId: string; boardId: string; role: string; actorId: string }): void;
  /** The creator of a board follows it. */
  boardCreated(boardId: string, userId: string): void;
  /** Removed from a workspace: what their inbox held about it goes. */
  removedFromWorkspace(userId: string, workspaceId: string): void;
}

/**
 * Turns what the server saw (a comment accepted from a signed-in person's socket, a role given
 * over REST) into inbox items, each created once per person and event (the store's unique key),
 * and only for people who can open the board the item is about.
 */
export class Inbox implements MembershipNotices {
  private readonly store: NotificationStore;
  private readonly accounts: AccountStore;
  /** Events are handled one after another: follows written by one are read by the next. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Pick<Storage, 'notifications' | 'accounts' | 'getBoard'>,
    private readonly signals: InboxSignals,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.store = storage.notifications;
    this.accounts = storage.accounts;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** The instant before which items are folded away. */
  foldedBefore(): string {
    return new Date(this.now() - FOLD_AFTER_MS).toISOString();
  }

  /** Runs `work` after what is queued; a failure is logged, never thrown at the socket. */
  private enqueue(what: string, work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work).catch((err: unknown) => {
      this.log.warn({ err, what }, 'recording an inbox item failed');
    });
    this.queue = run;
    return run;
  }

  /** Resolves once everything queued so far is recorded (tests, shutdown). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Whether the person exists, is enabled and is a member of the board's workspace. */
  async canOpen(boardId: string, userId: string): Promise<boolean> {
    const [user, workspaceId] = await Promise.all([
      this.accounts.getUser(userId),
      this.accounts.boardWorkspace(boardId),
    ]);
    if (!user || user.disabled || !workspaceId) return false;
    return (await this.accounts.getMember(workspaceId, userId)) !== null;
  }

  private async deliver(
    recipients: Iterable<string>,
    item: Omit<NewNotification, 'id' | 'userId' | 'createdAt' | 'kind'>,
    kind: NotificationKind,
    boardId: string | null,
  ): Promise<void> {
    const createdAt = this.iso();
    for (const userId of new Set(recipients)) {
      if (boardId && !(await this.canOpen(boardId, userId))) continue;
      const created = await this.store.addNotification({
        ...item,
        id: nanoid(16),
        userId,
        kind,
        createdAt,
      });
      if (created) this.signals.changed(userId);
    }
  }

  /** A comments-doc event accepted from `person`'s socket on board `boardId`. */
  comment(
    boardId: string,
    person: { id: string; name: string },
    event: CommentEvent,
  ): Promise<void> {
    return this.enqueue('comment', async () => {
      const { threadId } = event;
      const actor = { id: person.id, name: person.name };
      const follows = await this.store.followsOf(boardId, threadId);
      const muted = new Set(
        follows.filter((f) => f.threadId !== null && !f.following).map((f) => f.userId),
      );
      const followers = follows.filter((f) => f.following).map((f) => f.userId);
      const audience = (writers: string[]) =>
        [...writers, ...followers].filter((id) => id !== person.id && !muted.has(id));
      if (event.kind === 'message') {
        if (event.author.id !== person.id) return;
        const base = {
          boardId,
          threadId,
          messageId: event.messageId,
          workspaceId: null,
          actor,
          excerpt: excerptOf(event.body),
          // The message, whatever the kind: a mention and a reply of it are one item.
          eventKey: `message:${boardId}:${threadId}:${event.messageId}`,
        };
        const mentioned = [...new Set(event.mentions)]
          .filter((id) => id !== person.id)
          .slice(0, MAX_MENTIONS);
        await this.deliver(mentioned, base, 'mention', boardId);
        if (event.edited) return;
        await this.store.followUnlessDecided({
          userId: person.id,
          boardId,
          threadId,
          at: this.iso(),
        });
        const told = new Set(mentioned);
        await this.deliver(
          audience(event.writers).filter((id) => !told.has(id)),
          base,
          'reply',
          boardId,
        );
        return;
      }
      await this.deliver(
        audience(event.writers),
        {
          boardId,
          threadId,
          messageId: null,
          workspaceId: null,
          actor,
          excerpt: excerptOf(event.body),
          eventKey: `${event.kind}:${boardId}:${threadId}:${event.change}`,
        },
        event.kind,
        boardId,
      );
    });
  }

  /** Who acted, by name as the inbox shows it. */
  private async actorOf(actorId: string | null): Promise<NotificationActor> {
    const user = actorId ? await this.accounts.getUser(actorId) : null;
    return { id: user?.id ?? null, name: user?.name ?? 'Someone' };
  }

  addedToWorkspace(input: {
    userId: string;
    workspaceId: string;
    role: string;
    actorId: string | null;
  }): void {
    if (input.actorId === input.userId) return;
    void this.enqueue('added-to-workspace', async () => {
      const workspace = await this.accounts.getWorkspace(input.workspaceId);
      if (!workspace) return;
      const actor = await this.actorOf(input.actorId);
      await this.deliver(
        [input.userId],
        {
          boardId: null,
          threadId: null,
          messageId: null,
          workspaceId: input.workspaceId,
          actor,
          excerpt: excerptOf(`${workspace.name} (${input.role})`),
          eventKey: `added-to-workspace:${input.workspaceId}:${nanoid(12)}`,
        },
        'added-to-workspace',
        null,
      );
    });
  }

  addedToBoard(input: { userId: string; boardId: string; role: string; actorId: string }): void {
    if (input.actorId === input.userId) return;
    void this.enqueue('added-to-board', async () => {
      const board = await this.storage.getBoard(input.boardId);
      if (!board) return;
      const actor = await this.actorOf(input.actorId);
      await this.deliver(
        [input.userId],
        {
          boardId: input.boardId,
          threadId: null,
          messageId: null,
          workspaceId: null,
          actor,
          excerpt: excerptOf(`${board.title} (${input.role})`),
          eventKey: `added-to-board:${input.boardId}:${nanoid(12)}`,
        },
        'added-to-board',
        input.boardId,
      );
    });
  }

  /** An item about a board for each of `recipients` who can open it (review requests). */
  aboutBoard(input: {
    kind: NotificationKind;
    recipients: readonly string[];
    boardId: string;
    actorId: string | null;
    /** Shown instead of the actor's name when no person acted ("Everyone"). */
    actorName?: string;
    excerpt: string;
    eventKey: string;
    /** What on the board the item is about: a metric alert's card (W300), kept in messageId. */
    subjectId?: string;
  }): Promise<void> {
    return this.enqueue(input.kind, async () => {
      const actor = input.actorName
        ? { id: null, name: input.actorName }
        : await this.actorOf(input.actorId);
      const recipients = input.recipients.filter((id) => id !== input.actorId);
      await this.deliver(
        recipients,
        {
          boardId: input.boardId,
          threadId: null,
          messageId: input.subjectId ?? null,
          workspaceId: null,
          actor,
          excerpt: excerptOf(input.excerpt),
          eventKey: input.eventKey,
        },
        input.kind,
        input.boardId,
      );
    });
  }

  boardCreated(boardId: string, userId: string): void {
    void this.enqueue('board-created', async () => {
      await this.store.followUnlessDecided({ userId, boardId, threadId: null, at: this.iso() });
    });
  }

  removedFromWorkspace(userId: string, workspaceId: string): void {
    void this.enqueue('removed-from-workspace', async () => {
      if ((await this.store.forgetWorkspace(userId, workspaceId)) > 0) this.signals.changed(userId);
    });
  }
}
