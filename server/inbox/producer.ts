import type * as Y from 'yjs';
import type { RoomRegistry } from '../sync/roomRegistry.js';
import type { Room } from '../sync/room.js';
import { originOf } from '../updateOrigin.js';
import { commentEventsOf, prepareCommentEvents } from './commentEvents.js';
import type { Inbox } from './inbox.js';

/**
 * Feeds the inbox from the comments rooms loaded here: only transactions a signed-in person's
 * socket sent to this instance count. Relayed updates (another instance received them and
 * produces their items) and stored ones (already produced when accepted) count for nothing,
 * so each comment is looked at by one instance; the store's unique key covers a client that
 * sends the same update to two instances.
 */
export function produceFromComments(
  registry: Pick<RoomRegistry, 'onRoomLoaded'>,
  inbox: Pick<Inbox, 'comment'>,
): void {
  registry.onRoomLoaded((room) => {
    if (room.name.kind === 'comments') attach(room, inbox);
  });
}

function attach(room: Room, inbox: Pick<Inbox, 'comment'>): void {
  const { boardId } = room.name;
  prepareCommentEvents(room.doc);
  const onTransaction = (tr: Y.Transaction) => {
    const origin = originOf(tr.origin);
    if (origin.kind !== 'client' || tr.changed.size === 0) return;
    // Guests and open mode have no person: what they write tells no one.
    const person = room.personOf(origin.socket);
    if (!person) return;
    for (const event of commentEventsOf(room.doc, tr)) void inbox.comment(boardId, person, event);
  };
  room.doc.on('afterTransaction', onTransaction);
  room.doc.once('destroy', () => room.doc.off('afterTransaction', onTransaction));
}
