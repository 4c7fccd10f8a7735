import type express from 'express';
import type { AuthMode } from '../auth/authMode.js';
import type { Bus } from '../bus/bus.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';
import { Inbox, type MembershipNotices } from './inbox.js';
import { inboxRouter } from './inboxRouter.js';
import { InboxSignals } from './inboxSignals.js';
import { produceFromComments } from './producer.js';
import { tellOfReviews } from './reviewNotices.js';
import type { ReviewEvents } from '../reviews/events.js';

export interface InboxWiring {
  /** What the account routes report (null in open mode: there are no people to tell). */
  notices: MembershipNotices | null;
  /** Mounts `/api/inbox` (after the principal middleware). */
  mount(app: express.Express): void;
  /** Turns review requests' events into inbox items (W173). */
  followReviews(events: ReviewEvents): void;
  /** Resolves once queued items are recorded. */
  settled(): Promise<void>;
}

/** The inbox where people sign in; in `open` mode nothing is produced and nothing mounted. */
export async function setUpInbox(parts: {
  mode: AuthMode;
  storage: Storage;
  registry: Pick<RoomRegistry, 'onRoomLoaded'>;
  bus: Bus | null;
  log: Logger;
}): Promise<InboxWiring> {
  if (parts.mode === 'open')
    return {
      notices: null,
      mount: () => {},
      followReviews: () => {},
      settled: () => Promise.resolve(),
    };
  const signals = new InboxSignals(parts.bus, parts.log);
  await signals.start();
  const inbox = new Inbox(parts.storage, signals, parts.log);
  produceFromComments(parts.registry, inbox);
  return {
    notices: inbox,
    mount: (app) => app.use('/api/inbox', inboxRouter({ inbox, signals, storage: parts.storage })),
    followReviews: (events) => tellOfReviews(events, inbox, parts.storage),
    settled: () => inbox.settled(),
  };
}
