import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addShape,
  addStage,
  addTag,
  deleteCard,
  deleteShape,
  readBoard,
  renameStage,
  setCardText,
  setEmotion,
  updateShape,
} from '../../../../shared/model/index.js';
import { shareUnchanged } from '../../../../client/src/board/core/hooks.js';
import { newBoard } from '../../shared/model/helpers.js';

function fixture() {
  const doc = newBoard();
  const stage = addStage(doc, { name: 'Discover' });
  const actions = addLane(doc, { name: 'Actions', kind: 'actions' });
  const feelings = addLane(doc, { name: 'Feelings', kind: 'emotions' });
  const c1 = addCard(doc, { stageId: stage, laneId: actions, text: 'One', tags: ['a'] });
  const c2 = addCard(doc, { stageId: stage, laneId: actions, text: 'Two' });
  const c3 = addCard(doc, { stageId: stage, laneId: feelings, emotion: 1 });
  const note = addShape(doc, { type: 'note', x: 0, y: 0, w: 100, h: 100, text: 'Idea' });
  const arrow = addShape(doc, { type: 'arrow', x: 0, y: 0, w: 50, h: 0, from: c1, to: note });
  return { doc, ids: { stage, c1, c2, c3, note, arrow } };
}

describe('shareUnchanged', () => {
  it('keeps every card and shape object when nothing changed', () => {
    const { doc } = fixture();
    const prev = readBoard(doc);
    const next = readBoard(doc);
    // Two reads give equal but distinct objects…
    expect(next.cards[0]).not.toBe(prev.cards[0]);
    const shared = shareUnchanged(prev, next);
    // …which sharing turns back into the previous ones.
    expect(shared).toEqual(next);
    shared.cards.forEach((card, i) => expect(card).toBe(prev.cards[i]));
    shared.shapes.forEach((shape, i) => expect(shape).toBe(prev.shapes[i]));
  });

  it('gives a changed card a new object and keeps the others', () => {
    const { doc, ids } = fixture();
    const prev = readBoard(doc);
    setCardText(doc, ids.c2, 'Two, edited');
    const next = readBoard(doc);
    const shared = shareUnchanged(prev, next);
    const byId = new Map(shared.cards.map((c) => [c.id, c]));
    const before = new Map(prev.cards.map((c) => [c.id, c]));
    expect(byId.get(ids.c2)).not.toBe(before.get(ids.c2));
    expect(byId.get(ids.c2)!.text).toBe('Two, edited');
    expect(byId.get(ids.c1)).toBe(before.get(ids.c1));
    expect(byId.get(ids.c3)).toBe(before.get(ids.c3));
    shared.shapes.forEach((shape, i) => expect(shape).toBe(prev.shapes[i]));
  });

  it('notices changes nested in a card (tags) and to a field a card gains or loses', () => {
    const { doc, ids } = fixture();
    const prev = readBoard(doc);
    addTag(doc, ids.c1, 'b');
    setEmotion(doc, ids.c3, undefined);
    const shared = shareUnchanged(prev, readBoard(doc));
    const byId = new Map(shared.cards.map((c) => [c.id, c]));
    expect(byId.get(ids.c1)!.tags).toEqual(['a', 'b']);
    expect(byId.get(ids.c1)).not.toBe(prev.cards.find((c) => c.id === ids.c1));
    expect(byId.get(ids.c3)).not.toHaveProperty('emotion');
    expect(byId.get(ids.c3)).not.toBe(prev.cards.find((c) => c.id === ids.c3));
    expect(byId.get(ids.c2)).toBe(prev.cards.find((c) => c.id === ids.c2));
  });

  it('gives a moved shape a new object', () => {
    const { doc, ids } = fixture();
    const prev = readBoard(doc);
    updateShape(doc, ids.note, { x: 40 });
    const shared = shareUnchanged(prev, readBoard(doc));
    const note = shared.shapes.find((s) => s.id === ids.note)!;
    expect(note.x).toBe(40);
    expect(note).not.toBe(prev.shapes.find((s) => s.id === ids.note));
    expect(shared.shapes.find((s) => s.id === ids.arrow)).toBe(
      prev.shapes.find((s) => s.id === ids.arrow),
    );
  });

  it('drops removed items and adds new ones as new objects', () => {
    const { doc, ids } = fixture();
    const prev = readBoard(doc);
    deleteCard(doc, ids.c2);
    const c4 = addCard(doc, { stageId: ids.stage, laneId: prev.lanes[0]!.id, text: 'Four' });
    deleteShape(doc, ids.note);
    const next = readBoard(doc);
    const shared = shareUnchanged(prev, next);
    expect(shared.cards.map((c) => c.id)).toEqual(next.cards.map((c) => c.id));
    expect(shared.cards.map((c) => c.id)).not.toContain(ids.c2);
    expect(shared.cards.find((c) => c.id === c4)).toBe(next.cards.find((c) => c.id === c4));
    expect(shared.cards.find((c) => c.id === ids.c1)).toBe(prev.cards.find((c) => c.id === ids.c1));
    // The arrow let go of the deleted note, so it changed too.
    expect(shared.shapes).toHaveLength(1);
    expect(shared.shapes[0]).not.toHaveProperty('to');
    expect(shared.shapes[0]).not.toBe(prev.shapes.find((s) => s.id === ids.arrow));
  });

  it('takes everything else (meta, stages, lanes) from the new snapshot', () => {
    const { doc, ids } = fixture();
    const prev = readBoard(doc);
    renameStage(doc, ids.stage, 'Explore');
    const next = readBoard(doc);
    const shared = shareUnchanged(prev, next);
    expect(shared.stages).toBe(next.stages);
    expect(shared.lanes).toBe(next.lanes);
    expect(shared.meta).toBe(next.meta);
    expect(shared.stages[0]!.name).toBe('Explore');
  });
});
