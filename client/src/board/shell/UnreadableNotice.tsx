import { useState } from 'react';
import type * as Y from 'yjs';
import { useUnreadableComments } from '../comments/index.js';
import './unreadable.css';

interface UnreadableNoticeProps {
  /** Records and fields of the board doc that could not be read. */
  board: number;
  /** The comments doc, whose unreadable items count too. */
  comments: Y.Doc;
}

/** "1 item could not be read", "3 items could not be read". */
export function unreadableLine(count: number): string {
  return `${count === 1 ? '1 item' : `${count} items`} could not be read`;
}

/**
 * When the board holds data another client stored that this version cannot read: a small,
 * dismissible notice saying how many items are left out, instead of a broken page. It comes
 * back only when more such items arrive.
 */
export function UnreadableNotice({ board, comments }: UnreadableNoticeProps) {
  const count = board + useUnreadableComments(comments);
  const [dismissedAt, setDismissedAt] = useState(0);
  if (count === 0 || count <= dismissedAt) return null;
  return (
    <div className="unreadable-notice" role="status" data-testid="unreadable-notice">
      <div>
        <strong data-testid="unreadable-count">{unreadableLine(count)}</strong>
        <p>
          Another app or a newer version of journeyboard stored data here that this version does not
          understand. It is left out; everything else works as usual.
        </p>
      </div>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label="Dismiss"
        title="Dismiss"
        data-testid="unreadable-dismiss"
        onClick={() => setDismissedAt(count)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
