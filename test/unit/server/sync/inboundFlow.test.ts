import type { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_COST_BYTES, InboundFlow } from '../../../../server/sync/inboundFlow.js';
import { TokenBucket } from '../../../../server/sync/rateLimit.js';

let now = 0;
beforeEach(() => {
  now = 1_000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('TokenBucket', () => {
  it('takes up to its burst at once, then refills at its rate', () => {
    const bucket = new TokenBucket(10, 3);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now += 100; // one token
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 10_000; // never more than the burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('bursts three times its rate by default', () => {
    const bucket = new TokenBucket(2);
    let taken = 0;
    while (bucket.take()) taken++;
    expect(taken).toBe(6);
  });

  it('goes into debt when charged, and says how long until it is paid', () => {
    const bucket = new TokenBucket(1_000, 1_000);
    expect(bucket.charge(600)).toBe(0);
    expect(bucket.charge(900)).toBe(500); // 500 in debt at 1,000/s
    now += 250;
    expect(bucket.charge(0)).toBe(250);
    expect(bucket.take()).toBe(false);
  });
});

/** A socket that only records being paused and resumed. */
function fakeSocket() {
  const calls: string[] = [];
  const ws = {
    OPEN: 1,
    readyState: 1,
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
  };
  return { ws: ws as unknown as WebSocket, calls, raw: ws };
}

const BUDGETS = { docMessagesPerSec: 10, bytesPerSec: 10_000, burstBytes: 10_000 };

describe('InboundFlow', () => {
  it('reads on while within its budgets', () => {
    const { ws, calls } = fakeSocket();
    const flow = new InboundFlow(ws, BUDGETS);
    for (let i = 0; i < 10; i++) flow.received(500);
    for (let i = 0; i < 30; i++) flow.syncMessage();
    expect(calls).toEqual([]);
  });

  it('pauses a socket past its byte budget until the debt is paid, and counts the pause', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { ws, calls } = fakeSocket();
    const onPause = vi.fn();
    const flow = new InboundFlow(ws, BUDGETS, { inc: onPause });
    flow.received(10_000); // 10,000 + the frame's cost: in debt by FRAME_COST_BYTES
    expect(calls).toEqual(['pause']);
    expect(onPause).toHaveBeenCalledTimes(1);
    flow.received(1_000 - FRAME_COST_BYTES); // more debt: still one pause
    expect(onPause).toHaveBeenCalledTimes(1);
    const debtMs = Math.ceil(((FRAME_COST_BYTES + 1_000) / BUDGETS.bytesPerSec) * 1000);
    now += debtMs - 1;
    vi.advanceTimersByTime(debtMs - 1);
    expect(calls).toEqual(['pause']);
    now += 1;
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('charges the work a sync message causes against the byte budget', () => {
    const { ws, calls } = fakeSocket();
    const flow = new InboundFlow(ws, BUDGETS);
    flow.syncMessage(9_000);
    expect(calls).toEqual([]);
    flow.syncMessage(2_000);
    expect(calls).toEqual(['pause']);
  });

  it('paces sync messages past their rate (bursts of three times it)', () => {
    const { ws, calls } = fakeSocket();
    const flow = new InboundFlow(ws, BUDGETS);
    for (let i = 0; i < 30; i++) flow.syncMessage();
    expect(calls).toEqual([]);
    flow.syncMessage();
    expect(calls).toEqual(['pause']);
  });

  it('hands frames over at once, or in order after the debt, never dropping one', async () => {
    const { ws } = fakeSocket();
    const flow = new InboundFlow(ws, BUDGETS);
    const handled: number[] = [];
    const handle = (frame: Uint8Array) => handled.push(frame[0]!);
    flow.deliver(new Uint8Array([1]), handle);
    expect(handled).toEqual([1]);
    flow.received(20_000); // far in debt: what follows waits its turn
    for (let i = 2; i <= 5; i++) flow.deliver(new Uint8Array([i]), handle);
    expect(handled).toEqual([1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handled).toEqual([1, 2, 3, 4, 5]);
    flow.stop();
  });

  it('holds a socket while its room loads, and lets it go on release', () => {
    const { ws, calls } = fakeSocket();
    const flow = new InboundFlow(ws, BUDGETS);
    flow.hold();
    expect(calls).toEqual(['pause']);
    flow.release();
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('does not resume a held socket when its debt is paid', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { ws, calls } = fakeSocket();
    const flow = new InboundFlow(ws, BUDGETS);
    flow.hold();
    flow.received(20_000);
    now += 10_000;
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual(['pause', 'pause']);
    flow.release();
    expect(calls.at(-1)).toBe('resume');
  });

  it('once stopped, reads the socket and pauses it no more (its close handshake must be read)', () => {
    const { ws, calls, raw } = fakeSocket();
    const flow = new InboundFlow(ws, BUDGETS);
    flow.received(20_000);
    flow.stop();
    expect(calls).toEqual(['pause', 'resume']);
    flow.received(20_000);
    flow.hold();
    expect(calls).toEqual(['pause', 'resume']);
    // A closed socket is not resumed on release.
    raw.readyState = 3;
    flow.release();
    expect(calls).toEqual(['pause', 'resume']);
  });
});
