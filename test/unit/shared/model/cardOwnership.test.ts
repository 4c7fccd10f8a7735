/** A card's owning team and what the customer expected (W281, W282), across the model. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  diffBoards,
  docFromJson,
  exportBoard,
  parseBoardJson,
  readBoard,
  readBoardChecked,
  reconcile,
  setExpectation,
  setExpected,
  setTeam,
} from '../../../../shared/model/index.js';
import { boardCsvRows } from '../../../../shared/model/csvExport.js';
import { findSchemaViolation } from '../../../../shared/model/schemaGuard.js';
import { boardWithGrid, expectModelError, replicaOf } from './helpers.js';

function oneCard() {
  const { doc, s1, l1 } = boardWithGrid();
  const id = addCard(doc, { stageId: s1, laneId: l1, text: 'Callback' });
  const card = () => readBoard(doc).cards.find((c) => c.id === id)!;
  const record = () => doc.getMap<Y.Map<unknown>>('cards').get(id)!;
  return { doc, id, card, record, s1, l1 };
}

/** What the schema guard says of `write` made on a copy of `doc`. */
function guardVerdict(doc: Y.Doc, write: (copy: Y.Doc) => void): string | null {
  const copy = replicaOf(doc);
  const before = Y.encodeStateVector(doc);
  write(copy);
  const update = Y.encodeStateAsUpdate(copy, before);
  return findSchemaViolation(doc, 'board', Y.decodeUpdate(update));
}

describe('owning team', () => {
  it('W281: setTeam trims, blank clears, and addCard trims', () => {
    const { doc, id, card, s1, l1 } = oneCard();
    setTeam(doc, id, '  Tier 1 support ');
    expect(card().team).toBe('Tier 1 support');
    setTeam(doc, id, '   ');
    expect(card().team).toBeUndefined();
    expect(card().team === undefined && !('team' in card())).toBe(true);
    const other = addCard(doc, { stageId: s1, laneId: l1, text: 'x', team: ' Billing ' });
    expect(readBoard(doc).cards.find((c) => c.id === other)!.team).toBe('Billing');
  });

  it('W281: an empty or overlong team is refused with the field named', () => {
    const { doc, id, s1, l1 } = oneCard();
    expectModelError(() => setTeam(doc, id, 'x'.repeat(81)), `cards.${id}.team`);
    expectModelError(
      () => addCard(doc, { stageId: s1, laneId: l1, id: 'card-a', team: ' ' }),
      'cards.card-a.team',
    );
    setTeam(doc, id, 'x'.repeat(80));
  });

  it("W281: another client's value of the wrong type is refused at the door; a bad string reads as unset and is noted", () => {
    const { doc, id, card, record } = oneCard();
    expect(
      guardVerdict(doc, (c) => c.getMap<Y.Map<unknown>>('cards').get(id)!.set('team', 7)),
    ).toBe(`cards.${id}.team must be a string; got a number`);
    expect(
      guardVerdict(doc, (c) => c.getMap<Y.Map<unknown>>('cards').get(id)!.set('team', 'Ok')),
    ).toBeNull();
    record().set('team', ' padded ');
    expect(card().team).toBeUndefined();
    record().set('team', 42);
    const { board, unreadable } = readBoardChecked(doc);
    expect(board.cards[0]!.team).toBeUndefined();
    expect(unreadable).toContainEqual({
      path: `cards.${id}.team`,
      reason: 'must be a string; got a number',
    });
    expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  });
});

describe('what the customer expected', () => {
  it('W282: a whole score on the emotion scale and words, set and cleared', () => {
    const { doc, id, card } = oneCard();
    setExpected(doc, id, 2);
    setExpectation(doc, id, '  They know my history ');
    expect(card()).toMatchObject({ expected: 2, expectation: 'They know my history' });
    expectModelError(() => setExpected(doc, id, 3), `cards.${id}.expected`);
    expectModelError(() => setExpected(doc, id, 1.5), `cards.${id}.expected`);
    expectModelError(() => setExpectation(doc, id, 'x'.repeat(501)), `cards.${id}.expectation`);
    setExpected(doc, id, undefined);
    setExpectation(doc, id, '');
    expect(card().expected).toBeUndefined();
    expect(card().expectation).toBeUndefined();
  });

  it('W282: foreign values read as unset and are noted; the guard refuses a wrong type', () => {
    const { doc, id, card, record } = oneCard();
    expect(
      guardVerdict(doc, (c) => c.getMap<Y.Map<unknown>>('cards').get(id)!.set('expected', '2')),
    ).toBe(`cards.${id}.expected must be a finite number; got a string`);
    expect(
      guardVerdict(doc, (c) => c.getMap<Y.Map<unknown>>('cards').get(id)!.set('expectation', 1)),
    ).toBe(`cards.${id}.expectation must be a string; got a number`);
    record().set('expected', 5);
    record().set('expectation', '');
    expect(card().expected).toBeUndefined();
    expect(card().expectation).toBeUndefined();
    const paths = readBoardChecked(doc).unreadable.map((u) => u.path);
    expect(paths).toEqual(
      expect.arrayContaining([`cards.${id}.expected`, `cards.${id}.expectation`]),
    );
  });

  it('W282: the fields round-trip through JSON, restore, CSV and the diff', () => {
    const { doc, id } = oneCard();
    const before = replicaOf(doc);
    setTeam(doc, id, 'Billing');
    setExpected(doc, id, 1);
    setExpectation(doc, id, 'Solved in one call');
    const json = exportBoard(doc);
    const parsed = parseBoardJson(JSON.parse(JSON.stringify(json)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(exportBoard(docFromJson(parsed.board))).toEqual(json);
    const restored = replicaOf(before);
    reconcile(restored, readBoard(doc));
    expect(readBoard(restored).cards[0]).toMatchObject({
      team: 'Billing',
      expected: 1,
      expectation: 'Solved in one call',
    });
    const [header, row] = boardCsvRows(readBoard(doc));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect([cell('team'), cell('expected'), cell('expectation')]).toEqual([
      'Billing',
      '1',
      'Solved in one call',
    ]);
    expect(diffBoards(before, doc).changes.map((c) => c.label)).toEqual([
      'Team of "Callback" changed from none to Billing',
      'Expectation at "Callback": score none → 1, words none → "Solved in one call"',
    ]);
    reconcile(restored, readBoard(before));
    expect(readBoard(restored).cards[0]!.team).toBeUndefined();
  });

  it('W282: the import refuses out-of-range values with the field named', () => {
    const { doc } = oneCard();
    const json = exportBoard(doc);
    const bad = { ...json, cards: [{ ...json.cards[0]!, expected: 4, team: '' }] };
    const result = parseBoardJson(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).sort()).toEqual(['cards[0].expected', 'cards[0].team']);
  });
});
