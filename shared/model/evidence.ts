/** Reading a card's evidence list, which holds plain objects any client could have written. */
import type * as Y from 'yjs';
import { describeValue, isPlainObject, isRecordId, note, type UnreadableSink } from './read.js';
import { isImageId } from './images.js';
import type { Evidence } from './schema.js';

export const EVIDENCE_KINDS = ['quote', 'link', 'data', 'image'] as const;
const OPTIONAL = ['source', 'date', 'url'] as const;

/** Why an evidence item cannot be read at all, or null when it can. */
function problemOf(item: unknown): string | null {
  if (!isPlainObject(item)) return `must be an object; got ${describeValue(item)}`;
  if (typeof item.id !== 'string' || !isRecordId(item.id))
    return 'needs an id of 1 to 64 characters';
  if (typeof item.kind !== 'string' || !(EVIDENCE_KINDS as readonly string[]).includes(item.kind))
    return `needs a kind (${EVIDENCE_KINDS.join(', ')})`;
  if (typeof item.text !== 'string' || !item.text.trim()) return 'needs a text';
  // A picture without its id shows nothing: the item is not evidence at all.
  if (item.kind === 'image' && (typeof item.image !== 'string' || !isImageId(item.image)))
    return 'needs an image id';
  return null;
}

/**
 * The readable items of an evidence list, with a fixed key order and no empty optional fields
 * (as `normalizeEvidence` writes them); unreadable items and fields are noted under `path`.
 */
export function readEvidence(
  list: Y.Array<unknown>,
  path: string,
  into: UnreadableSink,
): Evidence[] {
  const items: Evidence[] = [];
  list.forEach((raw, i) => {
    const problem = problemOf(raw);
    if (problem !== null) return note(into, `${path}[${i}]`, problem);
    const item = raw as Record<string, unknown>;
    const evidence: Evidence = {
      id: item.id as string,
      kind: item.kind as Evidence['kind'],
      text: item.text as string,
    };
    for (const key of OPTIONAL) {
      const value = item[key];
      if (typeof value === 'string') evidence[key] = value;
      // Older clients wrote absent fields as undefined.
      else if (value !== undefined)
        note(into, `${path}[${i}].${key}`, `must be a string; got ${describeValue(value)}`);
    }
    // Only pictures carry an image id; on other kinds it is left out (as the JSON format asks).
    if (evidence.kind === 'image') evidence.image = item.image as string;
    else if (item.image !== undefined)
      note(into, `${path}[${i}].image`, 'belongs to image evidence only');
    items.push(evidence);
  });
  return items;
}
