import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTimerTime,
  formatTimeLeft,
  pauseTimer,
  readTimer,
  resumeTimer,
  startTimer,
  stopTimer,
  timeLeftMs,
} from '../../../../shared/model/timer.js';
import { readQuietCursors, setQuietCursors } from '../../../../shared/model/gather.js';
import {
  initBoard,
  readBoardChecked,
  reconcile,
  readBoard,
} from '../../../../shared/model/index.js';
import { findSchemaViolation } from '../../../../shared/model/schemaGuard.js';

const T0 = 1_700_000_000_000;

/** Two replicas joined both ways, as the server joins two clients. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
  b.on('update', (u: Uint8Array) => Y.applyUpdate(a, u));
  return { a, b };
}

describe('workshop timer', () => {
  it('W190: the doc holds the end instant in server time; every replica reads the same time left', () => {
    const { a, b } = pair();
    startTimer(a, 5 * 60_000, T0);
    const timer = readTimer(b)!;
    expect(timer).toMatchObject({ state: 'running', endsAt: T0 + 300_000, durationMs: 300_000 });
    expect(timeLeftMs(timer, T0 + 61_000)).toBe(239_000);
    expect(timeLeftMs(timer, T0 + 400_000)).toBe(0);
  });

  it('W190: pause freezes what is left, resume runs it from the resume instant, +1 min and stop', () => {
    const { a, b } = pair();
    startTimer(a, 120_000, T0);
    pauseTimer(b, T0 + 30_000);
    expect(readTimer(a)).toMatchObject({ state: 'paused', leftMs: 90_000 });
    expect(timeLeftMs(readTimer(a)!, T0 + 999_000)).toBe(90_000);
    addTimerTime(a, T0 + 40_000);
    expect(readTimer(b)).toMatchObject({ state: 'paused', leftMs: 150_000, durationMs: 180_000 });
    resumeTimer(b, T0 + 50_000);
    expect(readTimer(a)).toMatchObject({ state: 'running', endsAt: T0 + 200_000 });
    addTimerTime(a, T0 + 60_000);
    expect(timeLeftMs(readTimer(b)!, T0 + 60_000)).toBe(200_000);
    // Ended: a minute more runs again from now.
    addTimerTime(a, T0 + 900_000);
    expect(timeLeftMs(readTimer(b)!, T0 + 900_000)).toBe(60_000);
    const run = readTimer(a)!.runId;
    stopTimer(b);
    expect(readTimer(a)).toBeNull();
    expect(startTimer(a, 60_000, T0).runId).not.toBe(run);
  });

  it('formats time left rounding up, so 0:00 shows only at the end', () => {
    expect(formatTimeLeft(300_000)).toBe('5:00');
    expect(formatTimeLeft(59_001)).toBe('1:00');
    expect(formatTimeLeft(59_000)).toBe('0:59');
    expect(formatTimeLeft(1)).toBe('0:01');
    expect(formatTimeLeft(0)).toBe('0:00');
    expect(formatTimeLeft(3_723_000)).toBe('1:02:03');
  });

  it('W191: a wrong type at a timer or quiet-mode key is refused at the door; sound writes pass', () => {
    const server = new Y.Doc();
    const honest = new Y.Doc();
    startTimer(honest, 60_000, T0);
    setQuietCursors(honest, true);
    expect(
      findSchemaViolation(server, 'board', Y.decodeUpdate(Y.encodeStateAsUpdate(honest))),
    ).toBeNull();
    const foreign = new Y.Doc();
    foreign.getMap('timer').set('endsAt', 'soon');
    expect(
      findSchemaViolation(server, 'board', Y.decodeUpdate(Y.encodeStateAsUpdate(foreign))),
    ).toBe('timer.endsAt must be a finite number; got a string');
    const quiet = new Y.Doc();
    quiet.getMap('gather').set('quietCursors', 'yes');
    expect(findSchemaViolation(server, 'board', Y.decodeUpdate(Y.encodeStateAsUpdate(quiet)))).toBe(
      'gather.quietCursors must be a boolean; got a string',
    );
  });

  it('W191: a mangled timer reads as none, is noted, and a restore stops it; a sound one survives a restore', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Workshop', mapType: 'current-state' });
    const version = readBoard(doc);
    startTimer(doc, 60_000, T0);
    setQuietCursors(doc, true);
    reconcile(doc, version);
    expect(readTimer(doc)).not.toBeNull();
    expect(readQuietCursors(doc)).toBe(true);
    doc.getMap('timer').set('state', 42);
    doc.getMap('gather').set('quietCursors', 'loud');
    expect(readTimer(doc)).toBeNull();
    expect(readQuietCursors(doc)).toBe(false);
    expect(readBoardChecked(doc).unreadable.map((u) => u.path)).toEqual([
      'timer.state',
      'gather.quietCursors',
    ]);
    reconcile(doc, version);
    expect(readBoardChecked(doc).unreadable).toEqual([]);
  });
});
