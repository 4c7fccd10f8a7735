/**
 * The server's clock as this page knows it (W192): the offset to add to `Date.now()`, measured
 * against `GET /api/time` when a board opens and every 10 minutes, the shortest of a few round
 * trips winning. Until a measurement arrives (or when none can be made) the offset is 0.
 */
import { useSyncExternalStore } from 'react';
import { bestOffset, type ClockSample } from '../../../../shared/protocol/serverClock.js';

const SAMPLES = 4;
const REMEASURE_MS = 10 * 60_000;

let offset = 0;
let measuring: Promise<void> | null = null;
let measuredAt = -Infinity;
const listeners = new Set<() => void>();

async function sample(): Promise<ClockSample | null> {
  const sentAt = Date.now();
  const res = await fetch('/api/time', { cache: 'no-store' });
  const receivedAt = Date.now();
  if (!res.ok) return null;
  const body = (await res.json()) as { now?: unknown };
  return typeof body.now === 'number' ? { sentAt, receivedAt, serverNow: body.now } : null;
}

/** Measures the offset again if the last measurement is old (shared by every caller). */
export function measureServerClock(): Promise<void> {
  if (measuring) return measuring;
  if (performance.now() - measuredAt < REMEASURE_MS) return Promise.resolve();
  measuring = (async () => {
    const samples: ClockSample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const s = await sample().catch(() => null);
      if (s) samples.push(s);
    }
    const best = bestOffset(samples);
    if (best !== null) {
      offset = best;
      measuredAt = performance.now();
      listeners.forEach((l) => l());
    }
  })().finally(() => {
    measuring = null;
  });
  return measuring;
}

/** The server's time now, by this page's best knowledge. */
export const serverNow = (): number => Date.now() + offset;

function subscribe(listener: () => void) {
  listeners.add(listener);
  void measureServerClock();
  const timer = setInterval(() => void measureServerClock(), REMEASURE_MS);
  return () => {
    listeners.delete(listener);
    clearInterval(timer);
  };
}

/** The current offset; re-renders when a measurement changes it. */
export function useServerOffset(): number {
  return useSyncExternalStore(subscribe, () => offset);
}
