import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  byOrder,
  newId,
  orderAtIndex,
  orderBetween,
  type Ordered,
} from '../../../../shared/model/index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Keys minted by appending only (the open-ended case), as a board's first stages get them. */
function appendedKeys(count: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push(orderBetween(keys.at(-1) ?? null, null));
  return keys;
}

function isStrictlyIncreasing(keys: readonly string[]): boolean {
  return keys.every((key, i) => i === 0 || keys[i - 1]! < key);
}

describe('orderBetween', () => {
  it('mints a key for an empty list', () => {
    expect(orderBetween(null, null)).toMatch(/^\S+$/);
  });

  it('goes after a key when the upper end is open', () => {
    const a = orderBetween(null, null);
    expect(orderBetween(a, null) > a).toBe(true);
  });

  it('is strictly between any two neighbours it minted itself (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (count) => {
        const keys = appendedKeys(count);
        const bounds: [string | null, string | null][] = [
          [null, keys[0]!],
          [keys.at(-1)!, null],
          ...keys.slice(1).map((key, i): [string, string] => [keys[i]!, key]),
        ];
        for (const [before, after] of bounds) {
          const key = orderBetween(before, after);
          if (before !== null) expect(key > before, `${key} > ${before}`).toBe(true);
          if (after !== null) expect(key < after, `${key} < ${after}`).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  // Deterministic repro of the property above: with the random tail at its maximum the
  // "before the first key" result is the fractional-indexing key plus "zzz", which is not below it.
  it('stays below the upper neighbour whatever random tail it appends', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const first = orderBetween(null, null);
    const second = orderBetween(first, null);
    expect(orderBetween(null, first) < first).toBe(true);
    const middle = orderBetween(first, second);
    expect(middle > first && middle < second).toBe(true);
  });

  it('mints different keys for two inserts at the same spot (jitter)', () => {
    const [a, b] = appendedKeys(2);
    const keys = new Set(Array.from({ length: 100 }, () => orderBetween(a!, b!)));
    expect(keys.size).toBeGreaterThan(95);
  });

  it('does not throw on equal neighbours and goes after both', () => {
    const k = orderBetween(null, null);
    let key = '';
    expect(() => (key = orderBetween(k, k))).not.toThrow();
    expect(key > k).toBe(true);
  });

  it('does not throw on neighbours in the wrong order and goes after the larger', () => {
    const [a, b] = appendedKeys(2);
    const key = orderBetween(b!, a!);
    expect(key > b!).toBe(true);
  });
});

describe('orderAtIndex', () => {
  const asItems = (keys: string[]): Ordered[] => keys.map((order, i) => ({ id: `i${i}`, order }));

  it('returns a usable key for no siblings', () => {
    const key = orderAtIndex([], 0);
    expect(typeof key).toBe('string');
    expect(key.length).toBeGreaterThan(0);
  });

  it('appends for an index past the end and prepends for a negative index', () => {
    const siblings = asItems(appendedKeys(3));
    const end = orderAtIndex(siblings, 99);
    expect(end > siblings[2]!.order).toBe(true);
    // Prepending is checked many times: a lucky random tail must not hide an ordering bug.
    for (let i = 0; i < 40; i++) {
      const start = orderAtIndex(siblings, -5);
      expect(start < siblings[0]!.order, `${start} < ${siblings[0]!.order}`).toBe(true);
    }
  });

  it('does not throw when siblings share one order key', () => {
    const k = orderBetween(null, null);
    const siblings: Ordered[] = [
      { id: 'a', order: k },
      { id: 'b', order: k },
    ];
    for (const index of [0, 1, 2]) expect(() => orderAtIndex(siblings, index)).not.toThrow();
    expect(orderAtIndex(siblings, 2) > k).toBe(true);
  });

  it('keeps a list sorted and puts each insert at its index (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 40 }), (picks) => {
        const list: Ordered[] = [];
        picks.forEach((pick, n) => {
          const index = pick % (list.length + 1);
          const item = { id: `item${n}`, order: orderAtIndex(list, index) };
          list.splice(index, 0, item);
          const sorted = [...list].sort(byOrder);
          expect(sorted.indexOf(item), `insert #${n} at ${index}`).toBe(index);
          expect(isStrictlyIncreasing(list.map((i) => i.order))).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('byOrder', () => {
  it('W111: sorts by order key, then by id so ties look the same everywhere', () => {
    const items: Ordered[] = [
      { id: 'b', order: 'a1' },
      { id: 'z', order: 'a0' },
      { id: 'a', order: 'a1' },
    ];
    expect([...items].sort(byOrder).map((i) => i.id)).toEqual(['z', 'a', 'b']);
    expect(byOrder(items[0]!, items[0]!)).toBe(0);
  });
});

describe('newId', () => {
  it('returns unique, URL-safe 12-character ids', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});

describe('malformed neighbour keys', () => {
  it('treats a key a peer wrote badly as an open end instead of throwing', () => {
    expect(() => orderBetween('', 'a1')).not.toThrow();
    expect(orderBetween('not a key!', null) > '').toBe(true);
    const key = orderBetween('a0', '%%%');
    expect(key > 'a0').toBe(true);
  });
});
