import { describe, expect, it } from 'vitest';
import {
  cardLabel,
  cellName,
  emotionText,
  metricBadges,
  staleAge,
} from '../../../../client/src/board/table/cardText.js';
import type { Card } from '../../../../shared/model/schema.js';

const card = (fields: Partial<Card> = {}): Card => ({
  id: 'c1',
  stageId: 's',
  laneId: 'l',
  order: 'a0',
  text: 'Chatbot loops back to the FAQ',
  metrics: {},
  tags: [],
  evidence: [],
  ...fields,
});
const NOW = Date.UTC(2026, 11, 3, 12);

describe('card words', () => {
  it('says an emotion score with its sign and word', () => {
    expect(emotionText(-2)).toBe('−2 very negative');
    expect(emotionText(-1)).toBe('−1 negative');
    expect(emotionText(0)).toBe('0 neutral');
    expect(emotionText(1)).toBe('+1 positive');
    expect(emotionText(2)).toBe('+2 very positive');
  });

  it('lists metrics in CSAT, CES, FCR, volume order with their ratings', () => {
    const badges = metricBadges(
      card({ metrics: { volume: 5000, fcr: 55, csat: 85, ces: 4.2 } }),
      1000,
    );
    expect(badges.map((b) => `${b.label} ${b.value} ${b.rating}`)).toEqual([
      'CSAT 85% good',
      'CES 4.2 fair',
      'FCR 55% poor',
      'Volume 5k poor',
    ]);
  });

  it('marks a card stale when its newest dated evidence is older than the limit', () => {
    const quote = (date?: string) => ({ id: date ?? 'x', kind: 'quote' as const, text: 'q', date });
    expect(staleAge(card(), NOW, 365)).toBeNull();
    expect(staleAge(card({ evidence: [quote()] }), NOW, 365)).toBeNull();
    expect(staleAge(card({ evidence: [quote('2025-12-03')] }), NOW, 365)).toBeNull();
    expect(staleAge(card({ evidence: [quote('2025-12-02')] }), NOW, 365)).toBe(366);
    // The newest item counts.
    expect(
      staleAge(card({ evidence: [quote('2020-01-01'), quote('2026-11-01')] }), NOW, 365),
    ).toBeNull();
    expect(staleAge(card({ evidence: [quote('2026-11-01')] }), NOW, 30)).toBe(32);
  });

  it('names a card with everything it shows, for screen readers', () => {
    const label = cardLabel({
      card: card({
        emotion: -2,
        channel: 'chat',
        metrics: { csat: 58 },
        tags: ['support', 'bot'],
        evidence: [{ id: 'e', kind: 'quote', text: 'q', date: '2024-01-01' }],
      }),
      meanVolume: 0,
      staleDays: 1067,
      index: 1,
      of: 3,
    });
    expect(label).toBe(
      'Chatbot loops back to the FAQ; emotion −2 very negative; channel chat; CSAT 58% (poor); ' +
        'tags support, bot; 1 evidence item; stale: newest evidence 1,067 days old; card 2 of 3',
    );
    expect(
      cardLabel({ card: card({ text: '  ' }), meanVolume: 0, staleDays: null, index: 0, of: 1 }),
    ).toBe('Untitled card; card 1 of 1');
  });

  it('W282: names the owning team and what the customer expected', () => {
    const label = cardLabel({
      card: card({ team: 'Billing', expected: 2, expectation: 'One call' }),
      meanVolume: 0,
      staleDays: null,
      index: 0,
      of: 1,
    });
    expect(label).toBe(
      'Chatbot loops back to the FAQ; team Billing; expected +2 very positive; expectation One call; card 1 of 1',
    );
  });

  it('names cells as stage · lane', () => {
    expect(cellName('Purchase', 'Touchpoints')).toBe('Purchase · Touchpoints');
    expect(cellName('', '')).toBe('Untitled stage · Untitled lane');
  });
});
