import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addStage,
  applySurveyImport,
  computeMetrics,
  diffBoards,
  docFromJson,
  exportBoard,
  formatSurveySummary,
  parseBoardJson,
  parseSurveySummary,
  readBoard,
  readMetricSeries,
  sampleSizes,
  seriesOf,
  setMetrics,
  type SurveyRow,
} from '../../../../shared/model/index.js';
import { boardToCsv } from '../../../../shared/model/csvExport.js';
import { newBoard } from './helpers.js';

const row = (line: number, nps: number | undefined): SurveyRow =>
  nps === undefined ? { line, touchpoint: 'x' } : { line, touchpoint: 'x', nps };

function boardWithTouchpoint() {
  const doc = newBoard();
  const stageId = addStage(doc, { name: 'Support' });
  const laneId = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const card = addCard(doc, { stageId, laneId, text: 'Phone call' });
  return { doc, card };
}

describe('NPS', () => {
  it('W133: is % promoters (9–10) minus % detractors (0–6) of the answers, passives in n only', () => {
    // 10, 9, 9 promoters; 8, 7 passives; 6, 0, 3 detractors; one blank: n = 8.
    const rows = [10, 9, 9, 8, 7, 6, 0, 3, undefined].map((a, i) => row(i + 2, a));
    const result = computeMetrics(rows);
    // (3 − 3) / 8 = 0.
    expect(result.metrics).toEqual({ nps: 0 });
    expect(result.n.nps).toBe(8);
    expect(result.n.responses).toBe(9);
    // 2 promoters, 1 passive, 3 detractors: (2 − 3) / 6 = −16.666… → −16.7.
    expect(computeMetrics([9, 10, 7, 1, 2, 6].map((a, i) => row(i + 2, a))).metrics.nps).toBe(
      -16.7,
    );
    expect(computeMetrics([10, 10].map((a, i) => row(i + 2, a))).metrics.nps).toBe(100);
    expect(computeMetrics([0].map((a, i) => row(i + 2, a))).metrics.nps).toBe(-100);
  });

  it('W135: its n is written into the survey summary and read back, negative scores too', () => {
    const survey = computeMetrics([9, 1, 2].map((a, i) => row(i + 2, a)));
    const text = formatSurveySummary(survey);
    expect(text).toBe('Survey: NPS -33.3 (n=3) · 3 responses');
    expect(parseSurveySummary(text)).toEqual({
      metrics: { nps: -33.3 },
      n: { csat: 0, ces: 0, fcr: 0, nps: 3, responses: 3 },
      legacy: false,
    });
  });

  it('W126, W127, W133: a "recommend (0-10)" column is imported as the card\'s NPS with its n, apart from volume', () => {
    const { doc, card } = boardWithTouchpoint();
    const csv = [
      'Touchpoint,How likely are you to recommend us? (0-10),Contacts',
      'Phone call,10,400',
      'Phone call,3,',
      'Phone call,9,',
      'Phone call,,',
    ].join('\n');
    const result = applySurveyImport(doc, csv, undefined, { source: 'Q3 survey' });
    expect(result.ok).toBe(true);
    const imported = readBoard(doc).cards.find((c) => c.id === card)!;
    // 2 promoters, 1 detractor of 3 answers: 33.3; the 4 responses are no contact volume.
    expect(imported.metrics).toEqual({ nps: 33.3, volume: 400 });
    expect(sampleSizes(imported)).toEqual({ nps: 3, responses: 4 });
    const bad = applySurveyImport(doc, 'Touchpoint,NPS\nPhone call,11', undefined, {
      source: 'x',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors[0]!.message).toBe('line 2, column "NPS": 11 is not between 0 and 10');
  });

  it('W251: NPS is a card metric from −100 to 100 in the model, the JSON, the CSV and the diff', () => {
    const { doc, card } = boardWithTouchpoint();
    const before = readBoard(doc);
    expect(() => setMetrics(doc, card, { nps: 101 })).toThrow(
      'nps must be a number from -100 to 100',
    );
    setMetrics(doc, card, { nps: -42 });
    const json = exportBoard(doc);
    expect(json.cards[0]!.metrics).toEqual({ nps: -42 });
    const parsed = parseBoardJson(json);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(readBoard(docFromJson(parsed.board)).cards[0]!.metrics.nps).toBe(-42);
    const tooHigh = parseBoardJson({
      ...json,
      cards: [{ ...json.cards[0]!, metrics: { nps: 150 } }],
    });
    expect(tooHigh.ok).toBe(false);
    const csv = boardToCsv(readBoard(doc)).split('\r\n');
    const header = csv[0]!.replace('\uFEFF', '').split(',');
    expect(csv[1]!.split(',')[header.indexOf('nps')]).toBe('-42');
    const changes = diffBoards(before, readBoard(doc)).changes;
    expect(changes.find((c) => c.kind === 'card-metrics-changed')?.label).toContain('NPS');
  });
});

describe('survey import into the series', () => {
  it("W264: writes each metric as a point of source 'survey' over the rows' dates, or the import day", () => {
    const { doc, card } = boardWithTouchpoint();
    const dated = [
      'Touchpoint,CSAT,NPS,Date',
      'Phone call,5,10,2026-09-03',
      'Phone call,2,3,2026-09-28',
    ].join('\n');
    expect(applySurveyImport(doc, dated, undefined, { source: 'Q3 file' }).ok).toBe(true);
    const points = readMetricSeries(doc).map(({ writtenAt: _w, ...p }) => p);
    expect(points).toEqual([
      {
        cardId: card,
        metric: 'csat',
        value: 50,
        n: 2,
        periodStart: '2026-09-03',
        periodEnd: '2026-09-28',
        source: 'survey',
      },
      {
        cardId: card,
        metric: 'nps',
        value: 0,
        n: 2,
        periodStart: '2026-09-03',
        periodEnd: '2026-09-28',
        source: 'survey',
      },
    ]);
    // The same file again changes no point; an undated file is the import day's.
    applySurveyImport(doc, dated, undefined, { source: 'Q3 file' });
    expect(readMetricSeries(doc)).toHaveLength(2);
    const undated = 'Touchpoint,CSAT\nPhone call,5';
    applySurveyImport(doc, undated, undefined, { source: 'Q4 file', today: '2026-12-07' });
    const csat = seriesOf(readMetricSeries(doc), card, 'csat');
    expect(csat.map((p) => [p.periodStart, p.periodEnd, p.value])).toEqual([
      ['2026-09-03', '2026-09-28', 50],
      ['2026-12-07', '2026-12-07', 100],
    ]);
    expect(readBoard(doc).cards[0]!.metrics.csat).toBe(100);
  });
});
