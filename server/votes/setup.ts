import type express from 'express';
import { setVoteMarker } from '../../shared/model/vote.js';
import type { Boards } from '../boards.js';
import type { Config } from '../config.js';
import type { BoardsRouterDeps } from '../http/boardsRouter.js';
import { votesRouter } from '../http/votesRouter.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import { SERVER_ORIGIN } from '../updateOrigin.js';
import { VoteService } from './voteService.js';

export interface VotesWiring {
  service: VoteService;
  mount(app: express.Express): void;
  close(): void;
}

/**
 * Dot voting: the service over storage, its routes, and the deadline check every
 * `VOTE_CHECK_MS` on every instance (the store lets one instance end each vote, W206).
 */
export function setUpVotes(
  config: Config,
  parts: { storage: Storage; boards: Boards; access: BoardsRouterDeps['access']; log: Logger },
): VotesWiring {
  const { boards, log } = parts;
  const service = new VoteService({
    store: parts.storage.votes,
    readBoard: (boardId) => boards.exportJson(boardId),
    mark: async (boardId, marker) => {
      await boards.changeLive(boardId, (doc) => setVoteMarker(doc, marker, SERVER_ORIGIN));
    },
    log,
  });
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      await service.check();
    } catch (err) {
      log.warn({ err }, 'checking vote deadlines failed');
    } finally {
      running = false;
    }
  };
  // At start too: a vote whose deadline passed while every instance was down ends now.
  void check();
  const timer = setInterval(() => void check(), config.VOTE_CHECK_MS).unref();
  return {
    service,
    mount: (app) => app.use('/api/boards', votesRouter({ access: parts.access, service })),
    close: () => clearInterval(timer),
  };
}
