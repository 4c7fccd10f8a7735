import { describe, expect, it } from 'vitest';
import {
  CARD_TEXT_LIMIT,
  cutNotice,
  drawnText,
  fittingPaste,
  SHAPE_TEXT_LIMIT,
} from '../../../../client/src/board/core/textLimit.js';
import { TEXT_MAX_CHARS } from '../../../../shared/model/schema.js';

describe('fittingPaste', () => {
  it('keeps a paste that fits', () => {
    expect(fittingPaste('hello', 10, 0, 20)).toBe('hello');
  });

  it('W105: cuts a paste to the room left beside the text kept', () => {
    expect(fittingPaste('abcdef', 17, 0, 20)).toBe('abc');
  });

  it('counts the selection as room, since the paste replaces it', () => {
    expect(fittingPaste('abcdef', 20, 4, 20)).toBe('abcd');
  });

  it('pastes nothing into a field already at or over the limit', () => {
    expect(fittingPaste('abc', 20, 0, 20)).toBe('');
    expect(fittingPaste('abc', 25, 1, 20)).toBe('');
  });
});

describe('cutNotice', () => {
  it('W105: says what was cut, politely, with readable numbers', () => {
    expect(cutNotice(CARD_TEXT_LIMIT, 8_995_000)).toBe(
      'Pasted text shortened: a card holds at most 5,000 characters, so the last 8,995,000 were left out.',
    );
    expect(cutNotice(SHAPE_TEXT_LIMIT, 1)).toBe(
      'Pasted text shortened: a shape holds at most 5,000 characters, so the last 1 was left out.',
    );
  });
});

describe('drawnText', () => {
  it('draws text within the limit as it is, and no more than the limit of longer text', () => {
    expect(drawnText('Short')).toBe('Short');
    expect(drawnText('x'.repeat(TEXT_MAX_CHARS + 10))).toHaveLength(TEXT_MAX_CHARS);
  });
});
