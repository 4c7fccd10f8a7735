import * as Y from 'yjs';

/** Every record (stage, lane, card, shape) is a Y.Map so fields merge one by one. */
export type YRecord = Y.Map<unknown>;

/** The root types of a board doc. Only shared/model touches them. */
export function boardRoots(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    stages: doc.getMap<YRecord>('stages'),
    lanes: doc.getMap<YRecord>('lanes'),
    cards: doc.getMap<YRecord>('cards'),
    shapes: doc.getMap<YRecord>('shapes'),
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

export function requireRecord(map: Y.Map<YRecord>, id: string, what: string): YRecord {
  const record = map.get(id);
  if (!record) throw new ModelError(`${what} '${id}' does not exist`, `${what}s.${id}`);
  return record;
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
  return value instanceof Y.Text ? value.toString() : '';
}
