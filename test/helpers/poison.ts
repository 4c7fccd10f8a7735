/**
 * Boards holding foreign data: protocol-valid Yjs content of the wrong type at schema keys, as
 * a client this project did not write could have stored before the server refused such writes
 * at the door. Tests put it into storage directly, behind the server's back, which is also how
 * boards written before that refusal look.
 */
import path from 'node:path';
import * as Y from 'yjs';
import { applyStoredDoc } from '../../server/storage/compaction.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';

/** Writes foreign values at a few schema paths of a board doc (raw Y API, no model). */
export function poisonBoard(doc: Y.Doc): void {
  const cards = doc.getMap<unknown>('cards');
  const stages = doc.getMap<unknown>('stages');
  // The first card (by id) with an emotion score and an evidence list gets foreign fields.
  const card = [...cards.keys()]
    .sort()
    .map((id) => cards.get(id))
    .find(
      (c): c is Y.Map<unknown> =>
        c instanceof Y.Map &&
        typeof c.get('emotion') === 'number' &&
        c.get('evidence') instanceof Y.Array,
    );
  doc.transact(() => {
    cards.set('poisonNumber', 42);
    cards.set('poisonYText', new Y.Text('not a card'));
    stages.set('poisonString', 'str');
    if (card) {
      (card.get('evidence') as Y.Array<unknown>).push([{}]);
      card.set('emotion', 'very sad');
    }
  });
}

/**
 * Appends `change` (made on a copy of the stored doc) to the doc's log in the SQLite database
 * of `dataDir`, through a second connection: the server may be running, but the doc's room must
 * not be loaded yet (it would not see the change until it loads again).
 */
export async function appendToStoredDoc(
  dataDir: string,
  boardId: string,
  docName: string,
  change: (doc: Y.Doc) => void,
): Promise<void> {
  const storage = new SqliteStorage({
    file: path.join(dataDir, 'journeyboard.db'),
    busyTimeoutMs: 5000,
  });
  await storage.init();
  const doc = new Y.Doc();
  try {
    applyStoredDoc(doc, await storage.loadDoc(docName), null);
    const before = Y.encodeStateVector(doc);
    change(doc);
    await storage.appendUpdates([{ boardId, docName, update: Y.encodeStateAsUpdate(doc, before) }]);
  } finally {
    doc.destroy();
    await storage.close();
  }
}
