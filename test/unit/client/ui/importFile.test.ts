import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../client/src/api.js';
import { importIssuesOf, parseImportText } from '../../../../client/src/ui/importFile.js';

describe('parseImportText', () => {
  it('parses JSON', () => {
    expect(parseImportText('{"format":"journeyboard"}')).toEqual({
      ok: true,
      value: { format: 'journeyboard' },
    });
  });

  it('explains a file that is not JSON, naming the file', () => {
    const result = parseImportText('{"format": ', '“map.json”');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^“map\.json” is not valid JSON: /);
  });

  it('explains an empty file', () => {
    expect(parseImportText('  \n', 'map.json')).toEqual({
      ok: false,
      message: 'map.json is empty.',
    });
  });
});

describe('importIssuesOf', () => {
  it('gives every problem a refused import listed, and null for other failures', () => {
    const issues = [
      { path: 'cards[0].stageId', message: "stage 'nope' does not exist" },
      { path: 'cards[2].emotion', message: 'Too big: expected number to be <=2' },
      { path: '', message: 'Invalid input' },
    ];
    const refused = new ApiError(400, `invalid board JSON at ${issues[0]!.path}`, { issues });
    expect(importIssuesOf(refused)).toEqual([
      issues[0],
      issues[1],
      { path: '(file)', message: 'Invalid input' },
    ]);
    expect(importIssuesOf(new ApiError(400, 'bad', {}))).toBeNull();
    expect(importIssuesOf(new ApiError(413, 'too large', { issues }))).toBeNull();
    expect(importIssuesOf(new Error('offline'))).toBeNull();
  });
});
