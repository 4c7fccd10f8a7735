import { describe, expect, it } from 'vitest';
import { deleteStage, diffBoards, readBoard } from '../../../../shared/model/index.js';
import { GRID, layoutBoard } from '../../../../client/src/board/core/layout.js';
import { GHOST_H, placeDiffMarks } from '../../../../client/src/board/versions/diffMarks.js';
import { editedBoard } from './fixture.js';

const SCREEN = { w: 4000, h: 4000 };
const AT_ORIGIN = { x: 0, y: 0, zoom: 1 };

describe('placeDiffMarks', () => {
  it('marks added and changed cards on their boxes, through the viewport', () => {
    const { before, after, ids } = editedBoard();
    const layout = layoutBoard(readBoard(after));
    const viewport = { x: 100, y: 50, zoom: 2 };
    const { marks, unplaced } = placeDiffMarks(diffBoards(before, after), layout, viewport, SCREEN);
    expect(unplaced).toBe(0);
    const byCard = new Map(marks.map((m) => [m.cardId, m]));
    const box = layout.cards.get(ids.web)!;
    expect(byCard.get(ids.web)).toMatchObject({
      tone: 'changed',
      text: 'Help centre',
      left: (box.x - 100) * 2,
      top: (box.y - 50) * 2,
      width: box.w * 2,
      height: box.h * 2,
    });
    expect(byCard.get(ids.added)?.tone).toBe('added');
    expect(byCard.get(ids.call)?.tone).toBe('changed');
    expect(byCard.get(ids.queue)?.badges).toContain('Pain point closed');
  });

  it('ghosts a removed card at the bottom of the cell it left', () => {
    const { before, after, ids } = editedBoard();
    const layout = layoutBoard(readBoard(after));
    const { marks } = placeDiffMarks(diffBoards(before, after), layout, AT_ORIGIN, SCREEN);
    const ghost = marks.find((m) => m.cardId === ids.gone)!;
    const column = layout.columns.find((c) => c.id === ids.purchase)!;
    const row = layout.rows.find((r) => r.id === ids.touch)!;
    expect(ghost).toMatchObject({ tone: 'removed', text: 'Fax order', height: GHOST_H });
    expect(ghost.left).toBe(column.x + GRID.pad);
    expect(ghost.top + ghost.height).toBeLessThanOrEqual(row.y + row.h);
    // Below every card still in that cell, so it covers none of them.
    for (const id of layout.cells.get(`${ids.purchase}|${ids.touch}`) ?? []) {
      const card = layout.cards.get(id)!;
      expect(ghost.top).toBeGreaterThanOrEqual(card.y + card.h);
    }
  });

  it('lists a removed card whose cell is gone, and skips marks off screen', () => {
    const { before, after, ids } = editedBoard();
    deleteStage(after, ids.purchase);
    const layout = layoutBoard(readBoard(after));
    const diff = diffBoards(before, after);
    const all = placeDiffMarks(diff, layout, AT_ORIGIN, SCREEN);
    expect(all.marks.some((m) => m.cardId === ids.gone)).toBe(false);
    expect(all.unplaced).toBeGreaterThanOrEqual(1);
    const far = placeDiffMarks(diff, layout, { x: 10_000, y: 10_000, zoom: 1 }, SCREEN);
    expect(far.marks).toEqual([]);
  });
});
