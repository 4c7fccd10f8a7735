import * as Y from 'yjs';
import { GUEST_ID, GUEST_NAME, type VouchedIdentity } from '../protocol/awareness.js';
import { isPlainObject } from './read.js';
import { isAuthorSlot, personSlotOf, placedItems, type PlacedItem } from './schemaGuard.js';

function foreign(author: unknown, as: VouchedIdentity): string | null {
  if (!isPlainObject(author)) return null; // the schema guard refuses the wrong type
  if (as.kind === 'person') {
    return author.id === as.id && author.name === as.name
      ? null
      : `writes ${String(author.name)} (${String(author.id)}) as author; you are ${as.name}`;
  }
  const id = String(author.id);
  const name = String(author.name);
  return id.startsWith(GUEST_ID) && name.startsWith(GUEST_NAME)
    ? null
    : `a guest writes as "${GUEST_NAME}<name>" with an id "${GUEST_ID}…"; got ${name} (${id})`;
}

/** Someone else's record in `people` (whom @mentions offer), or one under another name. */
function foreignPerson(placed: PlacedItem, as: VouchedIdentity): string | null {
  const person = personSlotOf(placed);
  if (!person) return null;
  const { content } = placed.item;
  const name =
    person.isName && (content instanceof Y.ContentAny || content instanceof Y.ContentJSON)
      ? (content.arr as unknown[]).at(-1)
      : undefined;
  if (as.kind === 'person') {
    if (person.id !== as.id) return `writes the people record of ${person.id}; you are ${as.name}`;
    return name === undefined || name === as.name
      ? null
      : `writes ${String(name)} as your name in people; you are ${as.name}`;
  }
  if (!person.id.startsWith(GUEST_ID))
    return `a guest writes the people record of ${person.id}, not a "${GUEST_ID}…" one`;
  return name === undefined || (typeof name === 'string' && name.startsWith(GUEST_NAME))
    ? null
    : `a guest's name in people must start "${GUEST_NAME}"; got ${String(name)}`;
}

/**
 * Why a comments-doc update must be refused because it writes an author (a message's, a
 * thread's maker or resolver) or a `people` record other than the connection's own identity;
 * null when it does not.
 * Authors already in the doc are not looked at: only what the update adds.
 */
export function findForeignAuthor(
  doc: Y.Doc,
  decoded: ReturnType<typeof Y.decodeUpdate>,
  as: VouchedIdentity,
): string | null {
  for (const placed of placedItems(doc, 'comments', decoded)) {
    const person = foreignPerson(placed, as);
    if (person) return person;
    if (!isAuthorSlot(placed)) continue;
    const { content } = placed.item;
    if (!(content instanceof Y.ContentAny || content instanceof Y.ContentJSON)) continue;
    for (const author of content.arr as unknown[]) {
      const why = foreign(author, as);
      if (why) return why;
    }
  }
  return null;
}
