import { findSchemaViolation } from '../shared/model/schemaGuard.js';
import { withoutWriterClaims } from '../shared/protocol/awareness.js';
import type { RoomPolicy } from './sync/roomContract.js';

/** What the sync rooms of journey-map boards ask about content (server/sync knows no journeys). */
export const journeyRoomPolicy: RoomPolicy = {
  // Refused at the door (4400): one client's wrong type at a schema key would reach everyone.
  checkUpdate: (name, doc, update) =>
    name.kind === 'board' || name.kind === 'comments'
      ? findSchemaViolation(doc, name.kind, update)
      : null,
  readOnlyPresence: withoutWriterClaims,
};
