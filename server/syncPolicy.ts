import { findForeignAuthor } from '../shared/model/authorGuard.js';
import { findSchemaViolation } from '../shared/model/schemaGuard.js';
import {
  vouchedPresence,
  withoutWriterClaims,
  type VouchedIdentity,
} from '../shared/protocol/awareness.js';
import type { Grant, RoomPolicy } from './sync/roomContract.js';

/** Who a connection writes and shows as, when the server knows (null: open mode, say anything). */
function identityOf(sender: Grant): VouchedIdentity | null {
  if (sender.person) return { kind: 'person', ...sender.person };
  return sender.guest ? { kind: 'guest' } : null;
}

/** What the sync rooms of journey-map boards ask about content (server/sync knows no journeys). */
export const journeyRoomPolicy: RoomPolicy = {
  // Refused at the door (4400): one client's wrong type at a schema key would reach everyone.
  checkUpdate: (name, doc, update) =>
    name.kind === 'board' || name.kind === 'comments'
      ? findSchemaViolation(doc, name.kind, update)
      : null,
  // Another person's name as author: refused, the socket stays (an undo may do it honestly).
  deniedUpdate: (name, doc, update, sender) => {
    const identity = name.kind === 'comments' ? identityOf(sender) : null;
    return identity ? findForeignAuthor(doc, update, identity) : null;
  },
  presenceAs: (state, sender) => {
    const claims = sender.canWrite ? state : withoutWriterClaims(state);
    const identity = identityOf(sender);
    return identity ? vouchedPresence(claims, identity) : claims;
  },
};
