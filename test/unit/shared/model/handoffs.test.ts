/** Handoffs and the expectation gap (W283–W285): pure diagnostics over a board. */
import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addPersona,
  addStage,
  applyTemplate,
  computeExpectationGaps,
  computeHandoffs,
  computeInsights,
  expectedByStage,
  FIRST_PERSONA_ID,
  readBoard,
  setChannel,
  setTeam,
  type NewCard,
} from '../../../../shared/model/index.js';
import * as Y from 'yjs';
import { newBoard } from './helpers.js';

/** Three stages; a touchpoints lane and an emotions lane; cards added per test. */
function journey() {
  const doc = newBoard();
  const [A, B, C] = ['Purchase', 'Onboarding', 'Support'].map((name) =>
    addStage(doc, { name }),
  ) as [string, string, string];
  const T = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const E = addLane(doc, { name: 'Emotions', kind: 'emotions' });
  const card = (stageId: string, laneId: string, extra: Partial<NewCard> = {}) =>
    addCard(doc, { stageId, laneId, text: extra.text ?? 'card', ...extra });
  return { doc, A, B, C, T, E, card };
}

describe('handoffs', () => {
  it('W283: a change of channel between consecutive touchpoints is a handoff', () => {
    const { doc, A, B, T, card } = journey();
    const chat = card(A, T, { channel: 'chat' });
    const phone = card(B, T, { channel: 'phone' });
    const [h, ...rest] = computeHandoffs(readBoard(doc));
    expect(rest).toEqual([]);
    expect(h).toMatchObject({
      fromCardId: chat,
      toCardId: phone,
      channel: { before: 'chat', after: 'phone', changed: true },
      team: { before: null, after: null, changed: false },
      focus: { stageId: B, cardIds: [chat, phone] },
    });
    expect(h!.label).toBe('Chat → Phone at Purchase → Onboarding');
  });

  it('W283: a change of owning team is a handoff, within one stage in card order', () => {
    const { doc, C, T, card } = journey();
    const first = card(C, T, { channel: 'chat', team: 'Tier 1' });
    const second = card(C, T, { channel: 'chat', team: 'Billing' });
    const [h] = computeHandoffs(readBoard(doc));
    expect([h!.fromCardId, h!.toCardId]).toEqual([first, second]);
    expect(h!.team).toEqual({ before: 'Tier 1', after: 'Billing', changed: true });
    expect(h!.label).toBe('Chat at Support, owned by Tier 1 → Billing');
  });

  it('W283: none when channel and team stay, and an unset side is not a change', () => {
    const { doc, A, B, C, T, E, card } = journey();
    card(A, T, { channel: 'web', team: 'Sales' });
    card(B, T, { channel: 'web', team: 'Sales' });
    card(B, E, { channel: 'phone', team: 'Ops' }); // not a touchpoint: not on the journey
    const last = card(C, T, {});
    expect(computeHandoffs(readBoard(doc))).toEqual([]);
    setChannel(doc, last, 'web');
    setTeam(doc, last, '  Sales ');
    expect(computeHandoffs(readBoard(doc))).toEqual([]);
    setTeam(doc, last, 'Support');
    expect(computeHandoffs(readBoard(doc)).map((h) => h.toCardId)).toEqual([last]);
  });

  it('W284: scored by the stage emotion drop and the metric change, worst first', () => {
    const { doc, A, B, C, T, E, card } = journey();
    card(A, E, { emotion: 1 });
    card(B, E, { emotion: 1 });
    card(C, E, { emotion: 0 }); // with the phone card's own −2, Support's mean is −1
    card(A, T, { channel: 'web', team: 'Sales' });
    card(B, T, { channel: 'email', team: 'Sales', metrics: { csat: 80 } });
    const chat = card(C, T, { channel: 'chat', team: 'Tier 1', metrics: { csat: 80, ces: 5.5 } });
    const phone = card(C, T, {
      channel: 'phone',
      team: 'Billing',
      emotion: -2,
      metrics: { csat: 62, ces: 3.7, fcr: 40 },
    });
    const handoffs = computeHandoffs(readBoard(doc));
    expect(handoffs.map((h) => h.label)).toEqual([
      // Own emotion −2 against the stage's −1 (chat has none): −1; CSAT −18, CES −1.8.
      'Chat → Phone at Support, owned by Tier 1 → Billing: emotion −1, CSAT −18, CES −1.8',
      'Email → Chat at Onboarding → Support, owned by Sales → Tier 1: emotion −2, CSAT ±0',
      'Web → Email at Purchase → Onboarding, owned by Sales: emotion ±0',
    ]);
    const [worst, second, third] = handoffs;
    expect(worst!.toCardId).toBe(phone);
    expect(worst!.fromCardId).toBe(chat);
    expect(worst!.metrics).toEqual([
      { key: 'csat', before: 80, after: 62, delta: -18 },
      { key: 'ces', before: 5.5, after: 3.7, delta: -1.8 },
    ]);
    // 1/4 + 18/100 + 1.8/6 = 0.73
    expect(worst!.severity).toBe(0.73);
    expect(second!.severity).toBe(0.5);
    expect(third!.severity).toBe(0);
    expect(worst!.emotion).toMatchObject({ before: -1, after: -2, delta: -1 });
  });

  it('W284: with several personas, each is read on its own and the hardest hit is named', () => {
    const { doc, A, B, T, E, card } = journey();
    const sam = addPersona(doc, { name: 'Sam' });
    card(A, E, { emotion: 1 }); // persona 1
    card(B, E, { emotion: 0 });
    card(A, E, { emotion: 2, persona: sam });
    card(B, E, { emotion: -1, persona: sam });
    card(A, T, { channel: 'web' });
    card(B, T, { channel: 'phone' });
    const [h] = computeHandoffs(readBoard(doc));
    expect(h!.emotions.map((e) => [e.label, e.delta])).toEqual([
      ['Persona 1', -1],
      ['Sam', -3],
    ]);
    expect(h!.emotion).toMatchObject({ personaId: sam, delta: -3 });
    expect(h!.label).toBe('Web → Phone at Purchase → Onboarding: emotion −3 (Sam)');
    // Without meta, persona 1 alone.
    const { meta: _meta, ...bare } = readBoard(doc);
    expect(computeHandoffs(bare)[0]!.emotions.map((e) => e.personaId)).toEqual([FIRST_PERSONA_ID]);
  });

  it('W284: the insights carry the handoffs of a template', () => {
    const doc = new Y.Doc();
    applyTemplate(doc, 'current-state', { title: 'Journey' });
    const insights = computeInsights(readBoard(doc));
    expect(insights.handoffs.length).toBeGreaterThan(0);
    expect(insights.expectationGaps.length).toBeGreaterThan(0);
    const blueprint = new Y.Doc();
    applyTemplate(blueprint, 'service-blueprint', { title: 'Claim' });
    expect(computeHandoffs(readBoard(blueprint))[0]!.label).toBe(
      'Web → SMS at Report the damage → Claim registered, owned by Claims intake',
    );
  });
});

describe('expectation gap', () => {
  it('W285: expected − experienced per stage, widest shortfall first', () => {
    const { doc, A, B, C, T, E, card } = journey();
    card(A, E, { emotion: 1 });
    card(B, E, { emotion: -1 });
    card(B, E, { emotion: -2 });
    card(C, E, { emotion: 0 });
    card(A, T, { expected: 0, expectation: 'A fair price' });
    const b1 = card(B, T, { expected: 2, expectation: 'Set up in a day' });
    const b2 = card(B, T, { expected: 1 });
    card(C, T, { expectation: 'They know my history' }); // words only: no gap
    const gaps = computeExpectationGaps(readBoard(doc));
    expect(gaps.map((g) => [g.name, g.expected, g.experienced, g.gap])).toEqual([
      ['Onboarding', 1.5, -1.5, 3],
      ['Purchase', 0, 1, -1],
    ]);
    expect(gaps[0]!.expectations).toEqual(['Set up in a day']);
    expect(gaps[0]!.focus).toEqual({ stageId: B, cardIds: [b1, b2] });
    expect([...expectedByStage(readBoard(doc), FIRST_PERSONA_ID)]).toEqual([
      [A, 0],
      [B, 1.5],
    ]);
  });

  it('W285: a card tagged for a persona sets its expectation only; untagged ones count for all', () => {
    const { doc, A, T, E, card } = journey();
    const sam = addPersona(doc, { name: 'Sam' });
    card(A, E, { emotion: 0 });
    card(A, E, { emotion: -2, persona: sam });
    card(A, T, { expected: 1 });
    card(A, T, { expected: 2, persona: sam });
    const gaps = computeExpectationGaps(readBoard(doc));
    expect(gaps.map((g) => [g.label, g.expected, g.experienced, g.gap])).toEqual([
      ['Sam', 1.5, -2, 3.5],
      ['Persona 1', 1, 0, 1],
    ]);
  });
});
