import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addShape,
  addStage,
  deleteCard,
  initBoard,
  ModelError,
  readBoard,
} from '../../../../shared/model/index.js';
import { colorCards, deleteItems } from '../../../../client/src/board/details/actions.js';

function fixture() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Checkout', mapType: 'current-state' });
  const stageId = addStage(doc, { name: 'Browse' });
  const laneId = addLane(doc, { name: 'Actions', kind: 'actions' });
  const cards = [1, 2, 3].map((n) => addCard(doc, { stageId, laneId, text: `card ${n}` }));
  const note = addShape(doc, { type: 'note', x: 0, y: 0, w: 10, h: 10 });
  const arrow = addShape(doc, {
    type: 'arrow',
    x: 0,
    y: 0,
    w: 10,
    h: 0,
    from: cards[0],
    to: note,
  });
  return { doc, cards, note, arrow };
}

function transactions(doc: Y.Doc, run: () => void): number {
  let count = 0;
  const onTx = () => count++;
  doc.on('afterTransaction', onTx);
  try {
    run();
  } finally {
    doc.off('afterTransaction', onTx);
  }
  return count;
}

describe('bulk panel actions', () => {
  it('deleteItems deletes cards and shapes in one transaction (one undo step)', () => {
    const { doc, cards, note, arrow } = fixture();
    const undo = new Y.UndoManager([doc.getMap('cards'), doc.getMap('shapes')]);
    const n = transactions(doc, () =>
      deleteItems(doc, { cards: [cards[0]!, cards[1]!], shapes: [note] }),
    );
    expect(n).toBe(1);
    const board = readBoard(doc);
    expect(board.cards.map((c) => c.id)).toEqual([cards[2]]);
    expect(board.shapes.map((s) => s.id)).toEqual([arrow]);
    // The arrow let go of both deleted ends.
    expect(board.shapes[0]).not.toHaveProperty('from');
    expect(board.shapes[0]).not.toHaveProperty('to');
    undo.undo();
    expect(readBoard(doc).cards).toHaveLength(3);
    expect(readBoard(doc).shapes).toHaveLength(2);
  });

  it('deleteItems still deletes the rest when one id is gone, then reports it', () => {
    const { doc, cards } = fixture();
    deleteCard(doc, cards[1]!);
    expect(() => deleteItems(doc, { cards: cards, shapes: [] })).toThrow(ModelError);
    expect(readBoard(doc).cards).toEqual([]);
  });

  it('colorCards colours (and clears) every card in one transaction', () => {
    const { doc, cards } = fixture();
    const n = transactions(doc, () => colorCards(doc, cards, '#fee2e2'));
    expect(n).toBe(1);
    expect(readBoard(doc).cards.map((c) => c.color)).toEqual(['#fee2e2', '#fee2e2', '#fee2e2']);
    colorCards(doc, [cards[0]!], undefined);
    expect(readBoard(doc).cards.map((c) => c.color)).toEqual([undefined, '#fee2e2', '#fee2e2']);
  });

  it('an empty selection writes nothing', () => {
    const { doc } = fixture();
    let updates = 0;
    doc.on('update', () => updates++);
    deleteItems(doc, { cards: [], shapes: [] });
    colorCards(doc, [], '#ffffff');
    expect(updates).toBe(0);
  });
});
