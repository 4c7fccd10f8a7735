import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../client/src/api.js';
import {
  deltaTone,
  describeDelta,
  errorLabel,
  formatDelta,
  formatValue,
  isRetryable,
  linesLabel,
  moreErrors,
  requestErrorMessage,
  surveyErrorsOf,
} from '../../../../client/src/board/survey/surveyView.js';
import { readSurvey } from '../../../../shared/model/survey.js';

describe('survey dialog wording', () => {
  it('starts a model error with a capital, naming line and column', () => {
    const csv = 'Touchpoint,Q1 satisfaction\nKickoff call,4\nKickoff call,7\n';
    const { errors } = readSurvey(csv, { touchpoint: 'Touchpoint', csat: 'Q1 satisfaction' });
    expect(errors.map(errorLabel)).toEqual([
      'Line 3, column "Q1 satisfaction": 7 is not between 1 and 5',
    ]);
  });

  it('says how many errors were left off', () => {
    expect(moreErrors(50, 73)).toBe('and 23 more');
    expect(moreErrors(3, 3)).toBeNull();
  });

  it('formats metrics at the precision the import stores', () => {
    expect(formatValue('csat', 82.5)).toBe('82.5%');
    expect(formatValue('ces', 4.21)).toBe('4.21');
    expect(formatValue('volume', 1850)).toBe('1,850');
    expect(formatValue('fcr', null)).toBe('—');
  });

  it('signs deltas, percentages in points', () => {
    expect(formatDelta('csat', 11.5)).toBe('+11.5 pts');
    expect(formatDelta('ces', -0.4)).toBe('−0.4');
    expect(formatDelta('volume', 1200)).toBe('+1,200');
    expect(formatDelta('fcr', 0)).toBe('±0 pts');
    expect(formatDelta('csat', null)).toBeNull();
  });

  it('colours by direction: more volume is worse, more CSAT/CES/FCR better', () => {
    expect(deltaTone({ key: 'csat', before: 60, delta: 5 })).toBe('better');
    expect(deltaTone({ key: 'ces', before: 4, delta: -0.5 })).toBe('worse');
    expect(deltaTone({ key: 'volume', before: 100, delta: 20 })).toBe('worse');
    expect(deltaTone({ key: 'volume', before: 100, delta: -20 })).toBe('better');
    expect(deltaTone({ key: 'fcr', before: 50, delta: 0 })).toBe('same');
    expect(deltaTone({ key: 'csat', before: null, delta: null })).toBe('new');
  });

  it('describes a change in one sentence', () => {
    expect(describeDelta({ key: 'csat', before: 61, after: 72.5, delta: 11.5 })).toBe(
      'CSAT 61% → 72.5% (+11.5 pts)',
    );
    expect(describeDelta({ key: 'ces', before: null, after: 4.5, delta: null })).toBe(
      'CES 4.5 (new)',
    );
  });

  it('lists unmatched lines, marking a cut list', () => {
    expect(linesLabel([4], 1)).toBe('line 4');
    expect(linesLabel([4, 9, 12], 30)).toBe('lines 4, 9, 12 …');
  });

  it('turns server answers into actions a person can take', () => {
    expect(requestErrorMessage(new ApiError(413, 'request body is too large'))).toMatch(
      /too large.*Split/,
    );
    expect(requestErrorMessage(new ApiError(503, 'storage unavailable'))).toMatch(/try again/);
    expect(isRetryable(new ApiError(503, 'x'))).toBe(true);
    expect(isRetryable(new ApiError(0, 'x'))).toBe(true);
    expect(isRetryable(new ApiError(400, 'x'))).toBe(false);
    expect(requestErrorMessage(new ApiError(400, 'invalid source: source must not be empty'))).toBe(
      'Invalid source: source must not be empty',
    );
  });

  it('reads the listed problems of a refused import', () => {
    const body = { error: 'x', errors: [{ line: 3, message: 'line 3: bad' }], errorCount: 4 };
    expect(surveyErrorsOf(new ApiError(400, 'x', body))).toEqual({
      errors: body.errors,
      errorCount: 4,
    });
    expect(surveyErrorsOf(new ApiError(400, 'x', { error: 'x' }))).toBeNull();
    expect(surveyErrorsOf(new ApiError(503, 'x', body))).toBeNull();
  });
});
