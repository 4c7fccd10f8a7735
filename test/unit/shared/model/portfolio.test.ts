import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addLane, addStage } from '../../../../shared/model/axes.js';
import { initBoard } from '../../../../shared/model/board.js';
import { addCard, setChannel, setMetrics } from '../../../../shared/model/cards.js';
import { writeMetricPoints } from '../../../../shared/model/metricSeries.js';
import {
  DIGEST_TEXT_MAX,
  digestBoard,
  worstTouchpoints,
  type DigestedBoard,
} from '../../../../shared/model/portfolio.js';
import { readBoard } from '../../../../shared/model/snapshot.js';

function board(
  title: string,
  rows: { stage: string; text: string; csat?: number; volume?: number }[],
) {
  const doc = new Y.Doc();
  initBoard(doc, { title, mapType: 'current-state' });
  const laneId = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const stages = new Map<string, string>();
  for (const row of rows) {
    if (!stages.has(row.stage)) stages.set(row.stage, addStage(doc, { name: row.stage }));
    const cardId = addCard(doc, { stageId: stages.get(row.stage)!, laneId, text: row.text });
    const metrics = { csat: row.csat, volume: row.volume };
    if (row.csat !== undefined || row.volume !== undefined) setMetrics(doc, cardId, metrics);
  }
  return readBoard(doc);
}

describe('portfolio digests (W294)', () => {
  it('W294: a digest holds the cards with metrics, in board order, and the hot stages', () => {
    const snapshot = board('Claims', [
      { stage: 'Report', text: 'Call centre', csat: 61, volume: 900 },
      { stage: 'Report', text: 'No metric here' },
      { stage: 'Assess', text: `Adjuster visit ${'x'.repeat(300)}`, volume: 50 },
      { stage: 'Pay', text: 'Payout', csat: 88, volume: 50 },
    ]);
    const digest = digestBoard(snapshot, 3);
    expect(digest.cards).toBe(4);
    expect(digest.openThreads).toBe(3);
    expect(digest.touchpoints.map((t) => [t.stageName, t.metrics])).toEqual([
      ['Report', { csat: 61, volume: 900 }],
      ['Assess', { volume: 50 }],
      ['Pay', { csat: 88, volume: 50 }],
    ]);
    expect(digest.touchpoints[1]!.text).toHaveLength(DIGEST_TEXT_MAX);
    expect(digest.touchpoints[1]!.text.endsWith('…')).toBe(true);
    // Report has 900 of 1,000 contacts against a mean share of a third: disproportionate.
    expect(digest.hotStages).toEqual([
      { stageId: expect.any(String), name: 'Report', share: 0.9, meanShare: expect.closeTo(1 / 3) },
    ]);
  });

  it('W294: the worst touchpoints across maps: lowest CSAT, highest volume; ties by map title', () => {
    const maps: DigestedBoard[] = [
      {
        boardId: 'b',
        title: 'Billing',
        digest: digestBoard(
          board('Billing', [
            { stage: 'Pay', text: 'Invoice', csat: 55, volume: 10 },
            { stage: 'Pay', text: 'Dunning', csat: 40, volume: 5 },
          ]),
          0,
        ),
      },
      {
        boardId: 'a',
        title: 'Activation',
        digest: digestBoard(
          board('Activation', [{ stage: 'Start', text: 'Welcome mail', csat: 55, volume: 70 }]),
          0,
        ),
      },
    ];
    expect(worstTouchpoints(maps, 'csat').map((t) => [t.boardTitle, t.text, t.value])).toEqual([
      ['Billing', 'Dunning', 40],
      ['Activation', 'Welcome mail', 55],
      ['Billing', 'Invoice', 55],
    ]);
    expect(worstTouchpoints(maps, 'volume', 1).map((t) => t.text)).toEqual(['Welcome mail']);
    expect(worstTouchpoints(maps, 'ces')).toEqual([]);
  });

  it('W294: a touchpoint with a series carries its change since the previous period and its n', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Care', mapType: 'current-state' });
    const stageId = addStage(doc, { name: 'Help' });
    const laneId = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
    const chat = addCard(doc, { stageId, laneId, text: 'Chat' });
    const phone = addCard(doc, { stageId, laneId, text: 'Phone' });
    const month = (m: string) => ({ periodStart: `2026-${m}-01`, periodEnd: `2026-${m}-28` });
    writeMetricPoints(doc, [
      { cardId: chat, metric: 'csat', value: 74, n: 120, source: 'api', ...month('01') },
      { cardId: chat, metric: 'csat', value: 61.5, n: 98, source: 'api', ...month('02') },
      { cardId: chat, metric: 'nps', value: 12, source: 'api', ...month('02') },
      { cardId: phone, metric: 'csat', value: 80, source: 'api', ...month('02') },
    ]);
    const [first, second] = digestBoard(readBoard(doc), 0).touchpoints;
    expect(first).toMatchObject({
      cardId: chat,
      metrics: { csat: 61.5, nps: 12 },
      deltas: { csat: -12.5 },
      n: { csat: 98 },
    });
    expect(first!.deltas).not.toHaveProperty('nps');
    expect(second).toMatchObject({ cardId: phone, metrics: { csat: 80 } });
    expect(second).not.toHaveProperty('deltas');
  });

  it('W294: a digest keeps the handoffs for the worse, worst first, pointing at the card after', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Care', mapType: 'current-state' });
    const ask = addStage(doc, { name: 'Ask' });
    const wait = addStage(doc, { name: 'Wait' });
    const touch = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
    const feel = addLane(doc, { name: 'Emotions', kind: 'emotions' });
    const chat = addCard(doc, { stageId: ask, laneId: touch, text: 'Chat' });
    const phone = addCard(doc, { stageId: wait, laneId: touch, text: 'Phone' });
    setChannel(doc, chat, 'chat');
    setChannel(doc, phone, 'phone');
    addCard(doc, { stageId: ask, laneId: feel, text: 'ok', emotion: 1 });
    addCard(doc, { stageId: wait, laneId: feel, text: 'angry', emotion: -2 });
    const { handoffs } = digestBoard(readBoard(doc), 0);
    expect(handoffs).toEqual([
      {
        cardId: phone,
        stageId: wait,
        label: expect.stringMatching(/Chat → Phone/),
        severity: expect.any(Number),
      },
    ]);
    expect(handoffs[0]!.severity).toBeGreaterThan(0);
    // The other way round the journey gets better: no handoff that hurts.
    setChannel(doc, chat, 'phone');
    expect(digestBoard(readBoard(doc), 0).handoffs).toEqual([]);
  });
});
