import { ModelError } from './doc.js';
import { TEXT_MAX_CHARS } from './schema.js';

/** "5,000": counts in messages people read. */
const count = (n: number) => n.toLocaleString('en-US');

/**
 * Throws a ModelError when `text` is longer than {@link TEXT_MAX_CHARS}. A text already longer
 * (written before the limit existed, or by another program) may still be edited as long as it
 * does not grow: `previousLength` is its length before this change.
 */
export function assertTextLength(
  text: string,
  field: string,
  what: 'card' | 'shape',
  previousLength = 0,
): void {
  if (text.length <= Math.max(TEXT_MAX_CHARS, previousLength)) return;
  throw new ModelError(
    `a ${what}'s text holds at most ${count(TEXT_MAX_CHARS)} characters; this one has ${count(text.length)}`,
    field,
  );
}

/**
 * The first `max` characters of `text`, never ending in the first half of a surrogate pair
 * (an emoji is kept whole or left out whole).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end);
}
