import { toScreen, type Viewport } from '../core/viewport.js';

/**
 * How far outside the screen (CSS px) a cursor is still drawn: a cursor whose tip is just off
 * the edge still shows its arrow and label reaching in (W235).
 */
export const CURSOR_MARGIN_PX = 48;
/** Up to this many cursors in view, every name label shows in full (W237). */
export const LABELS_FULL_UNTIL = 12;
/** From this many cursors in view on, no name label shows (W237). */
export const LABELS_NONE_FROM = 36;

export interface CursorSource {
  clientId: number;
  cursor?: { x: number; y: number } | null;
}

export interface PlacedCursor<P> {
  peer: P;
  /** Screen position of the arrow's tip (CSS px from the canvas' top left). */
  x: number;
  y: number;
}

/**
 * The cursors to draw: those whose tip lies on the screen of `size` (plus `margin` on every
 * side), placed in screen coordinates through `viewport` (W235). Order is kept.
 */
export function cullCursors<P extends CursorSource>(
  peers: Iterable<P>,
  viewport: Viewport,
  size: { w: number; h: number },
  margin = CURSOR_MARGIN_PX,
): PlacedCursor<P>[] {
  const placed: PlacedCursor<P>[] = [];
  for (const peer of peers) {
    if (!peer.cursor) continue;
    const p = toScreen(viewport, peer.cursor.x, peer.cursor.y);
    if (p.x < -margin || p.y < -margin || p.x > size.w + margin || p.y > size.h + margin) continue;
    placed.push({ peer, x: p.x, y: p.y });
  }
  return placed;
}

/**
 * How opaque name labels are with `inView` cursors drawn (W237): full up to LABELS_FULL_UNTIL,
 * none from LABELS_NONE_FROM, and linear in between, so a crowd fades into bare arrows
 * gradually rather than flickering at one threshold. Counting is O(1) per frame, unlike
 * testing labels for overlap.
 */
export function labelOpacity(inView: number): number {
  if (inView <= LABELS_FULL_UNTIL) return 1;
  if (inView >= LABELS_NONE_FROM) return 0;
  return (LABELS_NONE_FROM - inView) / (LABELS_NONE_FROM - LABELS_FULL_UNTIL);
}
