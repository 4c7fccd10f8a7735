/** A small board and an edited copy of it, for the versions unit tests (not a test itself). */
import {
  addCard,
  addLane,
  addStage,
  addTag,
  deleteCard,
  moveCard,
  renameStage,
  setCardText,
  setEmotion,
  setMetrics,
} from '../../../../shared/model/index.js';
import { newBoard, replicaOf } from '../../shared/model/helpers.js';

export function editedBoard() {
  const doc = newBoard();
  const purchase = addStage(doc, { name: 'Purchase' });
  const support = addStage(doc, { name: 'Support' });
  const touch = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const pain = addLane(doc, { name: 'Pain points', kind: 'painPoints' });
  const call = addCard(doc, { stageId: purchase, laneId: touch, text: 'Call centre' });
  const web = addCard(doc, {
    stageId: support,
    laneId: touch,
    text: 'Help page',
    emotion: -1,
    metrics: { csat: 62, volume: 1200 },
  });
  const queue = addCard(doc, { stageId: support, laneId: pain, text: 'Long queue' });
  const gone = addCard(doc, { stageId: purchase, laneId: touch, text: 'Fax order' });
  const after = replicaOf(doc);
  moveCard(after, call, { stageId: support, laneId: touch });
  setEmotion(after, web, 1);
  setMetrics(after, web, { csat: 71, volume: 900 });
  setCardText(after, web, 'Help centre');
  addTag(after, queue, 'Resolved');
  deleteCard(after, gone);
  const added = addCard(after, { stageId: purchase, laneId: touch, text: 'Chat' });
  renameStage(after, support, 'Aftercare');
  return {
    before: doc,
    after,
    ids: { purchase, support, touch, pain, call, web, queue, gone, added },
  };
}
