import { describe, expect, it } from 'vitest';
import {
  carryMapping,
  columnExamples,
  initialMapping,
  mappingProblems,
  sourceFromFileName,
  toRequestMapping,
} from '../../../../client/src/board/survey/mappingForm.js';
import { suggestMapping } from '../../../../shared/model/surveyMapping.js';

const headers = ['Touchpoint name', 'Journey stage', 'Q1 satisfaction', 'Effort', 'Verbatim'];

describe('survey mapping form', () => {
  it('starts from the server guess, every field present, unmapped ones blank', () => {
    const form = initialMapping(headers, suggestMapping(headers));
    expect(form).toEqual({
      touchpoint: 'Touchpoint name',
      stage: 'Journey stage',
      channel: '',
      csat: 'Q1 satisfaction',
      ces: 'Effort',
      resolved_first_contact: '',
      nps: '',
      volume: '',
      date: '',
      comment: 'Verbatim',
    });
  });

  it('ignores a suggested header the file does not have', () => {
    expect(initialMapping(['a'], { touchpoint: 'b' }).touchpoint).toBe('');
  });

  it('keeps choices for a corrected file with the same columns, including "not used"', () => {
    const first = {
      ...initialMapping(headers, suggestMapping(headers)),
      stage: '',
      csat: 'Effort',
      ces: '',
    };
    const next = carryMapping(first, headers, suggestMapping(headers));
    expect(next).toEqual(first);
  });

  it('falls back to the new guess for a column the new file lacks', () => {
    const first = initialMapping(headers, suggestMapping(headers));
    const renamed = ['Touchpoint name', 'Journey stage', 'CSAT', 'Effort', 'Verbatim'];
    const next = carryMapping(first, renamed, suggestMapping(renamed));
    expect(next.csat).toBe('CSAT');
    expect(next.touchpoint).toBe('Touchpoint name');
  });

  it('requires a touchpoint column and one field per column', () => {
    const form = initialMapping(headers, {});
    expect(mappingProblems(form)).toEqual(['Choose the column that names the touchpoint.']);
    const twice = { ...form, touchpoint: 'Effort', ces: 'Effort' };
    expect(mappingProblems(twice)).toEqual([
      '"Effort" feeds both Touchpoint and CES (1–7); pick one.',
    ]);
    expect(mappingProblems({ ...form, touchpoint: 'Touchpoint name' })).toEqual([]);
  });

  it('sends only mapped fields', () => {
    const form = {
      ...initialMapping(headers, {}),
      touchpoint: 'Touchpoint name',
      csat: 'Q1 satisfaction',
    };
    expect(toRequestMapping(form)).toEqual({
      touchpoint: 'Touchpoint name',
      csat: 'Q1 satisfaction',
    });
  });

  it('names the source after the file, without folder or extension', () => {
    expect(sourceFromFileName('C:\\exports\\nps-q3-2026.csv')).toBe('nps-q3-2026');
    expect(sourceFromFileName('contacts.TSV')).toBe('contacts');
    expect(sourceFromFileName('survey.xlsx.csv')).toBe('survey.xlsx');
  });
});

describe('column examples', () => {
  it('takes the first non-blank value of each column, clipped', () => {
    const sample = [
      { values: ['Kickoff call', '', '4'] },
      { values: ['Chatbot', 'Support', '2'] },
      { values: ['x'.repeat(80)] },
    ];
    const examples = columnExamples(['Touchpoint', 'Stage', 'CSAT', 'Date'], sample);
    expect(examples).toEqual(['Kickoff call', 'Support', '4', '']);
    expect(columnExamples(['A'], [{ values: ['y'.repeat(80)] }])[0]).toHaveLength(60);
  });
});
