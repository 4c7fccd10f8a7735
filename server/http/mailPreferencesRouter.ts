import express from 'express';
import { z } from 'zod';
import {
  DEFAULT_MAIL_MODES,
  MAIL_GROUP_NAMES,
  MAIL_MODES,
  type MailModes,
} from '../../shared/protocol/inbox.js';
import type { Logger } from '../logger.js';
import type { UnsubscribeTokens } from '../mail/unsubscribe.js';
import type { AccountStore } from '../storage/accounts.js';
import type { NotificationStore } from '../storage/notifications.js';
import type { ReviewStore } from '../storage/reviews.js';
import { answered } from './authRouter.js';
import { parseBody, sendError } from './errors.js';
import { requirePerson } from './principalMiddleware.js';

const modesBody = z.strictObject({
  modes: z.partialRecord(z.enum(MAIL_GROUP_NAMES), z.enum(MAIL_MODES)),
});

const tokenBody = z.object({ token: z.string().min(1).max(2048) });

export interface MailPreferencesDeps {
  store: NotificationStore;
  zones: Pick<ReviewStore, 'getTimeZone'>;
  /** Whether this server sends e-mail at all (SMTP_URL). */
  mailing: boolean;
  accounts: Pick<AccountStore, 'getUser'>;
  tokens: UnsubscribeTokens;
  log: Logger;
  now?: () => number;
}

async function modesOf(store: NotificationStore, userId: string): Promise<MailModes> {
  return (await store.getMailPreferences(userId))?.modes ?? DEFAULT_MAIL_MODES;
}

/**
 * `/api/me/mail-preferences` (W174): how a signed-in person wants each group of inbox items by
 * e-mail, with the time zone daily summaries follow and whether this server mails at all.
 */
export function mailPreferencesRouter(deps: MailPreferencesDeps): express.Router {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const router = express.Router();
  const answer = async (userId: string) => ({
    modes: await modesOf(store, userId),
    timeZone: await deps.zones.getTimeZone(userId),
    mailing: deps.mailing,
  });
  router.get(
    '/mail-preferences',
    answered(async (_req, res) => {
      const principal = requirePerson(res);
      if (!principal) return;
      res.json(await answer(principal.user.id));
    }),
  );
  router.put(
    '/mail-preferences',
    express.json({ limit: 4 << 10 }),
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(modesBody, req.body, res);
      if (!principal || !body) return;
      const userId = principal.user.id;
      const modes = { ...(await modesOf(store, userId)), ...body.modes };
      await store.setMailPreferences({ userId, modes, updatedAt: new Date(now()).toISOString() });
      res.json(await answer(userId));
    }),
  );
  return router;
}

/**
 * `/api/mail/unsubscribe` (W177), mounted before sign-in is looked at: the token is the only
 * credential. A POST (a mail client's RFC 8058 one-click, or the unsubscribe page's button)
 * turns every group to `never`; a GET (the header's address opened in a browser) only leads to
 * the page, which asks first.
 */
export function unsubscribeRouter(deps: MailPreferencesDeps): express.Router {
  const { store, tokens } = deps;
  const now = deps.now ?? Date.now;
  const router = express.Router();
  const tokenOf = (req: express.Request): string | null => {
    const fromQuery = req.query.token;
    if (typeof fromQuery === 'string' && fromQuery) return fromQuery;
    const parsed = tokenBody.safeParse(req.body);
    return parsed.success ? parsed.data.token : null;
  };
  router.get('/unsubscribe', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    res.redirect(303, `/unsubscribe#token=${encodeURIComponent(token)}`);
  });
  router.post(
    '/unsubscribe',
    express.json({ limit: 4 << 10 }),
    express.urlencoded({ extended: false, limit: 4 << 10 }),
    answered(async (req, res) => {
      const token = tokenOf(req);
      const userId = token ? await tokens.verify(token) : null;
      if (!userId) {
        sendError(
          res,
          400,
          'this unsubscribe link is not valid (copy the whole link from the e-mail)',
        );
        return;
      }
      // A token signed for an id this install does not know (another install's secret) changes nothing.
      if (await deps.accounts.getUser(userId)) {
        const never = Object.fromEntries(MAIL_GROUP_NAMES.map((g) => [g, 'never'])) as MailModes;
        await store.setMailPreferences({
          userId,
          modes: never,
          updatedAt: new Date(now()).toISOString(),
        });
        deps.log.info({ userId }, 'notification e-mail unsubscribed by link');
      }
      res.json({ unsubscribed: true });
    }),
  );
  return router;
}
