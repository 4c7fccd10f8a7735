import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  cardByExternalKey,
  deleteCard,
  docFromJson,
  exportBoard,
  metricTrend,
  parseBoardJson,
  readBoard,
  readBoardChecked,
  readMetricSeries,
  reconcile,
  seriesOf,
  setExternalKey,
  setMetrics,
  writeMetricPoints,
  type PointWrite,
} from '../../../../shared/model/index.js';
import { newBoard } from './helpers.js';

function board() {
  const doc = newBoard();
  const stageId = addStage(doc, { name: 'Support' });
  const laneId = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const call = addCard(doc, { stageId, laneId, text: 'Phone call' });
  const chat = addCard(doc, { stageId, laneId, text: 'Chat' });
  return { doc, call, chat };
}

const month = (cardId: string, m: number, value: number, extra: Partial<PointWrite> = {}) => ({
  cardId,
  metric: 'csat' as const,
  value,
  n: 100 + m,
  periodStart: `2026-0${m}-01`,
  periodEnd: `2026-0${m}-28`,
  source: 'qualtrics',
  ...extra,
});

const [T1, T2, T3, T4] = [1, 2, 3, 4].map((d) => `2026-05-0${d}T00:00:00.000Z`);

const cardOf = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c) => c.id === id)!;

describe('metric series', () => {
  it('W252: a point is keyed by metric, period and source: resending changes nothing, a new value replaces', () => {
    const { doc, call } = board();
    expect(writeMetricPoints(doc, [month(call, 1, 60), month(call, 2, 64)], T1)).toEqual({
      written: 2,
      unchanged: 0,
    });
    const before = Y.encodeStateVector(doc);
    expect(writeMetricPoints(doc, [month(call, 1, 60), month(call, 2, 64)], T2)).toEqual({
      written: 0,
      unchanged: 2,
    });
    // Not one byte changed: the resend wrote nothing.
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(writeMetricPoints(doc, [month(call, 2, 66)], T3)).toEqual({
      written: 1,
      unchanged: 0,
    });
    const series = seriesOf(readMetricSeries(doc), call, 'csat');
    expect(series.map((p) => [p.periodEnd, p.value, p.n, p.writtenAt])).toEqual([
      ['2026-01-28', 60, 101, T1],
      ['2026-02-28', 66, 102, T3],
    ]);
    // Another source for the same period is another point.
    writeMetricPoints(doc, [month(call, 2, 50, { source: 'survey' })], T4);
    expect(seriesOf(readMetricSeries(doc), call, 'csat')).toHaveLength(3);
  });

  it('W253: the card metric is the latest point: largest periodEnd, then the one written last', () => {
    const { doc, call } = board();
    writeMetricPoints(doc, [month(call, 3, 70), month(call, 1, 50)], T1);
    expect(cardOf(doc, call).metrics.csat).toBe(70);
    // An older period arriving later does not take over.
    writeMetricPoints(doc, [month(call, 2, 10)], T2);
    expect(cardOf(doc, call).metrics.csat).toBe(70);
    // Same periodEnd from another source, written later: it is the latest.
    writeMetricPoints(doc, [month(call, 3, 72, { source: 'survey' })], T3);
    expect(cardOf(doc, call).metrics.csat).toBe(72);
    const trend = metricTrend(seriesOf(readMetricSeries(doc), call, 'csat'))!;
    expect([trend.latest.value, trend.previous?.value, trend.delta]).toEqual([72, 70, 2]);
    // Other metrics of the card are left alone.
    setMetrics(doc, call, { fcr: 40 });
    writeMetricPoints(doc, [month(call, 4, 80)], T4);
    expect(cardOf(doc, call).metrics).toEqual({ csat: 80, fcr: 40 });
  });

  it('W252: refuses an unsound point with its field named, writing none of the batch', () => {
    const { doc, call } = board();
    const bad = [month(call, 1, 60), month(call, 2, 101)];
    expect(() => writeMetricPoints(doc, bad)).toThrow('CSAT must be 0–100');
    expect(() => writeMetricPoints(doc, [month(call, 1, 60, { periodEnd: '2025-12-31' })])).toThrow(
      'periodEnd must not be before periodStart',
    );
    expect(() => writeMetricPoints(doc, [month('nope', 1, 60)])).toThrow(
      "card 'nope' does not exist",
    );
    expect(readMetricSeries(doc)).toEqual([]);
  });

  it('W254: foreign values in the series are noted and skipped, never thrown', () => {
    const { doc, call, chat } = board();
    writeMetricPoints(doc, [month(call, 1, 60)], T1);
    const root = doc.getMap<unknown>('metricSeries');
    const points = root.get(call) as Y.Map<unknown>;
    points.set('csat|2026-02-01|2026-02-28|x', { metric: 'csat', value: 'high' });
    points.set('wrong-key', { ...month(call, 3, 50), cardId: undefined, writtenAt: T1 });
    root.set(chat, 42);
    const { board: read, unreadable } = readBoardChecked(doc);
    expect(read.metricSeries!.map((p) => p.value)).toEqual([60]);
    expect(unreadable.map((u) => u.path).sort()).toEqual(
      [
        `metricSeries.${call}.csat|2026-02-01|2026-02-28|x`,
        `metricSeries.${call}.wrong-key`,
        `metricSeries.${chat}`,
      ].sort(),
    );
    // The export of such a board still imports.
    expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  });

  it('W255, W256: the series and external keys round-trip through the open JSON, and restore brings a version back', () => {
    const { doc, call, chat } = board();
    setExternalKey(doc, call, 'TP-CALL');
    writeMetricPoints(
      doc,
      [month(call, 1, 60), month(call, 2, 64, { metric: 'nps', value: -5 })],
      T1,
    );
    const json = exportBoard(doc);
    expect(json.metricSeries).toHaveLength(2);
    expect(json.cards.find((c) => c.id === call)!.externalKey).toBe('TP-CALL');
    const parsed = parseBoardJson(JSON.parse(JSON.stringify(json)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(exportBoard(docFromJson(parsed.board))).toEqual(json);
    // A board without points exports no metricSeries at all.
    expect('metricSeries' in exportBoard(newBoard())).toBe(false);

    const version = readBoard(doc);
    writeMetricPoints(doc, [month(call, 3, 90), month(chat, 3, 20)], T2);
    setExternalKey(doc, call, undefined);
    deleteCard(doc, chat);
    reconcile(doc, version);
    expect(readBoard(doc)).toEqual(version);
  });

  it('W256: the JSON refuses points of unknown cards, duplicate points and duplicate external keys', () => {
    const { doc, call, chat } = board();
    setExternalKey(doc, call, 'TP');
    writeMetricPoints(doc, [month(call, 1, 60)], T1);
    const json = exportBoard(doc);
    const point = json.metricSeries![0]!;
    const result = parseBoardJson({
      ...json,
      cards: json.cards.map((c) => (c.id === chat ? { ...c, externalKey: 'TP' } : c)),
      metricSeries: [point, point, { ...point, cardId: 'gone' }, { ...point, value: 120 }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(
      expect.arrayContaining([
        'metricSeries[3].value: CSAT must be 0–100',
        expect.stringMatching(/^cards\[\d\]\.externalKey: duplicate externalKey 'TP'$/),
        'metricSeries[1]: duplicate point: the same card, metric, period and source',
        "metricSeries[2].cardId: unknown card 'gone'",
      ]),
    );
  });

  it('W257: an external key is unique on the board, trimmed, and finds its card', () => {
    const { doc, call, chat } = board();
    setExternalKey(doc, call, '  TP-1 ');
    expect(cardOf(doc, call).externalKey).toBe('TP-1');
    expect(cardByExternalKey(doc, 'TP-1')).toBe(call);
    expect(() => setExternalKey(doc, chat, 'TP-1')).toThrow(
      `externalKey 'TP-1' is already used by card '${call}'`,
    );
    setExternalKey(doc, call, '');
    expect(cardOf(doc, call).externalKey).toBeUndefined();
    setExternalKey(doc, chat, 'TP-1');
    expect(cardByExternalKey(doc, 'TP-1')).toBe(chat);
  });

  it('W252: deleting a card deletes its series', () => {
    const { doc, call } = board();
    writeMetricPoints(doc, [month(call, 1, 60)]);
    deleteCard(doc, call);
    expect(doc.getMap('metricSeries').has(call)).toBe(false);
  });
});
