import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addStage,
  alertKey,
  alertOf,
  alertText,
  applySurveyImport,
  docFromJson,
  exportBoard,
  formatMetric,
  metricAlerts,
  ModelError,
  parseBoardJson,
  pointProblems,
  rateMetric,
  readBoard,
  readMeta,
  readMetricSeries,
  reconcile,
  seriesOf,
  setCesMethod,
  writeMetricPoints,
  type CesMethod,
  type PointWrite,
  type Unreadable,
} from '../../../../shared/model/index.js';
import { digestBoard, worstTouchpoints } from '../../../../shared/model/portfolio.js';
import type { BoardJson } from '../../../../shared/model/json.js';
import { newBoard } from './helpers.js';

/** The board a file holds, or the refusal as an error. */
function parsed(input: unknown): BoardJson {
  const result = parseBoardJson(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.board;
}

function board(method?: CesMethod) {
  const doc = newBoard();
  if (method) setCesMethod(doc, method);
  const stageId = addStage(doc, { name: 'Support' });
  const laneId = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const call = addCard(doc, { stageId, laneId, text: 'Phone call' });
  return { doc, call };
}

const ces = (cardId: string, m: number, value: number, method?: CesMethod): PointWrite => ({
  cardId,
  metric: 'ces',
  value,
  n: 40,
  periodStart: `2026-0${m}-01`,
  periodEnd: `2026-0${m}-28`,
  source: 'qualtrics',
  ...(method ? { method } : {}),
});

const T1 = '2026-05-01T00:00:00.000Z';

describe('CES method (W246–W249)', () => {
  it('W246: a board computes CES as a mean unless it says top2box; mean is stored as no key', () => {
    const { doc } = board();
    expect(readMeta(doc).cesMethod).toBeUndefined();
    setCesMethod(doc, 'top2box');
    expect(readMeta(doc).cesMethod).toBe('top2box');
    setCesMethod(doc, 'mean');
    expect(doc.getMap('meta').has('cesMethod')).toBe(false);
    expect(() => setCesMethod(doc, 'median' as CesMethod)).toThrow(ModelError);
    // Another client's word for it reads as the default, noted, never thrown.
    doc.getMap('meta').set('cesMethod', 'median');
    const notes: Unreadable[] = [];
    expect(readMeta(doc, notes).cesMethod).toBeUndefined();
    expect(notes.map((n) => n.path)).toEqual(['meta.cesMethod']);
  });

  it('W247: the range is the method’s: 1–7 for a mean, 0–100 for top-2-box; method is for CES only', () => {
    const base = { periodStart: '2026-01-01', periodEnd: '2026-01-31', source: 'api' };
    const problems = (p: Record<string, unknown>) =>
      pointProblems({ ...base, ...p }).map((x) => `${x.field}: ${x.message}`);
    expect(problems({ metric: 'ces', value: 72 })).toEqual(['value: CES mean must be 1–7']);
    expect(problems({ metric: 'ces', value: 72, method: 'top2box' })).toEqual([]);
    expect(problems({ metric: 'ces', value: 101, method: 'top2box' })).toEqual([
      'value: CES top-2-box must be 0–100 (a %)',
    ]);
    expect(problems({ metric: 'ces', value: 5, method: 'median' })).toEqual([
      'method: method must be one of mean, top2box',
    ]);
    expect(problems({ metric: 'csat', value: 70, method: 'top2box' })).toEqual([
      'method: method is for CES only (mean or top2box)',
    ]);
  });

  it('W247: a top-2-box point stands beside the mean of the same period; the card keeps the mean', () => {
    const { doc, call } = board('top2box');
    writeMetricPoints(doc, [ces(call, 1, 5.6), ces(call, 1, 72, 'top2box')], T1);
    const points = readMetricSeries(doc);
    expect(points.map((p) => [p.value, p.method])).toEqual([
      [5.6, undefined],
      [72, 'top2box'],
    ]);
    expect(readBoard(doc).cards[0]!.metrics.ces).toBe(5.6);
    expect(seriesOf(points, call, 'ces').map((p) => p.value)).toEqual([5.6]);
    expect(seriesOf(points, call, 'ces', 'top2box').map((p) => p.value)).toEqual([72]);
    // A later top-2-box point never becomes the card's 1–7 value.
    writeMetricPoints(doc, [ces(call, 2, 40, 'top2box')], T1);
    expect(readBoard(doc).cards[0]!.metrics.ces).toBe(5.6);
  });

  it('W247: switching the method never reinterprets points; JSON and restore keep both', () => {
    const { doc, call } = board();
    writeMetricPoints(doc, [ces(call, 1, 5.6), ces(call, 2, 72, 'top2box')], T1);
    setCesMethod(doc, 'top2box');
    const json = exportBoard(doc);
    expect(json.meta.cesMethod).toBe('top2box');
    expect(json.metricSeries!.map((p) => p.method ?? 'mean')).toEqual(['mean', 'top2box']);
    const copy = docFromJson(parsed(JSON.parse(JSON.stringify(json))));
    expect(readMetricSeries(copy)).toEqual(readMetricSeries(doc));
    expect(readMeta(copy).cesMethod).toBe('top2box');
    // An explicit `method: "mean"` in a file is the same point as none.
    const explicit = structuredClone(json);
    explicit.metricSeries![0]!.method = 'mean';
    expect(readMetricSeries(docFromJson(parsed(explicit)))).toEqual(readMetricSeries(doc));
    // A version without the setting and the top-2-box point restores as it was.
    const version = readBoard(doc);
    setCesMethod(doc, 'mean');
    reconcile(doc, { ...version, meta: { ...version.meta } });
    expect(readMeta(doc).cesMethod).toBe('top2box');
  });

  it('W248: bands, allowances and the alert compare points of one method only', () => {
    expect(rateMetric('ces', 72, 0, 'top2box')).toBe('good');
    expect(rateMetric('ces', 55, 0, 'top2box')).toBe('fair');
    expect(rateMetric('ces', 45, 0, 'top2box')).toBe('poor');
    // 6.5 as a mean is green; as a % it would be deep red.
    expect(rateMetric('ces', 6.5)).toBe('good');
    expect(formatMetric('ces', 72, 'top2box')).toBe('72%');
    expect(formatMetric('ces', 5.64)).toBe('5.6');

    const { doc, call } = board('top2box');
    // Mean 6.2 → top-2 75 → top-2 60: 15 points down alerts (allowance 10), the mean is no step.
    writeMetricPoints(
      doc,
      [ces(call, 1, 6.2), ces(call, 2, 75, 'top2box'), ces(call, 3, 60, 'top2box')],
      T1,
    );
    const alerts = metricAlerts(readMetricSeries(doc));
    expect(alerts.map((a) => [a.reason, a.previous?.value, a.latest.value])).toEqual([
      ['moved', 75, 60],
    ]);
    expect(alertText(alerts[0]!)).toBe('CES top-2 fell 15 points to 60%');
    expect(alertKey(alerts[0]!)).toBe(`${call}:ces-top2box:2026-03-28`);
    // A series whose last point is a mean is judged against the mean before it, not the %.
    const mixed = readMetricSeries(doc).concat({ ...ces(call, 4, 6.1), writtenAt: T1 });
    expect(alertOf(call, 'ces', seriesOf(mixed, call, 'ces'))).toBeNull();
    // 10 points exactly does not alert.
    const { doc: other, call: c2 } = board();
    writeMetricPoints(other, [ces(c2, 1, 80, 'top2box'), ces(c2, 2, 70, 'top2box')], T1);
    expect(metricAlerts(readMetricSeries(other))).toEqual([]);
  });

  it('W249: the survey import computes top-2-box (% of 6–7) on a top-2-box board, beside the mean', () => {
    const csv = [
      'touchpoint,stage,ces,date',
      'Phone call,Support,7,2026-03-02',
      'Phone call,Support,6,2026-03-09',
      'Phone call,Support,2,2026-03-20',
      'Phone call,Support,5,2026-03-30',
    ].join('\n');
    const mapping = { touchpoint: 'touchpoint', stage: 'stage', ces: 'ces', date: 'date' };
    const { doc } = board('top2box');
    const result = applySurveyImport(doc, csv, mapping, { source: 'march.csv' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    // 2 of 4 answers are 6 or 7: 50 %; the mean (7 + 6 + 2 + 5) / 4 = 5.
    const points = readMetricSeries(doc).map((p) => [p.method ?? 'mean', p.value, p.n]);
    expect(points).toEqual([
      ['mean', 5, 4],
      ['top2box', 50, 4],
    ]);
    expect(readBoard(doc).cards[0]!.metrics.ces).toBe(5);
    expect(readBoard(doc).cards[0]!.evidence[0]!.text).toContain(
      'CES 5 (n=4) · CES top-2 50% (n=4)',
    );
    // The plan (what the preview shows) says the board's method, so it lists the top-2 figure.
    expect(result.report.cesMethod).toBe('top2box');
    expect(result.report.cards[0]!.survey.cesTop2box).toBe(50);
    // On a mean board the same file writes the mean only.
    const plain = board();
    const planned = applySurveyImport(plain.doc, csv, mapping, { source: 'march.csv' });
    expect(planned.ok && planned.report.cesMethod).toBeUndefined();
    expect(readMetricSeries(plain.doc).map((p) => p.method ?? 'mean')).toEqual(['mean']);
  });

  it('W248: the portfolio digest ranks CES by the 1–7 mean: a top-2-box % never enters it', () => {
    const { doc, call } = board('top2box');
    writeMetricPoints(
      doc,
      [
        ces(call, 1, 5),
        ces(call, 2, 5.5),
        ces(call, 2, 20, 'top2box'),
        ces(call, 3, 90, 'top2box'),
      ],
      T1,
    );
    const digest = digestBoard(readBoard(doc), 0);
    expect(digest.touchpoints[0]!.metrics.ces).toBe(5.5);
    expect(digest.touchpoints[0]!.deltas).toEqual({ ces: 0.5 });
    const other = board();
    writeMetricPoints(other.doc, [ces(other.call, 1, 3.1)], T1);
    const ranked = worstTouchpoints(
      [
        { boardId: 'a', title: 'A', digest },
        { boardId: 'b', title: 'B', digest: digestBoard(readBoard(other.doc), 0) },
      ],
      'ces',
    );
    expect(ranked.map((t) => [t.boardTitle, t.value])).toEqual([
      ['B', 3.1],
      ['A', 5.5],
    ]);
  });
});
