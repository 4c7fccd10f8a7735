import { describe, expect, it } from 'vitest';
import { plural, pluralWord } from '../../../../shared/model/plural.js';

describe('plural', () => {
  it('says one thing in the singular and every other count in the plural', () => {
    expect(plural(1, 'card')).toBe('1 card');
    expect(plural(0, 'card')).toBe('0 cards');
    expect(plural(2, 'pain point')).toBe('2 pain points');
    expect(plural(1854, 'row')).toBe('1,854 rows');
    expect(plural(2, 'reply', 'replies')).toBe('2 replies');
    expect(plural(1, 'card has', 'cards have')).toBe('1 card has');
    expect(pluralWord(3, 'its', 'their')).toBe('their');
  });
});
