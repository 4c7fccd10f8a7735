import { useCallback } from 'react';
import type * as Y from 'yjs';
import { addLane, addStage } from '../../../../shared/model/axes.js';
import { addCard } from '../../../../shared/model/cards.js';
import type { BoardSnapshot, LaneKind } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { useEditorStore } from './EditorStoreProvider.js';
import type { GridLayout } from './layout.js';
import { LANE_STYLE } from './visuals.js';

/** Where new items go: the doc, and the board as it is now (names, the selected cell). */
interface AddTarget {
  doc: Y.Doc;
  board: BoardSnapshot;
  layout: GridLayout;
  /** The link may not change the map: nothing is added. */
  readOnly: boolean;
}

/** Adding stages, lanes and cards from the toolbar and shortcuts: each new item is selected and opened for typing. */
export function useAddActions({ doc, board, layout, readOnly }: AddTarget) {
  const store = useEditorStore();
  const toasts = useToasts();

  const onAddStage = useCallback(() => {
    if (readOnly) return;
    const id = toasts.attempt(() => addStage(doc, { name: `Stage ${board.stages.length + 1}` }));
    if (id) store.dispatch({ type: 'added', item: { kind: 'stage', id } });
  }, [doc, board.stages.length, toasts, readOnly, store]);

  const onAddLane = useCallback(
    (kind: LaneKind) => {
      store.dispatch({ type: 'setLaneMenu', open: false });
      if (readOnly) return;
      const id = toasts.attempt(() => addLane(doc, { name: LANE_STYLE[kind].label, kind }));
      if (id) store.dispatch({ type: 'added', item: { kind: 'lane', id } });
    },
    [doc, toasts, readOnly, store],
  );

  /** A new card after the selected card, or in the first cell of the selected stage/lane, or the first cell. */
  const onAddCard = useCallback(() => {
    if (readOnly) return;
    const { selection } = store.getState();
    const selectedCard = selection.map((id) => layout.cards.get(id)).find(Boolean);
    const stageId =
      selectedCard?.card.stageId ??
      selection.find((id) => layout.columns.some((c) => c.id === id)) ??
      layout.columns[0]?.id;
    const laneId =
      selectedCard?.card.laneId ??
      selection.find((id) => layout.rows.some((r) => r.id === id)) ??
      layout.rows.find((r) => r.kind !== 'emotions')?.id;
    if (!stageId || !laneId) {
      toasts.show('Add a stage and a lane first: cards live in a cell of the grid.', 'error');
      return;
    }
    const index = selectedCard ? selectedCard.index + 1 : undefined;
    const id = toasts.attempt(() => addCard(doc, { stageId, laneId, index }));
    if (id) store.dispatch({ type: 'added', item: { kind: 'card', id } });
  }, [doc, layout, toasts, readOnly, store]);

  return { onAddStage, onAddLane, onAddCard };
}
