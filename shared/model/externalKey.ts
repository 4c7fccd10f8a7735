/** A card's external key (W257): the name a BI system knows the touchpoint by, one per board. */
import type * as Y from 'yjs';
import { boardRoots, forEachRecord, ModelError, requireRecord, setOrDelete } from './doc.js';

/** An external key is what a BI system calls the touchpoint: short, trimmed, one per board. */
export const EXTERNAL_KEY_MAX_CHARS = 100;

export const externalKeyCheck = (key: string) =>
  key.trim() === key && key.length > 0 && key.length <= EXTERNAL_KEY_MAX_CHARS
    ? null
    : `must be 1 to ${EXTERNAL_KEY_MAX_CHARS} characters without spaces around`;

/** The card whose external key this is, if any (the first, should two clients race). */
export function cardByExternalKey(doc: Y.Doc, key: string): string | undefined {
  let found: string | undefined;
  forEachRecord(boardRoots(doc).cards, (card, id) => {
    if (found === undefined && card.get('externalKey') === key) found = id;
  });
  return found;
}

export function assertExternalKey(doc: Y.Doc, id: string, key: string): void {
  const field = `cards.${id}.externalKey`;
  const problem = externalKeyCheck(key);
  if (problem) throw new ModelError(`externalKey ${problem}`, field);
  const owner = cardByExternalKey(doc, key);
  if (owner !== undefined && owner !== id)
    throw new ModelError(`externalKey '${key}' is already used by card '${owner}'`, field);
}

/** Sets or (undefined, or blank) clears the card's external key; unique on the board (W257). */
export function setExternalKey(doc: Y.Doc, id: string, key: string | undefined): void {
  const clean = key?.trim() || undefined;
  if (clean !== undefined) assertExternalKey(doc, id, clean);
  const record = requireRecord(boardRoots(doc).cards, id, 'card');
  doc.transact(() => setOrDelete(record, 'externalKey', clean));
}
