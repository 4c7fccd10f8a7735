/** Linked maps in the model (W241, W242): the `link` field of stages and cards. */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  diffBoards,
  docFromJson,
  exportBoard,
  linksOf,
  parseBoardJson,
  readBoard,
  readBoardChecked,
  reconcile,
  setCardLink,
  setStageLink,
} from '../../../../shared/model/index.js';
import { boardWithGrid, expectModelError, replicaOf } from './helpers.js';

const CHILD = 'onboardingMap1';
const OTHER = 'billingMap_22';

function linkedBoard() {
  const grid = boardWithGrid();
  const card = addCard(grid.doc, { stageId: grid.s1, laneId: grid.l1, text: 'Sign-up form' });
  setStageLink(grid.doc, grid.s2, CHILD);
  setCardLink(grid.doc, card, OTHER);
  return { ...grid, card };
}

describe('linked maps in the model', () => {
  it('W241: a stage and a card keep their link through JSON export and import', () => {
    const { doc, s2, card } = linkedBoard();
    const json = exportBoard(doc);
    expect(json.stages.find((s) => s.id === s2)?.link).toBe(CHILD);
    expect(json.cards.find((c) => c.id === card)?.link).toBe(OTHER);
    const parsed = parseBoardJson(JSON.parse(JSON.stringify(json)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const copy = readBoard(docFromJson(parsed.board));
    expect(copy).toEqual(readBoard(doc));
    expect(linksOf(copy)).toEqual([
      { itemKind: 'stage', itemId: s2, boardId: CHILD },
      { itemKind: 'card', itemId: card, boardId: OTHER },
    ]);
  });

  it('W241: a link that is not a board id is refused by the setters and by import, naming the field', () => {
    const { doc, s1, card } = linkedBoard();
    expectModelError(() => setCardLink(doc, card, 'no spaces!'), `cards.${card}.link`);
    expectModelError(() => setStageLink(doc, s1, 'x'), `stages.${s1}.link`);
    const json = exportBoard(doc);
    json.cards[0]!.link = '../etc';
    const parsed = parseBoardJson(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]!.path).toBe('cards[0].link');
  });

  it('W241: unlinking clears the field; a foreign non-id value reads as unset and is noted', () => {
    const { doc, s2, card } = linkedBoard();
    setCardLink(doc, card, undefined);
    expect(readBoard(doc).cards[0]!.link).toBeUndefined();
    (doc.getMap('stages').get(s2) as Y.Map<unknown>).set('link', 'not a board id');
    (doc.getMap('cards').get(card) as Y.Map<unknown>).set('link', 42);
    const { board, unreadable } = readBoardChecked(doc);
    expect(board.stages.find((s) => s.id === s2)!.link).toBeUndefined();
    expect(board.cards[0]!.link).toBeUndefined();
    const paths = unreadable.map((u) => u.path);
    expect(paths).toContain(`stages.${s2}.link`);
    expect(paths).toContain(`cards.${card}.link`);
    expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  });

  it('W241: reconcile (a version restore) sets and clears links', () => {
    const { doc, s2, card } = linkedBoard();
    const version = readBoard(doc);
    const live = replicaOf(doc);
    setStageLink(live, s2, undefined);
    setCardLink(live, card, CHILD);
    reconcile(live, version);
    expect(readBoard(live)).toEqual(version);
  });

  it('W241: the version diff reports a link added, changed and removed on stages and cards', () => {
    const { doc, s1, s2, card } = linkedBoard();
    const before = readBoard(doc);
    setStageLink(doc, s1, OTHER);
    setStageLink(doc, s2, undefined);
    setCardLink(doc, card, CHILD);
    const { changes } = diffBoards(before, readBoard(doc));
    const links = changes.filter((c) => c.kind.endsWith('-link-changed'));
    expect(links.map((c) => c.label)).toEqual([
      'Stage "Discover" linked to a map',
      'Card "Sign-up form" linked to another map',
      'Stage "Sign up" unlinked',
    ]);
    expect(links[1]).toMatchObject({ kind: 'card-link-changed', before: OTHER, after: CHILD });
  });
});
