/** A small laid-out board for the anchor and pin tests (not a test file itself). */
import { addCard, addLane, addShape, addStage, readBoard } from '../../../../shared/model/index.js';
import { layoutBoard } from '../../../../client/src/board/core/layout.js';
import { newBoard } from '../../shared/model/helpers.js';

/** Stages Discover, Onboarding × lanes Actions, Feelings; two cards, a note and an arrow. */
export function laidOutBoard() {
  const doc = newBoard();
  const discover = addStage(doc, { name: 'Discover' });
  const onboarding = addStage(doc, { name: 'Onboarding' });
  const actions = addLane(doc, { name: 'Actions', kind: 'actions' });
  const feelings = addLane(doc, { name: 'Feelings', kind: 'emotions' });
  const card = addCard(doc, {
    stageId: onboarding,
    laneId: actions,
    text: 'Fills in the sign-up form and waits for the confirmation email to arrive\nsecond line',
  });
  const blank = addCard(doc, { stageId: discover, laneId: actions, text: '' });
  const mood = addCard(doc, { stageId: discover, laneId: feelings, emotion: 1 });
  const note = addShape(doc, { type: 'note', x: 900, y: 600, w: 160, h: 120, text: 'Idea' });
  const rect = addShape(doc, { type: 'rect', x: 10, y: 900, w: 50, h: 50 });
  const arrow = addShape(doc, { type: 'arrow', x: 1200, y: 700, w: -100, h: 40 });
  const board = readBoard(doc);
  const layout = layoutBoard(board);
  return {
    doc,
    board,
    layout,
    ids: { discover, onboarding, actions, feelings, card, blank, mood, note, rect, arrow },
  };
}
