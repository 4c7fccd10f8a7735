/** The board as rows (lanes) × columns (stages) of card lists: what the table view renders. */
import type { BoardSnapshot, Card, Lane, Stage } from '../../../../shared/model/schema.js';
import { cellKey } from '../core/layout.js';

/** Where a card sits in the table: lane row, stage column and its index among the cell's cards. */
export interface CardPlace {
  row: number;
  col: number;
  item: number;
}

export interface TableGrid {
  stages: Stage[];
  lanes: Lane[];
  /** Cards per cell key (`stageId|laneId`), in board order; empty cells have no entry. */
  cells: Map<string, Card[]>;
  places: Map<string, CardPlace>;
}

const NO_CARDS: readonly Card[] = Object.freeze([]);

/** The cards of one cell (a shared empty list for an empty cell, so memoised cells skip it). */
export function cardsIn(grid: TableGrid, stageId: string, laneId: string): readonly Card[] {
  return grid.cells.get(cellKey(stageId, laneId)) ?? NO_CARDS;
}

export function cardById(grid: TableGrid, cardId: string): Card | undefined {
  const place = grid.places.get(cardId);
  const stage = place && grid.stages[place.col];
  const lane = place && grid.lanes[place.row];
  return place && stage && lane ? cardsIn(grid, stage.id, lane.id)[place.item] : undefined;
}

/**
 * Builds the grid from a snapshot (cards already in board order). With the previous grid, every
 * cell whose cards are the same objects keeps its old list, so only changed cells re-render.
 */
export function buildTableGrid(board: BoardSnapshot, previous?: TableGrid): TableGrid {
  const cells = new Map<string, Card[]>();
  for (const card of board.cards) {
    const key = cellKey(card.stageId, card.laneId);
    const list = cells.get(key);
    if (list) list.push(card);
    else cells.set(key, [card]);
  }
  if (previous) {
    for (const [key, list] of cells) {
      const before = previous.cells.get(key);
      if (before && sameItems(before, list)) cells.set(key, before);
    }
  }
  const row = new Map(board.lanes.map((l, i) => [l.id, i]));
  const col = new Map(board.stages.map((s, i) => [s.id, i]));
  const places = new Map<string, CardPlace>();
  for (const [key, list] of cells) {
    const [stageId = '', laneId = ''] = key.split('|');
    const r = row.get(laneId);
    const c = col.get(stageId);
    if (r === undefined || c === undefined) continue;
    list.forEach((card, item) => places.set(card.id, { row: r, col: c, item }));
  }
  return { stages: board.stages, lanes: board.lanes, cells, places };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Mean contact volume over the cards that have one (what metric colours compare against). */
export function meanVolume(cards: readonly Card[]): number {
  let sum = 0;
  let n = 0;
  for (const card of cards) {
    if (card.metrics.volume === undefined) continue;
    sum += card.metrics.volume;
    n++;
  }
  return n ? sum / n : 0;
}
