import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type * as Y from 'yjs';
import {
  findMentions,
  reply,
  setResolved,
  type CommentAuthor,
  type CommentThread,
  type Person,
} from '../../../../shared/model/comments.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { FollowThreadButton } from '../../inbox/FollowButtons.js';
import { anchorExists, describeAnchor } from './anchors.js';
import { authorColor, CommentBody, MessageItem, SubmitHint, When } from './MessageItem.js';
import { MentionTextarea } from './MentionTextarea.js';
import { plural } from '../../../../shared/model/plural.js';

export interface ThreadCardProps {
  /** For following the thread (W186); none: no follow button. */
  boardId?: string;
  doc: Y.Doc;
  thread: CommentThread;
  board: BoardSnapshot;
  me: CommentAuthor;
  people: readonly Person[];
  now: Date;
  unread: boolean;
  /** Expanded: every message and the reply box; otherwise a preview of the first message. */
  expanded: boolean;
  onExpand(): void;
  onFocusAnchor(): void;
  /** Reply, resolve, edit and delete; false for view-only links. */
  canComment?: boolean;
}

/** The reply box: one line until focused, then a textarea with Post. */
function ReplyBox(props: {
  doc: Y.Doc;
  threadId: string;
  me: CommentAuthor;
  people: readonly Person[];
}) {
  const { doc, threadId, me, people } = props;
  const { attempt } = useToasts();
  const [body, setBody] = useState('');
  const [focused, setFocused] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const open = focused || body.length > 0;
  // Opened, the box grows below itself: its Post button must not open out of sight (a short
  // bottom sheet on a phone, the on-screen keyboard).
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) box.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);

  const post = () => {
    if (!body.trim()) return;
    const id = attempt(() =>
      reply(doc, threadId, { author: me, body, mentions: findMentions(body, people) }),
    );
    if (id) setBody('');
  };

  return (
    <div className="comment-reply" data-open={open} ref={box}>
      <MentionTextarea
        textareaRef={input}
        value={body}
        onChange={setBody}
        people={people}
        meId={me.id}
        onSubmit={post}
        onCancel={() => {
          setBody('');
          input.current?.blur();
        }}
        label="Reply"
        placeholder="Reply… (@ to mention)"
        testId="reply-input"
        rows={open ? 3 : 1}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      />
      {open && (
        <div className="comment-buttons">
          <SubmitHint />
          <button
            type="button"
            className="btn btn-primary panel-small"
            data-testid="reply-post"
            disabled={!body.trim()}
            // Keep the textarea focused, so the box does not fold up under the pointer.
            onMouseDown={(e) => e.preventDefault()}
            onClick={post}
          >
            Post
          </button>
        </div>
      )}
    </div>
  );
}

/** One thread in the comments panel. */
export function ThreadCard(props: ThreadCardProps) {
  const { doc, thread, board, me, people, now, expanded } = props;
  const canComment = props.canComment ?? true;
  const { attempt } = useToasts();
  const orphaned = !anchorExists(thread.anchor, board);
  const where = describeAnchor(thread.anchor, board);
  const first = thread.messages[0];
  const replies = thread.messages.length - 1;

  return (
    <article
      className="comment-thread"
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-resolved={thread.resolved ? 'true' : 'false'}
      data-expanded={expanded ? 'true' : 'false'}
      data-unread={props.unread ? 'true' : 'false'}
      aria-label={`Comments on ${where}`}
    >
      <header className="comment-thread-head">
        {props.unread && <span className="comment-unread-dot" role="img" aria-label="Unread" />}
        {orphaned ? (
          <span className="comment-anchor" data-orphaned="true" data-testid="comment-anchor">
            {where}
          </span>
        ) : (
          <button
            type="button"
            className="comment-anchor"
            data-testid="comment-anchor"
            title="Show on the board"
            onClick={() => {
              props.onFocusAnchor();
              props.onExpand();
            }}
          >
            {where}
          </button>
        )}
        {props.boardId && (
          <FollowThreadButton
            boardId={props.boardId}
            threadId={thread.id}
            wrote={thread.messages.some((m) => m.author.id === me.id)}
          />
        )}
        {canComment && (
          <button
            type="button"
            className="btn panel-small comment-resolve"
            data-testid="comment-resolve"
            onClick={() => attempt(() => setResolved(doc, thread.id, !thread.resolved, me))}
          >
            {thread.resolved ? 'Reopen' : 'Resolve'}
          </button>
        )}
      </header>

      {thread.resolved && thread.resolvedBy && (
        <p className="comment-resolved">Resolved by {thread.resolvedBy.name}</p>
      )}

      {expanded ? (
        <>
          <ol className="comment-messages">
            {thread.messages.map((message) => (
              <MessageItem
                key={message.id}
                doc={doc}
                threadId={thread.id}
                message={message}
                only={thread.messages.length === 1}
                me={me}
                people={people}
                now={now}
                canComment={canComment}
              />
            ))}
          </ol>
          {canComment && <ReplyBox doc={doc} threadId={thread.id} me={me} people={people} />}
        </>
      ) : (
        first && (
          <button
            type="button"
            className="comment-preview"
            data-testid="comment-expand"
            aria-label={`Open thread by ${first.author.name}`}
            onClick={props.onExpand}
          >
            <span className="comment-message-head">
              <span
                className="comment-author"
                style={{ '--author': authorColor(first.author) } as CSSProperties}
              >
                {first.author.name}
              </span>
              <When iso={first.createdAt} now={now} />
            </span>
            <span className="comment-preview-body">
              <CommentBody message={first} people={people} meId={me.id} inline />
            </span>
            {replies > 0 && (
              <span className="comment-replies">
                {plural(replies, 'reply', 'replies')} · last{' '}
                <When iso={thread.lastActivity} now={now} />
              </span>
            )}
          </button>
        )
      )}
    </article>
  );
}
