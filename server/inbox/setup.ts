import type express from 'express';
import type { AuthMode } from '../auth/authMode.js';
import type { Boards } from '../boards.js';
import type { Bus } from '../bus/bus.js';
import type { Logger } from '../logger.js';
import { mailPreferencesRouter, unsubscribeRouter } from '../http/mailPreferencesRouter.js';
import type { Mailer } from '../mail/mailer.js';
import { UnsubscribeTokens } from '../mail/unsubscribe.js';
import type { ReviewEvents } from '../reviews/events.js';
import type { Storage } from '../storage/storage.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';
import { Inbox, type MembershipNotices } from './inbox.js';
import { inboxRouter } from './inboxRouter.js';
import { InboxSignals } from './inboxSignals.js';
import { MailDigests } from './mailDigests.js';
import { produceFromComments } from './producer.js';
import { tellOfMetricAlerts } from './metricAlertNotices.js';
import { tellOfReviews } from './reviewNotices.js';

export interface InboxWiring {
  /** What the account routes report (null in open mode: there are no people to tell). */
  notices: MembershipNotices | null;
  /** Mounts what needs no sign-in (the unsubscribe link), before the principal middleware. */
  mountPublic(app: express.Express): void;
  /** Mounts `/api/inbox` and the e-mail preferences (after the principal middleware). */
  mount(app: express.Express): void;
  /** Turns review requests' events into inbox items (W173). */
  followReviews(events: ReviewEvents): void;
  /** Turns metric alerts that server-side writes start into items for the owners (W300). */
  followMetricAlerts(boards: Pick<Boards, 'onNewMetricAlerts'>): void;
  /** Resolves once queued items are recorded. */
  settled(): Promise<void>;
  /** Ends the e-mail rounds (what is undecided waits in the database). */
  stop(): Promise<void>;
}

const NOTHING: InboxWiring = {
  notices: null,
  mountPublic: () => {},
  mount: () => {},
  followReviews: () => {},
  followMetricAlerts: () => {},
  settled: () => Promise.resolve(),
  stop: () => Promise.resolve(),
};

/**
 * The inbox where people sign in, and its e-mail when the server has a mailer (`SMTP_URL`); in
 * `open` mode nothing is produced and nothing mounted.
 */
export async function setUpInbox(parts: {
  mode: AuthMode;
  storage: Storage;
  registry: Pick<RoomRegistry, 'onRoomLoaded'>;
  bus: Bus | null;
  log: Logger;
  mailer: Mailer | null;
  /** AUTH_SECRET (or the generated one): signs unsubscribe links. */
  secret: Uint8Array;
  mail: { publicUrl: string | null; digestMs: number; instanceId: string };
}): Promise<InboxWiring> {
  if (parts.mode === 'open') return NOTHING;
  const { storage, log } = parts;
  const signals = new InboxSignals(parts.bus, log);
  await signals.start();
  const inbox = new Inbox(storage, signals, log);
  produceFromComments(parts.registry, inbox);
  const tokens = new UnsubscribeTokens(parts.secret);
  const { publicUrl } = parts.mail;
  const digests =
    parts.mailer && publicUrl
      ? new MailDigests({
          storage,
          mailer: parts.mailer,
          tokens,
          publicUrl,
          digestMs: parts.mail.digestMs,
          instanceId: parts.mail.instanceId,
          canOpen: (boardId, userId) => inbox.canOpen(boardId, userId),
          log: log.child({ part: 'mail-digests' }),
        })
      : null;
  const unwatch = digests ? signals.watchAll(() => digests.wake()) : () => {};
  digests?.start();
  const preferences = {
    store: storage.notifications,
    zones: storage.reviews,
    accounts: storage.accounts,
    mailing: digests !== null,
    tokens,
    log,
  };
  return {
    notices: inbox,
    mountPublic: (app) => app.use('/api/mail', unsubscribeRouter(preferences)),
    mount: (app) => {
      app.use('/api/inbox', inboxRouter({ inbox, signals, storage }));
      app.use('/api/me', mailPreferencesRouter(preferences));
    },
    followReviews: (events) => tellOfReviews(events, inbox, storage),
    followMetricAlerts: (boards) => tellOfMetricAlerts(boards, inbox, storage, log),
    settled: () => inbox.settled(),
    stop: async () => {
      unwatch();
      await digests?.stop();
    },
  };
}
