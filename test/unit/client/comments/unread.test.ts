import { describe, expect, it } from 'vitest';
import {
  markSeenIn,
  parseSeen,
  seenKey,
  unreadThreads,
} from '../../../../client/src/board/comments/unread.js';
import { ADA, at, BOB, msg, thread } from './fixtures.js';

const ME = ADA.id;

describe('seenKey', () => {
  it('is per board and per person', () => {
    expect(seenKey('b1', 'u-ada')).toBe('journeyboard:seen:b1:u-ada');
  });
});

describe('parseSeen', () => {
  it('reads a stored map', () => {
    expect(parseSeen('{"t1":"2024-05-01T09:00:00.000Z"}')).toEqual({ t1: at(0) });
  });

  it('treats nothing, junk and wrong shapes as an empty map, dropping bad entries', () => {
    expect(parseSeen(null)).toEqual({});
    expect(parseSeen('')).toEqual({});
    expect(parseSeen('{oops')).toEqual({});
    expect(parseSeen('[1,2]')).toEqual({});
    expect(parseSeen('"text"')).toEqual({});
    expect(parseSeen('{"a":"x","b":3,"c":null}')).toEqual({ a: 'x' });
  });
});

describe('unreadThreads', () => {
  it('counts a thread by someone else that I never saw', () => {
    const t = thread('t1', [msg(BOB, 1)]);
    expect([...unreadThreads([t], {}, ME)]).toEqual(['t1']);
  });

  it('does not count a thread I saw as it is now', () => {
    const t = thread('t1', [msg(BOB, 1)]);
    expect(unreadThreads([t], { t1: at(1) }, ME).size).toBe(0);
  });

  it('counts it again when someone replies after I saw it', () => {
    const t = thread('t1', [msg(ADA, 1), msg(BOB, 5)]);
    expect(unreadThreads([t], { t1: at(1) }, ME).has('t1')).toBe(true);
  });

  it('does not count a thread whose newest message is mine', () => {
    const started = thread('t1', [msg(ADA, 1)]);
    const answered = thread('t2', [msg(BOB, 1), msg(ADA, 6)]);
    expect(unreadThreads([started, answered], { t2: at(1) }, ME).size).toBe(0);
  });

  it('counts someone else editing the newest message after I saw it', () => {
    const t = thread('t1', [msg(BOB, 1, { editedAt: at(9) })]);
    expect(unreadThreads([t], { t1: at(1) }, ME).has('t1')).toBe(true);
    expect(unreadThreads([t], { t1: at(9) }, ME).has('t1')).toBe(false);
  });

  it('ignores resolved threads and threads without messages', () => {
    const resolved = thread('t1', [msg(BOB, 1)], { resolved: true });
    const empty = thread('t2', []);
    expect(unreadThreads([resolved, empty], {}, ME).size).toBe(0);
  });

  it('is per person: the same threads read differently for Bob', () => {
    const t = thread('t1', [msg(ADA, 1)]);
    expect(unreadThreads([t], {}, ME).size).toBe(0);
    expect(unreadThreads([t], {}, BOB.id).size).toBe(1);
  });
});

describe('markSeenIn', () => {
  it('records the thread as it is now', () => {
    const t = thread('t1', [msg(BOB, 1), msg(BOB, 4)]);
    expect(markSeenIn({}, t, [t])).toEqual({ t1: at(4) });
  });

  it('never moves an entry back', () => {
    const t = thread('t1', [msg(BOB, 1)]);
    expect(markSeenIn({ t1: at(7) }, t, [t])).toEqual({ t1: at(7) });
  });

  it('drops entries of threads that no longer exist and keeps the others', () => {
    const t1 = thread('t1', [msg(BOB, 1)]);
    const t2 = thread('t2', [msg(BOB, 2)]);
    expect(markSeenIn({ gone: at(0), t2: at(2) }, t1, [t1, t2])).toEqual({
      t1: at(1),
      t2: at(2),
    });
  });

  it('makes the thread read', () => {
    const t = thread('t1', [msg(BOB, 3)]);
    expect(unreadThreads([t], markSeenIn({}, t, [t]), ME).size).toBe(0);
  });
});
