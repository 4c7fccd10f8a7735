import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { changedRecords } from '../../../../client/src/board/core/unsyncedChanges.js';
import {
  addCard,
  addShape,
  addTag,
  moveCard,
  renameStage,
  setCardText,
  setMetrics,
  setPersona,
  setTitle,
  updateShape,
} from '../../../../shared/model/index.js';
import { boardWithGrid } from '../../shared/model/helpers.js';

/** Runs `edits` and returns the changes a person would count, as the session counts them. */
function countChanges(doc: Y.Doc, edits: () => void): number {
  const seen = new Set<string>();
  const collect = (tr: Y.Transaction) => changedRecords(tr).forEach((key) => seen.add(key));
  doc.on('afterTransaction', collect);
  edits();
  doc.off('afterTransaction', collect);
  return seen.size;
}

/** Types `text` one character per transaction, as the in-place editor writes it. */
function typeInto(doc: Y.Doc, cardId: string, text: string): void {
  for (let i = 1; i <= text.length; i++) setCardText(doc, cardId, text.slice(0, i));
}

describe('changedRecords', () => {
  it('counts three small edits as three changes, not sixty keystrokes', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const cards = [0, 1, 2].map(() => addCard(doc, { stageId: s1, laneId: l1 }));
    let updates = 0;
    doc.on('update', () => updates++);
    const changes = countChanges(doc, () => {
      typeInto(doc, cards[0]!, 'Waits for approval');
      typeInto(doc, cards[1]!, 'Checks the invoice');
      typeInto(doc, cards[2]!, 'Calls the help desk');
    });
    expect(updates).toBeGreaterThanOrEqual(55);
    expect(changes).toBe(3);
  });

  it('counts a new card with its text as one change, and a move as one', () => {
    const { doc, s1, s2, l1 } = boardWithGrid();
    let id = '';
    expect(
      countChanges(doc, () => {
        id = addCard(doc, { stageId: s1, laneId: l1 });
        typeInto(doc, id, 'New step');
        setMetrics(doc, id, { csat: 80 });
        addTag(doc, id, 'billing');
      }),
    ).toBe(1);
    expect(countChanges(doc, () => moveCard(doc, id, { stageId: s2, laneId: l1 }))).toBe(1);
  });

  it('tells records and board fields apart', () => {
    const { doc, s1 } = boardWithGrid();
    const shape = addShape(doc, { type: 'note', x: 0, y: 0, w: 10, h: 10 });
    const changes = countChanges(doc, () => {
      renameStage(doc, s1, 'Discovery');
      updateShape(doc, shape, { x: 40 });
      updateShape(doc, shape, { y: 40 });
      setTitle(doc, 'Renamed');
      setPersona(doc, { name: 'Dana' });
    });
    expect(changes).toBe(4);
  });
});
