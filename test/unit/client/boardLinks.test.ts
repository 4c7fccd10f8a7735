import { describe, expect, it } from 'vitest';
import { boardHref } from '../../../client/src/boardLinks.js';

const ID = 'board-123456';

describe('boardHref', () => {
  it('W8, S4: puts the token in the fragment, never in the path or query', () => {
    expect(boardHref(ID, 'a.b.c')).toBe(`/b/${ID}#token=a.b.c`);
    expect(boardHref(ID, null)).toBe(`/b/${ID}`);
  });
});
