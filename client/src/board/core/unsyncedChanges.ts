import type * as Y from 'yjs';

/** The name a root type has in its doc (`cards`, `meta`…), looked up once per type. */
const rootNames = new WeakMap<Y.AbstractType<unknown>, string>();

function rootName(doc: Y.Doc, root: Y.AbstractType<unknown>): string {
  let name = rootNames.get(root);
  if (name === undefined) {
    name = [...doc.share].find(([, type]) => type === root)?.[0] ?? '?';
    rootNames.set(root, name);
  }
  return name;
}

/** The keys from the doc's root down to `type`: `['cards', '<id>', 'text']`. */
function pathOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string[] {
  const path: string[] = [];
  let at = type;
  while (at._item) {
    path.unshift(at._item.parentSub ?? '#');
    at = at._item.parent as Y.AbstractType<unknown>;
  }
  path.unshift(rootName(doc, at));
  return path;
}

/**
 * What a transaction changed, as a person counts changes: the records it touched (a card, a
 * stage, a lane, a shape: `cards/<id>`) and the board's own fields (`meta/title`). Typing a
 * sentence into a card is one change however many keystrokes (updates) it took, and so is a
 * move, which writes three fields of one card.
 */
export function changedRecords(transaction: Y.Transaction): string[] {
  const keys = new Set<string>();
  for (const [type, subs] of transaction.changed) {
    const path = pathOf(transaction.doc, type as Y.AbstractType<unknown>);
    for (const sub of subs)
      keys.add([...path, ...(sub === null ? [] : [sub])].slice(0, 2).join('/'));
  }
  return [...keys];
}
