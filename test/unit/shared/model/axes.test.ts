import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  addLane,
  addShape,
  addStage,
  boardRoots,
  deleteLane,
  deleteStage,
  LANE_KINDS,
  moveLane,
  moveStage,
  readBoard,
  readCards,
  readLanes,
  readShapes,
  readStages,
  renameLane,
  renameStage,
  setLaneKind,
  setStageWidth,
  exportBoard,
  parseBoardJson,
  docFromJson,
  STAGE_WIDTH_MIN,
  STAGE_WIDTH_MAX,
  type LaneKind,
} from '../../../../shared/model/index.js';
import { boardWithGrid, countUpdates, expectModelError, newBoard } from './helpers.js';

/** Stages and lanes share one implementation; both get the same tests through this table. */
interface AxisApi {
  axis: 'stages' | 'lanes';
  add: (doc: Y.Doc, input: { name: string; index?: number; order?: string; id?: string }) => string;
  rename: (doc: Y.Doc, id: string, name: string) => void;
  move: (doc: Y.Doc, id: string, toIndex: number) => void;
  remove: (doc: Y.Doc, id: string) => void;
  read: (doc: Y.Doc) => { id: string; name: string; order: string }[];
}

const AXES: AxisApi[] = [
  {
    axis: 'stages',
    add: (doc, input) => addStage(doc, input),
    rename: renameStage,
    move: moveStage,
    remove: deleteStage,
    read: readStages,
  },
  {
    axis: 'lanes',
    add: (doc, input) => addLane(doc, { ...input, kind: 'actions' }),
    rename: renameLane,
    move: moveLane,
    remove: deleteLane,
    read: readLanes,
  },
];

describe.each(AXES)('$axis', ({ axis, add, rename, move, remove, read }) => {
  const names = (doc: Y.Doc) => read(doc).map((item) => item.name);
  const ids = (doc: Y.Doc) => read(doc).map((item) => item.id);

  function withFour() {
    const doc = newBoard();
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((name) => add(doc, { name }));
    return { doc, a: a!, b: b!, c: c!, d: d! };
  }

  describe('add', () => {
    it('appends in one transaction, trimming the name, and returns the id', () => {
      const doc = newBoard();
      const first = add(doc, { name: 'First' });
      let second = '';
      expect(countUpdates(doc, () => (second = add(doc, { name: '  Second  ' })))).toBe(1);
      expect(read(doc).map(({ id, name }) => ({ id, name }))).toEqual([
        { id: first, name: 'First' },
        { id: second, name: 'Second' },
      ]);
    });

    it('inserts at index 0, in the middle and past the end', () => {
      const { doc } = withFour();
      add(doc, { name: 'start', index: 0 });
      add(doc, { name: 'middle', index: 3 });
      add(doc, { name: 'end', index: 100 });
      expect(names(doc)).toEqual(['start', 'A', 'B', 'middle', 'C', 'D', 'end']);
    });

    it('always lands at the front when inserted at index 0 (repeated)', () => {
      const doc = newBoard();
      add(doc, { name: 'seed' });
      for (let i = 0; i < 20; i++) {
        add(doc, { name: `front${i}`, index: 0 });
        expect(names(doc)[0]).toBe(`front${i}`);
      }
    });

    it('keeps a given id and order key (import)', () => {
      const doc = newBoard();
      add(doc, { name: 'Later', id: 'later', order: 'a5' });
      add(doc, { name: 'Earlier', id: 'earlier', order: 'a2' });
      expect(read(doc).map(({ id, order }) => ({ id, order }))).toEqual([
        { id: 'earlier', order: 'a2' },
        { id: 'later', order: 'a5' },
      ]);
    });

    it('rejects an empty name with a ModelError naming the field', () => {
      const doc = newBoard();
      expect(
        countUpdates(doc, () => expectModelError(() => add(doc, { name: '  ' }), `${axis}.name`)),
      ).toBe(0);
      expect(read(doc)).toEqual([]);
    });
  });

  describe('rename', () => {
    it('renames in one transaction, trimming the name', () => {
      const { doc, b } = withFour();
      expect(countUpdates(doc, () => rename(doc, b, ' Beta '))).toBe(1);
      expect(names(doc)).toEqual(['A', 'Beta', 'C', 'D']);
    });

    it('rejects an empty name and keeps the old one', () => {
      const { doc, b } = withFour();
      expectModelError(() => rename(doc, b, ''), `${axis}.name`);
      expect(names(doc)[1]).toBe('B');
    });

    it('throws a ModelError for an unknown id', () => {
      const doc = newBoard();
      expectModelError(() => rename(doc, 'ghost', 'X'), `${axis}.ghost`);
    });
  });

  describe('move', () => {
    it('moves to index 0 in one transaction', () => {
      const { doc, a, b, c, d } = withFour();
      expect(countUpdates(doc, () => move(doc, c, 0))).toBe(1);
      expect(ids(doc)).toEqual([c, a, b, d]);
    });

    it('moves to the middle, forwards and backwards', () => {
      const { doc, a, b, c, d } = withFour();
      move(doc, a, 2);
      expect(ids(doc)).toEqual([b, c, a, d]);
      move(doc, d, 1);
      expect(ids(doc)).toEqual([b, d, c, a]);
    });

    it('moves to the end, with the last index or one far past it', () => {
      const { doc, a, b, c, d } = withFour();
      move(doc, a, 3);
      expect(ids(doc)).toEqual([b, c, d, a]);
      move(doc, b, 1000);
      expect(ids(doc)).toEqual([c, d, a, b]);
    });

    it('always lands at the requested index (repeated front and middle moves)', () => {
      const { doc } = withFour();
      for (let i = 0; i < 20; i++) {
        const last = ids(doc).at(-1)!;
        move(doc, last, 0);
        expect(ids(doc)[0]).toBe(last);
        const first = ids(doc)[0]!;
        move(doc, first, 2);
        expect(ids(doc)[2]).toBe(first);
      }
    });

    it('throws a ModelError for an unknown id', () => {
      const doc = newBoard();
      expectModelError(() => move(doc, 'ghost', 0), `${axis}.ghost`);
    });
  });

  describe('delete', () => {
    it('throws a ModelError for an unknown id', () => {
      const doc = newBoard();
      expectModelError(() => remove(doc, 'ghost'), `${axis}.ghost`);
    });
  });
});

describe('deleting a stage or lane', () => {
  function gridWithCards() {
    const grid = boardWithGrid();
    const { doc, s1, s2, l1, l2 } = grid;
    const cards = {
      s1l1: addCard(doc, { stageId: s1, laneId: l1, text: 's1l1' }),
      s1l2: addCard(doc, { stageId: s1, laneId: l2, text: 's1l2' }),
      s2l1: addCard(doc, { stageId: s2, laneId: l1, text: 's2l1' }),
      s2l2: addCard(doc, { stageId: s2, laneId: l2, text: 's2l2' }),
    };
    return { ...grid, cards };
  }

  it('deleteStage removes the stage and exactly its cards, in one transaction', () => {
    const { doc, s1, s2, cards } = gridWithCards();
    expect(countUpdates(doc, () => deleteStage(doc, s1))).toBe(1);
    expect(readStages(doc).map((s) => s.id)).toEqual([s2]);
    expect(
      readCards(doc)
        .map((c) => c.id)
        .sort(),
    ).toEqual([cards.s2l1, cards.s2l2].sort());
    expect(readLanes(doc)).toHaveLength(2);
  });

  it('deleteLane removes the lane and exactly its cards, in one transaction', () => {
    const { doc, l1, l2, cards } = gridWithCards();
    expect(countUpdates(doc, () => deleteLane(doc, l2))).toBe(1);
    expect(readLanes(doc).map((l) => l.id)).toEqual([l1]);
    expect(
      readCards(doc)
        .map((c) => c.id)
        .sort(),
    ).toEqual([cards.s1l1, cards.s2l1].sort());
    expect(readStages(doc)).toHaveLength(2);
  });

  it('detaches arrows from the cards it deletes, like deleteCard does', () => {
    const { doc, s1, cards } = gridWithCards();
    const arrow = addShape(doc, {
      type: 'arrow',
      x: 0,
      y: 0,
      w: 10,
      h: 10,
      from: cards.s1l1,
      to: cards.s2l1,
    });
    deleteStage(doc, s1);
    const shape = readShapes(doc).find((s) => s.id === arrow)!;
    expect(shape.from).toBeUndefined();
    expect(shape.to).toBe(cards.s2l1);
    // Every remaining reference points at something that exists.
    const board = readBoard(doc);
    const targets = new Set([...board.cards, ...board.shapes].map((x) => x.id));
    for (const s of board.shapes) {
      for (const end of [s.from, s.to]) if (end !== undefined) expect(targets.has(end)).toBe(true);
    }
  });
});

describe('lanes', () => {
  it('setLaneKind stores every kind in one transaction', () => {
    const doc = newBoard();
    const lane = addLane(doc, { name: 'Row', kind: 'text' });
    for (const kind of LANE_KINDS) {
      expect(countUpdates(doc, () => setLaneKind(doc, lane, kind))).toBe(1);
      expect(readLanes(doc)[0]!.kind).toBe(kind);
    }
  });

  it('setLaneKind rejects an unknown kind and an unknown lane', () => {
    const doc = newBoard();
    const lane = addLane(doc, { name: 'Row', kind: 'goals' });
    expectModelError(() => setLaneKind(doc, lane, 'vibes' as LaneKind), 'lanes.kind');
    expectModelError(() => setLaneKind(doc, 'ghost', 'goals'), 'lanes.ghost');
    expect(readLanes(doc)[0]!.kind).toBe('goals');
  });

  it('addLane rejects an unknown kind', () => {
    const doc = newBoard();
    expectModelError(() => addLane(doc, { name: 'Row', kind: 'vibes' as LaneKind }), 'lanes.kind');
    expect(readLanes(doc)).toEqual([]);
  });

  it('reads a kind it does not know (e.g. from a newer client) as text', () => {
    const doc = newBoard();
    const lane = addLane(doc, { name: 'Row', kind: 'goals' });
    (boardRoots(doc).lanes.get(lane) as Y.Map<unknown>).set('kind', 'from-the-future');
    expect(readLanes(doc)[0]!.kind).toBe('text');
  });
});

describe('setStageWidth', () => {
  it('stores a clamped whole width in one transaction, and resets it', () => {
    const doc = newBoard();
    const stage = addStage(doc, { name: 'Use' });
    expect(countUpdates(doc, () => setStageWidth(doc, stage, 333.4))).toBe(1);
    expect(readStages(doc)[0]!.width).toBe(333);
    setStageWidth(doc, stage, 10);
    expect(readStages(doc)[0]!.width).toBe(STAGE_WIDTH_MIN);
    setStageWidth(doc, stage, 5000);
    expect(readStages(doc)[0]!.width).toBe(STAGE_WIDTH_MAX);
    setStageWidth(doc, stage, undefined);
    expect(readStages(doc)[0]).not.toHaveProperty('width');
    expectModelError(() => setStageWidth(doc, stage, Number.NaN), `stages.${stage}.width`);
    expectModelError(() => setStageWidth(doc, 'ghost', 300), 'stages.ghost');
  });

  it('round-trips through JSON', () => {
    const doc = newBoard();
    setStageWidth(doc, addStage(doc, { name: 'Use' }), 420);
    const json = JSON.parse(JSON.stringify(exportBoard(doc)));
    const parsed = parseBoardJson(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(readStages(docFromJson(parsed.board))[0]!.width).toBe(420);
  });
});
