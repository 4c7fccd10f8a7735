import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type * as Y from 'yjs';
import {
  deleteMessage,
  editMessage,
  findMentions,
  type CommentAuthor,
  type CommentMessage,
  type Person,
} from '../../../../shared/model/comments.js';
import { colorFor } from '../../../../shared/protocol/awareness.js';
import { useToasts } from '../../ui/toasts.js';
import { isMacPlatform } from '../keyboard/shortcuts.js';
import { mentionSegments } from './mentions.js';
import { MentionTextarea } from './MentionTextarea.js';
import { absoluteTime, timeAgo } from '../../ui/time.js';

export const authorColor = (author: CommentAuthor) => author.color ?? colorFor(author.id);

/** A comment body with its @mentions highlighted (mentions of me more strongly). */
export function CommentBody(props: {
  message: CommentMessage;
  people: readonly Person[];
  meId: string;
  /** A span instead of a paragraph (inside a button). */
  inline?: boolean;
}) {
  const { message, people, meId } = props;
  const mentioned = people.filter((p) => message.mentions.includes(p.id));
  const Tag = props.inline ? 'span' : 'p';
  return (
    <Tag className="comment-body">
      {mentionSegments(message.body, mentioned).map((segment, i) =>
        segment.personId ? (
          <span
            key={i}
            className="comment-mention"
            data-me={segment.personId === meId || undefined}
          >
            {segment.text}
          </span>
        ) : (
          segment.text
        ),
      )}
    </Tag>
  );
}

/** "Ctrl+Enter" or "⌘+Enter", as the keyboard says it. */
export function SubmitHint() {
  return (
    <span className="comment-hint" aria-hidden="true">
      <kbd className="kbd">{isMacPlatform() ? '⌘' : 'Ctrl'}</kbd>+<kbd className="kbd">Enter</kbd>
    </span>
  );
}

/** When something was written: "3 min ago", the reader's local date and time on hover. */
export function When(props: { iso: string; now: Date }) {
  return (
    <time className="comment-time" dateTime={props.iso} title={absoluteTime(props.iso)}>
      {timeAgo(props.iso, props.now)}
    </time>
  );
}

interface MessageItemProps {
  doc: Y.Doc;
  threadId: string;
  message: CommentMessage;
  /** The thread's only message: deleting it deletes the thread. */
  only: boolean;
  me: CommentAuthor;
  people: readonly Person[];
  now: Date;
  /** Edit and delete (of my own messages); false for view-only links. */
  canComment?: boolean;
}

/** One message of a thread; my own can be edited in place or deleted (after a confirm). */
export function MessageItem(props: MessageItemProps) {
  const { doc, threadId, message, me, people, now } = props;
  const { attempt } = useToasts();
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const mine = message.author.id === me.id && (props.canComment ?? true);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const save = () => {
    if (draft === null || !draft.trim()) return;
    if (draft.trim() === message.body) {
      setDraft(null);
      return;
    }
    const body = draft;
    const ok = attempt(() => {
      editMessage(doc, threadId, message.id, {
        userId: me.id,
        body,
        mentions: findMentions(body, people),
      });
      return true;
    });
    if (ok) setDraft(null);
  };

  return (
    <li className="comment-message" data-testid="comment-message" data-message-id={message.id}>
      <div className="comment-message-head">
        <span
          className="comment-author"
          style={{ '--author': authorColor(message.author) } as CSSProperties}
        >
          {message.author.name}
        </span>
        <When iso={message.createdAt} now={now} />
        {message.editedAt && (
          <span className="comment-edited" title={`Edited ${absoluteTime(message.editedAt)}`}>
            (edited)
          </span>
        )}
        {mine && draft === null && !confirming && (
          <span className="comment-message-actions">
            <button
              type="button"
              className="comment-link"
              data-testid="message-edit"
              onClick={() => setDraft(message.body)}
            >
              Edit
            </button>
            <button
              type="button"
              className="comment-link comment-link-danger"
              data-testid="message-delete"
              onClick={() => setConfirming(true)}
            >
              Delete
            </button>
          </span>
        )}
      </div>

      {draft === null ? (
        <CommentBody message={message} people={people} meId={me.id} />
      ) : (
        <div className="comment-edit">
          <MentionTextarea
            value={draft}
            onChange={setDraft}
            people={people}
            meId={me.id}
            onSubmit={save}
            onCancel={() => setDraft(null)}
            label="Edit comment"
            testId="message-edit-input"
            autoFocus
          />
          <div className="comment-buttons">
            <button type="button" className="btn panel-small" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary panel-small"
              data-testid="message-edit-save"
              disabled={!draft.trim()}
              onClick={save}
            >
              Save
            </button>
          </div>
        </div>
      )}

      {confirming && (
        <div className="panel-confirm" role="group" aria-label="Delete this comment?">
          <p className="panel-confirm-question">
            {props.only ? 'Delete this comment? The thread goes with it.' : 'Delete this comment?'}
          </p>
          <div className="panel-row">
            <button
              ref={confirmRef}
              type="button"
              className="btn btn-danger btn-solid panel-small"
              data-testid="message-delete-confirm"
              onClick={() => {
                setConfirming(false);
                attempt(() => deleteMessage(doc, threadId, message.id, me.id));
              }}
            >
              Delete
            </button>
            <button type="button" className="btn panel-small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
