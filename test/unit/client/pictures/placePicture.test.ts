/** Where a pasted or dropped picture goes, and that it is one undoable change (W228, W232). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  boardRoots,
  initBoard,
  readBoard,
} from '../../../../shared/model/index.js';
import { layoutBoard } from '../../../../client/src/board/core/layout.js';
import {
  pictureShapeSize,
  pictureTargetAt,
  placePicture,
} from '../../../../client/src/board/pictures/placePicture.js';

const IMAGE = {
  id: 'Yq3kM0v9bX1-2_abcdefghij',
  width: 800,
  height: 400,
  type: 'image/png',
  bytes: 1000,
};

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Shop', mapType: 'current-state' });
  const stage = addStage(doc, { name: 'Visit' });
  const actions = addLane(doc, { name: 'Actions', kind: 'actions' });
  const story = addLane(doc, { name: 'Storyboard', kind: 'storyboard' });
  const card = addCard(doc, { stageId: stage, laneId: actions, text: 'Pays' });
  const roots = boardRoots(doc);
  const undo = new Y.UndoManager([roots.cards, roots.shapes], { captureTimeout: 500 });
  return { doc, stage, actions, story, card, undo };
}

describe('placing a picture', () => {
  it('W232: on a card sets its picture; in a storyboard cell adds a card; elsewhere a shape', () => {
    const { doc, stage, story, card, undo } = board();
    const layout = layoutBoard(readBoard(doc));
    const box = layout.cards.get(card)!;
    const onCard = pictureTargetAt(layout, box.x + 5, box.y + 5);
    expect(onCard).toEqual({ kind: 'card', cardId: card });
    const row = layout.rows.find((r) => r.id === story)!;
    const column = layout.columns[0]!;
    const inCell = pictureTargetAt(layout, column.x + 20, row.y + 20);
    expect(inCell).toEqual({ kind: 'storyboard', stageId: stage, laneId: story, index: 0 });
    const free = pictureTargetAt(layout, layout.width + 300, 50);
    expect(free).toEqual({ kind: 'canvas', x: layout.width + 300, y: 50 });

    placePicture(doc, onCard, IMAGE, undo);
    const added = placePicture(doc, inCell, IMAGE, undo);
    const shape = placePicture(doc, free, IMAGE, undo);
    const after = readBoard(doc);
    expect(after.cards.find((c) => c.id === card)!.image).toBe(IMAGE.id);
    expect(after.cards.find((c) => c.id === added)).toMatchObject({
      stageId: stage,
      laneId: story,
      image: IMAGE.id,
      text: '',
    });
    // Centred on the point, 240 on its long side, at the picture's 2:1 ratio.
    expect(after.shapes.find((s) => s.id === shape)).toMatchObject({
      type: 'image',
      image: IMAGE.id,
      x: layout.width + 300 - 120,
      y: 50 - 60,
      w: 240,
      h: 120,
    });

    // Each placement is its own undo step, even within the capture timeout.
    const has = () => {
      const now = readBoard(doc);
      return [
        now.cards.find((c) => c.id === card)!.image !== undefined,
        now.cards.some((c) => c.id === added),
        now.shapes.length > 0,
      ];
    };
    undo.undo();
    expect(has()).toEqual([true, true, false]);
    undo.undo();
    expect(has()).toEqual([true, false, false]);
    undo.undo();
    expect(readBoard(doc).cards.find((c) => c.id === card)).not.toHaveProperty('image');
  });

  it('W228: a picture shape keeps the aspect ratio of a tall or tiny picture', () => {
    expect(pictureShapeSize(300, 900)).toEqual({ w: 80, h: 240 });
    expect(pictureShapeSize(1, 1)).toEqual({ w: 240, h: 240 });
  });

  it('W232: a storyboard lane is tall enough for a picture card even when empty', () => {
    const { doc, story } = board();
    const layout = layoutBoard(readBoard(doc));
    const row = layout.rows.find((r) => r.id === story)!;
    expect(row.h).toBeGreaterThan(196);
  });
});
