import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../../client/src/ui/errors.js';

describe('errorMessage', () => {
  it('uses the message of an error, or a string, or a generic fallback', () => {
    expect(errorMessage(new Error('invalid board JSON at cards[3].stageId: unknown stage'))).toBe(
      'invalid board JSON at cards[3].stageId: unknown stage',
    );
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(undefined)).toMatch(/went wrong/);
    expect(errorMessage(new Error(''))).toMatch(/went wrong/);
  });
});
