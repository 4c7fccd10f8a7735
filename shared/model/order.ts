import { generateKeyBetween } from 'fractional-indexing';
import { nanoid } from 'nanoid';

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A short random tail keeps two people inserting at the same spot from minting equal keys. */
function jitter(): string {
  let tail = '';
  for (let i = 0; i < 2; i++) tail += DIGITS[Math.floor(Math.random() * DIGITS.length)];
  // A fractional-indexing key may not end in the zero digit.
  return tail + DIGITS[1 + Math.floor(Math.random() * (DIGITS.length - 1))];
}

/** Whether a string is a well-formed order key (a hostile or buggy peer may write anything). */
function validKey(key: string | null): string | null {
  if (!key) return null;
  try {
    generateKeyBetween(key, null);
    return key;
  } catch {
    return null;
  }
}

/** An order key strictly between two neighbours (null = open end; a malformed key counts as open). */
export function orderBetween(before: string | null, after: string | null): string {
  before = validKey(before);
  after = validKey(after);
  // Equal neighbours (concurrent inserts) leave no room between: go after both.
  if (before !== null && after !== null && before >= after) after = null;
  let low = before;
  for (;;) {
    const key = generateKeyBetween(low, after);
    const jittered = key + jitter();
    // A key may be a prefix of `after` ('a1' < 'a1Lz'); a tail could then pass it, so narrow.
    if (after === null || jittered < after) return jittered;
    low = key;
  }
}

export interface Ordered {
  id: string;
  order: string;
}

/** Sort by order key, ties broken by id so every replica shows the same sequence. */
export function byOrder(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The key that puts an item at `index` of `siblings` (sorted, the moved item excluded).
 * An index past the end appends; a negative one prepends.
 */
export function orderAtIndex(siblings: readonly Ordered[], index: number): string {
  const at = Math.max(0, Math.min(index, siblings.length));
  return orderBetween(siblings[at - 1]?.order ?? null, siblings[at]?.order ?? null);
}

export function newId(): string {
  return nanoid(12);
}
