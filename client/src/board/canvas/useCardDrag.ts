import type Konva from 'konva';
import { useCallback, useState } from 'react';
import type * as Y from 'yjs';
import { moveCard, setEmotion } from '../../../../shared/model/cards.js';
import type { LaneKind } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import {
  cellAt,
  dropIndex,
  emotionAt,
  cardHeight,
  GRID,
  type GridLayout,
  type RowBox,
} from '../core/layout.js';

interface CardDragDeps {
  doc: Y.Doc;
  layout: GridLayout;
  laneKind: ReadonlyMap<string, LaneKind>;
  emotionRow: RowBox | undefined;
  selected: ReadonlySet<string>;
  selection: readonly string[];
  /** The pointer in board coordinates. */
  pointer(): { x: number; y: number };
}

/**
 * Dragging cards: a drop line shows where the card will land; dropping moves it (and the rest
 * of the selection) into the cell under the pointer. A point on the sentiment curve only moves
 * up and down and sets its emotion.
 */
export function useCardDrag({
  doc,
  layout,
  laneKind,
  emotionRow,
  selected,
  selection,
  pointer,
}: CardDragDeps) {
  const toasts = useToasts();
  const [drop, setDrop] = useState<{ x: number; y: number; w: number } | null>(null);

  const onCardDragMove = useCallback(
    (id: string) => {
      const box = layout.cards.get(id);
      if (!box || laneKind.get(box.card.laneId) === 'emotions') return;
      const p = pointer();
      const cell = cellAt(layout, p.x, p.y);
      if (!cell || cell.row.kind === 'emotions') return setDrop(null);
      const index = dropIndex(layout, cell, p.y, id);
      const y =
        cell.row.y + GRID.pad + index * (cardHeight(cell.row.kind) + GRID.gap) - GRID.gap / 2;
      setDrop({ x: cell.column.x + GRID.pad, y, w: cell.column.w - 2 * GRID.pad });
    },
    [layout, laneKind, pointer],
  );

  const onCardDragEnd = useCallback(
    (id: string, e: Konva.KonvaEventObject<DragEvent>) => {
      setDrop(null);
      const box = layout.cards.get(id);
      if (!box) return;
      const node = e.target;
      if (laneKind.get(box.card.laneId) === 'emotions' && emotionRow) {
        const score = emotionAt(emotionRow, node.y() + box.h / 2);
        node.position({ x: box.x, y: box.y });
        toasts.attempt(() => setEmotion(doc, id, score));
        return;
      }
      node.position({ x: box.x, y: box.y });
      const p = pointer();
      const cell = cellAt(layout, p.x, p.y);
      if (!cell || cell.row.kind === 'emotions') return;
      const index = dropIndex(layout, cell, p.y, id);
      const moving = selected.has(id) ? selection.filter((s) => layout.cards.has(s)) : [id];
      toasts.attempt(() =>
        doc.transact(() => {
          moving.forEach((cardId, i) =>
            moveCard(doc, cardId, { stageId: cell.stageId, laneId: cell.laneId, index: index + i }),
          );
        }),
      );
    },
    [doc, layout, laneKind, emotionRow, selected, selection, pointer, toasts],
  );

  return { drop, onCardDragMove, onCardDragEnd };
}
