import { describe, expect, it } from 'vitest';
import {
  clampPos,
  firstPos,
  isValid,
  locate,
  move,
  moveForKey,
  shapeOf,
  targetAt,
  type GridMove,
  type GridPos,
  type GridShape,
} from '../../../../client/src/board/table/gridNav.js';
import { buildTableGrid } from '../../../../client/src/board/table/tableGrid.js';
import { addCard, deleteCard, deleteLane, readBoard } from '../../../../shared/model/index.js';
import { boardWithGrid } from '../../shared/model/helpers.js';

/** 2 lanes × 3 stages; cell (0,1) holds 2 cards, (1,0) 1 card, the rest none. */
const shape: GridShape = {
  rows: 2,
  cols: 3,
  count: (row, col) => (row === 0 && col === 1 ? 2 : row === 1 && col === 0 ? 1 : 0),
};
const at = (row: number, col: number, item = -1): GridPos => ({ row, col, item });
const go = (from: GridPos, ...moves: GridMove[]) =>
  moves.reduce<GridPos | null>((p, m) => (p ? move(p, m, shape) : null), from);

describe('grid movement', () => {
  it('moves left and right between cells, into the lane header and not past the edges', () => {
    expect(move(at(0, 0), 'right', shape)).toEqual(at(0, 1));
    expect(move(at(0, 2), 'right', shape)).toBeNull();
    expect(move(at(0, 0), 'left', shape)).toEqual(at(0, -1));
    expect(move(at(0, -1), 'left', shape)).toBeNull();
    // Sideways from a card lands on the neighbouring cell itself.
    expect(move(at(0, 1, 1), 'right', shape)).toEqual(at(0, 2));
    // The header row has no corner cell.
    expect(move(at(-1, 0), 'left', shape)).toBeNull();
  });

  it('walks down a column through each cell and then its cards', () => {
    const path: GridPos[] = [];
    let p: GridPos | null = at(-1, 1);
    while (p) {
      path.push(p);
      p = move(p, 'down', shape);
    }
    expect(path).toEqual([at(-1, 1), at(0, 1), at(0, 1, 0), at(0, 1, 1), at(1, 1)]);
  });

  it('walks up through the previous cell’s last card to the stage header', () => {
    expect(go(at(1, 1), 'up')).toEqual(at(0, 1, 1));
    expect(go(at(1, 1), 'up', 'up', 'up', 'up')).toEqual(at(-1, 1));
    expect(move(at(-1, 1), 'up', shape)).toBeNull();
    // An empty cell above: the cell itself.
    expect(move(at(1, 2), 'up', shape)).toEqual(at(0, 2));
    // Lane headers move between lanes only.
    expect(move(at(1, -1), 'up', shape)).toEqual(at(0, -1));
    expect(move(at(0, -1), 'up', shape)).toBeNull();
  });

  it('Page Up / Down skip cards; Home / End go along the row; Ctrl+Home / End to the corners', () => {
    expect(move(at(0, 1, 1), 'nextCell', shape)).toEqual(at(1, 1));
    expect(move(at(1, 1), 'prevCell', shape)).toEqual(at(0, 1));
    expect(move(at(0, 1), 'prevCell', shape)).toEqual(at(-1, 1));
    expect(move(at(1, 2), 'rowStart', shape)).toEqual(at(1, -1));
    expect(move(at(-1, 2), 'rowStart', shape)).toEqual(at(-1, 0));
    expect(move(at(1, 0, 0), 'rowEnd', shape)).toEqual(at(1, 2));
    expect(move(at(1, 1), 'gridStart', shape)).toEqual(at(-1, 0));
    expect(move(at(0, 0), 'gridEnd', shape)).toEqual(at(1, 2));
  });

  it('Tab steps through the cards of a cell and then lets the browser move on', () => {
    expect(move(at(0, 1), 'nextInCell', shape)).toEqual(at(0, 1, 0));
    expect(move(at(0, 1, 0), 'nextInCell', shape)).toEqual(at(0, 1, 1));
    expect(move(at(0, 1, 1), 'nextInCell', shape)).toBeNull();
    expect(move(at(0, 1, 1), 'prevInCell', shape)).toEqual(at(0, 1, 0));
    expect(move(at(0, 1), 'prevInCell', shape)).toBeNull();
    expect(move(at(-1, 1), 'nextInCell', shape)).toBeNull();
  });

  it('maps keys to moves, leaving Alt and Ctrl+arrows to others', () => {
    const key = (
      k: string,
      mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'altKey', boolean>> = {},
    ) =>
      moveForKey({
        key: k,
        ctrlKey: false,
        metaKey: false,
        shiftKey: false,
        altKey: false,
        ...mods,
      });
    expect(key('ArrowDown')).toBe('down');
    expect(key('ArrowLeft')).toBe('left');
    expect(key('ArrowUp', { altKey: true })).toBeNull();
    expect(key('ArrowUp', { ctrlKey: true })).toBeNull();
    expect(key('Home')).toBe('rowStart');
    expect(key('End', { ctrlKey: true })).toBe('gridEnd');
    expect(key('PageDown')).toBe('nextCell');
    expect(key('Tab')).toBe('nextInCell');
    expect(key('Tab', { shiftKey: true })).toBe('prevInCell');
    expect(key('n')).toBeNull();
  });

  it('knows valid positions, the first one, and clamps to the nearest valid one', () => {
    expect(isValid(at(-1, -1), shape)).toBe(false);
    expect(isValid(at(0, 1, 1), shape)).toBe(true);
    expect(isValid(at(0, 1, 2), shape)).toBe(false);
    expect(firstPos(shape)).toEqual(at(0, 0));
    expect(firstPos({ rows: 0, cols: 2, count: () => 0 })).toEqual(at(-1, 0));
    expect(firstPos({ rows: 0, cols: 0, count: () => 0 })).toBeNull();
    expect(clampPos(at(5, 1, 3), shape)).toEqual(at(1, 1));
    expect(clampPos(at(0, 1, 9), shape)).toEqual(at(0, 1, 1));
  });
});

describe('locate: focus survives other people’s edits', () => {
  it('follows a card that moved, and falls back to its cell when it is deleted', () => {
    const { doc, s2, l1, l2 } = boardWithGrid();
    addCard(doc, { stageId: s2, laneId: l1, text: 'A' });
    const b = addCard(doc, { stageId: s2, laneId: l1, text: 'B' });
    let grid = buildTableGrid(readBoard(doc));
    const target = targetAt(at(0, 1, 1), grid);
    expect(target).toEqual({ stageId: s2, laneId: l1, cardId: b });
    // Someone inserts a card before it: the index changes, the focus does not.
    addCard(doc, { stageId: s2, laneId: l1, text: 'first', index: 0 });
    grid = buildTableGrid(readBoard(doc));
    expect(locate(target, grid, at(0, 1, 1))).toEqual(at(0, 1, 2));
    // Someone deletes it: focus stays on its cell, not somewhere random.
    deleteCard(doc, b);
    grid = buildTableGrid(readBoard(doc));
    expect(locate(target, grid, at(0, 1, 2))).toEqual(at(0, 1));
    // Its lane goes: the nearest position that still exists.
    deleteLane(doc, l1);
    grid = buildTableGrid(readBoard(doc));
    expect(shapeOf(grid).rows).toBe(1);
    expect(locate(target, grid, at(0, 1, 2))).toEqual(at(0, 1));
    expect(grid.lanes[0]?.id).toBe(l2);
  });
});
