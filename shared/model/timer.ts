/**
 * The workshop timer: one countdown per board, in the board doc's `timer` root (a Y.Map of plain
 * values), so every client and every instance of a cluster sees the same one. Instants are the
 * server's clock (ms since the epoch): each client adds its measured offset to its own clock
 * (`shared/protocol/serverClock.ts`) before it writes or reads them.
 */
import type * as Y from 'yjs';
import { newId } from './order.js';
import { FieldReader, type Unreadable, type UnreadableSink } from './read.js';

export const TIMER_ROOT = 'timer';
/** The preset lengths, in minutes. */
export const TIMER_PRESETS_MIN = [2, 5, 10] as const;
/** The longest countdown: a workshop day. */
export const TIMER_MAX_MS = 8 * 60 * 60 * 1000;
export const MINUTE_MS = 60_000;

export interface TimerState {
  /** New on every start: a client chimes once per run. */
  runId: string;
  state: 'running' | 'paused';
  /** Server time the countdown reaches zero (running). */
  endsAt: number;
  /** Time left when paused. */
  leftMs: number;
  /** The whole length, minutes added included. */
  durationMs: number;
}

const timerMap = (doc: Y.Doc) => doc.getMap<unknown>(TIMER_ROOT);
const clampMs = (ms: number) => Math.min(Math.max(0, Math.round(ms)), TIMER_MAX_MS);

/**
 * The running or paused timer, or null (none, stopped, or values another client mangled: each
 * malformed field is noted in `into`, as every reader does).
 */
export function readTimer(doc: Y.Doc, into?: UnreadableSink): TimerState | null {
  const map = timerMap(doc);
  const r = new FieldReader(map, TIMER_ROOT, into);
  const running = map.size > 0;
  const runId = r.string('runId', running);
  const state = r.string('state', running, (s) =>
    s === 'running' || s === 'paused' ? null : 'is not a timer state this version knows',
  );
  const durationMs = r.number('durationMs', running);
  const endsAt = r.number('endsAt', state === 'running');
  const leftMs = r.number('leftMs', state === 'paused');
  if (runId === undefined || durationMs === undefined) return null;
  if (state === 'running' && endsAt !== undefined)
    return { runId, state, endsAt, leftMs: 0, durationMs };
  if (state === 'paused' && leftMs !== undefined)
    return { runId, state, endsAt: 0, leftMs: clampMs(leftMs), durationMs };
  return null;
}

/** What is left at `serverNow`, never below zero. */
export function timeLeftMs(timer: TimerState, serverNow: number): number {
  if (timer.state === 'paused') return timer.leftMs;
  return Math.min(Math.max(0, timer.endsAt - serverNow), TIMER_MAX_MS);
}

/** `m:ss` (or `h:mm:ss`), rounding up so 0:00 shows only at the end. */
export function formatTimeLeft(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Starts a new countdown of `durationMs` (replacing any other). */
export function startTimer(doc: Y.Doc, durationMs: number, serverNow: number): TimerState {
  const ms = clampMs(durationMs);
  if (ms < 1000) throw new RangeError('a timer runs for at least a second');
  const timer: TimerState = {
    runId: newId(),
    state: 'running',
    endsAt: serverNow + ms,
    leftMs: 0,
    durationMs: ms,
  };
  write(doc, timer);
  return timer;
}

export function pauseTimer(doc: Y.Doc, serverNow: number): void {
  const timer = readTimer(doc);
  if (timer?.state !== 'running') return;
  write(doc, { ...timer, state: 'paused', leftMs: timeLeftMs(timer, serverNow) });
}

export function resumeTimer(doc: Y.Doc, serverNow: number): void {
  const timer = readTimer(doc);
  if (timer?.state !== 'paused') return;
  write(doc, { ...timer, state: 'running', endsAt: serverNow + timer.leftMs });
}

/** Adds time (a minute by default); a countdown that already reached zero runs again. */
export function addTimerTime(doc: Y.Doc, serverNow: number, ms = MINUTE_MS): void {
  const timer = readTimer(doc);
  if (!timer) return;
  const left = clampMs(timeLeftMs(timer, serverNow) + ms);
  const durationMs = clampMs(timer.durationMs + ms);
  if (timer.state === 'paused') write(doc, { ...timer, leftMs: left, durationMs });
  else write(doc, { ...timer, endsAt: serverNow + left, durationMs });
}

export function stopTimer(doc: Y.Doc): void {
  const map = timerMap(doc);
  doc.transact(() => {
    for (const key of [...map.keys()]) map.delete(key);
  });
}

function write(doc: Y.Doc, timer: TimerState): void {
  const map = timerMap(doc);
  doc.transact(() => {
    map.set('runId', timer.runId);
    map.set('state', timer.state);
    map.set('durationMs', timer.durationMs);
    if (timer.state === 'running') {
      map.set('endsAt', timer.endsAt);
      map.delete('leftMs');
    } else {
      map.set('leftMs', timer.leftMs);
      map.delete('endsAt');
    }
  });
}

/** A restore's repair: a timer another client left unreadable is stopped; a sound one runs on. */
export function repairTimer(doc: Y.Doc): void {
  const unreadable: Unreadable[] = [];
  readTimer(doc, unreadable);
  if (unreadable.length > 0) stopTimer(doc);
}
