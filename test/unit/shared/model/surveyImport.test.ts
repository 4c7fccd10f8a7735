import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addEvidence,
  addLane,
  addStage,
  applySurveyImport,
  computeMetrics,
  exportBoard,
  formatSurveySummary,
  matchSurvey,
  metricDeltas,
  parseSurveySummary,
  planSurveyImport,
  readBoard,
  readSurvey,
  sampleSizes,
  setMetrics,
  type Card,
  type SurveyRow,
} from '../../../../shared/model/index.js';
import { countUpdates, newBoard } from './helpers.js';

/** Onboarding and Support, one touchpoints lane, a metrics lane, four touchpoint cards. */
function board() {
  const doc = newBoard();
  const onboarding = addStage(doc, { name: 'Onboarding' });
  const support = addStage(doc, { name: 'Support' });
  const tp = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const other = addLane(doc, { name: 'Metrics', kind: 'metrics' });
  const welcome = addCard(doc, { stageId: onboarding, laneId: tp, text: 'Welcome email' });
  const help = addCard(doc, {
    stageId: support,
    laneId: tp,
    text: 'Help centre, chatbot; ticket form',
    metrics: { csat: 50, fcr: 40 },
  });
  const call = addCard(doc, { stageId: support, laneId: tp, text: 'Phone call' });
  const callOnboarding = addCard(doc, { stageId: onboarding, laneId: tp, text: 'Phone call' });
  // Same text, but not a touchpoint card: never a match.
  addCard(doc, { stageId: support, laneId: other, text: 'Welcome email' });
  return { doc, onboarding, support, tp, welcome, help, call, callOnboarding };
}

const row = (line: number, fields: Partial<SurveyRow>): SurveyRow => ({
  line,
  touchpoint: 'x',
  ...fields,
});

function cardOf(doc: Y.Doc, id: string): Card {
  return readBoard(doc).cards.find((c) => c.id === id)!;
}

describe('matchSurvey', () => {
  it('W131: matches whole text, then a listed part, within the stage, ignoring case and punctuation', () => {
    const b = board();
    const match = matchSurvey(readBoard(b.doc), [
      row(2, { touchpoint: 'welcome EMAIL!' }), // whole text, no stage needed
      row(3, { touchpoint: 'Chatbot', stage: 'support' }), // a part of "Help centre, chatbot; …"
      row(4, { touchpoint: 'Ticket form' }),
      row(5, { touchpoint: 'Phone call', stage: 'Support' }),
      row(6, { touchpoint: 'Phone call', stage: ' onboarding ' }),
      row(7, { touchpoint: 'Phone call' }), // two stages have one: ambiguous
      row(8, { touchpoint: 'Chatbot', stage: 'Renewal' }), // no such stage
      row(9, { touchpoint: 'Live chat', stage: 'Support' }), // no such card
      row(10, { touchpoint: 'Phone call' }),
      row(11, { touchpoint: 'Welcome email', stage: 'Support' }), // a metrics card only
    ]);
    expect(match.matched.map((m) => [m.cardId, m.rows.map((r) => r.line)])).toEqual([
      [b.welcome, [2]],
      [b.callOnboarding, [6]],
      [b.help, [3, 4]],
      [b.call, [5]],
    ]);
    expect(match.unmatched).toEqual([
      {
        touchpoint: 'Phone call',
        reason: 'ambiguous',
        candidateIds: [b.callOnboarding, b.call],
        rows: [row(7, { touchpoint: 'Phone call' }), row(10, { touchpoint: 'Phone call' })],
      },
      {
        touchpoint: 'Chatbot',
        stage: 'Renewal',
        reason: 'unknown-stage',
        candidateIds: [],
        rows: [row(8, { touchpoint: 'Chatbot', stage: 'Renewal' })],
      },
      {
        touchpoint: 'Live chat',
        stage: 'Support',
        reason: 'no-card',
        candidateIds: [],
        stageId: b.support,
        rows: [row(9, { touchpoint: 'Live chat', stage: 'Support' })],
      },
      {
        touchpoint: 'Welcome email',
        stage: 'Support',
        reason: 'no-card',
        candidateIds: [],
        stageId: b.support,
        rows: [row(11, { touchpoint: 'Welcome email', stage: 'Support' })],
      },
    ]);
  });
});

describe('computeMetrics', () => {
  it('W133, W134: computes CSAT, CES and FCR with their sample sizes (by hand); responses are no volume', () => {
    const rows = [
      row(2, { csat: 5, ces: 6, resolved: true, date: '2024-09-03' }),
      row(3, { csat: 4, ces: 2, resolved: false, date: '2024-07-15' }),
      row(4, { csat: 2, resolved: true }),
      row(5, { csat: 3, ces: 7, date: '2024-08-01' }),
      row(6, { resolved: true }),
      row(7, {}),
    ];
    const result = computeMetrics(rows);
    // CSAT: 5 and 4 are satisfied, 2 and 3 are not → 2 of 4 answers = 50 %.
    // CES: (6 + 2 + 7) / 3 = 15 / 3 = 5.
    // FCR: yes, no, yes, yes → 3 of 4 = 75 %.
    // Responses: 6 rows, blank ones included; no volume column, so no contact volume.
    // CES top-2-box (W249): 6 and 7 of 3 answers → 66.7 %, kept beside the mean.
    expect(result).toEqual({
      metrics: { csat: 50, ces: 5, fcr: 75 },
      cesTop2box: 66.7,
      n: { csat: 4, ces: 3, fcr: 4, nps: 0, responses: 6 },
      from: '2024-07-15',
      to: '2024-09-03',
    });
  });

  it('W133: rounds percentages to 0.1 and the CES mean to 0.01', () => {
    const rows = [
      row(2, { csat: 5, ces: 1, resolved: false }),
      row(3, { csat: 4, ces: 2, resolved: false }),
      row(4, { csat: 1, ces: 2, resolved: true }),
    ];
    // CSAT: 2 of 3 = 66.666… % → 66.7. CES: 5 / 3 = 1.666… → 1.67. FCR: 1 of 3 = 33.333… → 33.3.
    expect(computeMetrics(rows).metrics).toEqual({ csat: 66.7, ces: 1.67, fcr: 33.3 });
  });

  it('W133: leaves out metrics with no answers', () => {
    expect(computeMetrics([row(2, {}), row(3, { comment: 'hm' })])).toEqual({
      metrics: {},
      n: { csat: 0, ces: 0, fcr: 0, nps: 0, responses: 2 },
    });
  });

  it('W134: sums a volume column into contact volume, apart from the number of responses', () => {
    const rows = [row(2, { csat: 5, volume: 120 }), row(3, { volume: 0 }), row(4, { csat: 1 })];
    expect(computeMetrics(rows)).toEqual({
      metrics: { csat: 50, volume: 120 },
      n: { csat: 2, ces: 0, fcr: 0, nps: 0, responses: 3 },
    });
  });
});

describe('metricDeltas', () => {
  it('W138: lists every metric known on either side, with a rounded delta when both are', () => {
    expect(
      metricDeltas({ csat: 61, ces: 3.2, volume: 10 }, { csat: 66.7, ces: 3.2, fcr: 75 }),
    ).toEqual([
      // 66.7 − 61 = 5.7 (5.700000000000003 before rounding)
      { key: 'csat', before: 61, after: 66.7, delta: 5.7 },
      { key: 'ces', before: 3.2, after: 3.2, delta: 0 },
      { key: 'fcr', before: null, after: 75, delta: null },
      { key: 'volume', before: 10, after: null, delta: null },
    ]);
    expect(metricDeltas({}, {})).toEqual([]);
  });
});

describe('survey summary evidence', () => {
  it('W135: writes the sample sizes and date range, and reads them back', () => {
    const survey = computeMetrics([
      row(2, { csat: 5, ces: 4, resolved: true, date: '2024-09-01' }),
      row(3, { csat: 3, date: '2024-09-30' }),
      row(4, { csat: 4, ces: 5 }),
    ]);
    const text = formatSurveySummary(survey);
    // CSAT 2 of 3 → 66.7; CES (4 + 5) / 2 = 4.5; FCR 1 of 1 = 100.
    expect(text).toBe(
      'Survey: CSAT 66.7% (n=3) · CES 4.5 (n=2) · FCR 100% (n=1) · 3 responses · 2024-09-01 to 2024-09-30',
    );
    expect(parseSurveySummary(text)).toEqual({
      metrics: survey.metrics,
      n: survey.n,
      legacy: false,
    });
    const one = computeMetrics([row(2, { date: '2024-01-01', volume: 1500 })]);
    expect(formatSurveySummary(one)).toBe('Survey: 1 response · contact volume 1500 · 2024-01-01');
    expect(parseSurveySummary(formatSurveySummary(one))).toEqual({
      metrics: { volume: 1500 },
      n: { csat: 0, ces: 0, fcr: 0, nps: 0, responses: 1 },
      legacy: false,
    });
    // Written by imports before responses and volume were kept apart: "volume" counted rows.
    expect(parseSurveySummary('Survey: CSAT 50% (n=4) · volume 4 · 2024-09-01')).toEqual({
      metrics: { csat: 50 },
      n: { csat: 4, ces: 0, fcr: 0, nps: 0, responses: 4 },
      legacy: true,
    });
    expect(parseSurveySummary('Median time to sign: 37 days')).toBeNull();
  });

  it('gives a card’s sample sizes only for metrics still equal to its newest summary', () => {
    const summary = (text: string) => ({ id: text, kind: 'data' as const, text });
    const card = {
      metrics: { csat: 80, ces: 5, volume: 300 },
      evidence: [
        summary('Survey: CSAT 70% (n=99) · 99 responses'),
        summary('Survey: CSAT 80% (n=10) · CES 4 (n=9) · 12 responses'),
        { id: 'q', kind: 'quote' as const, text: 'Survey: CSAT 1% (n=1) · 1 response' },
      ],
    };
    // CES was edited by hand to 5 since the import, so its n no longer applies.
    expect(sampleSizes(card)).toEqual({ csat: 10, responses: 12 });
    expect(sampleSizes({ metrics: { csat: 80 }, evidence: [] })).toEqual({});
  });
});

const CSV = [
  'Touchpoint name,Stage,Q1 satisfaction,Effort,FCR,Date,Comment',
  'Chatbot,Support,5,6,yes,2024-09-03,"Quick, ""painless"""',
  'Ticket form,Support,4,2,no,2024-07-15,Took ages',
  'Help centre,Support,2,,yes,,',
  'Chatbot,Support,3,7,,2024-08-01,Took ages',
  'Welcome email,,5,,,2024-09-10,Clear',
  'Live chat,Support,1,1,no,2024-09-09,',
].join('\n');
const MAPPING = {
  touchpoint: 'Touchpoint name',
  stage: 'Stage',
  csat: 'Q1 satisfaction',
  ces: 'Effort',
  resolved_first_contact: 'FCR',
  date: 'Date',
  comment: 'Comment',
};

describe('applySurveyImport', () => {
  it('W139: writes metrics, a summary and quotes on the matched cards in one transaction', () => {
    const b = board();
    let result!: ReturnType<typeof applySurveyImport>;
    const updates = countUpdates(b.doc, () => {
      result = applySurveyImport(b.doc, CSV, MAPPING, { source: 'q3.csv', maxQuotes: 2 });
    });
    expect(updates).toBe(1);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const help = cardOf(b.doc, b.help);
    // Rows 2–5 are about the help card: CSAT 5, 4 satisfied of 5, 4, 2, 3 → 2 of 4 = 50 %;
    // CES (6 + 2 + 7) / 3 = 5; FCR yes, no, yes → 2 of 3 = 66.7 %; 4 responses, no volume.
    expect(help.metrics).toEqual({ csat: 50, ces: 5, fcr: 66.7 });
    expect(help.evidence.map(({ id: _id, ...e }) => e)).toEqual([
      {
        kind: 'data',
        text: 'Survey: CSAT 50% (n=4) · CES 5 (n=3) · FCR 66.7% (n=3) · 4 responses · 2024-07-15 to 2024-09-03',
        source: 'q3.csv',
        date: '2024-09-03',
      },
      // Newest first, "Took ages" once only; two at most.
      { kind: 'quote', text: 'Quick, "painless"', source: 'q3.csv', date: '2024-09-03' },
      { kind: 'quote', text: 'Took ages', source: 'q3.csv', date: '2024-08-01' },
    ]);
    expect(cardOf(b.doc, b.welcome).metrics).toEqual({ csat: 100 });
    const report = result.report;
    expect(report.rowCount).toBe(6);
    expect(report.matchedRows).toBe(5);
    expect(report.cards.map((c) => c.cardId)).toEqual([b.welcome, b.help]);
    expect(report.cards[1]!.deltas).toEqual([
      { key: 'csat', before: 50, after: 50, delta: 0 },
      { key: 'ces', before: null, after: 5, delta: null },
      { key: 'fcr', before: 40, after: 66.7, delta: 26.7 },
    ]);
    expect(report.unmatched).toEqual([
      {
        touchpoint: 'Live chat',
        stage: 'Support',
        reason: 'no-card',
        candidateIds: [],
        stageId: b.support,
        count: 1,
        lines: [7],
      },
    ]);
  });

  it('W135, W137, W138: re-import replaces the summary of the same source, keeps quotes unique, reports deltas', () => {
    const b = board();
    applySurveyImport(b.doc, CSV, MAPPING, { source: 'q3.csv' });
    const next = [
      'touchpoint,stage,csat,fcr,comment',
      'Chatbot,Support,5,yes,Took ages',
      'Chatbot,Support,5,yes,New quote',
      'Chatbot,Support,4,no,',
    ].join('\n');
    const result = applySurveyImport(b.doc, next, undefined, {
      source: 'q3.csv',
      today: '2024-12-01',
    });
    if (!result.ok) throw new Error('invalid');
    const help = cardOf(b.doc, b.help);
    // CSAT 3 of 3 = 100 %; FCR 2 of 3 = 66.7 %; CES has no answers: the old 5 stays.
    expect(help.metrics).toEqual({ csat: 100, ces: 5, fcr: 66.7 });
    expect(result.report.cards[0]!.deltas).toEqual([
      { key: 'csat', before: 50, after: 100, delta: 50 },
      { key: 'ces', before: 5, after: 5, delta: 0 },
      { key: 'fcr', before: 66.7, after: 66.7, delta: 0 },
    ]);
    const summaries = help.evidence.filter((e) => e.kind === 'data');
    expect(summaries).toEqual([
      {
        id: summaries[0]!.id,
        kind: 'data',
        text: 'Survey: CSAT 100% (n=3) · FCR 66.7% (n=3) · 3 responses',
        source: 'q3.csv',
        date: '2024-12-01',
      },
    ]);
    expect(help.evidence.filter((e) => e.kind === 'quote').map((e) => e.text)).toEqual([
      'Quick, "painless"',
      'Took ages',
      'New quote',
    ]);
    // Another source adds its own summary beside the first.
    applySurveyImport(b.doc, next, undefined, { source: 'q4.csv', today: '2025-01-01' });
    expect(cardOf(b.doc, b.help).evidence.filter((e) => e.kind === 'data')).toHaveLength(2);
  });

  it('writes nothing and returns every error when the file is invalid', () => {
    const b = board();
    const before = exportBoard(b.doc);
    const bad = `${CSV}\nChatbot,Support,6,1,yes,2024-09-01,\nChatbot,Support,4,9,perhaps,,`;
    let result!: ReturnType<typeof applySurveyImport>;
    expect(
      countUpdates(b.doc, () => {
        result = applySurveyImport(b.doc, bad, MAPPING, { source: 'bad.csv' });
      }),
    ).toBe(0);
    expect(result).toEqual({
      ok: false,
      errorCount: 3,
      errors: [
        expect.objectContaining({
          message: 'line 8, column "Q1 satisfaction": 6 is not between 1 and 5',
        }),
        expect.objectContaining({ message: 'line 9, column "Effort": 9 is not between 1 and 7' }),
        expect.objectContaining({
          message: 'line 9, column "FCR": "perhaps" is not one of yes, no, true, false, 1, 0',
        }),
      ],
    });
    expect(exportBoard(b.doc)).toEqual(before);
  });

  it('W132: creates cards for unmatched rows of a known stage when asked', () => {
    const b = board();
    const plan = planSurveyImport(readBoard(b.doc), readSurvey(CSV, MAPPING).rows, {
      source: 'q3.csv',
      createMissing: true,
    });
    expect(plan.unmatched).toEqual([]);
    const result = applySurveyImport(b.doc, CSV, MAPPING, {
      source: 'q3.csv',
      createMissing: true,
    });
    if (!result.ok) throw new Error('invalid');
    const created = result.report.cards.find((c) => c.created)!;
    expect(created).toMatchObject({ stageId: b.support, laneId: b.tp, text: 'Live chat' });
    expect(cardOf(b.doc, created.cardId)).toMatchObject({
      text: 'Live chat',
      metrics: { csat: 0, ces: 1, fcr: 0 },
    });
  });

  it('keeps a manual edit of the metrics out of the weighting after the import', () => {
    const b = board();
    applySurveyImport(b.doc, CSV, MAPPING, { source: 'q3.csv' });
    expect(sampleSizes(cardOf(b.doc, b.help))).toEqual({ csat: 4, ces: 3, fcr: 3, responses: 4 });
    setMetrics(b.doc, b.help, { csat: 90 });
    addEvidence(b.doc, b.help, { kind: 'data', text: 'Unrelated data point' });
    expect(sampleSizes(cardOf(b.doc, b.help))).toEqual({ ces: 3, fcr: 3, responses: 4 });
  });

  it('W133, W134: keeps contact volume typed on a card, and never adds responses to it', () => {
    const b = board();
    setMetrics(b.doc, b.help, { volume: 310 });
    const result = applySurveyImport(b.doc, CSV, MAPPING, { source: 'q3.csv' });
    if (!result.ok) throw new Error('invalid');
    expect(cardOf(b.doc, b.help).metrics.volume).toBe(310);
    const help = result.report.cards.find((c) => c.cardId === b.help)!;
    expect(help.survey.n.responses).toBe(4);
    expect(help.deltas.find((d) => d.key === 'volume')).toEqual({
      key: 'volume',
      before: 310,
      after: 310,
      delta: 0,
    });
  });

  it('W134: takes contact volume from a mapped volume column, summed per card', () => {
    const b = board();
    const csv = [
      'touchpoint,stage,csat,contacts',
      'Chatbot,Support,5,200',
      'Chatbot,Support,2,110',
    ];
    const result = applySurveyImport(b.doc, csv.join('\n'), undefined, { source: 'calls' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(cardOf(b.doc, b.help).metrics).toEqual({ csat: 50, fcr: 40, volume: 310 });
    expect(result.report.matchedRows).toBe(2);
  });

  it('W136: clears a response count an older import wrote as volume when the file is imported again', () => {
    const b = board();
    // What imports wrote before responses and contacts were kept apart.
    setMetrics(b.doc, b.help, { csat: 50, volume: 4 });
    addEvidence(b.doc, b.help, {
      kind: 'data',
      text: 'Survey: CSAT 50% (n=4) · volume 4 · 2024-09-03',
      source: 'q3.csv',
      date: '2024-09-03',
    });
    const result = applySurveyImport(b.doc, CSV, MAPPING, { source: 'q3.csv' });
    if (!result.ok) throw new Error('invalid');
    expect(cardOf(b.doc, b.help).metrics.volume).toBeUndefined();
    const help = result.report.cards.find((c) => c.cardId === b.help)!;
    expect(help.deltas.find((d) => d.key === 'volume')).toEqual({
      key: 'volume',
      before: 4,
      after: null,
      delta: null,
    });
    // A volume someone typed since (no longer the response count) is contact volume: kept.
    const c = board();
    setMetrics(c.doc, c.help, { csat: 50, volume: 900 });
    addEvidence(c.doc, c.help, { kind: 'data', text: 'Survey: CSAT 50% (n=4) · volume 4' });
    applySurveyImport(c.doc, CSV, MAPPING, { source: 'q3.csv' });
    expect(cardOf(c.doc, c.help).metrics.volume).toBe(900);
  });

  it('W139: applies to a replica identically (the transaction syncs as one update)', () => {
    const b = board();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(b.doc));
    const updates: Uint8Array[] = [];
    b.doc.on('update', (u: Uint8Array) => updates.push(u));
    applySurveyImport(b.doc, CSV, MAPPING, { source: 'q3.csv' });
    expect(updates).toHaveLength(1);
    Y.applyUpdate(replica, updates[0]!);
    expect(exportBoard(replica)).toEqual(exportBoard(b.doc));
  });
});
