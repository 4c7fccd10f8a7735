import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  createThread,
  findMentions,
  notePerson,
  type CommentAnchor,
  type CommentAuthor,
  type Person,
} from '../../../../shared/model/comments.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import type { AwarenessUser } from '../../../../shared/protocol/awareness.js';
import { PanelShell } from '../../ui/PanelShell.js';
import { useToasts } from '../../ui/toasts.js';
import type { BoardSession } from '../core/session.js';
import { anchorKey, describeAnchor } from './anchors.js';
import { filterCounts, filterThreads, type CommentFilter } from './filters.js';
import { SubmitHint } from './MessageItem.js';
import { MentionTextarea } from './MentionTextarea.js';
import { ThreadCard } from './ThreadCard.js';
import { useNow } from '../../ui/useNow.js';
import { useMentionable } from './useMentionable.js';
import { useThreads, useUnread } from './useComments.js';
import './comments.css';

export interface CommentsPanelProps {
  session: BoardSession;
  board: BoardSnapshot;
  me: AwarenessUser;
  /** Where a new thread is being started (the comment tool was used), if anywhere. */
  draftAnchor: CommentAnchor | null;
  /** The new thread was posted or cancelled. */
  onDraftDone(): void;
  focusThreadId: string | null;
  onFocusThread(threadId: string | null): void;
  /** Show a thread's item on the canvas. */
  onFocusAnchor(anchor: CommentAnchor): void;
  onClose(): void;
  /**
   * The link may write comments (commenter and up). Viewers read threads but get no composer,
   * reply box, resolve, edit or delete.
   */
  canComment?: boolean;
}

const FILTERS: { id: CommentFilter; label: string; empty: string }[] = [
  {
    id: 'open',
    label: 'Open',
    empty: 'No open comments. Select the comment tool (M) and click a card to start one.',
  },
  { id: 'resolved', label: 'Resolved', empty: 'No resolved comments.' },
  { id: 'mentions', label: 'Mentions me', empty: 'Nobody has @mentioned you yet.' },
];

/** The composer for a new thread on `anchor`. */
function NewThread(props: {
  anchor: CommentAnchor;
  board: BoardSnapshot;
  session: BoardSession;
  me: CommentAuthor;
  people: readonly Person[];
  onDone(threadId: string | null): void;
}) {
  const { anchor, me, people } = props;
  const { attempt } = useToasts();
  const [body, setBody] = useState('');
  const titleId = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  // Picking another place with the comment tool keeps the text and moves the focus back.
  const where = anchorKey(anchor);
  useEffect(() => input.current?.focus(), [where]);

  const post = () => {
    if (!body.trim()) return;
    const id = attempt(() =>
      createThread(props.session.comments, {
        anchor,
        author: me,
        body,
        mentions: findMentions(body, people),
      }),
    );
    if (id) props.onDone(id);
  };

  return (
    <section className="comment-new" aria-labelledby={titleId} data-testid="comment-new">
      <div className="comment-new-head">
        <h3 id={titleId} className="panel-section-title">
          New comment
        </h3>
        <span className="comment-new-where">{describeAnchor(anchor, props.board)}</span>
      </div>
      <MentionTextarea
        textareaRef={input}
        value={body}
        onChange={setBody}
        people={people}
        meId={me.id}
        onSubmit={post}
        onCancel={() => props.onDone(null)}
        label="New comment"
        placeholder="Add a comment… (@ to mention)"
        testId="comment-input"
        autoFocus
      />
      <div className="comment-buttons">
        <SubmitHint />
        <button type="button" className="btn panel-small" onClick={() => props.onDone(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary panel-small"
          data-testid="comment-post"
          disabled={!body.trim()}
          onClick={post}
        >
          Post
        </button>
      </div>
    </section>
  );
}

/**
 * The right-hand comments panel: a composer for a new thread, then the threads (open,
 * resolved, or those that @mention me), newest activity first. Every write goes through
 * shared/model/comments.ts and errors become toasts.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const { session, board, me, draftAnchor, focusThreadId, onFocusThread } = props;
  const canComment = props.canComment ?? true;
  const doc = session.comments;
  const { attempt } = useToasts();
  const threads = useThreads(doc);
  const people = useMentionable(doc, session);
  const { unread, markSeen } = useUnread(session.boardId, threads, me.id);
  const now = useNow();
  const [filter, setFilter] = useState<CommentFilter>('open');
  const cards = useRef(new Map<string, HTMLElement>());
  // Only what the model stores: `me` may carry other fields.
  const author = useMemo<CommentAuthor>(
    () => ({ id: me.id, name: me.name, color: me.color }),
    [me.id, me.name, me.color],
  );

  // Being on the board makes me someone others can @mention (if I may write comments at all).
  useEffect(() => {
    if (canComment) attempt(() => notePerson(doc, author));
  }, [doc, author, attempt, canComment]);

  const focused = threads.find((t) => t.id === focusThreadId);
  const shown = useMemo(
    () => filterThreads(threads, filter, me.id, focusThreadId),
    [threads, filter, me.id, focusThreadId],
  );

  // The focused thread is scrolled into view once it is in the list…
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!focusThreadId) scrolledTo.current = null;
    if (!focusThreadId || scrolledTo.current === focusThreadId) return;
    const el = cards.current.get(focusThreadId);
    if (!el) return;
    scrolledTo.current = focusThreadId;
    el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [focusThreadId, shown]);

  // …and counts as seen, also as new replies arrive while it is open.
  const focusedActivity = focused?.lastActivity;
  useEffect(() => {
    if (focusThreadId && focusedActivity) markSeen(focusThreadId);
  }, [focusThreadId, focusedActivity, markSeen]);

  const counts = useMemo(() => filterCounts(threads, me.id), [threads, me.id]);

  return (
    <PanelShell
      title="Comments"
      testId="comments-panel"
      className="comments-panel"
      data-can-comment={canComment ? 'true' : 'false'}
      onClose={props.onClose}
      closeLabel="Close comments"
      closeTestId="comments-close"
      bodyClassName="comments-body"
      bodyRole="tabpanel"
      toolbar={<CommentFilters filter={filter} counts={counts} onFilter={setFilter} />}
    >
      {draftAnchor && canComment && (
        <NewThread
          anchor={draftAnchor}
          board={board}
          session={session}
          me={author}
          people={people}
          onDone={(id) => {
            props.onDraftDone();
            if (id) onFocusThread(id);
          }}
        />
      )}

      {shown.length === 0 ? (
        <p className="comment-empty" data-testid="comments-empty">
          {filter === 'open' && !canComment
            ? 'No open comments.'
            : FILTERS.find((f) => f.id === filter)!.empty}
        </p>
      ) : (
        <ul className="comment-list">
          {shown.map((thread) => (
            <li
              key={thread.id}
              ref={(el) => {
                if (el) cards.current.set(thread.id, el);
                else cards.current.delete(thread.id);
              }}
            >
              <ThreadCard
                boardId={props.session.boardId}
                doc={doc}
                thread={thread}
                board={board}
                me={author}
                people={people}
                now={now}
                unread={unread.has(thread.id)}
                expanded={thread.id === focusThreadId}
                canComment={canComment}
                onExpand={() => onFocusThread(thread.id)}
                onFocusAnchor={() => props.onFocusAnchor(thread.anchor)}
              />
            </li>
          ))}
        </ul>
      )}
    </PanelShell>
  );
}

/** The tabs above the threads: open, resolved, those that @mention me, each with a count. */
function CommentFilters(props: {
  filter: CommentFilter;
  counts: Record<CommentFilter, number>;
  onFilter(filter: CommentFilter): void;
}) {
  const { filter, counts } = props;
  return (
    <div className="comment-filters" role="tablist" aria-label="Show comments">
      {FILTERS.map((f) => (
        <button
          key={f.id}
          type="button"
          role="tab"
          aria-selected={filter === f.id}
          className="comment-filter"
          data-testid={`comments-filter-${f.id}`}
          onClick={() => props.onFilter(f.id)}
        >
          {f.label}
          {counts[f.id] > 0 && <span className="comment-filter-count">{counts[f.id]}</span>}
        </button>
      ))}
    </div>
  );
}
