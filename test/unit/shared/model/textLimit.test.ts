/** The card and shape text limit: every writer of text refuses more than TEXT_MAX_CHARS. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addShape,
  boardRoots,
  cutText,
  exportBoard,
  parseBoardJson,
  readCards,
  readShapes,
  setCardText,
  setShapeText,
  TEXT_MAX_CHARS,
} from '../../../../shared/model/index.js';
import { boardWithGrid, expectModelError } from './helpers.js';

const atLimit = 'x'.repeat(TEXT_MAX_CHARS);
const overLimit = `${atLimit}y`;

describe('card and shape text limit', () => {
  it('W103: takes text up to the limit', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const card = addCard(doc, { stageId: s1, laneId: l1, text: atLimit });
    const shape = addShape(doc, { type: 'note', x: 0, y: 0, w: 10, h: 10, text: atLimit });
    setCardText(doc, card, `${atLimit.slice(1)}!`);
    setShapeText(doc, shape, `!${atLimit.slice(1)}`);
    expect(readCards(doc)[0]!.text).toHaveLength(TEXT_MAX_CHARS);
    expect(readShapes(doc)[0]!.text).toHaveLength(TEXT_MAX_CHARS);
  });

  it('W103: refuses longer text with a ModelError naming the field and the limit, writing nothing', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const card = addCard(doc, { stageId: s1, laneId: l1, text: 'Short' });
    const shape = addShape(doc, { type: 'note', x: 0, y: 0, w: 10, h: 10, text: 'Short' });
    const before = Y.encodeStateVector(doc);

    const error = expectModelError(() => setCardText(doc, card, overLimit), `cards.${card}.text`);
    expect(error.message).toBe("a card's text holds at most 5,000 characters; this one has 5,001");
    expectModelError(() => setShapeText(doc, shape, overLimit), `shapes.${shape}.text`);
    expectModelError(() => addCard(doc, { stageId: s1, laneId: l1, text: overLimit }));
    expectModelError(() =>
      addShape(doc, { type: 'text', x: 0, y: 0, w: 1, h: 1, text: overLimit }),
    );
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('W104: lets a text already over the limit be edited, as long as it does not grow', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const card = addCard(doc, { stageId: s1, laneId: l1 });
    // Written by another program, or before the limit existed.
    const record = boardRoots(doc).cards.get(card) as Y.Map<unknown>;
    (record.get('text') as Y.Text).insert(0, `${overLimit}zz`);

    setCardText(doc, card, `${overLimit}z`);
    expect(readCards(doc)[0]!.text).toBe(`${overLimit}z`);
    expectModelError(() => setCardText(doc, card, `${overLimit}zzz`), `cards.${card}.text`);
  });

  it('W103: is part of the open JSON format', () => {
    const { doc, s1, l1 } = boardWithGrid();
    addCard(doc, { stageId: s1, laneId: l1, text: 'Fine' });
    const json = exportBoard(doc);
    json.cards[0]!.text = overLimit;
    const parsed = parseBoardJson(json);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([{ path: 'cards[0].text', message: 'at most 5,000 characters' }]);
  });
});

describe('cutText', () => {
  it('keeps text that fits', () => {
    expect(cutText('abc', 3)).toBe('abc');
    expect(cutText('', 0)).toBe('');
  });

  it('cuts to the limit', () => {
    expect(cutText('abcdef', 4)).toBe('abcd');
    expect(cutText('abc', 0)).toBe('');
  });

  it('W105: never splits a surrogate pair', () => {
    const text = 'ab😀cd'; // 😀 is two UTF-16 code units
    expect(cutText(text, 3)).toBe('ab');
    expect(cutText(text, 4)).toBe('ab😀');
  });
});
