import { describe, expect, it } from 'vitest';
import {
  changePersonaView,
  dimmedByFocus,
  newEmotionPersona,
} from '../../../../client/src/board/personas/personaView.js';
import { addCard, addPersona, readBoard } from '../../../../shared/model/index.js';
import { boardWithGrid } from '../../shared/model/helpers.js';

describe('persona view (local)', () => {
  it('W215: a new emotion card starts with the filtered persona, else the first shown one', () => {
    const { doc, s1, l2 } = boardWithGrid();
    expect(newEmotionPersona(doc, readBoard(doc).meta)).toEqual({});
    const sam = addPersona(doc, { name: 'Sam' });
    const kim = addPersona(doc, { name: 'Kim' });
    const meta = () => readBoard(doc).meta;
    expect(newEmotionPersona(doc, meta())).toEqual({});
    changePersonaView(doc, (v) => ({ ...v, hidden: [v.hidden, 'persona-1'].flat() }));
    expect(newEmotionPersona(doc, meta())).toEqual({ persona: sam });
    changePersonaView(doc, (v) => ({ ...v, focus: kim }));
    expect(newEmotionPersona(doc, meta())).toEqual({ persona: kim });
    const card = addCard(doc, {
      stageId: s1,
      laneId: l2,
      emotion: 1,
      ...newEmotionPersona(doc, meta()),
    });
    const tagged = readBoard(doc).cards.find((c) => c.id === card)!;
    expect(dimmedByFocus(tagged, kim)).toBe(false);
    expect(dimmedByFocus(tagged, sam)).toBe(true);
    expect(dimmedByFocus(tagged, null)).toBe(false);
  });
});
