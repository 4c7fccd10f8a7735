import { describe, expect, it } from 'vitest';
import { presentationLabel } from '../../../../client/src/board/versions/presenterAutoSave.js';

describe('presentationLabel', () => {
  it('names the day and time in the given time zone', () => {
    const at = new Date('2026-12-03T14:05:00Z');
    expect(presentationLabel(at, 'UTC')).toBe('Presentation ended 3 Dec 14:05');
    expect(presentationLabel(at, 'Asia/Tokyo')).toBe('Presentation ended 3 Dec 23:05');
    expect(presentationLabel(at, 'America/Los_Angeles')).toBe('Presentation ended 3 Dec 06:05');
  });
});
