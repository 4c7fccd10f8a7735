import type { VoteScope } from '../../shared/protocol/votes.js';
import { iso } from './accountRows.js';
import type { SqlRunner } from './sqlPeople.js';
import {
  isOver,
  type BallotOutcome,
  type VoteRecord,
  type VoteStore,
  type VoterRecord,
} from './votes.js';

/**
 * The dot-voting tables, one entry per dialect, appended LAST to its adapter's migrations
 * (sqlite.ts, postgresSchema.ts). A voter's dots are one row (a JSON object card → dots) with a
 * version: every ballot is one conditional UPDATE of that row (compare-and-set), so racing
 * ballots of one person never add up past the allowance, on either database. At most one
 * running vote per board (a partial unique index).
 */
const voteTables = (time: string) =>
  `CREATE TABLE votes (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     title TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_by_name TEXT NOT NULL,
     votes_per_person INTEGER NOT NULL,
     max_per_card INTEGER,
     scope TEXT NOT NULL,
     eligible TEXT NOT NULL,
     anonymous INTEGER NOT NULL,
     created_at ${time} NOT NULL,
     ends_at ${time},
     status TEXT NOT NULL,
     ended_at ${time},
     ended_by TEXT
   );
   CREATE INDEX votes_board ON votes (board_id, created_at);
   CREATE INDEX votes_due ON votes (status, ends_at);
   CREATE UNIQUE INDEX votes_one_running ON votes (board_id) WHERE status = 'running';
   CREATE TABLE vote_voters (
     vote_id TEXT NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
     voter TEXT NOT NULL,
     name TEXT NOT NULL,
     dots TEXT NOT NULL,
     used INTEGER NOT NULL,
     version INTEGER NOT NULL,
     updated_at ${time} NOT NULL,
     PRIMARY KEY (vote_id, voter)
   );`;

export const SQLITE_VOTE_MIGRATION = voteTables('TEXT');
export const POSTGRES_VOTE_MIGRATION = voteTables('TIMESTAMPTZ');

type Stamp = string | Date;

interface VoteRow {
  id: string;
  board_id: string;
  title: string;
  created_by: string;
  created_by_name: string;
  votes_per_person: number;
  max_per_card: number | null;
  scope: string;
  eligible: string;
  anonymous: number;
  created_at: Stamp;
  ends_at: Stamp | null;
  status: string;
  ended_at: Stamp | null;
  ended_by: string | null;
}

interface VoterRow {
  vote_id: string;
  voter: string;
  name: string;
  dots: string;
  used: number;
  version: number;
}

const VOTE_COLUMNS =
  'id, board_id, title, created_by, created_by_name, votes_per_person, max_per_card, scope, ' +
  'eligible, anonymous, created_at, ends_at, status, ended_at, ended_by';
const VOTER_COLUMNS = 'vote_id, voter, name, dots, used, version';

const isoOrNull = (t: Stamp | null) => (t === null ? null : iso(t));

const toVote = (r: VoteRow): VoteRecord => ({
  id: r.id,
  boardId: r.board_id,
  title: r.title,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  votesPerPerson: Number(r.votes_per_person),
  maxPerCard: r.max_per_card === null ? null : Number(r.max_per_card),
  scope: JSON.parse(r.scope) as VoteScope,
  eligibleCardIds: JSON.parse(r.eligible) as string[],
  anonymous: Number(r.anonymous) === 1,
  createdAt: iso(r.created_at),
  endsAt: isoOrNull(r.ends_at),
  status: r.status === 'ended' ? 'ended' : 'running',
  endedAt: isoOrNull(r.ended_at),
  endedBy: r.ended_by,
});

const toVoter = (r: VoterRow): VoterRecord => ({
  voteId: r.vote_id,
  voter: r.voter,
  name: r.name,
  dots: JSON.parse(r.dots) as Record<string, number>,
  used: Number(r.used),
});

/** A compare-and-set that lost to a racing ballot is retried this often before giving up. */
const CAS_ATTEMPTS = 50;

/** The vote store both adapters share (same tables, `$n` parameters, portable SQL). */
export class SqlVotes implements VoteStore {
  constructor(private readonly sql: SqlRunner) {}

  private async vote(where: string, params: unknown[]): Promise<VoteRecord | null> {
    const [row] = await this.sql.rows<VoteRow>(
      `SELECT ${VOTE_COLUMNS} FROM votes WHERE ${where}`,
      params,
    );
    return row ? toVote(row) : null;
  }

  private async running(boardId: string): Promise<boolean> {
    const rows = await this.sql.rows(
      `SELECT 1 AS one FROM votes WHERE board_id = $1 AND status = 'running'`,
      [boardId],
    );
    return rows.length > 0;
  }

  async createVote(v: VoteRecord, now: string): Promise<'created' | 'busy' | 'no-board'> {
    const board = await this.sql.rows('SELECT 1 AS one FROM boards WHERE id = $1', [v.boardId]);
    if (board.length === 0) return 'no-board';
    // A timed vote whose deadline passed is over even if no check marked it yet.
    await this.sql.run(
      `UPDATE votes SET status = 'ended', ended_at = ends_at, ended_by = 'deadline'
       WHERE board_id = $1 AND status = 'running' AND ends_at IS NOT NULL AND ends_at <= $2`,
      [v.boardId, now],
    );
    if (await this.running(v.boardId)) return 'busy';
    try {
      await this.sql.run(
        `INSERT INTO votes (${VOTE_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'running', NULL, NULL)`,
        [
          v.id,
          v.boardId,
          v.title,
          v.createdBy,
          v.createdByName,
          v.votesPerPerson,
          v.maxPerCard,
          JSON.stringify(v.scope),
          JSON.stringify(v.eligibleCardIds),
          v.anonymous ? 1 : 0,
          v.createdAt,
          v.endsAt,
        ],
      );
    } catch (err) {
      // Two starts raced past the check: the unique index let one in.
      if (await this.running(v.boardId)) return 'busy';
      throw err;
    }
    return 'created';
  }

  getVote(boardId: string, voteId: string): Promise<VoteRecord | null> {
    return this.vote('id = $1 AND board_id = $2', [voteId, boardId]);
  }

  async listVotes(boardId: string): Promise<VoteRecord[]> {
    const rows = await this.sql.rows<VoteRow>(
      `SELECT ${VOTE_COLUMNS} FROM votes WHERE board_id = $1 ORDER BY created_at DESC, id DESC`,
      [boardId],
    );
    return rows.map(toVote);
  }

  async getVoter(voteId: string, voter: string): Promise<VoterRecord | null> {
    const [row] = await this.sql.rows<VoterRow>(
      `SELECT ${VOTER_COLUMNS} FROM vote_voters WHERE vote_id = $1 AND voter = $2`,
      [voteId, voter],
    );
    return row ? toVoter(row) : null;
  }

  async listVoters(voteId: string): Promise<VoterRecord[]> {
    const rows = await this.sql.rows<VoterRow>(
      `SELECT ${VOTER_COLUMNS} FROM vote_voters WHERE vote_id = $1 ORDER BY voter`,
      [voteId],
    );
    return rows.map(toVoter);
  }

  async castBallot(
    voteId: string,
    voter: { key: string; name: string },
    cardId: string,
    delta: 1 | -1,
    now: string,
  ): Promise<BallotOutcome> {
    const [row] = await this.sql.rows<VoteRow>(`SELECT ${VOTE_COLUMNS} FROM votes WHERE id = $1`, [
      voteId,
    ]);
    if (!row) return { ok: false, why: 'unknown' };
    const vote = toVote(row);
    if (isOver(vote, now)) return { ok: false, why: 'ended' };
    if (delta === 1 && !vote.eligibleCardIds.includes(cardId))
      return { ok: false, why: 'ineligible' };
    // The voter's row exists from their first ballot on (empty until the update below).
    await this.sql.run(
      `INSERT INTO vote_voters (vote_id, voter, name, dots, used, version, updated_at)
       VALUES ($1, $2, $3, '{}', 0, 0, $4) ON CONFLICT (vote_id, voter) DO NOTHING`,
      [voteId, voter.key, voter.name, now],
    );
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const [current] = await this.sql.rows<VoterRow>(
        `SELECT ${VOTER_COLUMNS} FROM vote_voters WHERE vote_id = $1 AND voter = $2`,
        [voteId, voter.key],
      );
      if (!current) return { ok: false, why: 'unknown' };
      const dots = toVoter(current).dots;
      const on = dots[cardId] ?? 0;
      const used = Number(current.used);
      if (delta === 1) {
        if (used >= vote.votesPerPerson) return { ok: false, why: 'spent' };
        if (vote.maxPerCard !== null && on >= vote.maxPerCard)
          return { ok: false, why: 'card-full' };
        dots[cardId] = on + 1;
      } else {
        if (on === 0) return { ok: false, why: 'none' };
        if (on === 1) delete dots[cardId];
        else dots[cardId] = on - 1;
      }
      // Compare-and-set on the version, and only while the vote runs: a racing ballot that
      // changed the row first makes this one re-read and decide again.
      const changed = await this.sql.run(
        `UPDATE vote_voters SET dots = $3, used = $4, version = $5 + 1, name = $6, updated_at = $7
         WHERE vote_id = $1 AND voter = $2 AND version = $5
           AND EXISTS (
             SELECT 1 FROM votes WHERE id = $1 AND status = 'running'
               AND (ends_at IS NULL OR ends_at > $7)
           )`,
        [
          voteId,
          voter.key,
          JSON.stringify(dots),
          used + delta,
          Number(current.version),
          voter.name,
          now,
        ],
      );
      if (changed > 0) return { ok: true, dots, used: used + delta };
      const latest = await this.vote('id = $1', [voteId]);
      if (!latest || isOver(latest, now)) return { ok: false, why: latest ? 'ended' : 'unknown' };
    }
    throw new Error(`vote ${voteId}: a ballot lost ${CAS_ATTEMPTS} races in a row`);
  }

  async endVote(voteId: string, by: string, now: string): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE votes SET status = 'ended', ended_by = $2,
         ended_at = CASE WHEN ends_at IS NOT NULL AND ends_at < $3 THEN ends_at ELSE $3 END
       WHERE id = $1 AND status = 'running'`,
      [voteId, by, now],
    );
    return changed > 0;
  }

  async dueVotes(now: string, limit: number): Promise<{ id: string; boardId: string }[]> {
    const rows = await this.sql.rows<{ id: string; board_id: string }>(
      `SELECT id, board_id FROM votes
       WHERE status = 'running' AND ends_at IS NOT NULL AND ends_at <= $1
       ORDER BY ends_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ id: r.id, boardId: r.board_id }));
  }
}
