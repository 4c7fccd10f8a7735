import { memo, useMemo } from 'react';
import type { CommentThread } from '../../../../shared/model/comments.js';
import type { Shape } from '../../../../shared/model/schema.js';
import { colorFor } from '../../../../shared/protocol/awareness.js';
import { useElementSize } from '../core/hooks.js';
import type { GridLayout } from '../core/layout.js';
import type { Viewport } from '../core/viewport.js';
import { pinLabel, placePins } from './pins.js';
import './comments.css';

export interface CommentPinsProps {
  threads: CommentThread[];
  layout: GridLayout;
  shapes: Shape[];
  viewport: Viewport;
  unread: ReadonlySet<string>;
  activeThreadId: string | null;
  showResolved: boolean;
  onOpen(threadId: string): void;
}

/** The size of an element, kept up to date. */

/**
 * Speech-bubble pins over the canvas, one per comment thread whose anchor is on the board and
 * on screen. HTML buttons (so they are focusable and readable) in an overlay that fills the
 * canvas's `position: relative` parent and lets every other pointer event through.
 */
export const CommentPins = memo(function CommentPins(props: CommentPinsProps) {
  const { threads, layout, shapes, viewport, unread, activeThreadId, showResolved, onOpen } = props;
  const { ref: overlay, size } = useElementSize();
  const pins = useMemo(
    () => placePins(threads, layout, shapes, viewport, size, showResolved),
    [threads, layout, shapes, viewport, size, showResolved],
  );
  // The active pin is drawn last, so it is on top of any it overlaps.
  const ordered = activeThreadId
    ? [
        ...pins.filter((p) => p.thread.id !== activeThreadId),
        ...pins.filter((p) => p.thread.id === activeThreadId),
      ]
    : pins;

  return (
    <div ref={overlay} className="comment-pins" data-testid="comment-pins">
      {ordered.map(({ thread, left, top }) => {
        const isUnread = unread.has(thread.id);
        const author = thread.createdBy;
        return (
          <button
            key={thread.id}
            type="button"
            className="comment-pin"
            data-testid="comment-pin"
            data-thread-id={thread.id}
            data-active={thread.id === activeThreadId}
            data-resolved={thread.resolved}
            aria-label={pinLabel(thread, isUnread)}
            aria-pressed={thread.id === activeThreadId}
            title={`${author.name}: ${thread.messages[0]?.body.slice(0, 80) ?? ''}`}
            style={{
              transform: `translate(${Math.round(left)}px, ${Math.round(top)}px)`,
              background: author.color ?? colorFor(author.id),
            }}
            onClick={() => onOpen(thread.id)}
          >
            <span aria-hidden="true">{thread.messages.length}</span>
            {isUnread && <span className="comment-pin-dot" aria-hidden="true" />}
          </button>
        );
      })}
    </div>
  );
});
