import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addStage,
  diffBoards,
  putMetricPoints,
  readBoard,
  syncMetricSeries,
  writeMetricPoints,
  type CardSeriesChanged,
  type CesMethod,
  type MetricKey,
  type PointWrite,
} from '../../../../shared/model/index.js';
import { newBoard } from './helpers.js';

function board() {
  const doc = newBoard();
  const stageId = addStage(doc, { name: 'Support' });
  const laneId = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const call = addCard(doc, { stageId, laneId, text: 'Phone call' });
  return { doc, stageId, laneId, call };
}

const month = (
  cardId: string,
  metric: MetricKey,
  m: number,
  value: number,
  extra: Partial<PointWrite> = {},
): PointWrite => ({
  cardId,
  metric,
  value,
  n: 100,
  periodStart: `2026-${String(m).padStart(2, '0')}-01`,
  periodEnd: `2026-${String(m).padStart(2, '0')}-${m === 9 || m === 11 ? 30 : 31}`,
  source: 'qualtrics',
  ...extra,
});

const [T1, T2] = ['2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z'];

const seriesChange = (diff: ReturnType<typeof diffBoards>) =>
  diff.changes.filter((c): c is CardSeriesChanged => c.kind === 'card-series-changed');

describe('series points in the version diff (W273)', () => {
  it('W273: reports the points added, removed and changed per metric, with period, value, n and source', () => {
    const { doc, call } = board();
    writeMetricPoints(
      doc,
      [month(call, 'csat', 8, 68), month(call, 'csat', 9, 71), month(call, 'fcr', 9, 60)],
      T1,
    );
    const before = readBoard(doc);
    writeMetricPoints(
      doc,
      [
        month(call, 'csat', 9, 74),
        month(call, 'csat', 10, 75),
        month(call, 'csat', 11, 77),
        month(call, 'fcr', 9, 60, { n: 120 }),
      ],
      T2,
    );
    syncMetricSeries(
      doc,
      (readBoard(doc).metricSeries ?? []).filter((p) => p.periodEnd !== '2026-08-31'),
    );
    const [change, ...more] = seriesChange(diffBoards(before, readBoard(doc)));
    expect(more).toEqual([]);
    expect(change!.cardId).toBe(call);
    expect(change!.series).toEqual([
      {
        metric: 'csat',
        method: null,
        added: [
          {
            periodStart: '2026-10-01',
            periodEnd: '2026-10-31',
            source: 'qualtrics',
            value: 75,
            n: 100,
          },
          {
            periodStart: '2026-11-01',
            periodEnd: '2026-11-30',
            source: 'qualtrics',
            value: 77,
            n: 100,
          },
        ],
        removed: [
          {
            periodStart: '2026-08-01',
            periodEnd: '2026-08-31',
            source: 'qualtrics',
            value: 68,
            n: 100,
          },
        ],
        changed: [
          {
            periodStart: '2026-09-01',
            periodEnd: '2026-09-30',
            source: 'qualtrics',
            before: { value: 71, n: 100 },
            after: { value: 74, n: 100 },
          },
        ],
      },
      {
        metric: 'fcr',
        method: null,
        added: [],
        removed: [],
        changed: [
          {
            periodStart: '2026-09-01',
            periodEnd: '2026-09-30',
            source: 'qualtrics',
            before: { value: 60, n: 100 },
            after: { value: 60, n: 120 },
          },
        ],
      },
    ]);
    expect(change!.label).toBe(
      'Series of "Phone call": CSAT +2 points (Oct 2026, Nov 2026), −1 point (Aug 2026), Sep 2026 71 → 74; FCR Sep 2026 n 100 → 120',
    );
    // The card's value also moved: that stays its own change, beside the series.
    expect(diffBoards(before, readBoard(doc)).summary.byKind['card-metrics-changed']).toBe(1);
  });

  it('W273: a point written again with the same value and n is no change; neither is a board diffed with itself', () => {
    const { doc, call } = board();
    writeMetricPoints(doc, [month(call, 'nps', 9, 12)], T1);
    const before = readBoard(doc);
    const [point] = before.metricSeries!;
    putMetricPoints(doc, [{ ...point!, writtenAt: T2 }]);
    expect(seriesChange(diffBoards(before, readBoard(doc)))).toEqual([]);
    expect(diffBoards(doc, doc).changes).toEqual([]);
  });

  it('W273: CES mean and top-2-box are separate series; several sources name theirs', () => {
    const { doc, call } = board();
    writeMetricPoints(doc, [month(call, 'ces', 9, 5.6)], T1);
    const before = readBoard(doc);
    const top2: { method: CesMethod } = { method: 'top2box' };
    writeMetricPoints(
      doc,
      [
        month(call, 'ces', 10, 72, top2),
        month(call, 'ces', 10, 5.8),
        month(call, 'ces', 10, 5.9, { source: 'survey' }),
      ],
      T2,
    );
    const [change] = seriesChange(diffBoards(before, readBoard(doc)));
    expect(change!.series.map((s) => [s.metric, s.method, s.added.length])).toEqual([
      ['ces', 'mean', 2],
      ['ces', 'top2box', 1],
    ]);
    expect(change!.label).toBe(
      'Series of "Phone call": CES +2 points (Oct 2026 qualtrics, Oct 2026 survey); CES top-2 +1 point (Oct 2026)',
    );
  });

  it('W86, W273: a card added or removed reports no series change of its own', () => {
    const { doc, stageId, laneId } = board();
    const before = readBoard(doc);
    const chat = addCard(doc, { stageId, laneId, text: 'Chat' });
    writeMetricPoints(doc, [month(chat, 'csat', 9, 80)], T1);
    const kinds = diffBoards(before, readBoard(doc)).changes.map((c) => c.kind);
    expect(kinds).toEqual(['card-added']);
  });
});
