import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  addEvidence,
  addShape,
  addTag,
  boardRoots,
  deleteCard,
  moveCard,
  readCards,
  readShapes,
  removeEvidence,
  removeTag,
  setCardColor,
  setCardText,
  setChannel,
  setEmotion,
  setMetrics,
  type Card,
} from '../../../../shared/model/index.js';
import { boardWithGrid, countUpdates, expectModelError } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function cardOf(doc: Y.Doc, id: string): Card {
  const card = readCards(doc).find((c) => c.id === id);
  if (!card) throw new Error(`no card ${id}`);
  return card;
}

/** Card ids of one cell, in display order. */
function cellIds(doc: Y.Doc, stageId: string, laneId: string): string[] {
  return readCards(doc)
    .filter((c) => c.stageId === stageId && c.laneId === laneId)
    .map((c) => c.id);
}

function withCard() {
  const grid = boardWithGrid();
  const card = addCard(grid.doc, { stageId: grid.s1, laneId: grid.l1, text: 'Reads reviews' });
  return { ...grid, card };
}

describe('addCard', () => {
  it('adds a plain card with empty defaults in one transaction', () => {
    const { doc, s1, l1 } = boardWithGrid();
    let id = '';
    expect(countUpdates(doc, () => (id = addCard(doc, { stageId: s1, laneId: l1 })))).toBe(1);
    const card = cardOf(doc, id);
    expect(card).toEqual({
      id,
      stageId: s1,
      laneId: l1,
      order: card.order,
      text: '',
      metrics: {},
      tags: [],
      evidence: [],
    });
    expect(card).not.toHaveProperty('color');
    expect(card).not.toHaveProperty('emotion');
    expect(card).not.toHaveProperty('channel');
  });

  it('stores every optional field', () => {
    const { doc, s2, l2 } = boardWithGrid();
    const id = addCard(doc, {
      stageId: s2,
      laneId: l2,
      text: 'Frustrated by the form',
      color: '#fca5a5',
      emotion: -2,
      channel: 'web',
      metrics: { csat: 40, ces: 5.5 },
      tags: ['form', 'mobile'],
      evidence: [{ id: 'ev1', kind: 'quote', text: '"Too many fields"', source: 'Interview 3' }],
    });
    expect(cardOf(doc, id)).toMatchObject({
      text: 'Frustrated by the form',
      color: '#fca5a5',
      emotion: -2,
      channel: 'web',
      metrics: { csat: 40, ces: 5.5 },
      tags: ['form', 'mobile'],
      evidence: [{ id: 'ev1', kind: 'quote', text: '"Too many fields"', source: 'Interview 3' }],
    });
  });

  it('appends to its own cell by default and honours an index', () => {
    const { doc, s1, l1, s2 } = boardWithGrid();
    const a = addCard(doc, { stageId: s1, laneId: l1 });
    addCard(doc, { stageId: s2, laneId: l1 }); // another cell does not count
    const b = addCard(doc, { stageId: s1, laneId: l1 });
    const c = addCard(doc, { stageId: s1, laneId: l1, index: 1 });
    const d = addCard(doc, { stageId: s1, laneId: l1, index: 0 });
    expect(cellIds(doc, s1, l1)).toEqual([d, a, c, b]);
  });

  // setOrDelete() calls record.get() on the new Y.Map before it is added to the doc, and Yjs
  // warns "Invalid access: Add Yjs type to a document before reading data." for each such read.
  it('does not read the new card before it is in the doc (no Yjs warning)', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    addCard(doc, { stageId: s1, laneId: l1, color: '#fff', emotion: 0, channel: 'web' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps a given id and order key (import)', () => {
    const { doc, s1, l1 } = boardWithGrid();
    addCard(doc, { stageId: s1, laneId: l1, id: 'second', order: 'a3' });
    addCard(doc, { stageId: s1, laneId: l1, id: 'first', order: 'a1' });
    expect(cellIds(doc, s1, l1)).toEqual(['first', 'second']);
  });

  it('rejects unknown cells and invalid values without writing anything', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const updates = countUpdates(doc, () => {
      expectModelError(() => addCard(doc, { stageId: 'ghost', laneId: l1 }), 'stages.ghost');
      expectModelError(() => addCard(doc, { stageId: s1, laneId: 'ghost' }), 'lanes.ghost');
      expectModelError(() => addCard(doc, { stageId: s1, laneId: l1, emotion: 3 }), 'emotion');
      expectModelError(
        () => addCard(doc, { stageId: s1, laneId: l1, metrics: { fcr: 101 } }),
        'metrics.fcr',
      );
    });
    expect(updates).toBe(0);
    expect(readCards(doc)).toEqual([]);
  });
});

describe('moveCard', () => {
  function cellOfFour() {
    const grid = boardWithGrid();
    const { doc, s1, l1 } = grid;
    const [a, b, c, d] = [0, 1, 2, 3].map((n) =>
      addCard(doc, { stageId: s1, laneId: l1, text: `${n}` }),
    );
    return { ...grid, a: a!, b: b!, c: c!, d: d! };
  }

  it('reorders within a cell: to index 0, the middle and the end', () => {
    const { doc, s1, l1, a, b, c, d } = cellOfFour();
    expect(countUpdates(doc, () => moveCard(doc, c, { stageId: s1, laneId: l1, index: 0 }))).toBe(
      1,
    );
    expect(cellIds(doc, s1, l1)).toEqual([c, a, b, d]);
    moveCard(doc, c, { stageId: s1, laneId: l1, index: 2 });
    expect(cellIds(doc, s1, l1)).toEqual([a, b, c, d]);
    moveCard(doc, a, { stageId: s1, laneId: l1 });
    expect(cellIds(doc, s1, l1)).toEqual([b, c, d, a]);
  });

  it('moves across cells in one transaction, at the requested index of the target cell', () => {
    const { doc, s1, l1, s2, l2, a, b } = cellOfFour();
    const x = addCard(doc, { stageId: s2, laneId: l2 });
    const y = addCard(doc, { stageId: s2, laneId: l2 });
    expect(countUpdates(doc, () => moveCard(doc, b, { stageId: s2, laneId: l2, index: 1 }))).toBe(
      1,
    );
    expect(cardOf(doc, b)).toMatchObject({ stageId: s2, laneId: l2 });
    expect(cellIds(doc, s2, l2)).toEqual([x, b, y]);
    expect(cellIds(doc, s1, l1)).not.toContain(b);
    // Only the stage changes, then only the lane.
    moveCard(doc, a, { stageId: s2, laneId: l1 });
    expect(cardOf(doc, a)).toMatchObject({ stageId: s2, laneId: l1 });
    moveCard(doc, a, { stageId: s2, laneId: l2, index: 0 });
    expect(cellIds(doc, s2, l2)).toEqual([a, x, b, y]);
  });

  it('keeps the card content when it moves', () => {
    const { doc, card, s2, l2 } = withCard();
    setEmotion(doc, card, 1);
    addTag(doc, card, 'research');
    const before = cardOf(doc, card);
    moveCard(doc, card, { stageId: s2, laneId: l2 });
    expect(cardOf(doc, card)).toEqual({
      ...before,
      stageId: s2,
      laneId: l2,
      order: cardOf(doc, card).order,
    });
  });

  it('rejects an unknown card or target cell and leaves the card in place', () => {
    const { doc, card, s1, l1, s2 } = withCard();
    expectModelError(() => moveCard(doc, 'ghost', { stageId: s1, laneId: l1 }), 'cards.ghost');
    expectModelError(
      () => moveCard(doc, card, { stageId: 'nowhere', laneId: l1 }),
      'stages.nowhere',
    );
    expectModelError(
      () => moveCard(doc, card, { stageId: s2, laneId: 'nowhere' }),
      'lanes.nowhere',
    );
    expect(cardOf(doc, card)).toMatchObject({ stageId: s1, laneId: l1 });
  });
});

describe('deleteCard', () => {
  it('removes the card and detaches arrows at either end, in one transaction', () => {
    const { doc, card, s2, l2 } = withCard();
    const other = addCard(doc, { stageId: s2, laneId: l2 });
    const arrowGeometry = { x: 1, y: 2, w: 30, h: 40 };
    const out = addShape(doc, { type: 'arrow', ...arrowGeometry, from: card, to: other });
    const into = addShape(doc, { type: 'arrow', ...arrowGeometry, from: other, to: card });
    expect(countUpdates(doc, () => deleteCard(doc, card))).toBe(1);
    expect(readCards(doc).map((c) => c.id)).toEqual([other]);
    const shapes = new Map(readShapes(doc).map((s) => [s.id, s]));
    expect(shapes.get(out)).toEqual({
      id: out,
      type: 'arrow',
      ...arrowGeometry,
      color: '#475569',
      text: '',
      to: other,
    });
    expect(shapes.get(into)).toEqual({
      id: into,
      type: 'arrow',
      ...arrowGeometry,
      color: '#475569',
      text: '',
      from: other,
    });
  });

  it('throws a ModelError for an unknown card', () => {
    const { doc } = withCard();
    expectModelError(() => deleteCard(doc, 'ghost'), 'cards.ghost');
  });
});

describe('setCardText', () => {
  it('replaces the text in one transaction', () => {
    const { doc, card } = withCard();
    expect(countUpdates(doc, () => setCardText(doc, card, 'Compares prices'))).toBe(1);
    expect(cardOf(doc, card).text).toBe('Compares prices');
    setCardText(doc, card, '');
    expect(cardOf(doc, card).text).toBe('');
  });

  it('applies the smallest edit, keeping the common prefix and suffix', () => {
    const { doc, card } = withCard();
    setCardText(doc, card, 'Hello world');
    const ytext = (boardRoots(doc).cards.get(card) as Y.Map<unknown>).get('text') as Y.Text;
    const deltas: unknown[] = [];
    ytext.observe((event) => deltas.push(event.delta));
    setCardText(doc, card, 'Hello brave world');
    setCardText(doc, card, 'Hello brave new world');
    setCardText(doc, card, 'Hello new world');
    setCardText(doc, card, 'Hello new world!');
    expect(deltas).toEqual([
      [{ retain: 6 }, { insert: 'brave ' }],
      [{ retain: 12 }, { insert: 'new ' }],
      [{ retain: 6 }, { delete: 6 }],
      [{ retain: 15 }, { insert: '!' }],
    ]);
    expect(cardOf(doc, card).text).toBe('Hello new world!');
  });

  it('does not write when the text is unchanged', () => {
    const { doc, card } = withCard();
    expect(countUpdates(doc, () => setCardText(doc, card, 'Reads reviews'))).toBe(0);
  });

  it('throws a ModelError for an unknown card', () => {
    const { doc } = withCard();
    expectModelError(() => setCardText(doc, 'ghost', 'x'), 'cards.ghost');
  });
});

describe('setEmotion', () => {
  it.each([-2, -1, 0, 1, 2])('accepts %i in one transaction', (score) => {
    const { doc, card } = withCard();
    expect(countUpdates(doc, () => setEmotion(doc, card, score))).toBe(1);
    expect(cardOf(doc, card).emotion).toBe(score);
  });

  it.each([3, -3, 2.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %d with field emotion',
    (score) => {
      const { doc, card } = withCard();
      setEmotion(doc, card, 1);
      expectModelError(() => setEmotion(doc, card, score), 'emotion');
      expect(cardOf(doc, card).emotion).toBe(1);
    },
  );

  it('clears the emotion with undefined', () => {
    const { doc, card } = withCard();
    setEmotion(doc, card, -1);
    expect(countUpdates(doc, () => setEmotion(doc, card, undefined))).toBe(1);
    expect(cardOf(doc, card)).not.toHaveProperty('emotion');
  });

  it('throws a ModelError for an unknown card', () => {
    const { doc } = withCard();
    expectModelError(() => setEmotion(doc, 'ghost', 0), 'cards.ghost');
  });
});

describe('setChannel and setCardColor', () => {
  it('setChannel trims, and clears on empty or undefined', () => {
    const { doc, card } = withCard();
    expect(countUpdates(doc, () => setChannel(doc, card, '  phone '))).toBe(1);
    expect(cardOf(doc, card).channel).toBe('phone');
    setChannel(doc, card, '   ');
    expect(cardOf(doc, card)).not.toHaveProperty('channel');
    setChannel(doc, card, 'email');
    setChannel(doc, card, undefined);
    expect(cardOf(doc, card)).not.toHaveProperty('channel');
  });

  it('setCardColor sets and clears the colour in one transaction', () => {
    const { doc, card } = withCard();
    expect(countUpdates(doc, () => setCardColor(doc, card, '#bbf7d0'))).toBe(1);
    expect(cardOf(doc, card).color).toBe('#bbf7d0');
    expect(countUpdates(doc, () => setCardColor(doc, card, undefined))).toBe(1);
    expect(cardOf(doc, card)).not.toHaveProperty('color');
  });

  it('both throw a ModelError for an unknown card', () => {
    const { doc } = withCard();
    expectModelError(() => setChannel(doc, 'ghost', 'web'), 'cards.ghost');
    expectModelError(() => setCardColor(doc, 'ghost', '#fff'), 'cards.ghost');
  });
});

describe('setMetrics', () => {
  it('patches the given keys only, in one transaction', () => {
    const { doc, card } = withCard();
    expect(countUpdates(doc, () => setMetrics(doc, card, { csat: 82, volume: 1200 }))).toBe(1);
    setMetrics(doc, card, { ces: 2.5 });
    expect(cardOf(doc, card).metrics).toEqual({ csat: 82, ces: 2.5, volume: 1200 });
    setMetrics(doc, card, { csat: 75 });
    expect(cardOf(doc, card).metrics).toEqual({ csat: 75, ces: 2.5, volume: 1200 });
  });

  it('clears a key given as undefined and keeps the others', () => {
    const { doc, card } = withCard();
    setMetrics(doc, card, { csat: 82, fcr: 60 });
    expect(countUpdates(doc, () => setMetrics(doc, card, { csat: undefined }))).toBe(1);
    expect(cardOf(doc, card).metrics).toEqual({ fcr: 60 });
  });

  it('accepts the boundaries of every range', () => {
    const { doc, card } = withCard();
    setMetrics(doc, card, { csat: 0, ces: 1, fcr: 0, volume: 0 });
    expect(cardOf(doc, card).metrics).toEqual({ csat: 0, ces: 1, fcr: 0, volume: 0 });
    setMetrics(doc, card, { csat: 100, ces: 7, fcr: 100, volume: Number.MAX_SAFE_INTEGER });
    expect(cardOf(doc, card).metrics).toEqual({
      csat: 100,
      ces: 7,
      fcr: 100,
      volume: Number.MAX_SAFE_INTEGER,
    });
  });

  it.each([
    { patch: { csat: 120 }, field: 'metrics.csat' },
    { patch: { csat: -1 }, field: 'metrics.csat' },
    { patch: { ces: 0 }, field: 'metrics.ces' },
    { patch: { ces: 7.5 }, field: 'metrics.ces' },
    { patch: { fcr: 100.1 }, field: 'metrics.fcr' },
    { patch: { volume: -5 }, field: 'metrics.volume' },
    { patch: { csat: Number.NaN }, field: 'metrics.csat' },
    { patch: { volume: Number.POSITIVE_INFINITY }, field: 'metrics.volume' },
  ])('rejects $patch with field $field and changes nothing', ({ patch, field }) => {
    const { doc, card } = withCard();
    setMetrics(doc, card, { csat: 50, ces: 3, fcr: 50, volume: 10 });
    const updates = countUpdates(doc, () =>
      expectModelError(() => setMetrics(doc, card, { fcr: 70, ...patch }), field),
    );
    expect(updates).toBe(0);
    expect(cardOf(doc, card).metrics).toEqual({ csat: 50, ces: 3, fcr: 50, volume: 10 });
  });

  it('throws a ModelError for an unknown card', () => {
    const { doc } = withCard();
    expectModelError(() => setMetrics(doc, 'ghost', { csat: 1 }), 'cards.ghost');
  });
});

describe('tags', () => {
  it('addTag trims, appends in one transaction, and ignores a duplicate', () => {
    const { doc, card } = withCard();
    expect(countUpdates(doc, () => addTag(doc, card, ' pricing '))).toBe(1);
    addTag(doc, card, 'trust');
    expect(countUpdates(doc, () => addTag(doc, card, 'pricing'))).toBe(0);
    expect(cardOf(doc, card).tags).toEqual(['pricing', 'trust']);
  });

  it('addTag rejects an empty tag', () => {
    const { doc, card } = withCard();
    expectModelError(() => addTag(doc, card, '  '), `cards.${card}.tags`);
    expect(cardOf(doc, card).tags).toEqual([]);
  });

  it('removeTag removes the tag in one transaction, and a missing tag is a no-op', () => {
    const { doc, card } = withCard();
    addTag(doc, card, 'a');
    addTag(doc, card, 'b');
    addTag(doc, card, 'c');
    expect(countUpdates(doc, () => removeTag(doc, card, 'b'))).toBe(1);
    expect(cardOf(doc, card).tags).toEqual(['a', 'c']);
    expect(countUpdates(doc, () => removeTag(doc, card, 'zzz'))).toBe(0);
    expect(cardOf(doc, card).tags).toEqual(['a', 'c']);
  });

  it('both throw a ModelError for an unknown card', () => {
    const { doc } = withCard();
    expectModelError(() => addTag(doc, 'ghost', 'x'), 'cards.ghost');
    expectModelError(() => removeTag(doc, 'ghost', 'x'), 'cards.ghost');
  });
});

describe('evidence', () => {
  it('addEvidence stores every field in one transaction and returns the new id', () => {
    const { doc, card } = withCard();
    let id = '';
    const updates = countUpdates(doc, () => {
      id = addEvidence(doc, card, {
        kind: 'link',
        text: 'Survey results',
        source: 'Q2 survey',
        date: '2024-04-30',
        url: 'https://example.com/survey',
      });
    });
    expect(updates).toBe(1);
    expect(id).toMatch(/^\S+$/);
    expect(cardOf(doc, card).evidence).toEqual([
      {
        id,
        kind: 'link',
        text: 'Survey results',
        source: 'Q2 survey',
        date: '2024-04-30',
        url: 'https://example.com/survey',
      },
    ]);
  });

  it('addEvidence keeps a given id and appends', () => {
    const { doc, card } = withCard();
    addEvidence(doc, card, { id: 'e1', kind: 'quote', text: 'first' });
    expect(addEvidence(doc, card, { id: 'e2', kind: 'data', text: '42%' })).toBe('e2');
    expect(cardOf(doc, card).evidence.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('addEvidence rejects empty text', () => {
    const { doc, card } = withCard();
    expectModelError(
      () => addEvidence(doc, card, { kind: 'quote', text: ' ' }),
      `cards.${card}.evidence`,
    );
    expect(cardOf(doc, card).evidence).toEqual([]);
  });

  it('removeEvidence removes only that item, in one transaction', () => {
    const { doc, card } = withCard();
    const e1 = addEvidence(doc, card, { kind: 'quote', text: 'one' });
    const e2 = addEvidence(doc, card, { kind: 'quote', text: 'two' });
    const e3 = addEvidence(doc, card, { kind: 'quote', text: 'three' });
    expect(countUpdates(doc, () => removeEvidence(doc, card, e2))).toBe(1);
    expect(cardOf(doc, card).evidence.map((e) => e.id)).toEqual([e1, e3]);
    expect(countUpdates(doc, () => removeEvidence(doc, card, 'missing'))).toBe(0);
  });

  it('both throw a ModelError for an unknown card', () => {
    const { doc } = withCard();
    expectModelError(() => addEvidence(doc, 'ghost', { kind: 'quote', text: 'x' }), 'cards.ghost');
    expectModelError(() => removeEvidence(doc, 'ghost', 'e1'), 'cards.ghost');
  });
});

describe('readCards', () => {
  it('shows a tag added twice (e.g. concurrently) once', () => {
    const { doc, card } = withCard();
    ((boardRoots(doc).cards.get(card) as Y.Map<unknown>).get('tags') as Y.Array<string>).push([
      'dup',
      'dup',
    ]);
    expect(cardOf(doc, card).tags).toEqual(['dup']);
  });
});
