import { memo, useEffect, useMemo, useRef } from 'react';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { useElementSize } from '../core/hooks.js';
import type { GridLayout } from '../core/layout.js';
import type { Viewport } from '../core/viewport.js';
import { diffCounts } from './changeList.js';
import { placeDiffMarks, type DiffMark } from './diffMarks.js';
import { useResolvedDiff, type ShownDiff } from './shownDiff.js';
import './versions.css';

interface DiffOverlayProps {
  shown: ShownDiff;
  board: BoardSnapshot;
  layout: GridLayout;
  viewport: Viewport;
  onClose(): void;
}

/** A removed card's text only fits in a ghost at least this wide on screen. */
const GHOST_TEXT_MIN_W = 110;
/** Below this zoom the badges would cover more than the cards they describe. */
const BADGES_MIN_ZOOM = 0.35;
/** Marks narrower than this (emotion points) get their badges centred above them. */
const SMALL_MARK_W = 60;

const TONE_WORD = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

const Mark = memo(function Mark({ mark, badges }: { mark: DiffMark; badges: boolean }) {
  const summary = `${TONE_WORD[mark.tone]}: ${mark.text || '(empty)'}${
    mark.badges.length ? ` (${mark.badges.join(', ')})` : ''
  }`;
  return (
    <div
      className={`diff-mark diff-mark-${mark.tone}${mark.width < SMALL_MARK_W ? ' diff-mark-small' : ''}`}
      data-testid="diff-mark"
      data-tone={mark.tone}
      data-card-id={mark.cardId}
      title={summary}
      style={{
        transform: `translate(${Math.round(mark.left)}px, ${Math.round(mark.top)}px)`,
        width: Math.round(mark.width),
        height: Math.round(mark.height),
      }}
    >
      {mark.tone === 'removed' && mark.width >= GHOST_TEXT_MIN_W && (
        <span className="diff-ghost-text">{mark.text || '(empty)'}</span>
      )}
      {badges && mark.badges.length > 0 && (
        <span className="diff-badges">
          {mark.badges.map((badge, i) => (
            <span key={i} className="diff-badge">
              {badge}
            </span>
          ))}
        </span>
      )}
    </div>
  );
});

/**
 * Marks what changed between two versions on top of the canvas: added cards outlined green,
 * removed ones ghosted red in the cell they left, changed ones amber with their deltas. The
 * marks let the pointer through; the legend names both ends and closes it (Esc too).
 */
export function DiffOverlay({ shown, board, layout, viewport, onClose }: DiffOverlayProps) {
  const { ref: overlay, size } = useElementSize();

  const diff = useResolvedDiff(shown, board);
  const placed = useMemo(
    () => (diff ? placeDiffMarks(diff, layout, viewport, size) : { marks: [], unplaced: 0 }),
    [diff, layout, viewport, size],
  );
  const counts = diff ? diffCounts(diff) : null;

  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || isTyping(event.target)) return;
      if (event.target instanceof Element && event.target.closest('[role=dialog]')) return;
      close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div ref={overlay} className="diff-overlay" data-testid="diff-overlay">
      {placed.marks.map((mark) => (
        <Mark key={mark.cardId} mark={mark} badges={viewport.zoom >= BADGES_MIN_ZOOM} />
      ))}
      <div className="diff-legend" role="region" aria-label="Comparison" data-testid="diff-legend">
        <span className="diff-legend-ends">
          <strong>{shown.fromLabel}</strong>
          <span aria-label="compared with"> → </span>
          <strong>{shown.toLabel}</strong>
          {shown.live && <span className="diff-live"> (live)</span>}
        </span>
        {counts && (
          <span className="diff-legend-keys">
            <span className="diff-key diff-key-added">{counts.added} added</span>
            <span className="diff-key diff-key-removed">{counts.removed} removed</span>
            <span className="diff-key diff-key-changed">{counts.changed} changed</span>
            {placed.unplaced > 0 && (
              <span className="diff-key-note">{placed.unplaced} only in the list</span>
            )}
          </span>
        )}
        <button
          type="button"
          className="btn panel-small"
          data-testid="diff-close"
          title="Close the comparison (Esc)"
          onClick={onClose}
        >
          Close
        </button>
      </div>
    </div>
  );
}
