import type { VoteScope } from '../../shared/protocol/votes.js';

/**
 * Dot voting: the storage port behind server/votes/. Both adapters run the same SQL
 * (sqlVotes.ts); test/contract/votes.contract.ts is its contract. Timestamps are
 * `Date#toISOString()` strings. A voter is a key: `u:<user id>` for a person, `g:<guest id>`
 * for a share-link guest (W205).
 */

export interface VoteRecord {
  id: string;
  boardId: string;
  title: string;
  /** The facilitator's voter key. */
  createdBy: string;
  createdByName: string;
  votesPerPerson: number;
  maxPerCard: number | null;
  scope: VoteScope;
  /** Fixed at the start. */
  eligibleCardIds: string[];
  anonymous: boolean;
  createdAt: string;
  endsAt: string | null;
  /** Stored state: a vote past `endsAt` is over whether or not a check marked it yet. */
  status: 'running' | 'ended';
  endedAt: string | null;
  /** A voter key, or `deadline`. */
  endedBy: string | null;
}

/** One person's dots in one vote, as cast. */
export interface VoterRecord {
  voteId: string;
  voter: string;
  name: string;
  /** Card id → dots (only cards with at least one). */
  dots: Record<string, number>;
  used: number;
}

export type BallotRefusal =
  /** No such vote. */
  | 'unknown'
  /** Ended, by hand or past its time limit. */
  | 'ended'
  | 'ineligible'
  /** No dots left. */
  | 'spent'
  /** `maxPerCard` reached on that card. */
  | 'card-full'
  /** Taking back a dot from a card without one of the voter's. */
  | 'none';

export type BallotOutcome =
  { ok: true; dots: Record<string, number>; used: number } | { ok: false; why: BallotRefusal };

/** Whether a vote is over at `now`: ended, or past its time limit. */
export const isOver = (vote: Pick<VoteRecord, 'status' | 'endsAt'>, now: string): boolean =>
  vote.status === 'ended' || (vote.endsAt !== null && vote.endsAt <= now);

export interface VoteStore {
  /**
   * Stores a running vote. First marks the board's running vote ended when its time limit has
   * passed (at `now`); then `busy` when another still runs (one at a time per board, also under
   * a race), `no-board` when the board does not exist.
   */
  createVote(vote: VoteRecord, now: string): Promise<'created' | 'busy' | 'no-board'>;
  /** Null when unknown or of another board. */
  getVote(boardId: string, voteId: string): Promise<VoteRecord | null>;
  /** Newest first (ties: by id, descending). */
  listVotes(boardId: string): Promise<VoteRecord[]>;
  /** Null when the voter never placed a dot. */
  getVoter(voteId: string, voter: string): Promise<VoterRecord | null>;
  /** Everyone who placed a dot (and may have taken it back), by voter key. */
  listVoters(voteId: string): Promise<VoterRecord[]>;
  /**
   * Places (`+1`) or takes back (`-1`) one of `voter`'s dots on `cardId`, if the vote runs at
   * `now` and the rules allow it. A conditional update of the voter's row: of racing calls on
   * any instance, none can take the voter past the allowance or a card past `maxPerCard`.
   */
  castBallot(
    voteId: string,
    voter: { key: string; name: string },
    cardId: string,
    delta: 1 | -1,
    now: string,
  ): Promise<BallotOutcome>;
  /**
   * Marks a vote ended (at `now`, or at its time limit when that passed first); false when it
   * was already marked ended, or unknown. Of racing calls (a hand and the deadline check, two
   * instances) one gets true.
   */
  endVote(voteId: string, by: string, now: string): Promise<boolean>;
  /** Running votes past their time limit at `now` (not yet marked ended), oldest first. */
  dueVotes(now: string, limit: number): Promise<{ id: string; boardId: string }[]>;
}
