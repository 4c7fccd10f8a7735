import type { Shape } from '../../../../shared/model/schema.js';
import { GRID, type GridLayout, type Rect } from './layout.js';
import type { Editing } from './tools.js';
import type { Viewport } from './viewport.js';

/** Where an item edited in place sits (board units), its current text and its font size. */
export interface EditTarget {
  rect: Rect;
  text: string;
  fontSize: number;
  /**
   * The axes along which the item moves with the board: stage headers stick to the top edge
   * and lane headers to the left one, so only the other axis can bring them into view.
   */
  scrolls: 'x' | 'y' | 'both';
}

/** The edited item's box and text, or null while it is not (or no longer) on the board. */
export function editTarget(
  editing: Editing,
  layout: GridLayout,
  shapes: readonly Shape[],
  viewport: Viewport,
): EditTarget | null {
  if (editing.kind === 'card') {
    const box = layout.cards.get(editing.id);
    if (!box) return null;
    const emotion = layout.rows.find((r) => r.id === box.card.laneId)?.kind === 'emotions';
    const rect = emotion ? { x: box.x - 60 + box.w / 2, y: box.y + box.h + 4, w: 120, h: 48 } : box;
    return { rect, text: box.card.text, fontSize: emotion ? 11 : 13, scrolls: 'both' };
  }
  if (editing.kind === 'shape') {
    const shape = shapes.find((s) => s.id === editing.id);
    if (!shape) return null;
    const rect =
      shape.type === 'arrow'
        ? { x: shape.x + shape.w / 2 - 60, y: shape.y + shape.h / 2 - 18, w: 120, h: 32 }
        : shape;
    return {
      rect,
      text: shape.text ?? '',
      fontSize: shape.type === 'text' ? 18 : 14,
      scrolls: 'both',
    };
  }
  if (editing.kind === 'stage') {
    const column = layout.columns.find((c) => c.id === editing.id);
    if (!column) return null;
    return {
      rect: { x: column.x, y: Math.max(0, viewport.y), w: column.w, h: GRID.headerH },
      text: column.name,
      fontSize: 16,
      scrolls: 'x',
    };
  }
  const row = layout.rows.find((r) => r.id === editing.id);
  if (!row) return null;
  return {
    rect: { x: Math.max(0, viewport.x), y: row.y, w: GRID.headerW, h: 48 },
    text: row.name,
    fontSize: 14,
    scrolls: 'y',
  };
}
