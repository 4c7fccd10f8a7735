import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addStage,
  applySurveyImport,
  applyTemplate,
  computeInsights,
  negativity,
  newId,
  readBoard,
  staleCardIds,
  staleCards,
  type Evidence,
  type NewCard,
} from '../../../../shared/model/index.js';
import * as Y from 'yjs';
import { newBoard, replicaOf } from './helpers.js';

const summary = (text: string): Evidence => ({ id: newId(), kind: 'data', text, source: 's.csv' });

/**
 * Four stages A–D; lanes in order touchpoints, emotions, painPoints, opportunities, metrics.
 * Every number below is chosen so the expectations can be worked out by hand.
 */
function board() {
  const doc = newBoard();
  const [A, B, C, D] = ['Onboarding', 'Use', 'Support', 'Renewal'].map((name) =>
    addStage(doc, { name }),
  ) as [string, string, string, string];
  const T = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const E = addLane(doc, { name: 'Emotions', kind: 'emotions' });
  const P = addLane(doc, { name: 'Pain points', kind: 'painPoints' });
  const O = addLane(doc, { name: 'Opportunities', kind: 'opportunities' });
  const M = addLane(doc, { name: 'Metrics', kind: 'metrics' });
  const card = (stageId: string, laneId: string, text: string, extra: Partial<NewCard> = {}) =>
    addCard(doc, { stageId, laneId, text, ...extra });
  const ids = {
    tA: card(A, T, 'Setup checklist', {
      metrics: { csat: 90 },
      evidence: [summary('Survey: CSAT 90% (n=5) · volume 5')],
    }),
    eA1: card(A, E, 'Overwhelmed', { emotion: -2 }),
    eA2: card(A, E, 'Neutral', { emotion: 0 }),
    pA1: card(A, P, 'Manual category mapping'),
    pA2: card(A, P, 'Bank feeds fail', { emotion: -1, metrics: { volume: 50 } }),
    oA: card(A, O, 'Suggest mappings'),
    mA: card(A, M, 'Onboarding tickets', { metrics: { csat: 60, ces: 3, fcr: 50, volume: 600 } }),
    eB: card(B, E, 'Relieved', { emotion: 1 }),
    pB: card(B, P, 'OCR misreads'),
    oB: card(B, O, 'Capture tips'),
    mB: card(B, M, 'How-to questions', { metrics: { csat: 85, ces: 6, volume: 100 } }),
    tC: card(C, T, 'Chatbot', {
      metrics: { csat: 80, volume: 100 },
      evidence: [summary('Survey: CSAT 80% (n=10) · volume 100')],
    }),
    eC: card(C, E, 'Frustrated', { emotion: -1 }),
    pC: card(C, P, 'Starts over', { emotion: 0 }),
    oC: card(C, O, 'Pass transcript'),
    mC: card(C, M, 'Sync tickets', {
      metrics: { csat: 50, volume: 300 },
      evidence: [summary('Survey: CSAT 50% (n=30) · volume 300')],
    }),
    pD: card(D, P, 'Price rise surprise'),
  };
  return { doc, A, B, C, D, T, E, P, O, M, ...ids };
}

describe('negativity', () => {
  it('maps −2…+2 onto 1…0', () => {
    expect([-2, -1, 0, 1, 2].map(negativity)).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
});

describe('computeInsights', () => {
  const b = board();
  const insights = computeInsights(readBoard(b.doc));

  it('averages emotion and metrics per stage, weighted by n only when every card has one', () => {
    expect(insights.stages).toEqual([
      {
        stageId: b.A,
        name: 'Onboarding',
        // (−2 + 0 + −1) / 3 = −1
        emotion: { mean: -1, cards: 3 },
        // 60 has no n, 90 has n=5: plain mean (60 + 90) / 2 = 75
        csat: { value: 75, cards: 2, weighted: false },
        ces: { value: 3, cards: 1, weighted: false },
        fcr: { value: 50, cards: 1, weighted: false },
        // 600 + 50
        volume: 650,
        // 650 / (650 + 100 + 400)
        volumeShare: 650 / 1150,
        focus: { stageId: b.A, cardIds: [b.tA, b.eA1, b.eA2, b.pA2, b.mA] },
      },
      {
        stageId: b.B,
        name: 'Use',
        emotion: { mean: 1, cards: 1 },
        csat: { value: 85, cards: 1, weighted: false },
        ces: { value: 6, cards: 1, weighted: false },
        volume: 100,
        volumeShare: 100 / 1150,
        focus: { stageId: b.B, cardIds: [b.eB, b.mB] },
      },
      {
        stageId: b.C,
        name: 'Support',
        // (−1 + 0) / 2
        emotion: { mean: -0.5, cards: 2 },
        // (80 × 10 + 50 × 30) / (10 + 30) = 2300 / 40 = 57.5
        csat: { value: 57.5, cards: 2, weighted: true, n: 40 },
        volume: 400,
        volumeShare: 400 / 1150,
        focus: { stageId: b.C, cardIds: [b.tC, b.eC, b.pC, b.mC] },
      },
      { stageId: b.D, name: 'Renewal', focus: { stageId: b.D, cardIds: [] } },
    ]);
  });

  it('finds volume and CSAT hotspots', () => {
    // Mean share 1/3; the bar is 1.5 × 1/3 = 0.5. A: 650/1150 = 0.5652 > 0.5; C: 0.3478 is not.
    // CSAT below 70: only C (57.5).
    expect(insights.hotspots).toEqual([
      {
        stageId: b.A,
        name: 'Onboarding',
        reasons: [{ kind: 'volume', share: 0.5652, meanShare: 0.3333 }],
        focus: { stageId: b.A, cardIds: [b.tA, b.eA1, b.eA2, b.pA2, b.mA] },
      },
      {
        stageId: b.C,
        name: 'Support',
        reasons: [{ kind: 'csat', csat: 57.5, threshold: 70 }],
        focus: { stageId: b.C, cardIds: [b.tC, b.eC, b.pC, b.mC] },
      },
    ]);
  });

  it('ranks pain points by volume × negativity', () => {
    const ranked = insights.painPoints.map((p) => [
      p.cardId,
      p.volume,
      p.volumeFrom,
      p.emotion,
      p.emotionFrom,
      p.negativity,
      p.score,
      p.hotspot,
    ]);
    expect(ranked).toEqual([
      // stage emotion −1 → 0.75; stage volume 650 → 487.5
      [b.pA1, 650, 'stage', -1, 'stage', 0.75, 487.5, true],
      // own emotion 0 → 0.5; stage volume 400 → 200
      [b.pC, 400, 'stage', 0, 'card', 0.5, 200, true],
      // own emotion −1 → 0.75; own volume 50 → 37.5
      [b.pA2, 50, 'card', -1, 'card', 0.75, 37.5, true],
      // stage emotion +1 → 0.25; stage volume 100 → 25
      [b.pB, 100, 'stage', 1, 'stage', 0.25, 25, false],
      // nothing known: neutral 0.5 × 0
      [b.pD, 0, 'none', undefined, 'none', 0.5, 0, false],
    ]);
    expect(insights.painPoints[0]).toMatchObject({
      stageId: b.A,
      laneId: b.P,
      text: 'Manual category mapping',
      focus: { stageId: b.A, cardIds: [b.pA1] },
    });
  });

  it('lists opportunities by the worst pain point of their stage, and stages without any', () => {
    expect(
      insights.opportunities.map((o) => [o.cardId, o.priority, o.hotspot, o.painPointIds]),
    ).toEqual([
      [b.oA, 487.5, true, [b.pA1, b.pA2]],
      [b.oC, 200, true, [b.pC]],
      [b.oB, 25, false, [b.pB]],
    ]);
    expect(insights.opportunities[0]!.focus).toEqual({
      stageId: b.A,
      cardIds: [b.oA, b.pA1, b.pA2],
    });
    expect(insights.gaps).toEqual([
      {
        stageId: b.D,
        name: 'Renewal',
        hotspot: false,
        painPointIds: [b.pD],
        focus: { stageId: b.D, cardIds: [b.pD] },
      },
    ]);
  });

  it('takes its thresholds from the options', () => {
    // Bar 1 × 1/3: C (0.3478) now counts; CSAT below 80: A (75) and C (57.5).
    const custom = computeInsights(readBoard(b.doc), { volumeFactor: 1, csatBelow: 80 });
    expect(custom.hotspots.map((h) => [h.stageId, h.reasons.map((r) => r.kind)])).toEqual([
      [b.A, ['volume', 'csat']],
      [b.C, ['volume', 'csat']],
    ]);
  });

  it('breaks ties by negativity, then board order', () => {
    const doc = newBoard();
    const s = addStage(doc, { name: 'Only' });
    const p = addLane(doc, { name: 'Pain', kind: 'painPoints' });
    const p1 = addCard(doc, { stageId: s, laneId: p, text: 'one', emotion: -1 });
    const p2 = addCard(doc, { stageId: s, laneId: p, text: 'two', emotion: -2 });
    const p3 = addCard(doc, { stageId: s, laneId: p, text: 'three' });
    const p4 = addCard(doc, { stageId: s, laneId: p, text: 'four', emotion: -1 });
    // No volume anywhere: every score is 0. Stage mean (−1 − 2 − 1) / 3 = −1.33 → p3 0.8325.
    expect(computeInsights(readBoard(doc)).painPoints.map((x) => [x.cardId, x.negativity])).toEqual(
      [
        [p2, 1],
        [p3, 0.8325],
        [p1, 0.75],
        [p4, 0.75],
      ],
    );
    expect(computeInsights(readBoard(doc)).hotspots).toEqual([]);
  });

  it('is deterministic: the same state gives a deep-equal result on any replica', () => {
    const replica = replicaOf(b.doc);
    expect(computeInsights(readBoard(replica))).toEqual(insights);
    expect(JSON.stringify(computeInsights(readBoard(b.doc)))).toBe(JSON.stringify(insights));
  });

  it('flags the template’s onboarding and sync stages as hotspots', () => {
    const doc = new Y.Doc();
    applyTemplate(doc, 'current-state', { title: 'Expenses' });
    const result = computeInsights(readBoard(doc));
    // Volumes 140, 310, 190, 1850, 620, 1420, 260 = 4790; bar 1.5 / 7 = 0.2143.
    // Onboarding 1850/4790 = 0.3862, Support 1420/4790 = 0.2965. CSAT < 70: 68, 61, 58.
    expect(result.hotspots.map((h) => [h.name, h.reasons.map((r) => r.kind)])).toEqual([
      ['Purchase', ['csat']],
      ['Onboarding', ['volume', 'csat']],
      ['Support', ['volume', 'csat']],
    ]);
    // Onboarding: emotion −2 → 1 × 1850 beats Support: −2 → 1 × 1420.
    expect(result.painPoints[0]!.text).toMatch(/^Mapping categories/);
    expect(result.painPoints[0]!.score).toBe(1850);
  });
});

describe('computeInsights after a survey import', () => {
  it('W134: counts contacts as contact volume, never the survey responses (Consideration 310, not 330)', () => {
    const doc = new Y.Doc();
    applyTemplate(doc, 'current-state', { title: 'Expenses' });
    const csv = [
      'touchpoint,stage,csat',
      ...Array.from({ length: 20 }, (_, i) => `Product tour video,Consideration,${(i % 5) + 1}`),
    ].join('\n');
    const result = applySurveyImport(doc, csv, undefined, { source: 'demo survey' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.report.matchedRows).toBe(20);
    const insights = computeInsights(readBoard(doc));
    const consideration = insights.stages.find((s) => s.name === 'Consideration')!;
    // The template's metrics card counts 310 contacts; the 20 responses are a sample size.
    expect(consideration.volume).toBe(310);
    expect(consideration.volumeShare).toBeCloseTo(310 / 4790, 6);
    // CSAT 2 of 5 answers satisfied per 5 rows → 40 %, weighted with the metrics card's 79.
    expect(consideration.csat?.cards).toBe(2);
  });
});

describe('staleCards', () => {
  function staleBoard() {
    const doc = newBoard();
    const s = addStage(doc, { name: 'Support' });
    const p = addLane(doc, { name: 'Pain', kind: 'painPoints' });
    const t = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
    const ev = (date?: string): Evidence =>
      date === undefined
        ? { id: newId(), kind: 'quote', text: 'q' }
        : { id: newId(), kind: 'quote', text: 'q', date };
    const recent = addCard(doc, {
      stageId: s,
      laneId: p,
      evidence: [ev('2024-01-10'), ev('2024-06-01'), ev()],
    });
    const old = addCard(doc, { stageId: s, laneId: p, evidence: [ev('2023-01-01T10:00:00Z')] });
    const none = addCard(doc, { stageId: s, laneId: p });
    const undated = addCard(doc, { stageId: s, laneId: t, evidence: [ev(), ev('Q3 2024')] });
    return { doc, s, p, t, recent, old, none, undated };
  }
  const now = new Date('2024-12-01T15:00:00Z');

  it('ages cards by their newest dated evidence', () => {
    const b = staleBoard();
    const ref = (cardId: string, laneId = b.p) => ({ cardId, stageId: b.s, laneId });
    // 2024-06-01 → 2024-12-01: 30 + 31 + 31 + 30 + 31 + 30 = 183 days.
    // 2023-01-01 → 2024-12-01: 365 + 335 (2024 is a leap year) = 700 days.
    expect(staleCards(readBoard(b.doc), { maxAgeDays: 180, now })).toEqual({
      stale: [
        { ...ref(b.old), newest: '2023-01-01', ageDays: 700 },
        { ...ref(b.recent), newest: '2024-06-01', ageDays: 183 },
      ],
      fresh: [],
      noEvidence: [ref(b.none)],
      undated: [ref(b.undated, b.t)],
    });
    // Exactly maxAgeDays old is not stale yet.
    const edge = staleCards(readBoard(b.doc), { maxAgeDays: 183, now: now.getTime() });
    expect(edge.stale.map((c) => c.cardId)).toEqual([b.old]);
    expect(edge.fresh.map((c) => c.cardId)).toEqual([b.recent]);
  });

  it('staleCardIds holds the ids of the stale list, whatever the age and lane kinds', () => {
    const b = staleBoard();
    const board = readBoard(b.doc);
    for (const options of [
      { maxAgeDays: 180, now },
      { maxAgeDays: 183, now: now.getTime() },
      { maxAgeDays: 0, now, laneKinds: ['painPoints' as const] },
      { maxAgeDays: 30, now, laneKinds: ['touchpoints' as const] },
    ]) {
      const ids = staleCards(board, options).stale.map((c) => c.cardId);
      expect([...staleCardIds(board, options)].sort()).toEqual(ids.sort());
    }
    expect(() => staleCardIds(board, { maxAgeDays: -1, now })).toThrow(RangeError);
  });

  it('filters by lane kind and refuses a bad age', () => {
    const b = staleBoard();
    const only = staleCards(readBoard(b.doc), { maxAgeDays: 30, now, laneKinds: ['touchpoints'] });
    expect(only).toEqual({
      stale: [],
      fresh: [],
      noEvidence: [],
      undated: [{ cardId: b.undated, stageId: b.s, laneId: b.t }],
    });
    expect(() => staleCards(readBoard(b.doc), { maxAgeDays: -1, now })).toThrow(RangeError);
  });
});
