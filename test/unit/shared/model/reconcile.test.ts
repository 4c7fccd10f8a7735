import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addEvidence,
  addLane,
  addShape,
  addStage,
  addTag,
  boardRoots,
  deleteCard,
  deleteLane,
  deleteShape,
  deleteStage,
  diffBoards,
  ModelError,
  moveCard,
  moveLane,
  moveStage,
  readBoard,
  reconcile,
  RECONCILE_ORIGIN,
  renameStage,
  sameBoard,
  setCardText,
  setEmotion,
  setLaneKind,
  setMetrics,
  setPersona,
  setShapeText,
  setStageWidth,
  setTitle,
  updateShape,
} from '../../../../shared/model/index.js';
import { boardWithGrid, countUpdates, newBoard, replicaOf, sync } from './helpers.js';

/** A board with a bit of everything, and a version of it edited in every way. */
function versions() {
  const { doc, s1, s2, l1, l2 } = boardWithGrid();
  const c1 = addCard(doc, { stageId: s1, laneId: l1, text: 'Calls the hotline', emotion: -1 });
  const c2 = addCard(doc, { stageId: s2, laneId: l2, text: 'Relieved', metrics: { csat: 70 } });
  const c3 = addCard(doc, { stageId: s2, laneId: l1, text: 'Fills the form', tags: ['long'] });
  const arrow = addShape(doc, { type: 'arrow', x: 0, y: 0, w: 10, h: 0, from: c1, to: c2 });
  const note = addShape(doc, { type: 'note', x: 5, y: 5, w: 50, h: 50, text: 'todo' });
  const target = replicaOf(doc);
  setTitle(target, 'Version B');
  setPersona(target, { description: 'First-time buyer' });
  const s3 = addStage(target, { name: 'Use', index: 0 });
  renameStage(target, s2, 'Register');
  setStageWidth(target, s2, 400);
  moveCard(target, c1, { stageId: s3, laneId: l2 });
  deleteStage(target, s1);
  setLaneKind(target, l2, 'painPoints');
  moveLane(target, l2, 0);
  setCardText(target, c2, 'Relieved and happy');
  setEmotion(target, c2, 2);
  setMetrics(target, c2, { csat: 85, volume: 300 });
  addTag(target, c3, 'resolved');
  addEvidence(target, c3, { kind: 'quote', text: 'Too many fields', source: 'Interview 3' });
  deleteCard(target, c3);
  const c4 = addCard(target, { stageId: s2, laneId: l1, text: 'New step', channel: 'app' });
  updateShape(target, arrow, { x: 20, to: c4 });
  deleteShape(target, note);
  addShape(target, { type: 'rect', x: 1, y: 2, w: 3, h: 4, id: 'shape-new' });
  return { doc, target, c1, c2, arrow };
}

describe('reconcile', () => {
  it('makes the doc read exactly as the target, in one transaction', () => {
    const { doc, target } = versions();
    expect(sameBoard(doc, target)).toBe(false);
    expect(countUpdates(doc, () => reconcile(doc, target))).toBe(1);
    expect(readBoard(doc)).toEqual(readBoard(target));
    expect(diffBoards(doc, target).changes).toEqual([]);
    // A second run changes nothing.
    expect(countUpdates(doc, () => reconcile(doc, readBoard(target)))).toBe(0);
  });

  it('keeps records in place: a card moved out of a removed stage keeps its text history', () => {
    const { doc, target, c1, c2 } = versions();
    const text1 = (boardRoots(doc).cards.get(c1) as Y.Map<unknown>).get('text');
    const text2 = (boardRoots(doc).cards.get(c2) as Y.Map<unknown>).get('text');
    reconcile(doc, target);
    expect((boardRoots(doc).cards.get(c1) as Y.Map<unknown>).get('text')).toBe(text1);
    expect((boardRoots(doc).cards.get(c2) as Y.Map<unknown>).get('text')).toBe(text2);
  });

  it('is undone and redone as one step by an UndoManager tracking RECONCILE_ORIGIN', () => {
    const { doc, target } = versions();
    const before = readBoard(doc);
    const roots = boardRoots(doc);
    const undo = new Y.UndoManager(Object.values(roots), {
      trackedOrigins: new Set([RECONCILE_ORIGIN]),
    });
    reconcile(doc, target);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(readBoard(doc)).toEqual(before);
    undo.redo();
    expect(readBoard(doc)).toEqual(readBoard(target));
  });

  it('uses the origin it is given', () => {
    const { doc, target } = versions();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    reconcile(doc, target, 'restore-by-test');
    expect(origins).toEqual(['restore-by-test']);
  });

  it('is a normal change: replicas that edited meanwhile converge', () => {
    const { doc, target, c2 } = versions();
    const other = replicaOf(doc);
    setCardText(other, c2, 'Relieved!'); // concurrent with the restore
    reconcile(doc, target);
    sync(doc, other);
    expect(readBoard(other)).toEqual(readBoard(doc));
    expect(readBoard(doc).cards.find((c) => c.id === c2)?.text).toContain('happy');
  });

  it('removes orphans a concurrent delete left behind', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const target = replicaOf(doc);
    const other = replicaOf(doc);
    deleteStage(doc, s1);
    addCard(other, { stageId: s1, laneId: l1, text: 'orphan to be' });
    sync(doc, other);
    expect(boardRoots(doc).cards.size).toBe(1); // stored but not shown
    reconcile(doc, target);
    expect(readBoard(doc)).toEqual(readBoard(target));
    expect(boardRoots(doc).cards.size).toBe(0);
  });

  it('fills an empty doc', () => {
    const { target } = versions();
    const empty = new Y.Doc();
    reconcile(empty, target);
    expect(readBoard(empty)).toEqual(readBoard(target));
  });

  it('refuses an invalid target, naming the field, and writes nothing', () => {
    const { doc, target } = versions();
    const bad = readBoard(target);
    bad.cards[0]!.emotion = 7;
    let error: unknown;
    expect(
      countUpdates(doc, () => {
        try {
          reconcile(doc, bad);
        } catch (e) {
          error = e;
        }
      }),
    ).toBe(0);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).field).toBe('cards[0].emotion');
  });
});

/** Random edits, chosen by numbers fast-check generates, on one replica. */
function randomEdits(doc: Y.Doc, picks: number[]): void {
  for (const [i, p] of picks.entries()) {
    const b = readBoard(doc);
    const pick = <T>(list: T[]) => list[(p + i) % Math.max(1, list.length)];
    const stage = pick(b.stages);
    const lane = pick(b.lanes);
    const card = pick(b.cards);
    switch (p % 9) {
      case 0:
        addStage(doc, { name: `S${i}`, index: p % 3 });
        break;
      case 1:
        if (lane) addLane(doc, { name: `L${i}`, kind: p % 2 ? 'painPoints' : 'actions' });
        else addLane(doc, { name: `L${i}`, kind: 'goals' });
        break;
      case 2:
        if (stage && lane) addCard(doc, { stageId: stage.id, laneId: lane.id, text: `c${i}` });
        break;
      case 3:
        if (card && stage && lane) moveCard(doc, card.id, { stageId: stage.id, laneId: lane.id });
        break;
      case 4:
        if (card) setCardText(doc, card.id, `${card.text}+${i}`);
        break;
      case 5:
        if (card) setMetrics(doc, card.id, { ces: 1 + (p % 7), fcr: undefined });
        break;
      case 6:
        if (card) deleteCard(doc, card.id);
        else if (stage && b.stages.length > 1) deleteStage(doc, stage.id);
        break;
      case 7:
        if (stage) moveStage(doc, stage.id, p % 4);
        if (card) addEvidence(doc, card.id, { kind: 'link', text: `e${i}`, url: 'https://x' });
        break;
      default: {
        if (card) addShape(doc, { type: 'arrow', x: p, y: 0, w: 1, h: 1, from: card.id });
        else if (lane && b.lanes.length > 1) deleteLane(doc, lane.id);
        const shape = b.shapes[0];
        if (shape) setShapeText(doc, shape.id, `t${i}`);
      }
    }
  }
}

describe('reconcile properties', () => {
  it('reaches any target from any state that shares its history, and undoes cleanly', () => {
    const picks = fc.array(fc.nat({ max: 1000 }), { maxLength: 25 });
    fc.assert(
      fc.property(picks, picks, picks, (common, mine, theirs) => {
        const base = newBoard();
        randomEdits(base, common);
        const doc = replicaOf(base);
        const target = replicaOf(base);
        randomEdits(doc, mine);
        randomEdits(target, theirs);
        const before = readBoard(doc);
        const undo = new Y.UndoManager(Object.values(boardRoots(doc)), {
          trackedOrigins: new Set([RECONCILE_ORIGIN]),
        });
        reconcile(doc, target);
        expect(readBoard(doc)).toEqual(readBoard(target));
        undo.undo();
        expect(readBoard(doc)).toEqual(before);
      }),
      { numRuns: 80 },
    );
  });
});
