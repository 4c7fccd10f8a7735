/**
 * The board's timer as this page shows it (W193): read from the doc, time left on the server's
 * clock, ticking while it runs, and the end noticed once per run (chime, flash, announcement).
 */
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  readTimer,
  TIMER_ROOT,
  timeLeftMs,
  type TimerState,
} from '../../../../shared/model/timer.js';
import { playChime } from './chime.js';
import { useWorkshopSetting } from './localSettings.js';
import { serverNow, useServerOffset } from './serverClock.js';

const TICK_MS = 250;
/** How long the time stays flashing after the end. */
const FLASH_MS = 6_000;

export interface TimerView {
  timer: TimerState | null;
  /** Time left now (0 when none). */
  leftMs: number;
  /** The countdown reached zero in the last few seconds. */
  ended: boolean;
}

export function useTimer(doc: Y.Doc): TimerView {
  const offset = useServerOffset();
  const [timer, setTimer] = useState(() => readTimer(doc));
  const [now, setNow] = useState(serverNow);
  const [endedRun, setEndedRun] = useState<string | null>(null);
  const [muted] = useWorkshopSetting('chimeMuted');
  const mutedRef = useRef(muted);
  mutedRef.current = muted;
  /** The run this page saw with time left: only such a run chimes at its end. */
  const armed = useRef<string | null>(null);

  useEffect(() => {
    const map = doc.getMap<unknown>(TIMER_ROOT);
    const read = () => setTimer(readTimer(doc));
    map.observe(read);
    read();
    return () => map.unobserve(read);
  }, [doc]);

  const running = timer?.state === 'running';
  useEffect(() => {
    setNow(serverNow());
    if (!running) return;
    const tick = setInterval(() => setNow(serverNow()), TICK_MS);
    return () => clearInterval(tick);
  }, [running, timer, offset]);

  const leftMs = timer ? timeLeftMs(timer, now) : 0;
  useEffect(() => {
    if (!timer) {
      armed.current = null;
      return;
    }
    if (leftMs > 0) {
      armed.current = timer.runId;
      return;
    }
    if (armed.current !== timer.runId) return;
    armed.current = null;
    setEndedRun(timer.runId);
    if (!mutedRef.current) playChime();
  }, [timer, leftMs]);

  useEffect(() => {
    if (!endedRun) return;
    const done = setTimeout(() => setEndedRun(null), FLASH_MS);
    return () => clearTimeout(done);
  }, [endedRun]);

  return { timer, leftMs, ended: endedRun !== null && endedRun === timer?.runId };
}
