import { useCallback, useRef, type KeyboardEvent } from 'react';
import { move, moveForKey, shapeOf, targetAt, type GridPos } from './gridNav.js';
import type { TableGrid } from './tableGrid.js';
import type { TableEditing } from './tableEditing.js';

export interface GridKeyboardDeps {
  grid: TableGrid;
  pos: GridPos | null;
  readOnly: boolean;
  editing: TableEditing | null;
  focusPos(pos: GridPos): void;
  startEditing(editing: TableEditing): void;
  addCard(stageId: string, laneId: string, afterIndex?: number): void;
  deleteCard(cardId: string): void;
  shiftVertically(cardId: string, by: 1 | -1): void;
  shiftToStage(cardId: string, by: 1 | -1): void;
  announce(message: string): void;
}

const READ_ONLY = 'View only: this link cannot change the map.';

/** The edit keys of the grid: those a read-only link is told it cannot use. */
function editKey(e: KeyboardEvent): boolean {
  const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
  return (
    (plain && ['Enter', 'F2', 'Delete', 'Backspace'].includes(e.key)) ||
    (plain && !e.shiftKey && e.key.toLowerCase() === 'n') ||
    (e.altKey && e.key.startsWith('Arrow'))
  );
}

/**
 * The table view's keys (see tableKeys.ts): grid movement on every element, edits on cells,
 * cards and headers. Keys typed into an editor never get here (it stops them).
 */
export function useGridKeyboard(deps: GridKeyboardDeps) {
  const latest = useRef(deps);
  latest.current = deps;

  return useCallback((e: KeyboardEvent<HTMLElement>) => {
    const d = latest.current;
    if (d.editing || !d.pos) return;
    const onButton = e.target instanceof HTMLButtonElement;
    const shape = shapeOf(d.grid);
    const where = moveForKey(e);
    if (where && !(onButton && where.endsWith('InCell'))) {
      const next = move(d.pos, where, shape);
      if (next) {
        e.preventDefault();
        d.focusPos(next);
      } else if (!where.endsWith('InCell')) {
        // At an edge: keep the page from scrolling instead.
        e.preventDefault();
      }
      return;
    }
    // A button does its own Enter and Space.
    if (onButton && (e.key === 'Enter' || e.key === ' ')) return;
    const { row, col, item } = d.pos;
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;
    if (plain && e.key === 'Enter' && item === -1 && row >= 0 && col >= 0) {
      // On a cell: Enter steps into its cards (or, for an editor, starts the first one).
      if (shape.count(row, col) > 0) {
        e.preventDefault();
        d.focusPos({ row, col, item: 0 });
        return;
      }
    }
    if (!editKey(e)) return;
    e.preventDefault();
    if (d.readOnly) {
      d.announce(READ_ONLY);
      return;
    }
    const at = targetAt(d.pos, d.grid);
    const key = e.key;
    if (row === -1 || col === -1) {
      // A header: Enter or F2 renames its stage or lane.
      if (key !== 'Enter' && key !== 'F2') return;
      if (row === -1 && at.stageId) d.startEditing({ kind: 'stage', id: at.stageId });
      if (col === -1 && at.laneId) d.startEditing({ kind: 'lane', id: at.laneId });
      return;
    }
    if (!at.stageId || !at.laneId) return;
    if (key.toLowerCase() === 'n') {
      d.addCard(at.stageId, at.laneId, item >= 0 ? item : undefined);
      return;
    }
    if (!at.cardId) {
      if (key === 'Enter') d.addCard(at.stageId, at.laneId);
      return;
    }
    if (e.altKey) {
      if (key === 'ArrowUp') d.shiftVertically(at.cardId, -1);
      if (key === 'ArrowDown') d.shiftVertically(at.cardId, 1);
      if (key === 'ArrowLeft') d.shiftToStage(at.cardId, -1);
      if (key === 'ArrowRight') d.shiftToStage(at.cardId, 1);
      return;
    }
    if (key === 'Enter' || key === 'F2') d.startEditing({ kind: 'card', id: at.cardId });
    else d.deleteCard(at.cardId);
  }, []);
}
