import { describe, expect, it } from 'vitest';
import { shareUnchanged } from '../../../../client/src/board/core/hooks.js';
import {
  buildTableGrid,
  cardById,
  cardsIn,
  meanVolume,
} from '../../../../client/src/board/table/tableGrid.js';
import {
  addCard,
  addLane,
  addStage,
  readBoard,
  setCardText,
} from '../../../../shared/model/index.js';
import { boardWithGrid, newBoard } from '../../shared/model/helpers.js';

describe('buildTableGrid', () => {
  it('puts each card in its stage × lane cell, in board order, and knows where each sits', () => {
    const { doc, s1, s2, l1, l2 } = boardWithGrid();
    const a = addCard(doc, { stageId: s1, laneId: l1, text: 'A' });
    const b = addCard(doc, { stageId: s1, laneId: l1, text: 'B', index: 0 });
    const c = addCard(doc, { stageId: s2, laneId: l2, emotion: -2 });
    const grid = buildTableGrid(readBoard(doc));
    expect(grid.stages.map((s) => s.id)).toEqual([s1, s2]);
    expect(grid.lanes.map((l) => l.id)).toEqual([l1, l2]);
    expect(cardsIn(grid, s1, l1).map((x) => x.text)).toEqual(['B', 'A']);
    expect(cardsIn(grid, s2, l1)).toEqual([]);
    expect(grid.places.get(a)).toEqual({ row: 0, col: 0, item: 1 });
    expect(grid.places.get(b)).toEqual({ row: 0, col: 0, item: 0 });
    expect(grid.places.get(c)).toEqual({ row: 1, col: 1, item: 0 });
    expect(cardById(grid, c)?.emotion).toBe(-2);
    expect(cardById(grid, 'nope')).toBeUndefined();
  });

  it('keeps the card list of every unchanged cell, so one edit re-renders one cell', () => {
    const { doc, s1, s2, l1, l2 } = boardWithGrid();
    const a = addCard(doc, { stageId: s1, laneId: l1, text: 'A' });
    addCard(doc, { stageId: s2, laneId: l2, emotion: 1 });
    const first = readBoard(doc);
    const before = buildTableGrid(first);
    setCardText(doc, a, 'A, edited');
    const after = buildTableGrid(shareUnchanged(first, readBoard(doc)), before);
    expect(cardsIn(after, s2, l2)).toBe(cardsIn(before, s2, l2));
    expect(cardsIn(after, s1, l1)).not.toBe(cardsIn(before, s1, l1));
    expect(cardsIn(after, s1, l1)[0]?.text).toBe('A, edited');
    // Empty cells share one list too.
    expect(cardsIn(after, s2, l1)).toBe(cardsIn(before, s1, l2));
  });

  it('builds a 30 × 12 board with 500 cards quickly', () => {
    const doc = newBoard();
    const stages = Array.from({ length: 30 }, (_, i) => addStage(doc, { name: `S${i}` }));
    const lanes = Array.from({ length: 12 }, (_, i) =>
      addLane(doc, { name: `L${i}`, kind: 'touchpoints' }),
    );
    doc.transact(() => {
      for (let i = 0; i < 500; i++)
        addCard(doc, { stageId: stages[i % 30]!, laneId: lanes[i % 12]!, text: `card ${i}` });
    });
    const board = readBoard(doc);
    const started = performance.now();
    let grid = buildTableGrid(board);
    for (let i = 0; i < 20; i++) grid = buildTableGrid(board, grid);
    expect((performance.now() - started) / 21).toBeLessThan(20);
    expect(grid.places.size).toBe(500);
  });

  it('averages the contact volume of the cards that have one', () => {
    const { doc, s1, l1 } = boardWithGrid();
    addCard(doc, { stageId: s1, laneId: l1, metrics: { volume: 100 } });
    addCard(doc, { stageId: s1, laneId: l1, metrics: { volume: 300, csat: 50 } });
    addCard(doc, { stageId: s1, laneId: l1, metrics: { csat: 90 } });
    expect(meanVolume(readBoard(doc).cards)).toBe(200);
    expect(meanVolume([])).toBe(0);
  });
});
