/** The table view's writes, against a real Y.Doc through shared/model (no mocks). */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCardAt,
  deleteCardAt,
  renameAxis,
  shiftCardToStage,
  shiftCardVertically,
  writeCardText,
  type ActionDeps,
} from '../../../../client/src/board/table/tableActions.js';
import { buildTableGrid, cardById, cardsIn } from '../../../../client/src/board/table/tableGrid.js';
import { addCard, readBoard, renameStage } from '../../../../shared/model/index.js';
import { boardRoots } from '../../../../shared/model/doc.js';
import { boardWithGrid } from '../../shared/model/helpers.js';

function deps(doc: Y.Doc, errors: string[] = []): ActionDeps {
  return {
    doc,
    grid: buildTableGrid(readBoard(doc)),
    attempt(write) {
      try {
        return write();
      } catch (err) {
        errors.push(String(err));
        return undefined;
      }
    },
  };
}

function fixture() {
  const board = boardWithGrid();
  renameStage(board.doc, board.s1, 'Purchase');
  renameStage(board.doc, board.s2, 'Onboarding');
  const { doc, s1, l1 } = board;
  const a = addCard(doc, { stageId: s1, laneId: l1, text: 'A' });
  const b = addCard(doc, { stageId: s1, laneId: l1, text: 'B' });
  const c = addCard(doc, { stageId: s1, laneId: l1, text: 'C' });
  return { ...board, a, b, c };
}

const texts = (doc: Y.Doc, stageId: string, laneId: string) =>
  cardsIn(buildTableGrid(readBoard(doc)), stageId, laneId).map((c) => c.text);

describe('table actions', () => {
  it('adds a card after the focused one and names the cell; emotion cards start neutral', () => {
    const { doc, s1, s2, l1, l2 } = fixture();
    const added = addCardAt(deps(doc), s1, l1, 0);
    expect(added?.message).toBe('Card added in Purchase · Actions');
    const grid = buildTableGrid(readBoard(doc));
    expect(grid.places.get(added!.focusCardId!)).toEqual({ row: 0, col: 0, item: 1 });
    const feeling = addCardAt(deps(doc), s2, l2);
    expect(cardById(buildTableGrid(readBoard(doc)), feeling!.focusCardId!)?.emotion).toBe(0);
  });

  it('deletes a card and sends focus to the next card, the previous one, then the cell', () => {
    const { doc, s1, l1, a, b, c } = fixture();
    expect(deleteCardAt(deps(doc), b)?.focusCardId).toBe(c);
    expect(deleteCardAt(deps(doc), c)?.focusCardId).toBe(a);
    const last = deleteCardAt(deps(doc), a);
    expect(last?.focusCardId).toBeUndefined();
    expect(last?.focusCell).toEqual({ stageId: s1, laneId: l1 });
    expect(last?.message).toMatch(/^Card deleted from Purchase · Actions/);
    expect(texts(doc, s1, l1)).toEqual([]);
  });

  it('reorders with Alt+Up/Down inside a cell and stops at its ends', () => {
    const { doc, s1, l1, a, c } = fixture();
    expect(shiftCardVertically(deps(doc), a, 1)?.message).toBe('Moved to 2 of 3');
    expect(texts(doc, s1, l1)).toEqual(['B', 'A', 'C']);
    expect(shiftCardVertically(deps(doc), c, -1)?.focusCardId).toBe(c);
    expect(texts(doc, s1, l1)).toEqual(['B', 'C', 'A']);
    expect(shiftCardVertically(deps(doc), a, 1)).toBeNull();
    expect(texts(doc, s1, l1)).toEqual(['B', 'C', 'A']);
  });

  it('in an emotions lane Alt+Up/Down raise and lower the score, within −2…+2', () => {
    const { doc, s1, l2 } = fixture();
    const point = addCard(doc, { stageId: s1, laneId: l2, emotion: 1 });
    expect(shiftCardVertically(deps(doc), point, -1)?.message).toBe('Emotion +2');
    expect(shiftCardVertically(deps(doc), point, -1)).toBeNull();
    shiftCardVertically(deps(doc), point, 1);
    shiftCardVertically(deps(doc), point, 1);
    expect(cardById(buildTableGrid(readBoard(doc)), point)?.emotion).toBe(0);
  });

  it('moves a card to the neighbouring stage at the same height, not past the last stage', () => {
    const { doc, s1, s2, l1, b } = fixture();
    addCard(doc, { stageId: s2, laneId: l1, text: 'X' });
    addCard(doc, { stageId: s2, laneId: l1, text: 'Y' });
    const moved = shiftCardToStage(deps(doc), b, 1);
    expect(moved?.message).toBe('Card moved to Onboarding · Actions');
    expect(texts(doc, s2, l1)).toEqual(['X', 'B', 'Y']);
    expect(texts(doc, s1, l1)).toEqual(['A', 'C']);
    expect(shiftCardToStage(deps(doc), b, 1)).toBeNull();
    expect(shiftCardToStage(deps(doc), b, -1)).not.toBeNull();
    expect(texts(doc, s1, l1)).toEqual(['A', 'B', 'C']);
  });

  it('renames a stage, ignores an empty name, and reports model errors instead of throwing', () => {
    const { doc, s1 } = fixture();
    renameAxis(deps(doc), 'stage', s1, 'Buy');
    renameAxis(deps(doc), 'stage', s1, '   ');
    expect(readBoard(doc).stages[0]?.name).toBe('Buy');
    const errors: string[] = [];
    expect(addCardAt(deps(doc, errors), 'gone', 'gone')).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('makes adds, moves and deletes their own undo steps, so Ctrl+Z after Delete restores the card', () => {
    const { doc, s1, s2, l1 } = fixture();
    const roots = boardRoots(doc);
    // A long capture window: without separate steps, everything below would be one undo.
    const undo = new Y.UndoManager([roots.cards], { captureTimeout: 60_000 });
    const withUndo = () => ({ ...deps(doc), undo });
    const added = addCardAt(withUndo(), s1, l1)!.focusCardId!;
    writeCardText(withUndo(), added, 'Typed');
    shiftCardToStage(withUndo(), added, 1);
    deleteCardAt(withUndo(), added);
    undo.undo();
    expect(texts(doc, s2, l1)).toEqual(['Typed']);
    undo.undo();
    expect(texts(doc, s1, l1)).toEqual(['A', 'B', 'C', 'Typed']);
    undo.undo();
    expect(texts(doc, s1, l1)).toEqual(['A', 'B', 'C']);
  });
});
