import * as Y from 'yjs';
import type { Storage, StoredDoc } from './storage.js';

/** Applies what storage holds of a document to a Y.Doc, in one transaction. */
export function applyStoredDoc(doc: Y.Doc, stored: StoredDoc, origin: unknown): void {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  }, origin);
}

/**
 * Folds a document's log into one snapshot. Built from storage itself (not from a room's
 * memory), so it only ever covers entries it has read: nothing written meanwhile is lost.
 */
export async function compactDoc(storage: Storage, docName: string): Promise<void> {
  const stored = await storage.loadDoc(docName);
  if (stored.updates.length === 0) return;
  const doc = new Y.Doc();
  applyStoredDoc(doc, stored, null);
  const snapshot = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await storage.compact(docName, snapshot, stored.lastSeq);
}
