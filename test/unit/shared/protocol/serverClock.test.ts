import { describe, expect, it } from 'vitest';
import { bestOffset, sampleOffset } from '../../../../shared/protocol/serverClock.js';

describe('server clock offset', () => {
  it('W192: a clock 2 minutes ahead learns −2 minutes, compensating half the round trip', () => {
    // The server read 10:00:00.100 while the request was in flight (40 ms round trip).
    const server = 36_000_100;
    const skew = 120_000;
    const sample = {
      sentAt: server - 20 + skew,
      receivedAt: server + 20 + skew,
      serverNow: server,
    };
    expect(sampleOffset(sample)).toBe(-skew);
  });

  it('W192: the sample with the shortest round trip wins; unusable samples are skipped', () => {
    const samples = [
      { sentAt: 1000, receivedAt: 1400, serverNow: 5000 }, // 400 ms round trip: ±200 ms
      { sentAt: 2000, receivedAt: 2010, serverNow: 6005 }, // 10 ms: the best
      { sentAt: 3000, receivedAt: 2990, serverNow: 7000 }, // the local clock jumped back
      { sentAt: Number.NaN, receivedAt: 1, serverNow: 1 },
    ];
    expect(bestOffset(samples)).toBe(4000);
    expect(bestOffset([])).toBeNull();
  });
});
