import { describe, expect, it } from 'vitest';
import {
  byActivity,
  filterCounts,
  filterThreads,
} from '../../../../client/src/board/comments/filters.js';
import { ADA, BOB, msg, thread } from './fixtures.js';

const open1 = thread('o1', [msg(ADA, 1)]);
const open2 = thread('o2', [msg(BOB, 2), msg(ADA, 9, { mentions: [BOB.id] })]);
const done = thread('r1', [msg(BOB, 5, { mentions: [BOB.id, ADA.id] })], {
  resolved: true,
  resolvedBy: BOB,
});
const ALL = [open1, done, open2];
const ids = (list: { id: string }[]) => list.map((t) => t.id);

describe('filterThreads', () => {
  it('lists open or resolved threads, most recent activity first', () => {
    expect(ids(filterThreads(ALL, 'open', ADA.id))).toEqual(['o2', 'o1']);
    expect(ids(filterThreads(ALL, 'resolved', ADA.id))).toEqual(['r1']);
  });

  it('lists threads that @mention me, open or resolved', () => {
    expect(ids(filterThreads(ALL, 'mentions', BOB.id))).toEqual(['o2', 'r1']);
    expect(ids(filterThreads(ALL, 'mentions', ADA.id))).toEqual(['r1']);
  });

  it('keeps the focused thread whatever the filter', () => {
    expect(ids(filterThreads(ALL, 'open', ADA.id, 'r1'))).toEqual(['o2', 'r1', 'o1']);
    expect(ids(filterThreads(ALL, 'open', ADA.id, 'missing'))).toEqual(['o2', 'o1']);
  });

  it('does not reorder its input', () => {
    filterThreads(ALL, 'open', ADA.id);
    expect(ids(ALL)).toEqual(['o1', 'r1', 'o2']);
  });
});

describe('byActivity', () => {
  it('breaks ties by id so the order is stable', () => {
    const a = thread('a', [msg(ADA, 1)]);
    const b = thread('b', [msg(ADA, 1)]);
    expect([b, a].sort(byActivity).map((t) => t.id)).toEqual(['a', 'b']);
    expect(byActivity(a, a)).toBe(0);
  });
});

describe('filterCounts', () => {
  it('counts each filter', () => {
    expect(filterCounts(ALL, BOB.id)).toEqual({ open: 2, resolved: 1, mentions: 2 });
    expect(filterCounts([], BOB.id)).toEqual({ open: 0, resolved: 0, mentions: 0 });
  });
});
