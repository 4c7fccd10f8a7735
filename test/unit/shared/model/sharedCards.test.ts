/** Shared insights in the model (W301, W304): copies, their reference and their content. */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  addSharedCopy,
  applySharedContent,
  detachSharedCopy,
  docFromJson,
  exportBoard,
  markSharedOrigin,
  parseBoardJson,
  parseSharedRef,
  readBoard,
  readBoardChecked,
  readSharedCopies,
  sharedContentOf,
} from '../../../../shared/model/index.js';
import { boardWithGrid, countUpdates, expectModelError, replicaOf, sync } from './helpers.js';

const ORIGIN = { board: 'onboardingMap1', card: 'pain_1' };
const CONTENT = {
  text: 'Waiting two days for the ID check',
  color: '#f28b82',
  tags: ['kyc'],
  evidence: [{ id: 'q1', kind: 'quote' as const, text: '"I gave up"' }],
};

function copyBoard() {
  const grid = boardWithGrid();
  const copy = addSharedCopy(grid.doc, { stageId: grid.s1, laneId: grid.l1 }, ORIGIN, CONTENT);
  return { ...grid, copy };
}

const cardOf = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c) => c.id === id)!;

describe('shared cards in the model', () => {
  it('W301: a copy holds its origin as <boardId>/<cardId> and the origin’s content', () => {
    const { doc, copy } = copyBoard();
    expect(cardOf(doc, copy)).toMatchObject({ ...CONTENT, sharedFrom: 'onboardingMap1/pain_1' });
    expect(readSharedCopies(doc)).toEqual([{ cardId: copy, origin: ORIGIN }]);
    expect(parseSharedRef('onboardingMap1/pain_1')).toEqual(ORIGIN);
    for (const bad of ['short/x', 'onboardingMap1/', 'onboardingMap1/a/b', 'onboardingMap1 x'])
      expect(parseSharedRef(bad)).toBeNull();
    const grid = boardWithGrid();
    expectModelError(() =>
      addCard(grid.doc, { stageId: grid.s1, laneId: grid.l1, sharedFrom: 'nope' }),
    );
  });

  it('W301: copies and origin marks survive JSON export and import; a bad reference is refused', () => {
    const { doc, copy, s1, l1 } = copyBoard();
    const origin = addCard(doc, { stageId: s1, laneId: l1, text: 'Mine' });
    markSharedOrigin(doc, origin, true);
    const json = JSON.parse(JSON.stringify(exportBoard(doc)));
    const parsed = parseBoardJson(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const back = docFromJson(parsed.board);
    expect(cardOf(back, copy).sharedFrom).toBe('onboardingMap1/pain_1');
    expect(cardOf(back, origin).sharedOut).toBe(true);
    json.cards[0].sharedFrom = 'not a reference';
    const refused = parseBoardJson(json);
    expect(refused.ok).toBe(false);
  });

  it('W301: a foreign client’s unparsable reference reads as no copy, noted as unreadable', () => {
    const { doc, copy } = copyBoard();
    (doc.getMap('cards').get(copy) as Y.Map<unknown>).set('sharedFrom', '../../etc');
    const { board, unreadable } = readBoardChecked(doc);
    expect(board.cards.find((c) => c.id === copy)?.sharedFrom).toBeUndefined();
    expect(unreadable.some((u) => u.path.includes('sharedFrom'))).toBe(true);
    expect(readSharedCopies(doc)).toEqual([]);
  });

  it('W304: applying content writes only what differs, and nothing when the copy is current', () => {
    const { doc, copy } = copyBoard();
    const current = cardOf(doc, copy);
    expect(countUpdates(doc, () => applySharedContent(doc, copy, ORIGIN, CONTENT, current))).toBe(
      0,
    );
    const next = { ...CONTENT, text: 'ID check takes two days', color: undefined };
    applySharedContent(doc, copy, ORIGIN, next, current);
    expect(cardOf(doc, copy)).toMatchObject({ text: 'ID check takes two days', tags: ['kyc'] });
    expect(cardOf(doc, copy).color).toBeUndefined();
    // Not a copy of that origin: nothing written.
    expect(applySharedContent(doc, copy, { ...ORIGIN, card: 'other' }, CONTENT, current)).toBe(
      false,
    );
  });

  it('W304: two replicas refreshing one copy at once converge on the origin’s text, not twice it', () => {
    const { doc, copy } = copyBoard();
    const other = replicaOf(doc);
    const next = { ...CONTENT, text: 'ID check takes two days', tags: ['kyc', 'ops'] };
    applySharedContent(doc, copy, ORIGIN, next, cardOf(doc, copy));
    applySharedContent(other, copy, ORIGIN, next, cardOf(other, copy));
    sync(doc, other);
    for (const replica of [doc, other])
      expect(cardOf(replica, copy)).toMatchObject({
        text: 'ID check takes two days',
        tags: ['kyc', 'ops'],
      });
  });

  it('W301: detaching keeps the content and ends the reference; sharedContentOf reads a card', () => {
    const { doc, copy } = copyBoard();
    detachSharedCopy(doc, copy);
    expect(cardOf(doc, copy).sharedFrom).toBeUndefined();
    expect(sharedContentOf(cardOf(doc, copy))).toEqual(CONTENT);
    expect(readSharedCopies(doc)).toEqual([]);
  });
});
