import { describe, expect, it } from 'vitest';
import {
  MAX_SURVEY_ERRORS,
  mappingWarnings,
  normalizeName,
  previewSurvey,
  readSurvey,
  suggestMapping,
  type SurveyMapping,
} from '../../../../shared/model/index.js';

const HEADER = 'touchpoint,stage,channel,csat,ces,resolved_first_contact,date,comment';

describe('suggestMapping', () => {
  it('W127: maps the canonical headers to themselves', () => {
    expect(suggestMapping(HEADER.split(','))).toEqual({
      touchpoint: 'touchpoint',
      stage: 'stage',
      channel: 'channel',
      csat: 'csat',
      ces: 'ces',
      resolved_first_contact: 'resolved_first_contact',
      date: 'date',
      comment: 'comment',
    });
  });

  it('W127: guesses from synonyms, case, accents, punctuation and words inside longer names', () => {
    const headers = [
      'Respondent ID',
      'Touchpoint name',
      'Journey Stage',
      'Q1 – Satisfaction',
      'Customer Effort (1-7)',
      'FCR?',
      'Response date',
      'Verbatim',
      'Contact channel',
    ];
    expect(suggestMapping(headers)).toEqual({
      touchpoint: 'Touchpoint name',
      stage: 'Journey Stage',
      channel: 'Contact channel',
      csat: 'Q1 – Satisfaction',
      ces: 'Customer Effort (1-7)',
      resolved_first_contact: 'FCR?',
      date: 'Response date',
      comment: 'Verbatim',
    });
  });

  it('W127: prefers an exact match over a partial one and uses each header once', () => {
    // "CSAT comment" contains "csat", but the exact "CSAT" wins; the comment then falls to it.
    expect(suggestMapping(['CSAT comment', 'CSAT', 'Touchpoint'])).toEqual({
      touchpoint: 'Touchpoint',
      csat: 'CSAT',
      comment: 'CSAT comment',
    });
    expect(suggestMapping(['id', 'score', 'notes'])).toEqual({});
  });

  it('W127: matches ordinary question headers on meaning and scale hints', () => {
    const headers = [
      'Touchpoint',
      'Q1 How satisfied were you? (1-5)',
      'Q2 How easy was it? (1-7)',
      'Q3 Was your issue resolved?',
      'Q4 How likely are you to recommend us? (0-10)',
      'Calls',
    ];
    expect(suggestMapping(headers)).toEqual({
      touchpoint: 'Touchpoint',
      csat: 'Q1 How satisfied were you? (1-5)',
      ces: 'Q2 How easy was it? (1-7)',
      resolved_first_contact: 'Q3 Was your issue resolved?',
      nps: 'Q4 How likely are you to recommend us? (0-10)',
    });
    // A bare scale is a hint when the words say nothing: 1–5 CSAT, 1–7 CES.
    expect(suggestMapping(['touchpoint', 'Q1 (1-5)', 'Q2 (1 to 7)'])).toEqual({
      touchpoint: 'touchpoint',
      csat: 'Q1 (1-5)',
      ces: 'Q2 (1 to 7)',
    });
    // A scored field never takes a header on another scale: CSAT reads 1–5, CES 1–7.
    expect(suggestMapping(['touchpoint', 'Satisfaction (0-10)', 'Effort score 1–5'])).toEqual({
      touchpoint: 'touchpoint',
    });
    // "dissatisfied" and "release" are no CSAT or CES.
    expect(suggestMapping(['touchpoint', 'Dissatisfied reason', 'Release'])).toEqual({
      touchpoint: 'touchpoint',
    });
  });

  it('normalises names for comparison', () => {
    expect(normalizeName('  Q1 – Satisfaction!  ')).toBe('q1 satisfaction');
    expect(normalizeName('Résolu_au premier—contact')).toBe('resolu au premier contact');
  });
});

describe('mappingWarnings', () => {
  const headers = [
    'Touchpoint',
    'Q1 How satisfied were you? (1-5)',
    'Q2 How easy was it? (1-7)',
    'How likely are you to recommend us? (0-10)',
    'Satisfaction (0-10)',
    'Comment',
  ];

  it('W128: warns of every column that looks like a metric but will not be imported', () => {
    const warnings = mappingWarnings(headers, { touchpoint: 'Touchpoint', comment: 'Comment' });
    expect(warnings.map((w) => [w.column, w.metric])).toEqual([
      ['Q1 How satisfied were you? (1-5)', 'csat'],
      ['Q2 How easy was it? (1-7)', 'ces'],
      ['How likely are you to recommend us? (0-10)', 'nps'],
      ['Satisfaction (0-10)', 'csat'],
    ]);
    expect(warnings[0]!.message).toBe(
      'Column "Q1 How satisfied were you? (1-5)" looks like CSAT but is not used, so CSAT will not be imported. Choose it for CSAT to import it.',
    );
    expect(warnings[2]!.message).toBe(
      'Column "How likely are you to recommend us? (0-10)" looks like NPS but is not used, so NPS will not be imported. Choose it for NPS to import it.',
    );
    expect(warnings[3]!.message).toBe(
      'Column "Satisfaction (0-10)" looks like CSAT, but it is on a 0–10 scale and CSAT takes answers 1–5, so CSAT will not be imported.',
    );
  });

  it('W128: says which column a metric reads instead, and when a mapped header names another scale', () => {
    const mapping = suggestMapping(headers);
    const warnings = mappingWarnings(headers, mapping);
    expect(mapping.nps).toBe('How likely are you to recommend us? (0-10)');
    expect(warnings.map((w) => w.message)).toEqual([
      'Column "Satisfaction (0-10)" looks like CSAT, but CSAT already reads "Q1 How satisfied were you? (1-5)", so this column is not imported.',
    ]);
    expect(
      mappingWarnings(['tp', 'Satisfaction (0-10)'], {
        touchpoint: 'tp',
        csat: 'Satisfaction (0-10)',
      }).map((w) => w.message),
    ).toEqual([
      'Column "Satisfaction (0-10)" is used as CSAT, which takes answers 1–5, but its header says 0–10: check the answers, or leave it out.',
    ]);
    expect(mappingWarnings(['Touchpoint', 'Comment', 'Date'], {})).toEqual([]);
  });

  it('W128: comes with the preview, for the mapping the preview used', () => {
    const csv = `${headers.join(',')}\nChatbot,4,5,9,8,fine`;
    expect(previewSurvey(csv).warnings.map((w) => w.metric)).toEqual(['csat']);
    const unused = previewSurvey(csv, { mapping: { touchpoint: 'Touchpoint' } });
    expect(unused.warnings.map((w) => w.metric)).toEqual(['csat', 'ces', 'nps', 'csat']);
  });
});

describe('readSurvey', () => {
  it('W125, W126: reads every field, ignores unknown columns and blank optional cells', () => {
    const csv = [
      `${HEADER},respondent`,
      'Help centre,Support,web,4,5,yes,2024-09-30,"Found it, eventually",r1',
      'Chatbot,,,,, ,,,r2',
      'Ticket form,Support,email,1,2,0,2024-10-01,,r3',
    ].join('\n');
    const parsed = readSurvey(csv);
    expect(parsed.errors).toEqual([]);
    expect(parsed.errorCount).toBe(0);
    expect(parsed.headers).toEqual([...HEADER.split(','), 'respondent']);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        touchpoint: 'Help centre',
        stage: 'Support',
        channel: 'web',
        csat: 4,
        ces: 5,
        resolved: true,
        date: '2024-09-30',
        comment: 'Found it, eventually',
      },
      { line: 3, touchpoint: 'Chatbot' },
      {
        line: 4,
        touchpoint: 'Ticket form',
        stage: 'Support',
        channel: 'email',
        csat: 1,
        ces: 2,
        resolved: false,
        date: '2024-10-01',
      },
    ]);
  });

  it('W126: accepts every spelling of yes and no', () => {
    const words = ['yes', 'No', 'TRUE', 'false', '1', '0', 'y', 'N'];
    const csv = ['touchpoint,fcr', ...words.map((w) => `Chat,${w}`)].join('\n');
    const parsed = readSurvey(csv);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.resolved)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });

  it('W126: uses an explicit mapping from the file’s own header names', () => {
    const csv = 'Where,Q1 satisfaction,When\nChat,5,2024-01-02\n';
    const mapping: SurveyMapping = { touchpoint: 'Where', csat: 'q1 SATISFACTION', date: 'When' };
    const parsed = readSurvey(csv, mapping);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([{ line: 2, touchpoint: 'Chat', csat: 5, date: '2024-01-02' }]);
    expect(parsed.mapping).toBe(mapping);
  });

  it('W129: reports every bad value with its line and column, and keeps only the good rows', () => {
    const csv = [
      'Touchpoint name,Q1 satisfaction,ces,fcr,date',
      'Chat,5,7,yes,2024-09-30', // line 2: fine
      'Chat,7,0,maybe,30/09/2024', // line 3: four problems
      ',4.5,abc,,2024-02-30', // line 4: four problems
      'Chat,3,3.0,no,2024-02-29', // line 5: fine (3.0 is a whole number, 2024 is a leap year)
    ].join('\n');
    const parsed = readSurvey(csv, {
      touchpoint: 'Touchpoint name',
      csat: 'Q1 satisfaction',
      ces: 'ces',
      resolved_first_contact: 'fcr',
      date: 'date',
    });
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'line 3, column "Q1 satisfaction": 7 is not between 1 and 5',
      'line 3, column "ces": 0 is not between 1 and 7',
      'line 3, column "fcr": "maybe" is not one of yes, no, true, false, 1, 0',
      'line 3, column "date": "30/09/2024" is not a date written yyyy-mm-dd',
      'line 4, column "Touchpoint name": touchpoint is empty',
      'line 4, column "Q1 satisfaction": 4.5 is not a whole number',
      'line 4, column "ces": "abc" is not a number from 1 to 7',
      'line 4, column "date": 2024-02-30 is not a calendar date',
    ]);
    expect(parsed.errors[0]).toEqual({
      line: 3,
      column: 'Q1 satisfaction',
      field: 'csat',
      message: 'line 3, column "Q1 satisfaction": 7 is not between 1 and 5',
    });
    expect(parsed.errorCount).toBe(8);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 5]);
  });

  it('W129: names the physical line after quoted comments spanning several lines', () => {
    const csv = [
      'touchpoint,comment,csat',
      'Chat,"It took',
      'three tries",5', // record 2 spans lines 2–3
      'Chat,"ok",9', // line 4
      'Phone,"The agent said:',
      '""call back later""',
      'and nobody did",6', // record 4 spans lines 5–7; its csat sits on line 7
    ].join('\r\n');
    const parsed = readSurvey(csv);
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'line 4, column "csat": 9 is not between 1 and 5',
      'line 7, column "csat": 6 is not between 1 and 5',
    ]);
    expect(parsed.rows).toEqual([
      { line: 2, touchpoint: 'Chat', comment: 'It took\nthree tries', csat: 5 },
    ]);
  });

  it('reports rows with the wrong number of fields', () => {
    const parsed = readSurvey('touchpoint,csat\nChat\nChat,4,extra\nChat,4\n');
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'line 2: 1 field where the header has 2',
      'line 3: 3 fields where the header has 2',
    ]);
    expect(parsed.rows).toHaveLength(1);
  });

  it('W129: reports mapping problems on line 1', () => {
    expect(readSurvey('a,b\n1,2\n').errors.map((e) => e.message)).toEqual([
      'line 1: no column is mapped to touchpoint',
    ]);
    expect(
      readSurvey('a,b\n1,2\n', { touchpoint: 'a', csat: 'Q9' }).errors.map((e) => e.message),
    ).toEqual(['line 1: there is no column "Q9" (mapped to csat)']);
    expect(readSurvey('touchpoint,csat,csat\nChat,1,2\n').errors.map((e) => e.message)).toEqual([
      'line 1, column "csat": 2 columns are named like this (mapped to csat)',
    ]);
  });

  it('reports an empty file, a header without rows, and malformed quoting', () => {
    expect(readSurvey('').errors.map((e) => e.message)).toEqual(['line 1: the file is empty']);
    expect(readSurvey('touchpoint,csat\n,\n').errors.map((e) => e.message)).toEqual([
      'line 2: the file has a header but no rows',
    ]);
    expect(
      readSurvey('touchpoint,csat\n"Chat"x,4\nChat,"5\n').errors.map((e) => e.message),
    ).toEqual([
      'line 2, column "touchpoint": unexpected text after a closing quote: "x"',
      'line 3, column "csat": a quoted field starts here and is never closed',
    ]);
  });

  it('W125: skips rows of bare delimiters, as spreadsheets export them', () => {
    const parsed = readSurvey('touchpoint,csat\nChat,4\n,\n , \nPhone,5\n,\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.touchpoint])).toEqual([
      [2, 'Chat'],
      [5, 'Phone'],
    ]);
  });

  it('W130: returns all errors up to the cap, and counts the rest', () => {
    const csv = ['touchpoint,csat', ...Array.from({ length: 70 }, () => 'Chat,6')].join('\n');
    const parsed = readSurvey(csv);
    expect(parsed.errors).toHaveLength(MAX_SURVEY_ERRORS);
    expect(parsed.errorCount).toBe(70);
    expect(parsed.errors[0]!.line).toBe(2);
    expect(parsed.errors.at(-1)!.line).toBe(MAX_SURVEY_ERRORS + 1);
    expect(parsed.rows).toEqual([]);
  });

  it('W125: reads semicolon-separated files', () => {
    const parsed = readSurvey('touchpoint;csat;comment\nChat;4;"good; fast"\n');
    expect(parsed.rows).toEqual([{ line: 2, touchpoint: 'Chat', csat: 4, comment: 'good; fast' }]);
  });
});

describe('previewSurvey', () => {
  const csv = [
    'Touchpoint name,Q1 satisfaction,notes',
    ...Array.from({ length: 30 }, (_, i) => `TP ${i},${(i % 5) + 1},n${i}`),
    'Broken,8,x',
  ].join('\n');

  it('shows headers, the suggested mapping, the first rows raw and parsed, and every error', () => {
    const preview = previewSurvey(csv, { limit: 3 });
    expect(preview.headers).toEqual(['Touchpoint name', 'Q1 satisfaction', 'notes']);
    expect(preview.suggestedMapping).toEqual({
      touchpoint: 'Touchpoint name',
      csat: 'Q1 satisfaction',
    });
    expect(preview.mapping).toEqual(preview.suggestedMapping);
    expect(preview.sample).toEqual([
      { line: 2, values: ['TP 0', '1', 'n0'] },
      { line: 3, values: ['TP 1', '2', 'n1'] },
      { line: 4, values: ['TP 2', '3', 'n2'] },
    ]);
    expect(preview.rows).toEqual([
      { line: 2, touchpoint: 'TP 0', csat: 1 },
      { line: 3, touchpoint: 'TP 1', csat: 2 },
      { line: 4, touchpoint: 'TP 2', csat: 3 },
    ]);
    expect(preview.rowCount).toBe(30);
    expect(preview.errors.map((e) => e.message)).toEqual([
      'line 32, column "Q1 satisfaction": 8 is not between 1 and 5',
    ]);
  });

  it('applies a given mapping and keeps suggesting its own guess', () => {
    const preview = previewSurvey(csv, { mapping: { touchpoint: 'notes' } });
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[0]).toEqual({ line: 2, touchpoint: 'n0' });
    expect(preview.errors).toEqual([]);
    expect(preview.suggestedMapping.touchpoint).toBe('Touchpoint name');
  });
});
