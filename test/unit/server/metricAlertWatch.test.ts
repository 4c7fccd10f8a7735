import { describe, expect, it } from 'vitest';
import { watchMetricAlerts } from '../../../server/metricAlertWatch.js';
import {
  addCard,
  addLane,
  addStage,
  setCardText,
  writeMetricPoints,
  type PointWrite,
} from '../../../shared/model/index.js';
import { newBoard } from '../shared/model/helpers.js';

function board() {
  const doc = newBoard();
  const stageId = addStage(doc, { name: 'Pay' });
  const laneId = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const pay = addCard(doc, { stageId, laneId, text: 'Payment page' });
  const call = addCard(doc, { stageId, laneId, text: 'Phone call' });
  return { doc, pay, call };
}

const point = (cardId: string, month: 1 | 2 | 3, value: number): PointWrite => ({
  cardId,
  metric: 'csat',
  value,
  periodStart: `2026-0${month}-01`,
  periodEnd: `2026-0${month}-28`,
  source: 'bi',
});

describe('what a server-side write newly alerts (W299)', () => {
  it('W299: an alert the change starts is new, with the card text; one standing before is not', () => {
    const { doc, pay, call } = board();
    writeMetricPoints(doc, [point(call, 1, 90), point(call, 2, 50)]);
    const stop = watchMetricAlerts(doc);
    writeMetricPoints(doc, [point(pay, 1, 80), point(pay, 2, 58), point(call, 3, 45)]);
    const news = stop();
    expect(news.map((a) => [a.cardId, a.metric, a.reason, a.cardText])).toEqual([
      [pay, 'csat', 'red', 'Payment page'],
    ]);
  });

  it('W299: a new period of a card that stays alerting is news; a change of no point is not', () => {
    const { doc, pay } = board();
    writeMetricPoints(doc, [point(pay, 1, 90), point(pay, 2, 60)]);
    let stop = watchMetricAlerts(doc);
    writeMetricPoints(doc, [point(pay, 1, 90), point(pay, 2, 60)]);
    setCardText(doc, pay, 'Checkout page');
    expect(stop()).toEqual([]);
    stop = watchMetricAlerts(doc);
    writeMetricPoints(doc, [point(pay, 3, 45)]);
    expect(stop().map((a) => [a.reason, a.latest.periodEnd, a.cardText])).toEqual([
      ['moved', '2026-03-28', 'Checkout page'],
    ]);
  });

  it('W299: a replaced value is judged against the value it replaced, over several transactions', () => {
    const { doc, pay } = board();
    writeMetricPoints(doc, [point(pay, 1, 80), point(pay, 2, 70)]);
    let stop = watchMetricAlerts(doc);
    writeMetricPoints(doc, [point(pay, 2, 58)]);
    writeMetricPoints(doc, [point(pay, 2, 57)]);
    expect(stop().map((a) => [a.reason, a.latest.value])).toEqual([['red', 57]]);
    stop = watchMetricAlerts(doc);
    writeMetricPoints(doc, [point(pay, 2, 56)]);
    expect(stop()).toEqual([]);
  });
});
