/** Writes on several items at once: each is one transaction, so one undo step. */
import type * as Y from 'yjs';
import { deleteCard, setCardColor } from '../../../../shared/model/cards.js';
import { deleteShape } from '../../../../shared/model/shapes.js';

/**
 * Runs every write inside one transaction. A write that fails (e.g. on an item someone else
 * just deleted) does not stop the others; the first error is thrown afterwards for a toast.
 */
function allInOne(doc: Y.Doc, writes: readonly (() => void)[]): void {
  let first: unknown;
  doc.transact(() => {
    for (const write of writes) {
      try {
        write();
      } catch (err) {
        first ??= err;
      }
    }
  });
  if (first !== undefined) throw first;
}

export function deleteItems(
  doc: Y.Doc,
  items: { cards: readonly string[]; shapes: readonly string[] },
): void {
  allInOne(doc, [
    ...items.cards.map((id) => () => deleteCard(doc, id)),
    ...items.shapes.map((id) => () => deleteShape(doc, id)),
  ]);
}

export function colorCards(doc: Y.Doc, ids: readonly string[], color: string | undefined): void {
  allInOne(
    doc,
    ids.map((id) => () => setCardColor(doc, id, color)),
  );
}
