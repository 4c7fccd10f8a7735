import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { BOARD_ID_PATTERN } from '../../shared/protocol/boardId.js';
import { answered } from '../http/authRouter.js';
import { parseBody, sendError } from '../http/errors.js';
import { requirePerson, whenSignedOut } from '../http/principalMiddleware.js';
import type { NotificationRecord, NotificationStore } from '../storage/notifications.js';
import type { Storage } from '../storage/storage.js';
import type { Inbox } from './inbox.js';
import type { InboxSignals } from './inboxSignals.js';

/** A page holds at most this many items (and 30 when the request does not say). */
const MAX_PAGE = 100;
/** A comment line every so often keeps proxies (HAProxy's 60 s `timeout server`) from closing the stream. */
export const HEARTBEAT_MS = 20_000;

const id = z.string().min(1).max(64);
const boardId = z.string().regex(BOARD_ID_PATTERN, 'not a board id');

const readBody = z.union([
  z.object({ ids: z.array(id).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
  z.object({ threadId: id, boardId: boardId.optional() }).strict(),
  z.object({ boardId }).strict(),
]);

const listQuery = z.object({
  board: boardId.optional(),
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(30),
  folded: z.enum(['0', '1']).optional(),
});

const followParams = z.object({ boardId, threadId: id.optional() });

/** Where the next page starts: the last item's instant and id, opaque to the client. */
const cursorOf = (n: NotificationRecord) =>
  Buffer.from(`${n.createdAt}|${n.id}`).toString('base64url');

function parseCursor(cursor: string): { createdAt: string; id: string } | null {
  const [createdAt, itemId, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!createdAt || !itemId || rest.length > 0 || Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, id: itemId };
}

export interface InboxRouterDeps {
  inbox: Inbox;
  signals: InboxSignals;
  storage: Pick<Storage, 'notifications' | 'getBoard'>;
}

/**
 * `/api/inbox`: a signed-in person's own items and follows (a session, or one of their
 * personal access tokens). A share link is no one: 401. Nobody can name another person.
 */
export function inboxRouter(deps: InboxRouterDeps): express.Router {
  const { inbox, signals } = deps;
  const store: NotificationStore = deps.storage.notifications;
  const router = express.Router();
  router.use(express.json({ limit: 16 << 10 }));

  const unread = (userId: string) => store.countUnread(userId, inbox.foldedBefore());

  router.get(
    '/',
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const query = principal && parseBody(listQuery, req.query, res);
      if (!principal || !query) return;
      const before = query.before === undefined ? undefined : parseCursor(query.before);
      if (before === null)
        return sendError(res, 400, 'invalid before: not a cursor this server gave', {
          field: 'before',
        });
      const folded = query.folded === '1';
      const items = await store.listNotifications(principal.user.id, {
        boardId: query.board,
        before,
        limit: query.limit,
        ...(folded ? { until: inbox.foldedBefore() } : { since: inbox.foldedBefore() }),
      });
      const titles = new Map<string, string | null>();
      for (const boardOf of new Set(items.map((n) => n.boardId))) {
        if (boardOf) titles.set(boardOf, (await deps.storage.getBoard(boardOf))?.title ?? null);
      }
      const last = items[items.length - 1];
      res.json({
        items: items.map((n) => ({
          ...n,
          boardTitle: n.boardId ? (titles.get(n.boardId) ?? null) : null,
        })),
        next: last && items.length === query.limit ? cursorOf(last) : null,
        unread: await unread(principal.user.id),
      });
    }),
  );

  router.get(
    '/unread',
    answered(async (_req, res) => {
      const principal = requirePerson(res);
      if (principal) res.json({ unread: await unread(principal.user.id) });
    }),
  );

  router.post(
    '/read',
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const body = principal && parseBody(readBody, req.body, res);
      if (!principal || !body) return;
      const userId = principal.user.id;
      const marked = await store.markRead(userId, body, new Date().toISOString());
      if (marked > 0) signals.changed(userId);
      res.json({ marked, unread: await unread(userId) });
    }),
  );

  router.get(
    '/follows',
    answered(async (req, res) => {
      const principal = requirePerson(res);
      const query = principal && parseBody(z.object({ board: boardId.optional() }), req.query, res);
      if (!principal || !query) return;
      res.json({ follows: await store.listFollows(principal.user.id, query.board) });
    }),
  );

  const follow = (following: boolean) =>
    answered(async (req: Request, res: Response) => {
      const principal = requirePerson(res);
      const params = principal && parseBody(followParams, req.params, res);
      if (!principal || !params) return;
      const userId = principal.user.id;
      if (!(await inbox.canOpen(params.boardId, userId)))
        return sendError(res, 404, 'no board you can open with that id');
      const record = {
        userId,
        boardId: params.boardId,
        threadId: params.threadId ?? null,
        following,
        at: new Date().toISOString(),
      };
      // Unfollowing a thread mutes it (writing there again does not follow it back); a board
      // is simply not followed any more.
      if (!following && !params.threadId) await store.clearFollow(userId, params.boardId, null);
      else await store.setFollow(record);
      res.json(record);
    });
  router.put('/follows/:boardId', follow(true));
  router.put('/follows/:boardId/:threadId', follow(true));
  router.delete('/follows/:boardId', follow(false));
  router.delete('/follows/:boardId/:threadId', follow(false));

  router.get('/events', liveCount(signals, unread));

  return router;
}

/**
 * `GET /api/inbox/events`: the unread count as server-sent events, sent again on every change,
 * until the client leaves or the person signs out.
 */
function liveCount(signals: InboxSignals, unread: (userId: string) => Promise<number>) {
  return (_req: Request, res: Response) => {
    const principal = requirePerson(res);
    if (!principal) return;
    const userId = principal.user.id;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Proxies that buffer (nginx) pass each event on at once.
      'x-accel-buffering': 'no',
    });
    let closed = false;
    let sending = false;
    let again = false;
    // Sends the current count; changes that arrive while it is read are folded into one more.
    const send = async () => {
      if (sending) {
        again = true;
        return;
      }
      sending = true;
      try {
        do {
          again = false;
          const count = await unread(userId);
          if (!closed) res.write(`event: inbox\ndata: ${JSON.stringify({ unread: count })}\n\n`);
        } while (again && !closed);
      } catch {
        // A failed read is retried at the next change or heartbeat.
      } finally {
        sending = false;
      }
    };
    const stopWatching = signals.watch(userId, () => void send());
    const stopResync = signals.onResync(() => void send());
    const heartbeat = setInterval(() => closed || res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    // Signed out (here, elsewhere, or everywhere): the stream ends, and the browser's
    // reconnection then meets a 401 (S111).
    // Nothing is written after the end (a write after it would be an error on the response).
    const stopGuard = whenSignedOut(
      res,
      () => {
        closed = true;
        res.end();
      },
      HEARTBEAT_MS,
    );
    res.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      stopWatching();
      stopResync();
      stopGuard();
    });
    res.write('retry: 3000\n\n');
    void send();
  };
}
