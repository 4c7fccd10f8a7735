import { useEffect } from 'react';
import type { CommentThread } from '../../../../shared/model/comments.js';
import { anchorRect } from '../comments/index.js';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import type { Rect } from '../core/layout.js';
import { useOpenBoard } from '../core/openBoard.js';
import { revealRect } from '../core/viewport.js';
import { isNarrowScreen } from './narrow.js';

/** Room a comment pin takes beside its anchor point, in board units. */
const PIN = 32;

/**
 * When a panel opens as a bottom sheet over the canvas (narrow screens), the item it is about
 * (the selected card or shape, or the open thread's anchor) may now lie under it: the view pans
 * just enough to show it above the sheet. A side panel covers no canvas, so nothing moves then.
 */
export function useRevealAboveSheet(threads: readonly CommentThread[]): void {
  const { board, layout, size, overlays } = useOpenBoard();
  const store = useEditorStore();
  const panel = useEditor((s) => s.panel);
  const focusedThread = useEditor((s) => s.focusedThread);
  useEffect(() => {
    if (!panel || !isNarrowScreen()) return;
    const covering = overlays();
    const { selection, viewport } = store.getState();
    let target: Rect | undefined;
    const thread = panel === 'comments' && threads.find((t) => t.id === focusedThread);
    if (thread) {
      const p = anchorRect(thread.anchor, layout, board.shapes);
      if (p) target = { x: p.x - PIN / 2, y: p.y - PIN / 2, w: PIN, h: PIN };
    } else if (selection.length === 1) {
      const id = selection[0]!;
      target = layout.cards.get(id) ?? board.shapes.find((s) => s.id === id);
    }
    if (!target) return;
    const next = revealRect(viewport, target, { ...size, overlays: covering });
    if (next !== viewport) store.dispatch({ type: 'setViewport', viewport: next });
    // Only as the panel opens or another thread opens in it, not on every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [panel, focusedThread]);
}
