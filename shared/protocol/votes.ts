/**
 * Dot voting on the wire (docs/WIRE.md W196–W209): what `/api/boards/:id/votes` takes and
 * answers. Ballots are held by the server; while a vote runs nobody is told anyone else's dots
 * or any total, the facilitator included. The board doc carries only the marker (model/vote.ts).
 */

export const VOTE_TITLE_MAX = 120;
/** Dots one person may place in one vote at most (the facilitator chooses up to this). */
export const VOTES_PER_PERSON_MAX = 50;
export const VOTES_PER_PERSON_DEFAULT = 3;
/** A time limit of at least 1 s and at most 24 h. */
export const VOTE_DURATION_MIN_MS = 1_000;
export const VOTE_DURATION_MAX_MS = 86_400_000;
/** At most this many lanes or cards name what may be voted on. */
export const VOTE_SCOPE_MAX = 2_000;
/**
 * A share-link guest's voter id, sent as this header on every vote call (W205): random, kept
 * by the browser, never shown to anyone. People who sign in are counted by their account.
 */
export const VOTER_ID_HEADER = 'x-voter-id';
/** A guest's display name for named votes (URI-encoded), as this header. */
export const VOTER_NAME_HEADER = 'x-voter-name';
export const VOTER_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
export const VOTER_NAME_MAX = 80;

/** What may be voted on: every card, the cards of some lanes, or a chosen set of cards. */
export type VoteScope =
  { kind: 'all' } | { kind: 'lanes'; lanes: string[] } | { kind: 'cards'; cardIds: string[] };

export interface NewVote {
  title: string;
  votesPerPerson: number;
  /** At most this many of one person's dots on one card; absent: no cap beyond the allowance. */
  maxPerCard?: number;
  lanes?: string[];
  cardIds?: string[];
  anonymous?: boolean;
  durationMs?: number;
}

/** A vote as everyone may see it, running or ended: its settings, never its ballots. */
export interface VoteInfo {
  id: string;
  boardId: string;
  title: string;
  votesPerPerson: number;
  maxPerCard: number | null;
  scope: VoteScope;
  /** The cards that may take dots, fixed when the vote started. */
  eligibleCardIds: string[];
  anonymous: boolean;
  /** Who started it (the facilitator), by name. */
  createdBy: string;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601: the time limit; null when it runs until ended. */
  endsAt: string | null;
  /** ISO 8601 when ended (by hand or by the time limit). */
  endedAt: string | null;
  /** Whether this caller may end it (the facilitator or a board owner). */
  canEnd: boolean;
}

/** One ranked result. `voters` only for named votes: who placed dots there, and how many. */
export interface VoteResult {
  rank: number;
  cardId: string;
  votes: number;
  voters?: { name: string; votes: number }[];
}

export type VoteView =
  | (VoteInfo & {
      status: 'running';
      /** Only the caller's own dots. */
      mine: Record<string, number>;
      remaining: number;
      /** The server's clock (ISO 8601), so a client can show time left whatever its own says. */
      now: string;
    })
  | (VoteInfo & {
      status: 'ended';
      /** Most votes first; ties in card id order. Cards without dots are left out. */
      results: VoteResult[];
      /** How many people placed at least one dot. */
      participants: number;
      mine: Record<string, number>;
      now: string;
    });

/** What placing or taking back a dot answers. */
export interface BallotView {
  mine: Record<string, number>;
  remaining: number;
}

/** A past or running vote in the board's list (`GET /api/boards/:id/votes`). */
export interface VoteListItem {
  id: string;
  title: string;
  status: 'running' | 'ended';
  createdBy: string;
  createdAt: string;
  endsAt: string | null;
  endedAt: string | null;
  anonymous: boolean;
}
