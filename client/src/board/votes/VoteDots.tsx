/**
 * Dots over the cards (W209). While a vote runs, every eligible card on screen is a button:
 * click (or Enter) places one of my dots, Alt-click or right-click takes one back, and so does
 * its ✕. Only my own dots are drawn: the page never has anyone else's. Once the vote ended, each
 * card with votes shows its count.
 */
import { memo, useMemo, type MouseEvent } from 'react';
import { plural } from '../../../../shared/model/plural.js';
import { useElementSize } from '../core/hooks.js';
import { useEditor } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import { toScreen } from '../core/viewport.js';
import { useVote } from './useVote.js';
import './votes.css';

/** At most this many card buttons at once (a zoomed-out huge map shows counts only on some). */
const MAX_ON_SCREEN = 400;

const short = (text: string) => {
  const line = text.split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line || 'untitled card';
};

export const VoteDots = memo(function VoteDots() {
  const { view, place, takeBack } = useVote();
  const { layout } = useOpenBoard();
  const viewport = useEditor((s) => s.viewport);
  const { ref, size } = useElementSize();

  const boxes = useMemo(() => {
    if (!view) return [];
    const ids =
      view.status === 'running' ? view.eligibleCardIds : view.results.map((r) => r.cardId);
    const placed = [];
    for (const id of ids) {
      const box = layout.cards.get(id);
      if (!box) continue;
      const { x, y } = toScreen(viewport, box.x, box.y);
      const w = box.w * viewport.zoom;
      const h = box.h * viewport.zoom;
      if (x + w < 0 || y + h < 0 || x > size.w || y > size.h) continue;
      placed.push({ id, text: box.card.text, x, y, w, h });
      if (placed.length >= MAX_ON_SCREEN) break;
    }
    return placed;
  }, [view, layout, viewport, size]);

  if (!view) return <div ref={ref} className="vote-dots" />;
  if (view.status === 'ended') {
    const votes = new Map(view.results.map((r) => [r.cardId, r]));
    return (
      <div ref={ref} className="vote-dots" data-testid="vote-dots">
        {boxes.map((b) => (
          <span
            key={b.id}
            className="vote-total"
            data-testid="vote-total"
            data-card-id={b.id}
            style={{
              transform: `translate(${Math.round(b.x + b.w - 14)}px, ${Math.round(b.y - 14)}px)`,
            }}
            aria-label={`${short(b.text)}: ${plural(votes.get(b.id)!.votes, 'vote')}`}
          >
            {votes.get(b.id)!.votes}
          </span>
        ))}
      </div>
    );
  }
  const mine = view.mine;
  return (
    <div ref={ref} className="vote-dots vote-dots-running" data-testid="vote-dots">
      {boxes.map((b) => {
        const n = mine[b.id] ?? 0;
        const onClick = (e: MouseEvent) => (e.altKey ? takeBack(b.id) : place(b.id));
        return (
          <div
            key={b.id}
            className="vote-card"
            style={{
              transform: `translate(${Math.round(b.x)}px, ${Math.round(b.y)}px)`,
              width: Math.max(24, b.w),
              height: Math.max(24, b.h),
            }}
          >
            <button
              type="button"
              className="vote-card-target"
              data-testid="vote-card"
              data-card-id={b.id}
              aria-label={`Vote for ${short(b.text)}${n ? `, ${plural(n, 'dot')} of yours` : ''}`}
              onClick={onClick}
              onContextMenu={(e) => {
                e.preventDefault();
                if (n > 0) takeBack(b.id);
              }}
            />
            {n > 0 && (
              <span
                className="vote-mine"
                data-testid="vote-mine"
                data-card-id={b.id}
                data-count={n}
              >
                {Array.from({ length: Math.min(n, 5) }, (_, i) => (
                  <span key={i} className="vote-dot" aria-hidden="true" />
                ))}
                {n > 5 && <span className="vote-dot-more">+{n - 5}</span>}
                <button
                  type="button"
                  className="vote-remove"
                  data-testid="vote-remove"
                  aria-label={`Take back a dot from ${short(b.text)}`}
                  onClick={() => takeBack(b.id)}
                >
                  ✕
                </button>
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
});
