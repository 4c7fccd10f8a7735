import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  addShape,
  boardRoots,
  deleteShape,
  readShapes,
  setShapeText,
  SHAPE_DEFAULT_COLOR,
  SHAPE_TYPES,
  updateShape,
  type Shape,
  type ShapeType,
} from '../../../../shared/model/index.js';
import { boardWithGrid, countUpdates, expectModelError, newBoard } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const BOX = { x: 10, y: 20, w: 120, h: 80 };

function shapeOf(doc: Y.Doc, id: string): Shape {
  const shape = readShapes(doc).find((s) => s.id === id);
  if (!shape) throw new Error(`no shape ${id}`);
  return shape;
}

describe('addShape', () => {
  // An image shape needs a picture id: pictures.test.ts.
  it.each(SHAPE_TYPES.filter((t) => t !== 'arrow' && t !== 'image'))(
    'adds a %s with empty text and its default colour in one transaction',
    (type) => {
      const doc = newBoard();
      let id = '';
      expect(countUpdates(doc, () => (id = addShape(doc, { type, ...BOX })))).toBe(1);
      expect(shapeOf(doc, id)).toEqual({
        id,
        type,
        ...BOX,
        text: '',
        color: SHAPE_DEFAULT_COLOR[type],
      });
    },
  );

  it('adds an arrow with an empty label, stuck to a card and a shape', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const card = addCard(doc, { stageId: s1, laneId: l1 });
    const note = addShape(doc, { type: 'note', ...BOX, text: 'Why?' });
    const arrow = addShape(doc, { type: 'arrow', x: 0, y: 0, w: 50, h: 0, from: card, to: note });
    expect(shapeOf(doc, arrow)).toEqual({
      id: arrow,
      type: 'arrow',
      x: 0,
      y: 0,
      w: 50,
      h: 0,
      color: SHAPE_DEFAULT_COLOR.arrow,
      text: '',
      from: card,
      to: note,
    });
  });

  // setOrDelete() reads the new Y.Map before it is added to the doc; Yjs warns on that read.
  it('does not read the new arrow before it is in the doc (no Yjs warning)', () => {
    const doc = newBoard();
    const a = addShape(doc, { type: 'rect', ...BOX });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    addShape(doc, { type: 'arrow', ...BOX, from: a, to: a });
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps a given id, text and colour', () => {
    const doc = newBoard();
    addShape(doc, { id: 'sticky', type: 'note', ...BOX, text: 'Idea', color: '#ffffff' });
    expect(shapeOf(doc, 'sticky')).toEqual({
      id: 'sticky',
      type: 'note',
      ...BOX,
      text: 'Idea',
      color: '#ffffff',
    });
  });

  it('rejects an unknown type and non-finite geometry', () => {
    const doc = newBoard();
    const updates = countUpdates(doc, () => {
      expectModelError(() => addShape(doc, { type: 'circle' as ShapeType, ...BOX }), 'shapes.type');
      expectModelError(() => addShape(doc, { type: 'rect', ...BOX, x: Number.NaN }), 'shapes.x');
      expectModelError(
        () => addShape(doc, { type: 'rect', ...BOX, h: Number.POSITIVE_INFINITY }),
        'shapes.h',
      );
    });
    expect(updates).toBe(0);
    expect(readShapes(doc)).toEqual([]);
  });

  it('reads shapes sorted by id', () => {
    const doc = newBoard();
    for (const id of ['m', 'b', 'x', 'a']) addShape(doc, { id, type: 'rect', ...BOX });
    expect(readShapes(doc).map((s) => s.id)).toEqual(['a', 'b', 'm', 'x']);
  });
});

describe('updateShape', () => {
  it('changes only the given keys, in one transaction', () => {
    const doc = newBoard();
    const id = addShape(doc, { type: 'rect', ...BOX, text: 'Box' });
    expect(countUpdates(doc, () => updateShape(doc, id, { x: 99, w: 5, color: '#000000' }))).toBe(
      1,
    );
    expect(shapeOf(doc, id)).toEqual({
      id,
      type: 'rect',
      x: 99,
      y: 20,
      w: 5,
      h: 80,
      text: 'Box',
      color: '#000000',
    });
  });

  it('attaches and, with null, detaches arrow ends', () => {
    const doc = newBoard();
    const a = addShape(doc, { type: 'rect', ...BOX });
    const b = addShape(doc, { type: 'rect', ...BOX });
    const arrow = addShape(doc, { type: 'arrow', ...BOX });
    updateShape(doc, arrow, { from: a, to: b });
    expect(shapeOf(doc, arrow)).toMatchObject({ from: a, to: b });
    updateShape(doc, arrow, { from: null });
    expect(shapeOf(doc, arrow)).not.toHaveProperty('from');
    expect(shapeOf(doc, arrow).to).toBe(b);
    updateShape(doc, arrow, { y: 1 }); // an end not given stays as it is
    expect(shapeOf(doc, arrow).to).toBe(b);
  });

  it('rejects non-finite geometry and an unknown shape', () => {
    const doc = newBoard();
    const id = addShape(doc, { type: 'rect', ...BOX });
    expectModelError(() => updateShape(doc, id, { w: Number.NaN }), 'shapes.w');
    expectModelError(() => updateShape(doc, 'ghost', { x: 1 }), 'shapes.ghost');
    expect(shapeOf(doc, id)).toMatchObject(BOX);
  });
});

describe('setShapeText', () => {
  it('sets the text of a note in one transaction', () => {
    const doc = newBoard();
    const id = addShape(doc, { type: 'note', ...BOX, text: 'Draft' });
    expect(countUpdates(doc, () => setShapeText(doc, id, 'Final'))).toBe(1);
    expect(shapeOf(doc, id).text).toBe('Final');
  });

  it('edits minimally, keeping prefix and suffix', () => {
    const doc = newBoard();
    const id = addShape(doc, { type: 'text', ...BOX, text: 'abcdef' });
    const ytext = (boardRoots(doc).shapes.get(id) as Y.Map<unknown>).get('text') as Y.Text;
    const deltas: unknown[] = [];
    ytext.observe((event) => deltas.push(event.delta));
    setShapeText(doc, id, 'abXYef');
    expect(deltas).toEqual([[{ retain: 2 }, { delete: 2 }, { insert: 'XY' }]]);
  });

  it('labels an arrow, and rejects an unknown shape', () => {
    const doc = newBoard();
    const arrow = addShape(doc, { type: 'arrow', ...BOX });
    setShapeText(doc, arrow, 'leads to');
    expect(shapeOf(doc, arrow).text).toBe('leads to');
    expectModelError(() => setShapeText(doc, 'ghost', 'x'), 'shapes.ghost');
  });
});

describe('deleteShape', () => {
  it('removes the shape and detaches arrows from it, in one transaction', () => {
    const doc = newBoard();
    const target = addShape(doc, { type: 'rect', ...BOX });
    const keep = addShape(doc, { type: 'note', ...BOX });
    const out = addShape(doc, { type: 'arrow', ...BOX, from: target, to: keep });
    const into = addShape(doc, { type: 'arrow', ...BOX, from: keep, to: target });
    expect(countUpdates(doc, () => deleteShape(doc, target))).toBe(1);
    expect(
      readShapes(doc)
        .map((s) => s.id)
        .sort(),
    ).toEqual([keep, out, into].sort());
    expect(shapeOf(doc, out)).not.toHaveProperty('from');
    expect(shapeOf(doc, out).to).toBe(keep);
    expect(shapeOf(doc, into).from).toBe(keep);
    expect(shapeOf(doc, into)).not.toHaveProperty('to');
  });

  it('throws a ModelError for an unknown shape', () => {
    const doc = newBoard();
    expectModelError(() => deleteShape(doc, 'ghost'), 'shapes.ghost');
  });
});
