import { describe, expect, it } from 'vitest';
import { unreadableLine } from '../../../../client/src/board/shell/UnreadableNotice.js';

describe('unreadableLine', () => {
  it('counts items in good English', () => {
    expect(unreadableLine(1)).toBe('1 item could not be read');
    expect(unreadableLine(2)).toBe('2 items could not be read');
    expect(unreadableLine(12)).toBe('12 items could not be read');
  });
});
