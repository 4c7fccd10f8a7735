/**
 * Keyboard movement in the table view (WAI-ARIA grid pattern). Pure: positions are indices, and
 * the caller maps keys to moves and positions to elements.
 *
 * A position is a lane row (−1 = the stage header row), a stage column (−1 = the lane header
 * column) and an item (−1 = the cell itself, else a card of the cell). Walking down a column
 * visits each cell and then its cards, so a whole column reads in order.
 */
import type { TableGrid } from './tableGrid.js';
import { cardsIn } from './tableGrid.js';

export interface GridPos {
  row: number;
  col: number;
  item: number;
}

export interface GridShape {
  rows: number;
  cols: number;
  /** Cards in the cell at a lane row and stage column (both ≥ 0). */
  count(row: number, col: number): number;
}

export type GridMove =
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'rowStart'
  | 'rowEnd'
  | 'gridStart'
  | 'gridEnd'
  | 'prevCell'
  | 'nextCell'
  | 'nextInCell'
  | 'prevInCell';

export function shapeOf(grid: TableGrid): GridShape {
  return {
    rows: grid.lanes.length,
    cols: grid.stages.length,
    count: (row, col) => {
      const stage = grid.stages[col];
      const lane = grid.lanes[row];
      return stage && lane ? cardsIn(grid, stage.id, lane.id).length : 0;
    },
  };
}

const isCell = (p: GridPos) => p.row >= 0 && p.col >= 0;

/** Whether a position exists in a grid of this shape (the top-left corner never does). */
export function isValid(p: GridPos, shape: GridShape): boolean {
  if (p.row < -1 || p.row >= shape.rows || p.col < -1 || p.col >= shape.cols) return false;
  if (p.row === -1 && p.col === -1) return false;
  if (!isCell(p)) return p.item === -1;
  return p.item >= -1 && p.item < shape.count(p.row, p.col);
}

/** The first position of a grid: its first cell, else its first header; null when empty. */
export function firstPos(shape: GridShape): GridPos | null {
  if (shape.rows > 0 && shape.cols > 0) return { row: 0, col: 0, item: -1 };
  if (shape.cols > 0) return { row: -1, col: 0, item: -1 };
  if (shape.rows > 0) return { row: 0, col: -1, item: -1 };
  return null;
}

/** The nearest valid position to one that may have gone (a stage, lane or card deleted). */
export function clampPos(p: GridPos, shape: GridShape): GridPos | null {
  if (shape.rows === 0 && shape.cols === 0) return null;
  let row = Math.min(Math.max(p.row, -1), shape.rows - 1);
  let col = Math.min(Math.max(p.col, -1), shape.cols - 1);
  if (row === -1 && col === -1) {
    if (shape.cols > 0) col = 0;
    else row = 0;
  }
  const count = row >= 0 && col >= 0 ? shape.count(row, col) : 0;
  return { row, col, item: Math.min(Math.max(p.item, -1), count - 1) };
}

const cell = (row: number, col: number): GridPos => ({ row, col, item: -1 });

/** Where a move leads from `p`, or null when it leads nowhere (an edge, or Tab leaving a cell). */
export function move(p: GridPos, to: GridMove, shape: GridShape): GridPos | null {
  const lastRow = shape.rows - 1;
  const lastCol = shape.cols - 1;
  const minCol = p.row === -1 ? 0 : -1;
  const minRow = p.col === -1 ? 0 : -1;
  let next: GridPos | null = null;
  switch (to) {
    case 'left':
      next = p.col > minCol ? cell(p.row, p.col - 1) : null;
      break;
    case 'right':
      next = p.col < lastCol ? cell(p.row, p.col + 1) : null;
      break;
    case 'down':
      if (isCell(p) && p.item < shape.count(p.row, p.col) - 1) next = { ...p, item: p.item + 1 };
      else next = p.row < lastRow ? cell(p.row + 1, p.col) : null;
      break;
    case 'up':
      if (isCell(p) && p.item >= 0) next = { ...p, item: p.item - 1 };
      else if (p.row <= minRow) next = null;
      else if (p.row - 1 >= 0 && p.col >= 0)
        next = { row: p.row - 1, col: p.col, item: shape.count(p.row - 1, p.col) - 1 };
      else next = cell(p.row - 1, p.col);
      break;
    case 'nextCell':
      next = p.row < lastRow ? cell(p.row + 1, p.col) : null;
      break;
    case 'prevCell':
      next = p.row > minRow ? cell(p.row - 1, p.col) : null;
      break;
    case 'rowStart':
      next = cell(p.row, minCol);
      break;
    case 'rowEnd':
      next = cell(p.row, lastCol);
      break;
    case 'gridStart':
      next = shape.cols > 0 ? cell(-1, 0) : firstPos(shape);
      break;
    case 'gridEnd':
      next = shape.rows > 0 ? cell(lastRow, lastCol) : cell(-1, lastCol);
      break;
    case 'nextInCell':
      next =
        isCell(p) && p.item < shape.count(p.row, p.col) - 1 ? { ...p, item: p.item + 1 } : null;
      break;
    case 'prevInCell':
      next = isCell(p) && p.item >= 0 ? { ...p, item: p.item - 1 } : null;
      break;
  }
  if (!next || !isValid(next, shape)) return null;
  return next.row === p.row && next.col === p.col && next.item === p.item ? null : next;
}

/** The move a key press asks for (arrows, Home/End, Page Up/Down, Tab), or null. */
export function moveForKey(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): GridMove | null {
  if (e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  switch (e.key) {
    case 'ArrowLeft':
      return mod ? null : 'left';
    case 'ArrowRight':
      return mod ? null : 'right';
    case 'ArrowUp':
      return mod ? null : 'up';
    case 'ArrowDown':
      return mod ? null : 'down';
    case 'Home':
      return mod ? 'gridStart' : 'rowStart';
    case 'End':
      return mod ? 'gridEnd' : 'rowEnd';
    case 'PageUp':
      return 'prevCell';
    case 'PageDown':
      return 'nextCell';
    case 'Tab':
      return mod ? null : e.shiftKey ? 'prevInCell' : 'nextInCell';
    default:
      return null;
  }
}

/** What a position stands for, by id, so it survives others adding and removing things. */
export interface GridTarget {
  stageId: string | null;
  laneId: string | null;
  cardId: string | null;
}

export function targetAt(p: GridPos, grid: TableGrid): GridTarget {
  const stage = p.col >= 0 ? grid.stages[p.col] : undefined;
  const lane = p.row >= 0 ? grid.lanes[p.row] : undefined;
  const card = stage && lane && p.item >= 0 ? cardsIn(grid, stage.id, lane.id)[p.item] : undefined;
  return { stageId: stage?.id ?? null, laneId: lane?.id ?? null, cardId: card?.id ?? null };
}

/**
 * Where a target is now: its card wherever that went; else its cell (a card someone deleted
 * leaves focus on its cell); else near the last known position (its stage or lane went).
 */
export function locate(target: GridTarget, grid: TableGrid, last: GridPos): GridPos | null {
  const shape = shapeOf(grid);
  const placed = target.cardId ? grid.places.get(target.cardId) : undefined;
  if (placed) return placed;
  const row = target.laneId === null ? -1 : grid.lanes.findIndex((l) => l.id === target.laneId);
  const col = target.stageId === null ? -1 : grid.stages.findIndex((s) => s.id === target.stageId);
  const gone = (target.laneId !== null && row === -1) || (target.stageId !== null && col === -1);
  if (gone) return clampPos({ ...last, item: -1 }, shape);
  return clampPos({ row, col, item: -1 }, shape);
}
