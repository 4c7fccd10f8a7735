import { describe, expect, it } from 'vitest';
import {
  ageOf,
  effectiveDays,
  remindAtOf,
  staleText,
} from '../../../../shared/protocol/reviewSettings.js';

const DAY = 86_400_000;
const T0 = '2026-01-05T10:00:00.000Z';
const after = (days: number) => Date.parse(T0) + days * DAY;

describe('review reminder periods and texts (W183, W184)', () => {
  it('W183: the board’s own period, else the default; 0 is off', () => {
    expect(effectiveDays(null, 90)).toBe(90);
    expect(effectiveDays(30, 90)).toBe(30);
    expect(effectiveDays(0, 90)).toBeNull();
    expect(effectiveDays(null, 0)).toBeNull();
    expect(effectiveDays(7, 0)).toBe(7);
    expect(remindAtOf(T0, 90)).toBe(new Date(after(90)).toISOString());
    expect(remindAtOf(T0, null)).toBeNull();
  });

  it('W184: says how long ago in the unit a person would use', () => {
    expect(ageOf(T0, after(0))).toBe('1 day');
    expect(ageOf(T0, after(9))).toBe('9 days');
    expect(ageOf(T0, after(20))).toBe('2 weeks');
    expect(ageOf(T0, after(122))).toBe('4 months');
    expect(ageOf(T0, after(800))).toBe('2 years');
    expect(staleText('Onboarding map', T0, true, after(122))).toBe(
      'Onboarding map last reviewed 4 months ago',
    );
    expect(staleText('Claims', T0, false, after(90))).toBe(
      'Claims made 3 months ago, never reviewed',
    );
  });
});
