import { describe, expect, it } from 'vitest';
import {
  filterAwarenessUpdate,
  type AwarenessOwnership,
} from '../../../../server/sync/awarenessFilter.js';
import { awarenessUpdate } from './awarenessUpdate.js';

const LIMITS = { maxEntries: 2, maxStateBytes: 100 };

/** What a room holds: a state and clock per client id, and which ids this connection owns. */
function roomView(
  held: Record<number, { clock: number; state: unknown }> = {},
  owned: number[] = [],
) {
  const states = new Map(Object.entries(held).map(([id, v]) => [Number(id), v]));
  const who: AwarenessOwnership = {
    owned: new Set(owned),
    present: (id) => states.get(id)?.state != null,
    clockOf: (id) => states.get(id)?.clock,
    isCurrent: (id, json) => JSON.stringify(states.get(id)?.state ?? null) === json,
  };
  return who;
}

const update = (...entries: [clientId: number, clock: number, json: string][]) =>
  awarenessUpdate(entries.map(([clientId, clock, json]) => ({ clientId, clock, json })));

const ids = (kept: { clientId: number }[] | null) => kept?.map((e) => e.clientId) ?? null;

describe('filterAwarenessUpdate', () => {
  it('introduces a new id with its state, parsed, and keeps the JSON as it came', () => {
    const who = roomView();
    const kept = filterAwarenessUpdate(update([5, 1, '{"a": 1}']), who, LIMITS);
    expect(kept).toEqual([{ clientId: 5, clock: 1, state: { a: 1 }, json: '{"a": 1}' }]);
    expect([...who.owned]).toEqual([5]);
  });

  it("drops echoes and forgeries of someone else's live state, removals included", () => {
    const who = roomView({ 9: { clock: 3, state: { theirs: true } } }, [5]);
    expect(filterAwarenessUpdate(update([9, 4, '{"forged":1}']), who, LIMITS)).toBeNull();
    expect(filterAwarenessUpdate(update([9, 4, 'null']), who, LIMITS)).toBeNull();
    expect(
      ids(filterAwarenessUpdate(update([9, 4, '{}'], [5, 1, '{"mine":1}']), who, LIMITS)),
    ).toEqual([5]);
  });

  it('drops states over the size limit, not JSON, or not an object', () => {
    const who = roomView();
    const big = JSON.stringify({ x: 'x'.repeat(LIMITS.maxStateBytes) });
    for (const json of [big, '{not json', '[1,2]', '"text"', '3'])
      expect(filterAwarenessUpdate(update([5, 1, json]), who, LIMITS)).toBeNull();
    expect(who.owned.size).toBe(0);
  });

  it('lets a connection own at most maxEntries ids', () => {
    const who = roomView();
    const kept = filterAwarenessUpdate(
      update([1, 1, '{}'], [2, 1, '{}'], [3, 1, '{}']),
      who,
      LIMITS,
    );
    expect(ids(kept)).toEqual([1, 2]);
    expect(filterAwarenessUpdate(update([4, 1, '{}']), who, LIMITS)).toBeNull();
  });

  it('lets the owner remove its own state', () => {
    const who = roomView({ 5: { clock: 2, state: { a: 1 } } }, [5]);
    const kept = filterAwarenessUpdate(update([5, 3, 'null']), who, LIMITS);
    expect(kept).toEqual([{ clientId: 5, clock: 3, state: null, json: 'null' }]);
  });

  it('takes back an id whose state was removed only as the first id of a connection', () => {
    const removed = { 5: { clock: 7, state: null } };
    // A fresh connection (its client reconnecting): stamped above the room's clock.
    const fresh = roomView(removed);
    expect(filterAwarenessUpdate(update([5, 1, '{"back":1}']), fresh, LIMITS)).toEqual([
      { clientId: 5, clock: 8, state: { back: 1 }, json: '{"back":1}' },
    ]);
    // A connection that already owns an id is echoing what it had not yet seen removed.
    const other = roomView(removed, [6]);
    expect(filterAwarenessUpdate(update([5, 9, '{"echo":1}']), other, LIMITS)).toBeNull();
  });

  it('stamps an owned entry above the room clock, and drops the echo of a stamped state', () => {
    const who = roomView({ 5: { clock: 10, state: { a: 1 } } }, [5]);
    // Newer state counted from a lower clock (the client reconnected elsewhere): stamped.
    expect(filterAwarenessUpdate(update([5, 3, '{"a":2}']), who, LIMITS)).toEqual([
      { clientId: 5, clock: 11, state: { a: 2 }, json: '{"a":2}' },
    ]);
    // The client adopted our clock and sends its own state back: no news.
    expect(filterAwarenessUpdate(update([5, 10, '{"a":1}']), who, LIMITS)).toBeNull();
    // A clock above the room's is taken as it is.
    expect(filterAwarenessUpdate(update([5, 12, '{"a":3}']), who, LIMITS)?.[0]?.clock).toBe(12);
  });

  it('throws on a malformed update, and claims nothing from it', () => {
    const who = roomView();
    const good = update([5, 1, '{}']);
    expect(() => filterAwarenessUpdate(new Uint8Array([...good, 0]), who, LIMITS)).toThrow(
      'trailing bytes',
    );
    expect(() => filterAwarenessUpdate(good.slice(0, -1), who, LIMITS)).toThrow();
    expect(who.owned.size).toBe(0);
  });
});
