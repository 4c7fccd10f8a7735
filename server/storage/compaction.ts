import * as Y from 'yjs';
import type { Storage, StoredDoc } from './storage.js';

/** A document as storage holds it (a snapshot and the log after it), or a live doc's state. */
export type StoredState = Pick<StoredDoc, 'snapshot' | 'updates'>;

/** Its size in bytes: large ones are read in a worker thread. */
export const storedBytes = (stored: StoredState): number =>
  stored.updates.reduce((n, u) => n + u.byteLength, stored.snapshot?.byteLength ?? 0);

/** A new Y.Doc holding a stored state; the caller destroys it. */
export function docOfStored(stored: StoredState): Y.Doc {
  const doc = new Y.Doc();
  applyStoredDoc(doc, stored, null);
  return doc;
}

/** Applies what storage holds of a document to a Y.Doc, in one transaction. */
export function applyStoredDoc(doc: Y.Doc, stored: StoredState, origin: unknown): void {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  }, origin);
}

/** Builds one snapshot from what storage holds of a document (in a worker, on the server). */
export type FoldDoc = (stored: StoredDoc) => Promise<Uint8Array>;

/** Folds in this thread (tests, tools). */
export const foldHere: FoldDoc = (stored) => {
  const doc = new Y.Doc();
  try {
    applyStoredDoc(doc, stored, null);
    return Promise.resolve(Y.encodeStateAsUpdate(doc));
  } finally {
    doc.destroy();
  }
};

/**
 * Folds a document's log into one snapshot. Built from storage itself (not from a room's
 * memory), so it only ever covers entries it has read: nothing written meanwhile is lost.
 * Returns the snapshot (null when there was nothing to fold).
 */
export async function compactDoc(
  storage: Pick<Storage, 'loadDoc' | 'compact'>,
  docName: string,
  fold: FoldDoc = foldHere,
): Promise<Uint8Array | null> {
  const stored = await storage.loadDoc(docName);
  if (stored.updates.length === 0) return null;
  const snapshot = await fold(stored);
  await storage.compact(docName, snapshot, stored.lastSeq);
  return snapshot;
}
