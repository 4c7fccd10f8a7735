import type { BoardJson } from '../../shared/model/json.js';
import { newId } from '../../shared/model/order.js';
import type { VoteMarker } from '../../shared/model/vote.js';
import type {
  BallotView,
  NewVote,
  VoteInfo,
  VoteListItem,
  VoteScope,
  VoteView,
} from '../../shared/protocol/votes.js';
import type { Logger } from '../logger.js';
import { isOver, type BallotRefusal, type VoteRecord, type VoteStore } from '../storage/votes.js';
import { rankResults, resultsCsv } from './results.js';

/** Who votes: `u:<user id>` for a person, `g:<guest id>` for a share-link guest (W205). */
export interface Voter {
  key: string;
  name: string;
}

/** Why a call was refused; `field` names the body field at fault. */
export class VoteRefused extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'VoteRefused';
  }
}

export interface VoteServiceDeps {
  store: VoteStore;
  /** The board as it is now (live room, else storage); null when it does not exist. */
  readBoard(boardId: string): Promise<BoardJson | null>;
  /** Writes the marker into the board's live doc (W207). */
  mark(boardId: string, marker: VoteMarker): Promise<void>;
  log: Logger;
  now?: () => Date;
}

/** Deadlines handled per check at most; the rest wait for the next. */
const DUE_PER_CHECK = 100;

/**
 * Dot voting (W196–W209): votes and ballots live in storage (so any instance serves any call and
 * a restart keeps them); the board doc only learns which vote runs and when it ended.
 */
export class VoteService {
  private readonly now: () => Date;

  constructor(private readonly deps: VoteServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  private info(vote: VoteRecord, voter: Voter | null, isOwner: boolean): VoteInfo {
    return {
      id: vote.id,
      boardId: vote.boardId,
      title: vote.title,
      votesPerPerson: vote.votesPerPerson,
      maxPerCard: vote.maxPerCard,
      scope: vote.scope,
      eligibleCardIds: vote.eligibleCardIds,
      anonymous: vote.anonymous,
      createdBy: vote.createdByName,
      createdAt: vote.createdAt,
      endsAt: vote.endsAt,
      endedAt: vote.endedAt ?? (isOver(vote, this.iso()) ? vote.endsAt : null),
      canEnd: isOwner || (voter !== null && voter.key === vote.createdBy),
    };
  }

  private iso(): string {
    return this.now().toISOString();
  }

  private async stored(boardId: string, voteId: string): Promise<VoteRecord> {
    const vote = await this.deps.store.getVote(boardId, voteId);
    if (!vote) throw new VoteRefused(404, `no vote '${voteId}' on this board`);
    return vote;
  }

  /** A vote past its time limit that no check marked yet is marked now (once, W206). */
  private async settle(vote: VoteRecord): Promise<VoteRecord> {
    if (vote.status === 'ended' || !isOver(vote, this.iso())) return vote;
    if (await this.deps.store.endVote(vote.id, 'deadline', this.iso())) await this.reveal(vote);
    return (await this.deps.store.getVote(vote.boardId, vote.id)) ?? vote;
  }

  private reveal(vote: VoteRecord): Promise<void> {
    return this.writeMarker(vote, 'ended');
  }

  private async writeMarker(vote: VoteRecord, status: VoteMarker['status']): Promise<void> {
    const { id, title, endsAt, boardId } = vote;
    try {
      await this.deps.mark(boardId, { id, title, endsAt, status });
    } catch (err) {
      // Storage holds the truth either way; clients also re-read the vote at its deadline.
      this.deps.log.warn({ err, boardId, voteId: id }, 'vote marker not written');
    }
  }

  async create(boardId: string, voter: Voter, body: NewVote): Promise<VoteView> {
    if (body.lanes && body.cardIds)
      throw new VoteRefused(400, 'give lanes or cardIds, not both', 'cardIds');
    if (body.maxPerCard !== undefined && body.maxPerCard > body.votesPerPerson)
      throw new VoteRefused(400, 'cannot be more than votesPerPerson', 'maxPerCard');
    const board = await this.deps.readBoard(boardId);
    if (!board) throw new VoteRefused(404, 'no such board');
    let scope: VoteScope = { kind: 'all' };
    let eligible = board.cards;
    if (body.lanes) {
      const known = new Set(board.lanes.map((l) => l.id));
      const missing = body.lanes.find((id) => !known.has(id));
      if (missing !== undefined)
        throw new VoteRefused(400, `no lane '${missing}' on this board`, 'lanes');
      const lanes = new Set(body.lanes);
      scope = { kind: 'lanes', lanes: [...lanes] };
      eligible = board.cards.filter((c) => lanes.has(c.laneId));
    } else if (body.cardIds) {
      const known = new Set(board.cards.map((c) => c.id));
      const missing = body.cardIds.find((id) => !known.has(id));
      if (missing !== undefined)
        throw new VoteRefused(400, `no card '${missing}' on this board`, 'cardIds');
      const chosen = new Set(body.cardIds);
      scope = { kind: 'cards', cardIds: [...chosen] };
      eligible = board.cards.filter((c) => chosen.has(c.id));
    }
    if (eligible.length === 0)
      throw new VoteRefused(400, 'there are no cards to vote on in what was chosen', 'lanes');
    const now = this.now();
    const vote: VoteRecord = {
      id: newId(),
      boardId,
      title: body.title,
      createdBy: voter.key,
      createdByName: voter.name,
      votesPerPerson: body.votesPerPerson,
      maxPerCard: body.maxPerCard ?? null,
      scope,
      eligibleCardIds: eligible.map((c) => c.id),
      anonymous: body.anonymous ?? false,
      createdAt: now.toISOString(),
      endsAt: body.durationMs ? new Date(now.getTime() + body.durationMs).toISOString() : null,
      status: 'running',
      endedAt: null,
      endedBy: null,
    };
    const outcome = await this.deps.store.createVote(vote, vote.createdAt);
    if (outcome === 'no-board') throw new VoteRefused(404, 'no such board');
    if (outcome === 'busy')
      throw new VoteRefused(409, 'a vote is already running on this board; end it first');
    await this.writeMarker(vote, 'running');
    this.deps.log.info({ boardId, voteId: vote.id }, 'vote started');
    return this.view(vote, voter, false);
  }

  /** Running: only the caller's own dots (W199). Ended: the ranked results (W202). */
  private async view(vote: VoteRecord, voter: Voter | null, isOwner: boolean): Promise<VoteView> {
    const info = this.info(vote, voter, isOwner);
    const mine = (voter && (await this.deps.store.getVoter(vote.id, voter.key))?.dots) ?? {};
    const now = this.iso();
    if (!isOver(vote, now)) {
      const used = Object.values(mine).reduce((a, b) => a + b, 0);
      return { ...info, status: 'running', mine, remaining: vote.votesPerPerson - used, now };
    }
    const voters = await this.deps.store.listVoters(vote.id);
    return {
      ...info,
      status: 'ended',
      results: rankResults(vote, voters),
      participants: voters.filter((v) => v.used > 0).length,
      mine,
      now,
    };
  }

  async get(boardId: string, voteId: string, voter: Voter | null, isOwner: boolean) {
    return this.view(await this.settle(await this.stored(boardId, voteId)), voter, isOwner);
  }

  async list(boardId: string): Promise<VoteListItem[]> {
    const now = this.iso();
    return (await this.deps.store.listVotes(boardId)).map((v) => ({
      id: v.id,
      title: v.title,
      status: isOver(v, now) ? 'ended' : 'running',
      createdBy: v.createdByName,
      createdAt: v.createdAt,
      endsAt: v.endsAt,
      endedAt: v.endedAt ?? (isOver(v, now) ? v.endsAt : null),
      anonymous: v.anonymous,
    }));
  }

  async ballot(
    boardId: string,
    voteId: string,
    voter: Voter,
    cardId: string,
    delta: 1 | -1,
  ): Promise<BallotView> {
    const vote = await this.stored(boardId, voteId);
    const outcome = await this.deps.store.castBallot(voteId, voter, cardId, delta, this.iso());
    if (!outcome.ok) {
      if (outcome.why === 'ended') await this.settle(vote);
      throw new VoteRefused(
        outcome.why === 'unknown' ? 404 : 409,
        refusal(outcome.why, vote, cardId),
      );
    }
    return { mine: outcome.dots, remaining: vote.votesPerPerson - outcome.used };
  }

  /** The facilitator or a board owner ends it (W201); an ended vote answers its results. */
  async end(boardId: string, voteId: string, voter: Voter | null, isOwner: boolean) {
    const vote = await this.stored(boardId, voteId);
    if (!isOwner && (voter === null || voter.key !== vote.createdBy))
      throw new VoteRefused(403, 'only whoever started the vote or a board owner can end it');
    if (!isOver(vote, this.iso())) {
      if (await this.deps.store.endVote(voteId, voter?.key ?? 'owner', this.iso())) {
        this.deps.log.info({ boardId, voteId }, 'vote ended');
        await this.reveal(vote);
      }
    } else await this.settle(vote);
    return this.view(await this.stored(boardId, voteId), voter, isOwner);
  }

  /** The results for export (W204): JSON as GET answers it, or CSV. */
  async export(boardId: string, voteId: string, format: 'csv' | 'json') {
    const vote = await this.settle(await this.stored(boardId, voteId));
    if (!isOver(vote, this.iso()))
      throw new VoteRefused(409, 'the vote is still running; its results exist once it ends');
    const view = await this.view(vote, null, false);
    if (view.status !== 'ended') throw new VoteRefused(409, 'the vote is still running');
    if (format === 'json') {
      const { canEnd: _canEnd, mine: _mine, ...rest } = view;
      return { json: rest };
    }
    return { csv: resultsCsv(vote, view.results, await this.deps.readBoard(boardId)) };
  }

  /** Marks the votes whose time limit passed and reveals them (every `VOTE_CHECK_MS`, W206). */
  async check(): Promise<number> {
    const due = await this.deps.store.dueVotes(this.iso(), DUE_PER_CHECK);
    let ended = 0;
    for (const { id, boardId } of due) {
      const vote = await this.deps.store.getVote(boardId, id);
      if (vote && (await this.deps.store.endVote(id, 'deadline', this.iso()))) {
        ended++;
        await this.reveal(vote);
      }
    }
    return ended;
  }
}

function refusal(why: BallotRefusal, vote: VoteRecord, cardId: string): string {
  switch (why) {
    case 'unknown':
      return `no vote '${vote.id}' on this board`;
    case 'ended':
      return 'the vote has ended; no more votes can be placed or taken back';
    case 'ineligible':
      return `card '${cardId}' is not part of this vote`;
    case 'spent':
      return `you have no votes left (${vote.votesPerPerson} per person); take one back first`;
    case 'card-full':
      return `at most ${vote.maxPerCard} of your votes can go on one card`;
    case 'none':
      return 'you have no vote on that card to take back';
  }
}
