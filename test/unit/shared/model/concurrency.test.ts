/**
 * Two replicas (Y.Docs) edit offline, then exchange updates both ways: they must converge on one
 * board, and the model's choices of Yjs types must keep concurrent intents where promised.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  addLane,
  addShape,
  addStage,
  addTag,
  deleteStage,
  exportBoard,
  moveCard,
  parseBoardJson,
  readBoard,
  readCards,
  readMeta,
  readStages,
  renameStage,
  setCardText,
  setEmotion,
  setMetrics,
  setPersona,
  setScenario,
  setTitle,
  updateShape,
  type Card,
} from '../../../../shared/model/index.js';
import { boardWithGrid, replicaOf, sync } from './helpers.js';

/** Two replicas of the same grid board, already in sync. */
function twoReplicas() {
  const grid = boardWithGrid();
  const s3 = addStage(grid.doc, { name: 'Use' });
  const l3 = addLane(grid.doc, { name: 'Channels', kind: 'channels' });
  const card = addCard(grid.doc, { stageId: grid.s1, laneId: grid.l1, text: 'Hello world' });
  return { ...grid, s3, l3, card, a: grid.doc, b: replicaOf(grid.doc) };
}

function cardIn(doc: Y.Doc, id: string): Card | undefined {
  return readCards(doc).find((c) => c.id === id);
}

describe('convergence', () => {
  it('unrelated concurrent edits merge to identical boards, whichever way they sync', () => {
    const { a, b, s1, s2, l1, l2, card } = twoReplicas();
    renameStage(a, s1, 'Discovery');
    setTitle(a, 'Title from A');
    addCard(a, { stageId: s2, laneId: l2, text: 'from A' });
    setEmotion(a, card, -1);
    addShape(a, { type: 'note', x: 1, y: 2, w: 3, h: 4, text: 'A note' });

    addStage(b, { name: 'Renew' });
    setScenario(b, 'Scenario from B');
    addCard(b, { stageId: s1, laneId: l1, text: 'from B' });
    setCardText(b, card, 'Hello there');

    const c = replicaOf(a);
    const d = replicaOf(b);
    sync(a, b);
    sync(d, c); // the other direction on fresh copies
    const merged = readBoard(a);
    expect(readBoard(b)).toEqual(merged);
    expect(readBoard(c)).toEqual(merged);
    expect(readBoard(d)).toEqual(merged);
    expect(merged.meta).toMatchObject({ title: 'Title from A', scenario: 'Scenario from B' });
    expect(merged.stages.map((s) => s.name)).toEqual(['Discovery', 'Sign up', 'Use', 'Renew']);
    expect(merged.cards.map((x) => x.text).sort()).toEqual(['Hello there', 'from A', 'from B']);
    expect(merged.cards.find((x) => x.id === card)).toMatchObject({
      emotion: -1,
      text: 'Hello there',
    });
  });

  it('concurrent writes of one field pick the same winner on both replicas', () => {
    const { a, b } = twoReplicas();
    setTitle(a, 'A wins?');
    setTitle(b, 'B wins?');
    sync(a, b);
    expect(readMeta(a).title).toBe(readMeta(b).title);
    expect(['A wins?', 'B wins?']).toContain(readMeta(a).title);
  });
});

describe('concurrent stage inserts', () => {
  it('two stages inserted at the same position both survive, in one order everywhere', () => {
    const { a, b, s1, s2 } = twoReplicas();
    const fromA = addStage(a, { name: 'From A', index: 1 });
    const fromB = addStage(b, { name: 'From B', index: 1 });
    sync(a, b);
    const ids = readStages(a).map((s) => s.id);
    expect(readStages(b).map((s) => s.id)).toEqual(ids);
    expect(ids).toHaveLength(5);
    expect(ids).toEqual(expect.arrayContaining([s1, s2, fromA, fromB]));
  });

  it('also when both append at the end', () => {
    const { a, b, s3 } = twoReplicas();
    const fromA = addStage(a, { name: 'From A' });
    const fromB = addStage(b, { name: 'From B' });
    sync(a, b);
    const ids = readStages(a).map((s) => s.id);
    expect(readStages(b).map((s) => s.id)).toEqual(ids);
    expect(ids.slice(2, 3)).toEqual([s3]);
    expect(ids.slice(3).sort()).toEqual([fromA, fromB].sort());
  });
});

describe('concurrent moves of one card', () => {
  function expectOneOfTargets(a: Y.Doc, b: Y.Doc, card: string, targets: [string, string][]) {
    const onA = cardIn(a, card)!;
    const onB = cardIn(b, card)!;
    expect(onB).toEqual(onA);
    expect(targets).toContainEqual([onA.stageId, onA.laneId]);
  }

  it('lands in exactly one target cell when both targets differ in stage and lane', () => {
    const { a, b, s2, l2, s3, l3, card } = twoReplicas();
    moveCard(a, card, { stageId: s2, laneId: l2 });
    moveCard(b, card, { stageId: s3, laneId: l3 });
    sync(a, b);
    expectOneOfTargets(a, b, card, [
      [s2, l2],
      [s3, l3],
    ]);
  });

  // One user drags the card sideways (new stage, same lane), the other down (same stage, new
  // lane). Each move writes only the key that changes, so the merge takes the stage from one
  // move and the lane from the other: a cell nobody chose.
  it('does not mix the stage of one move with the lane of the other', () => {
    const { a, b, s1, l1, s2, l2, card } = twoReplicas();
    moveCard(a, card, { stageId: s2, laneId: l1 });
    moveCard(b, card, { stageId: s1, laneId: l2 });
    sync(a, b);
    expectOneOfTargets(a, b, card, [
      [s2, l1],
      [s1, l2],
    ]);
  });
});

describe('concurrent edits of one card', () => {
  it('text insertions at different places both survive', () => {
    const { a, b, card } = twoReplicas();
    setCardText(a, card, 'Hello brave world');
    setCardText(b, card, 'Hello world!!');
    sync(a, b);
    expect(cardIn(a, card)!.text).toBe('Hello brave world!!');
    expect(cardIn(b, card)!.text).toBe('Hello brave world!!');
  });

  it('setMetrics of different keys both survive', () => {
    const { a, b, card } = twoReplicas();
    setMetrics(a, card, { csat: 72 });
    setMetrics(b, card, { ces: 3.4 });
    sync(a, b);
    expect(cardIn(a, card)!.metrics).toEqual({ csat: 72, ces: 3.4 });
    expect(cardIn(b, card)!.metrics).toEqual({ csat: 72, ces: 3.4 });
  });

  it('the first metric added on both sides at once keeps both (nested map exists from birth)', () => {
    const { a, b, s2, l2 } = twoReplicas();
    const fresh = addCard(a, { stageId: s2, laneId: l2 });
    sync(a, b);
    setMetrics(a, fresh, { fcr: 10 });
    setMetrics(b, fresh, { volume: 99 });
    sync(a, b);
    expect(cardIn(b, fresh)!.metrics).toEqual({ fcr: 10, volume: 99 });
  });

  it('addTag of different tags both survive', () => {
    const { a, b, card } = twoReplicas();
    addTag(a, card, 'pricing');
    addTag(b, card, 'trust');
    sync(a, b);
    expect([...cardIn(a, card)!.tags].sort()).toEqual(['pricing', 'trust']);
    expect(cardIn(b, card)!.tags).toEqual(cardIn(a, card)!.tags);
  });

  it('addTag of the same tag on both sides shows it once', () => {
    const { a, b, card } = twoReplicas();
    addTag(a, card, 'same');
    addTag(b, card, 'same');
    sync(a, b);
    expect(cardIn(a, card)!.tags).toEqual(['same']);
    expect(cardIn(b, card)!.tags).toEqual(['same']);
  });
});

describe('concurrent delete and edit', () => {
  // What happens: deleteStage on A deletes the stage and the cards A knows of in it. The card B
  // adds concurrently survives the merge on both replicas, still pointing at the deleted stage
  // (an orphan no stage column shows). Both replicas agree on this state.
  it('a card added to a stage deleted meanwhile is left out of the board, which stays exportable', () => {
    const { a, b, s1, l1, card } = twoReplicas();
    deleteStage(a, s1);
    const added = addCard(b, { stageId: s1, laneId: l1, text: 'added offline' });
    const arrow = addShape(b, { type: 'arrow', x: 0, y: 0, w: 10, h: 0, from: added });
    sync(a, b);
    expect(readBoard(b)).toEqual(readBoard(a));
    const board = readBoard(a);
    expect(board.stages.map((s) => s.id)).not.toContain(s1);
    expect(board.cards.find((c) => c.id === card)).toBeUndefined();
    // The deleter's intent wins: the orphan is not shown, and nothing points at it.
    expect(board.cards.find((c) => c.id === added)).toBeUndefined();
    expect(board.shapes.find((s) => s.id === arrow)).not.toHaveProperty('from');
    expect(parseBoardJson(JSON.parse(JSON.stringify(exportBoard(a)))).ok).toBe(true);
  });

  it('an edit to a card that is deleted meanwhile does not bring it back', () => {
    const { a, b, s1, card } = twoReplicas();
    deleteStage(a, s1);
    setCardText(b, card, 'edited offline');
    addTag(b, card, 'late');
    sync(a, b);
    expect(readBoard(b)).toEqual(readBoard(a));
    expect(cardIn(a, card)).toBeUndefined();
  });
});

describe('concurrent persona and shape edits', () => {
  it('setPersona name on one side and description on the other both survive', () => {
    const { a, b } = twoReplicas();
    setPersona(a, { name: 'Priya' });
    setPersona(b, { description: 'Small-business owner' });
    sync(a, b);
    expect(readMeta(a).persona).toEqual({ name: 'Priya', description: 'Small-business owner' });
    expect(readMeta(b).persona).toEqual(readMeta(a).persona);
  });

  it('updateShape of different keys both survive', () => {
    const { a, b } = twoReplicas();
    const shape = addShape(a, { type: 'rect', x: 0, y: 0, w: 10, h: 10 });
    sync(a, b);
    updateShape(a, shape, { x: 50 });
    updateShape(b, shape, { color: '#123456' });
    sync(a, b);
    expect(readBoard(a).shapes).toEqual(readBoard(b).shapes);
    expect(readBoard(a).shapes[0]).toMatchObject({ x: 50, color: '#123456' });
  });
});
