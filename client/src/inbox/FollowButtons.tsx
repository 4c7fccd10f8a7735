/**
 * One-click follow and unfollow (W186): "Follow board" / "Following" in the board's top bar
 * (or its "More" menu), "Follow thread" / "Unfollow" in a thread's header. Signed-in people
 * only; the state is the server's (`GET /api/inbox/follows`), changed optimistically.
 */
import { useAuth } from '../auth/AuthProvider.js';
import { errorMessage } from '../ui/errors.js';
import { BellIcon } from '../ui/icons.js';
import { useToasts } from '../ui/toasts.js';
import { followsBoard, followsThread, useFollows } from './follows.js';
import './inbox.css';

export interface BoardFollow {
  following: boolean;
  /** A change is on its way to the server. */
  busy: boolean;
  toggle(): void;
}

/** Whether the signed-in person follows the board, and the way to change it (null: no one). */
export function useBoardFollow(boardId: string): BoardFollow | null {
  const { me } = useAuth();
  const follows = useFollows(boardId, me?.id ?? null);
  const toasts = useToasts();
  if (!follows || follows.state.status !== 'ready') return null;
  const following = followsBoard(follows.state.follows);
  return {
    following,
    busy: follows.state.pending.has(''),
    toggle: () =>
      void follows
        .setFollowing(null, !following)
        .catch((err: unknown) =>
          toasts.show(
            `Could not ${following ? 'unfollow' : 'follow'} this board: ${errorMessage(err)}`,
            'error',
          ),
        ),
  };
}

/** The top bar's button (`data-fit="follow"`: it may wait in the "More" menu). */
export function FollowBoardButton(props: { follow: BoardFollow; hidden: boolean }) {
  const { following, busy, toggle } = props.follow;
  return (
    <button
      type="button"
      className="btn btn-ghost follow-button"
      title={
        following
          ? 'You hear of every new comment on this board. Click to stop.'
          : 'Hear of every new comment on this board in your inbox'
      }
      aria-pressed={following}
      aria-busy={busy || undefined}
      data-fit="follow"
      data-testid="follow-board"
      hidden={props.hidden}
      onClick={toggle}
    >
      <BellIcon fill={following ? 'currentColor' : 'none'} />
      <span>{following ? 'Following' : 'Follow board'}</span>
    </button>
  );
}

/** A thread header's button: whether its replies reach the signed-in person's inbox. */
export function FollowThreadButton(props: {
  boardId: string;
  threadId: string;
  /** The person wrote in the thread (which follows it unless they unfollowed). */
  wrote: boolean;
}) {
  const { me } = useAuth();
  const follows = useFollows(props.boardId, me?.id ?? null);
  const toasts = useToasts();
  if (!follows || follows.state.status !== 'ready') return null;
  const following = followsThread(follows.state.follows, props.threadId, props.wrote);
  const busy = follows.state.pending.has(props.threadId);
  const toggle = () =>
    void follows
      .setFollowing(props.threadId, !following)
      .catch((err: unknown) =>
        toasts.show(
          `Could not ${following ? 'unfollow' : 'follow'} this thread: ${errorMessage(err)}`,
          'error',
        ),
      );
  return (
    <button
      type="button"
      className="btn panel-small comment-follow"
      data-testid="thread-follow"
      data-following={following}
      aria-busy={busy || undefined}
      title={
        following
          ? 'Replies reach your inbox. Unfollow to stop them.'
          : 'Get replies to this thread in your inbox'
      }
      onClick={toggle}
    >
      {following ? 'Unfollow' : 'Follow thread'}
    </button>
  );
}
