/**
 * Room-wide quiet mode ("hide others' cursors" for everyone), set by a facilitator in the board
 * doc's `gather` root so it holds for people who join later and on every instance.
 */
import type * as Y from 'yjs';
import { FieldReader, type UnreadableSink } from './read.js';

export const GATHER_ROOT = 'gather';

const gatherMap = (doc: Y.Doc) => doc.getMap<unknown>(GATHER_ROOT);

/** Whether a facilitator asked everyone's cursors to be hidden (false when unset or mangled). */
export function readQuietCursors(doc: Y.Doc, into?: UnreadableSink): boolean {
  return new FieldReader(gatherMap(doc), GATHER_ROOT, into).boolean('quietCursors') === true;
}

export function setQuietCursors(doc: Y.Doc, on: boolean): void {
  doc.transact(() => gatherMap(doc).set('quietCursors', on));
}

/** A restore's repair: a quiet-mode value another client mangled is taken out (quiet off). */
export function repairQuietCursors(doc: Y.Doc): void {
  const map = gatherMap(doc);
  if (map.has('quietCursors') && typeof map.get('quietCursors') !== 'boolean')
    map.delete('quietCursors');
}
