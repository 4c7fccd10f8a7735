import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  exportBoard,
  initBoard,
} from '../../../../shared/model/index.js';
import { CREATED_AT } from './helpers.js';

describe('display order', () => {
  it('W102: exports stages and lanes by order and cards by order within their cell', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Order', mapType: 'current-state', createdAt: CREATED_AT });
    const later = addStage(doc, { name: 'Later' });
    const first = addStage(doc, { name: 'First', index: 0 });
    const bottom = addLane(doc, { name: 'Bottom', kind: 'text' });
    const top = addLane(doc, { name: 'Top', kind: 'text', index: 0 });
    addCard(doc, { stageId: later, laneId: top, text: 'second' });
    addCard(doc, { stageId: later, laneId: top, text: 'first', index: 0 });
    addCard(doc, { stageId: first, laneId: bottom, text: 'only' });
    const json = exportBoard(doc);
    expect(json.stages.map((s) => s.id)).toEqual([first, later]);
    expect(json.lanes.map((l) => l.id)).toEqual([top, bottom]);
    const inCell = json.cards.filter((c) => c.stageId === later && c.laneId === top);
    expect(inCell.map((c) => c.text)).toEqual(['first', 'second']);
  });
});
