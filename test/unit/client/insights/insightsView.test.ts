import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ageText,
  averageParts,
  formatDay,
  formatEmotion,
  hotspotReasonText,
  painPointBasis,
  staleAgeLabel,
} from '../../../../client/src/board/insights/insightsView.js';
import { sameIds } from '../../../../client/src/board/insights/staleAge.js';
import { computeInsights, type PainPoint } from '../../../../shared/model/insights.js';
import { readBoard } from '../../../../shared/model/snapshot.js';
import { applyTemplate } from '../../../../shared/model/templates.js';

function currentStateBoard() {
  const doc = new Y.Doc();
  applyTemplate(doc, 'current-state', { title: 'Expense onboarding' });
  return readBoard(doc);
}

describe('insights panel wording', () => {
  it('explains the current-state template hotspots in words', () => {
    const insights = computeInsights(currentStateBoard());
    const lines = insights.hotspots.map(
      (h) => `${h.name}: ${h.reasons.map(hotspotReasonText).join('; ')}`,
    );
    // Volume 1850 of 4790 over 7 stages (even share 14%); CSAT 61, 58, 68 below 70.
    expect(lines).toEqual([
      'Purchase: CSAT 68% is below the 70% target',
      'Onboarding: 39% of all contact volume, 2.7× an even share (14%); CSAT 61% is below the 70% target',
      'Support: 30% of all contact volume, 2.1× an even share (14%); CSAT 58% is below the 70% target',
    ]);
  });

  it('says where a pain point borrowed its volume and emotion from', () => {
    const [top] = computeInsights(currentStateBoard()).painPoints;
    expect(top!.text).toMatch(/^Mapping categories/);
    expect(painPointBasis(top!)).toBe('1,850 contacts in its stage · stage emotion −2');
    const bare: PainPoint = {
      ...top!,
      volume: 0,
      volumeFrom: 'none',
      emotion: undefined,
      emotionFrom: 'none',
    };
    expect(painPointBasis(bare)).toBe(
      'no contact volume yet · no emotion score (counted as neutral)',
    );
    expect(painPointBasis({ ...top!, volumeFrom: 'card', emotion: 1, emotionFrom: 'card' })).toBe(
      '1,850 contacts · emotion +1',
    );
  });

  it('signs emotion means', () => {
    expect(formatEmotion(1)).toBe('+1');
    expect(formatEmotion(-1.5)).toBe('−1.5');
    expect(formatEmotion(0.04)).toBe('0');
  });

  it('shows a stage average with its sample size, or its card count', () => {
    expect(averageParts('csat', { value: 72.46, cards: 2, weighted: true, n: 1430 })).toEqual({
      value: '72%',
      basis: 'n=1,430',
    });
    expect(averageParts('ces', { value: 4.25, cards: 1, weighted: false })).toEqual({
      value: '4.3',
      basis: '1 card',
    });
    expect(averageParts('fcr', undefined)).toBeNull();
  });

  it('reads ages and stale choices like a person would say them', () => {
    expect(ageText(1)).toBe('1 day');
    expect(ageText(45)).toBe('45 days');
    expect(ageText(430)).toBe('14 months');
    expect(ageText(800)).toBe('2 years');
    expect(staleAgeLabel(90)).toBe('3 months');
    expect(staleAgeLabel(180)).toBe('6 months');
    expect(staleAgeLabel(365)).toBe('1 year');
    expect(staleAgeLabel(30)).toBe('1 month');
    expect(staleAgeLabel(1)).toBe('1 day');
  });

  it('shows an evidence day as that calendar day in any time zone', () => {
    expect(formatDay('2024-09-30', 'en-GB')).toBe('30 Sept 2024');
    expect(formatDay('not a date')).toBe('not a date');
  });

  it('keeps the stale set when its ids are the same', () => {
    expect(sameIds(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true);
    expect(sameIds(new Set(['a']), new Set(['a', 'b']))).toBe(false);
    expect(sameIds(new Set(['a', 'c']), new Set(['a', 'b']))).toBe(false);
  });
});
