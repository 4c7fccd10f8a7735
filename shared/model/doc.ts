import type * as Y from 'yjs';
import { describeValue, isYMap, isYText } from './read.js';

/** Every record (stage, lane, card, shape) is a Y.Map so fields merge one by one. */
export type YRecord = Y.Map<unknown>;

/**
 * The root types of a board doc. Only shared/model touches them. Their values are `unknown`:
 * any client can store anything there, so every use checks (`requireRecord`, `eachRecord`).
 */
export function boardRoots(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    stages: doc.getMap<unknown>('stages'),
    lanes: doc.getMap<unknown>('lanes'),
    cards: doc.getMap<unknown>('cards'),
    shapes: doc.getMap<unknown>('shapes'),
    // Card id → the card's metric series (metricSeries.ts, W252).
    metricSeries: doc.getMap<unknown>('metricSeries'),
  };
}

/** A rejected operation: bad input or a reference to something that does not exist. */
export class ModelError extends Error {
  constructor(
    message: string,
    /** Dotted path of the field at fault, e.g. `cards.abc.emotion`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/**
 * The record `id` of a root map, for a write. One that another client replaced by something
 * else than a Y.Map cannot be written: a ModelError says so (never a TypeError).
 */
export function requireRecord(map: Y.Map<unknown>, id: string, what: string): YRecord {
  const record: unknown = requirePresent(map, id, what);
  if (!isYMap(record)) {
    throw new ModelError(
      `${what} '${id}' cannot be changed: another client stored ${describeValue(record)} in its place`,
      `${what}s.${id}`,
    );
  }
  return record;
}

/** That `id` is there, whatever it holds (deleting a malformed record is allowed: it repairs). */
export function requirePresent(map: Y.Map<unknown>, id: string, what: string): unknown {
  if (!map.has(id)) throw new ModelError(`${what} '${id}' does not exist`, `${what}s.${id}`);
  return map.get(id);
}

/** A nested type of a record that a write needs, or a ModelError naming the field. */
export function requireField<T>(
  record: YRecord,
  key: string,
  is: (value: unknown) => value is T,
  what: string,
  field: string,
): T {
  const value = record.get(key);
  if (is(value)) return value;
  throw new ModelError(
    `${field} cannot be changed: it should hold ${what}, but another client stored ${describeValue(value)}`,
    field,
  );
}

/** Every record of a root map that is a Y.Map; writes look past the ones that are not. */
export function forEachRecord(
  map: Y.Map<unknown>,
  visit: (record: YRecord, id: string) => void,
): void {
  map.forEach((value, id) => {
    if (isYMap(value)) visit(value, id);
  });
}

export function str(record: YRecord, key: string): string {
  const value = record.get(key);
  return typeof value === 'string' ? value : '';
}

export function num(record: YRecord, key: string): number | undefined {
  const value = record.get(key);
  return typeof value === 'number' ? value : undefined;
}

export function optStr(record: YRecord, key: string): string | undefined {
  const value = record.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** Sets a key, or deletes it when the value is undefined (absent fields stay absent in JSON). */
export function setOrDelete(record: YRecord, key: string, value: unknown): void {
  if (value === undefined) record.delete(key);
  else if (record.get(key) !== value) record.set(key, value);
}

/**
 * Replaces the content of a Y.Text with the smallest edit (common prefix and suffix kept),
 * so a concurrent edit elsewhere in the same text survives.
 */
export function replaceText(ytext: Y.Text, next: string): void {
  const prev = ytext.toString();
  if (ytext.length !== prev.length) {
    // Embeds (which only another client writes) count in positions but not in the string:
    // offsets of the string would miss, so the whole text is replaced.
    ytext.delete(0, ytext.length);
    ytext.insert(0, next);
    return;
  }
  if (prev === next) return;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--;
    endNext--;
  }
  if (endPrev > start) ytext.delete(start, endPrev - start);
  if (endNext > start) ytext.insert(start, next.slice(start, endNext));
}

export function textOf(record: YRecord, key = 'text'): string {
  const value = record.get(key);
  return isYText(value) ? value.toString() : '';
}
