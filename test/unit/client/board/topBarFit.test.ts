import { describe, expect, it } from 'vitest';
import { fitTopBar, type FitInput } from '../../../../client/src/board/shell/topBarFit.js';

/** Fixed 400 px + 5 gaps of 8; tools 36 px each; the title wants 200 px. */
const base: FitInput = {
  available: 1000,
  gap: 8,
  fixed: [36, 150, 110, 90, 14],
  heading: { natural: 200, min: 90, cap: 360 },
  items: [
    { id: 'theme', width: 36, priority: 1 },
    { id: 'history', width: 80, priority: 10 },
    { id: 'versions', width: 36, priority: 4 },
    { id: 'comments', width: 36, priority: 9 },
  ],
  moreWidth: 36,
};
// Heading 200 + fixed 400 + gaps between 6 items (5 × 8 = 40) = 640 before any tool.

describe('fitTopBar', () => {
  it('keeps every tool in the bar when they fit, the title at the width it needs', () => {
    const fit = fitTopBar(base);
    expect([...fit.shown].sort()).toEqual(['comments', 'history', 'theme', 'versions']);
    expect(fit.heading).toBe(200);
  });

  it('moves tools into "More" from the lowest priority up, never the title first', () => {
    // 640 + More (44) = 684; history +88 = 772; comments +44 = 816; versions +44 = 860.
    const fit = fitTopBar({ ...base, available: 830 });
    expect([...fit.shown].sort()).toEqual(['comments', 'history']);
    expect(fit.heading).toBe(200);
    // A wide tool that does not fit leaves its room to narrower, lower ones.
    // 756 usable: history (772) does not fit, comments (728) does, then nothing more.
    const tight = fitTopBar({ ...base, available: 760 });
    expect([...tight.shown]).toEqual(['comments']);
  });

  it('on a phone, fills the row under the title', () => {
    // No heading: fixed 400 + More 36 + 5 gaps = 476; history +88 = 564; comments +44 = 608.
    const fit = fitTopBar({ ...base, available: 614, heading: null });
    expect([...fit.shown].sort()).toEqual(['comments', 'history']);
    expect(fit.heading).toBe(0);
  });

  it('gives the title the room there is up to its cap, and no less than its minimum', () => {
    expect(fitTopBar({ ...base, heading: { natural: 500, min: 90, cap: 360 } }).heading).toBe(360);
    // 390 px phone: fixed items alone leave little; the title keeps its minimum.
    const phone = fitTopBar({ ...base, available: 390, fixed: [36, 70, 28, 36, 36] });
    expect(phone.shown.size).toBe(0);
    expect(phone.heading).toBeGreaterThanOrEqual(90);
    expect(phone.heading).toBeLessThanOrEqual(200);
  });
});
