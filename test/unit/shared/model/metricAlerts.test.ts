import { describe, expect, it } from 'vitest';
import {
  alertKey,
  alertOf,
  alertText,
  metricAlerts,
  periodsName,
  rateMetric,
} from '../../../../shared/model/metricAlerts.js';
import type { CardMetricPoint, MetricKey, MetricPoint } from '../../../../shared/model/schema.js';

const MONTH_ENDS = ['01-31', '02-28', '03-31', '04-30'];

/** A monthly series of 2026, one point a month from January. */
function series(metric: MetricKey, ...values: number[]): MetricPoint[] {
  return values.map((value, i) => ({
    metric,
    value,
    periodStart: `2026-0${i + 1}-01`,
    periodEnd: `2026-0${i + 1}-${MONTH_ENDS[i]!.slice(3)}`,
    source: 'api',
    writtenAt: '2026-05-01T00:00:00.000Z',
  }));
}

const judge = (metric: MetricKey, ...values: number[]) =>
  alertOf('c1', metric, series(metric, ...values));

describe('metric bands (W296)', () => {
  it('W296: the absolute bands rate each score, volume against the board mean', () => {
    expect([80, 79, 65, 64].map((v) => rateMetric('csat', v))).toEqual([
      'good',
      'fair',
      'fair',
      'poor',
    ]);
    expect([75, 60, 59].map((v) => rateMetric('fcr', v))).toEqual(['good', 'fair', 'poor']);
    expect([30, 0, -1].map((v) => rateMetric('nps', v))).toEqual(['good', 'fair', 'poor']);
    expect([5.5, 4, 3.9].map((v) => rateMetric('ces', v))).toEqual(['good', 'fair', 'poor']);
    expect([120, 200, 201].map((v) => rateMetric('volume', v, 100))).toEqual([
      'good',
      'fair',
      'poor',
    ]);
    expect(rateMetric('volume', 10_000, 0)).toBe('good');
  });
});

describe('metric alerts (W297)', () => {
  it('W297: a series crossing into red alerts, one already red does not again', () => {
    expect(judge('csat', 70, 60)).toMatchObject({ reason: 'red', delta: -10 });
    expect(judge('csat', 62, 60)).toBeNull();
    expect(judge('nps', 5, -1)?.reason).toBe('red');
    expect(judge('ces', 4.2, 3.9)?.reason).toBe('red');
  });

  it('W297: a first point alerts only when it is red', () => {
    expect(judge('csat', 50)).toMatchObject({ reason: 'red' });
    expect(judge('csat', 50)?.previous).toBeUndefined();
    expect(judge('csat', 70)).toBeNull();
    expect(judge('volume', 1_000_000)).toBeNull();
    expect(alertOf('c1', 'csat', [])).toBeNull();
  });

  it('W297: a fall of more than the allowance alerts, exactly the allowance does not', () => {
    expect(judge('csat', 95, 84)).toMatchObject({ reason: 'moved', delta: -11 });
    expect(judge('csat', 95, 85)).toBeNull();
    expect(judge('fcr', 90, 79.9)?.reason).toBe('moved');
    expect(judge('nps', 50, 35)).toBeNull();
    expect(judge('nps', 50, 34)?.reason).toBe('moved');
    expect(judge('ces', 6.5, 5.7)).toBeNull();
    expect(judge('ces', 6.5, 5.6)?.reason).toBe('moved');
    // Still red, and falling further by more than the allowance: told as a move.
    expect(judge('csat', 60, 45)).toMatchObject({ reason: 'moved', delta: -15 });
  });

  it('W297: volume alerts on a rise of more than half, never on a fall or from zero', () => {
    expect(judge('volume', 100, 150)).toBeNull();
    expect(judge('volume', 100, 151)).toMatchObject({ reason: 'moved', delta: 51 });
    expect(judge('volume', 1000, 10)).toBeNull();
    expect(judge('volume', 0, 500)).toBeNull();
  });

  it('W297: improving or equal values never alert, however large the move', () => {
    expect(judge('csat', 50, 90)).toBeNull();
    expect(judge('nps', -80, 40)).toBeNull();
    expect(judge('ces', 2, 6)).toBeNull();
    expect(judge('csat', 70, 70)).toBeNull();
    // Only the latest two points count: an old fall is history.
    expect(judge('csat', 95, 50, 52)).toBeNull();
  });

  it('W297: every alerting card and metric of a board, in series order', () => {
    const points: CardMetricPoint[] = [
      ...series('csat', 90, 60).map((p) => ({ cardId: 'a', ...p })),
      ...series('nps', 20, 10).map((p) => ({ cardId: 'a', ...p })),
      ...series('csat', 95, 80).map((p) => ({ cardId: 'b', ...p })),
      ...series('volume', 10, 40).map((p) => ({ cardId: 'b', ...p })),
    ];
    const alerts = metricAlerts(points);
    expect(alerts.map((a) => [a.cardId, a.metric, a.reason])).toEqual([
      ['a', 'csat', 'red'],
      ['b', 'csat', 'moved'],
      ['b', 'volume', 'moved'],
    ]);
    expect(alerts.map(alertKey)).toEqual([
      'a:csat:2026-02-28',
      'b:csat:2026-02-28',
      'b:volume:2026-02-28',
    ]);
    expect(metricAlerts([])).toEqual([]);
  });
});

describe('alert text (W298)', () => {
  it('W298: says what moved, how far, to what and between which periods', () => {
    const csat = judge('csat', 70, 58)!;
    expect(alertText(csat)).toBe('CSAT fell 12 points to 58%');
    expect(periodsName(csat)).toBe('Jan → Feb 2026');
    expect(alertText(judge('ces', 5, 3.9)!)).toBe('CES fell 1.1 to 3.9');
    expect(alertText(judge('nps', 40, 20)!)).toBe('NPS fell 20 points to +20');
    expect(alertText(judge('csat', 66, 58.5)!)).toBe('CSAT fell 7.5 points to 59%');
    expect(alertText(judge('volume', 1000, 1600)!)).toBe('volume rose 60% to 1.6k');
    const first = judge('fcr', 40)!;
    expect(alertText(first)).toBe('FCR is in the red at 40%');
    expect(periodsName(first)).toBe('Jan 2026');
  });

  it('W298: periods that are not whole months are named by their last day', () => {
    const weekly: MetricPoint[] = [
      { ...series('csat', 80)[0]!, periodStart: '2025-12-25', periodEnd: '2025-12-31' },
      { ...series('csat', 60)[0]!, periodStart: '2026-01-01', periodEnd: '2026-01-07' },
    ];
    expect(periodsName(alertOf('c', 'csat', weekly)!)).toBe('2025-12-31 → 2026-01-07');
    const years: MetricPoint[] = [
      { ...series('csat', 80)[0]!, periodStart: '2025-12-01', periodEnd: '2025-12-31' },
      series('csat', 60)[0]!,
    ];
    expect(periodsName(alertOf('c', 'csat', years)!)).toBe('Dec 2025 → Jan 2026');
  });
});
