import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  VOTE_DURATION_MAX_MS,
  VOTE_DURATION_MIN_MS,
  VOTE_SCOPE_MAX,
  VOTE_TITLE_MAX,
  VOTER_ID_HEADER,
  VOTER_ID_PATTERN,
  VOTER_NAME_HEADER,
  VOTER_NAME_MAX,
  VOTES_PER_PERSON_MAX,
} from '../../shared/protocol/votes.js';
import type { Admitted } from '../auth/access.js';
import { VoteRefused, type VoteService, type Voter } from '../votes/voteService.js';
import { roleGuard, type BoardsRouterDeps } from './boardsRouter.js';
import { parseBody, refuse, sendError } from './errors.js';

export interface VotesRouterDeps extends Pick<BoardsRouterDeps, 'access'> {
  service: VoteService;
}

const id = z.string().min(1).max(64);
const newVoteBody = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(VOTE_TITLE_MAX),
  votesPerPerson: z.number().int().min(1).max(VOTES_PER_PERSON_MAX),
  maxPerCard: z.number().int().min(1).max(VOTES_PER_PERSON_MAX).optional(),
  lanes: z.array(id).min(1, 'name at least one lane').max(VOTE_SCOPE_MAX).optional(),
  cardIds: z.array(id).min(1, 'name at least one card').max(VOTE_SCOPE_MAX).optional(),
  anonymous: z.boolean().optional(),
  durationMs: z.number().int().min(VOTE_DURATION_MIN_MS).max(VOTE_DURATION_MAX_MS).optional(),
});

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Runs an async handler, answering a `VoteRefused` in the W41 error shape. */
const answered =
  (handler: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction) =>
    handler(req, res).catch((err: unknown) => {
      if (!(err instanceof VoteRefused)) return next(err);
      if (err.status === 400 && err.field) refuse(res, [{ path: err.field, message: err.message }]);
      else sendError(res, err.status, err.message);
    });

function guestName(req: Request): string {
  const raw = req.get(VOTER_NAME_HEADER);
  let name: string;
  try {
    name = raw ? decodeURIComponent(raw) : '';
  } catch {
    name = '';
  }
  return (
    name
      .replace(/\p{Cc}/gu, '')
      .trim()
      .slice(0, VOTER_NAME_MAX) || 'Guest'
  );
}

/**
 * Who is voting (W205): a person by their account, anyone else (a share-link guest, the admin
 * token) by the random voter id their browser sends; null when there is none.
 */
function voterOf(req: Request, res: Response): Voter | null {
  const who = res.locals.admitted as Admitted | undefined;
  if (who && (who.kind === 'member' || who.kind === 'token'))
    return { key: `u:${who.userId}`, name: who.name };
  const guestId = req.get(VOTER_ID_HEADER);
  if (!guestId || !VOTER_ID_PATTERN.test(guestId)) return null;
  return { key: `g:${guestId}`, name: guestName(req) };
}

const NO_VOTER = `voting as a guest needs an ${VOTER_ID_HEADER} header: 16–64 letters, digits, _ or -, the same on every call`;

/**
 * Dot voting under `/api/boards/:id/votes` (W196–W205): any role votes, an editor starts a vote,
 * its starter or an owner ends it. Ballots stay on the server until the end.
 */
export function votesRouter(deps: VotesRouterDeps): express.Router {
  const { service } = deps;
  const router = express.Router();
  const json = express.json({ limit: 64 << 10 });
  const requireRole = roleGuard(deps);
  const knownVote = (req: Request, res: Response, next: NextFunction) =>
    ID.test(String(req.params.voteId))
      ? next()
      : sendError(res, 404, `no vote '${String(req.params.voteId)}' on this board`);
  const ids = (req: Request) => [String(req.params.id), String(req.params.voteId)] as const;
  const isOwner = (res: Response) => res.locals.role === 'owner';

  router.post(
    '/:id/votes',
    requireRole('editor'),
    json,
    answered(async (req, res) => {
      const body = parseBody(newVoteBody, req.body, res);
      if (!body) return;
      const voter = voterOf(req, res);
      if (!voter) return sendError(res, 400, NO_VOTER);
      const vote = await service.create(String(req.params.id), voter, body);
      res.status(201).location(`/api/boards/${vote.boardId}/votes/${vote.id}`).json(vote);
    }),
  );

  router.get(
    '/:id/votes',
    requireRole('viewer'),
    answered(async (req, res) => {
      res.json({ votes: await service.list(String(req.params.id)) });
    }),
  );

  router.get(
    '/:id/votes/:voteId',
    requireRole('viewer'),
    knownVote,
    answered(async (req, res) => {
      res.json(await service.get(...ids(req), voterOf(req, res), isOwner(res)));
    }),
  );

  const ballot = (delta: 1 | -1) =>
    answered(async (req, res) => {
      const voter = voterOf(req, res);
      if (!voter) return sendError(res, 400, NO_VOTER);
      const cardId = String(req.params.cardId);
      if (!ID.test(cardId)) return sendError(res, 409, `card '${cardId}' is not part of this vote`);
      res.json(await service.ballot(...ids(req), voter, cardId, delta));
    });
  router.put('/:id/votes/:voteId/ballots/:cardId', requireRole('viewer'), knownVote, ballot(1));
  router.delete('/:id/votes/:voteId/ballots/:cardId', requireRole('viewer'), knownVote, ballot(-1));

  router.post(
    '/:id/votes/:voteId/end',
    requireRole('viewer'),
    knownVote,
    answered(async (req, res) => {
      res.json(await service.end(...ids(req), voterOf(req, res), isOwner(res)));
    }),
  );

  for (const format of ['csv', 'json'] as const) {
    router.get(
      `/:id/votes/:voteId/results.${format}`,
      requireRole('viewer'),
      knownVote,
      answered(async (req, res) => {
        const out = await service.export(...ids(req), format);
        const name = `vote-${String(req.params.voteId)}.${format}`;
        res.setHeader('content-disposition', `attachment; filename="${name}"`);
        if ('csv' in out) res.type('text/csv; charset=utf-8').send(out.csv);
        else res.json(out.json);
      }),
    );
  }

  return router;
}
