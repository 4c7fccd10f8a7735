/**
 * Following a board or a thread (W161, W186): the person's stands as `GET /api/inbox/follows`
 * lists them, changed in one click, optimistically: the button turns at once and turns back,
 * with a message, when the server refuses. One store per board, shared by its top bar and its
 * threads.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { call } from '../api.js';

/** A stand as the server keeps it (W161). */
export interface Follow {
  userId: string;
  boardId: string;
  /** Null: the board itself. */
  threadId: string | null;
  following: boolean;
  at: string;
}

/** Whether the person follows the board. */
export function followsBoard(follows: readonly Follow[]): boolean {
  return follows.some((f) => f.threadId === null && f.following);
}

/**
 * Whether a new reply in the thread reaches the person's inbox: their own stand on the thread
 * when they took one (unfollowing mutes it), else having written in it or following the board.
 */
export function followsThread(
  follows: readonly Follow[],
  threadId: string,
  wroteInThread: boolean,
): boolean {
  const own = follows.find((f) => f.threadId === threadId);
  if (own) return own.following;
  return wroteInThread || followsBoard(follows);
}

/**
 * The stands after following (or unfollowing) `threadId` (null: the board), as the server
 * will answer: a thread keeps a stand either way (unfollowing mutes it); unfollowing the board
 * forgets its stand.
 */
export function withFollow(
  follows: readonly Follow[],
  change: { userId: string; boardId: string; threadId: string | null; following: boolean },
  at: string,
): Follow[] {
  const others = follows.filter((f) => f.threadId !== change.threadId);
  if (change.threadId === null && !change.following) return others;
  return [...others, { ...change, at }];
}

const followPath = (boardId: string, threadId: string | null) =>
  `/api/inbox/follows/${encodeURIComponent(boardId)}${
    threadId ? `/${encodeURIComponent(threadId)}` : ''
  }`;

export type FollowsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; follows: Follow[]; pending: ReadonlySet<string> };

const pendingKey = (threadId: string | null) => threadId ?? '';

/** A board's stands for the signed-in person, with the changes under way. */
class FollowsStore {
  state: FollowsState = { status: 'loading' };
  private readonly listeners = new Set<() => void>();
  private users = 0;

  constructor(readonly boardId: string) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: FollowsState) {
    this.state = state;
    for (const l of this.listeners) l();
  }

  /** Loads the stands once while anyone uses them. */
  use(): () => void {
    if (this.users++ === 0) {
      stores.set(this.boardId, this);
      void this.load();
    }
    return () => {
      if (--this.users === 0) stores.delete(this.boardId);
    };
  }

  async load() {
    try {
      const { follows } = await call<{ follows: Follow[] }>(
        `/api/inbox/follows?board=${encodeURIComponent(this.boardId)}`,
      );
      this.set({ status: 'ready', follows, pending: new Set() });
    } catch (err) {
      this.set({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /**
   * Follows or unfollows at once on screen, then asks the server; on a refusal the stand goes
   * back to what it was and the promise rejects with the reason.
   */
  async change(userId: string, threadId: string | null, following: boolean): Promise<void> {
    const before = this.state;
    if (before.status !== 'ready' || before.pending.has(pendingKey(threadId))) return;
    const change = { userId, boardId: this.boardId, threadId, following };
    const pending = new Set(before.pending).add(pendingKey(threadId));
    const optimistic = withFollow(before.follows, change, new Date().toISOString());
    this.set({ status: 'ready', follows: optimistic, pending });
    const settle = (follows: (current: Follow[]) => Follow[]) => {
      if (this.state.status !== 'ready') return;
      const left = new Set(this.state.pending);
      left.delete(pendingKey(threadId));
      this.set({ status: 'ready', follows: follows(this.state.follows), pending: left });
    };
    const own = (f: Follow) => f.threadId === threadId;
    try {
      const record = await call<Follow>(followPath(this.boardId, threadId), {
        method: following ? 'PUT' : 'DELETE',
      });
      settle((current) => withFollow(current, record, record.at));
    } catch (err) {
      // Back to the stand before the click (other stands may have changed meanwhile).
      const previous = before.follows.find(own);
      settle((current) => [...current.filter((f) => !own(f)), ...(previous ? [previous] : [])]);
      throw err;
    }
  }
}

const stores = new Map<string, FollowsStore>();

function storeFor(boardId: string): FollowsStore {
  let store = stores.get(boardId);
  if (!store) stores.set(boardId, (store = new FollowsStore(boardId)));
  return store;
}

export interface FollowsApi {
  state: FollowsState;
  /** Rejects (after the rollback) when the server refused. */
  setFollowing(threadId: string | null, following: boolean): Promise<void>;
}

/** The signed-in person's stands on `boardId` (null: nobody signed in, nothing loaded). */
export function useFollows(boardId: string, userId: string | null): FollowsApi | null {
  const store = storeFor(boardId);
  useEffect(() => (userId ? store.use() : undefined), [store, userId]);
  const state = useSyncExternalStore(store.subscribe, () => store.state);
  if (!userId) return null;
  return {
    state,
    setFollowing: (threadId, following) => store.change(userId, threadId, following),
  };
}
