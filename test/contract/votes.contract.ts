/**
 * The contract of the vote store (`storage.votes`, server/storage/votes.ts). An adapter's test
 * file calls `votesContract(name, makeStorage)` with the factory it gives `storageContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardRecord, Storage } from '../../server/storage/storage.js';
import type { VoteRecord, VoteStore } from '../../server/storage/votes.js';
import type { StorageFixture } from './storage.contract.js';

const T0 = Date.parse('2024-05-01T08:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const EMPTY_UPDATE = new Uint8Array([0, 0]);

const board = (id: string): BoardRecord => ({
  id,
  title: `Board ${id}`,
  mapType: 'current-state',
  persona: '',
  createdAt: at(0),
  updatedAt: at(0),
  keyVersion: 1,
});

const vote = (id: string, boardId: string, extra: Partial<VoteRecord> = {}): VoteRecord => ({
  id,
  boardId,
  title: `Vote ${id}`,
  createdBy: 'u:anna',
  createdByName: 'Anna',
  votesPerPerson: 3,
  maxPerCard: null,
  scope: { kind: 'all' },
  eligibleCardIds: ['c1', 'c2', 'c3'],
  anonymous: false,
  createdAt: at(0),
  endsAt: null,
  status: 'running',
  endedAt: null,
  endedBy: null,
  ...extra,
});

const ben = { key: 'u:ben', name: 'Ben' };
const cleo = { key: 'g:cleo-guest-id-0001', name: 'Cleo' };

export function votesContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`${name}: votes`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let votes: VoteStore;
    let others: Storage[] = [];

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      votes = storage.votes;
      await storage.createBoard(board('b1'), EMPTY_UPDATE);
      await storage.createBoard(board('b2'), EMPTY_UPDATE);
    });

    afterEach(async () => {
      for (const other of others) await other.close();
      others = [];
      await storage.close();
      await fx.cleanup();
    });

    async function second(): Promise<Storage> {
      const other = await (fx.second ?? fx.reopen)();
      others.push(other);
      await other.init();
      return other;
    }

    it('W196: stores a running vote with its settings; one running vote per board', async () => {
      const v = vote('v1', 'b1', { maxPerCard: 2, scope: { kind: 'lanes', lanes: ['l1'] } });
      expect(await votes.createVote(v, at(0))).toBe('created');
      expect(await votes.getVote('b1', 'v1')).toEqual(v);
      expect(await votes.getVote('b2', 'v1')).toBeNull();
      expect(await votes.createVote(vote('v2', 'b1'), at(1))).toBe('busy');
      expect(await votes.createVote(vote('v3', 'b2'), at(1))).toBe('created');
      expect(await votes.createVote(vote('v4', 'nope'), at(1))).toBe('no-board');
      expect(await votes.endVote('v1', 'u:anna', at(2))).toBe(true);
      expect(await votes.createVote(vote('v2', 'b1', { createdAt: at(3) }), at(3))).toBe('created');
      expect((await votes.listVotes('b1')).map((x) => [x.id, x.status])).toEqual([
        ['v2', 'running'],
        ['v1', 'ended'],
      ]);
    });

    it('W197, W198: places and takes back dots within the allowance, the cap and the eligible cards', async () => {
      await votes.createVote(vote('v1', 'b1', { maxPerCard: 2 }), at(0));
      expect(await votes.castBallot('v1', ben, 'c1', 1, at(1))).toEqual({
        ok: true,
        dots: { c1: 1 },
        used: 1,
      });
      expect(await votes.castBallot('v1', ben, 'c1', 1, at(1))).toMatchObject({
        ok: true,
        used: 2,
      });
      expect(await votes.castBallot('v1', ben, 'c1', 1, at(1))).toEqual({
        ok: false,
        why: 'card-full',
      });
      expect(await votes.castBallot('v1', ben, 'zz', 1, at(1))).toEqual({
        ok: false,
        why: 'ineligible',
      });
      expect(await votes.castBallot('v1', ben, 'c2', 1, at(1))).toMatchObject({
        ok: true,
        used: 3,
      });
      expect(await votes.castBallot('v1', ben, 'c3', 1, at(1))).toEqual({
        ok: false,
        why: 'spent',
      });
      expect(await votes.castBallot('v1', ben, 'c3', -1, at(1))).toEqual({
        ok: false,
        why: 'none',
      });
      expect(await votes.castBallot('v1', ben, 'c2', -1, at(1))).toEqual({
        ok: true,
        dots: { c1: 2 },
        used: 2,
      });
      expect(await votes.castBallot('v1', cleo, 'c3', 1, at(1))).toMatchObject({
        ok: true,
        used: 1,
      });
      expect(await votes.castBallot('nope', ben, 'c1', 1, at(1))).toEqual({
        ok: false,
        why: 'unknown',
      });
      expect((await votes.getVoter('v1', ben.key))?.dots).toEqual({ c1: 2 });
      expect((await votes.listVoters('v1')).map((v) => [v.voter, v.name, v.used])).toEqual([
        [cleo.key, 'Cleo', 1],
        [ben.key, 'Ben', 2],
      ]);
    });

    it('W198, W206: refuses ballots after the end or past the time limit; the end is claimed once', async () => {
      await votes.createVote(vote('v1', 'b1', { endsAt: at(10) }), at(0));
      await votes.castBallot('v1', ben, 'c1', 1, at(9));
      expect(await votes.castBallot('v1', ben, 'c1', 1, at(10))).toEqual({
        ok: false,
        why: 'ended',
      });
      expect(await votes.castBallot('v1', ben, 'c1', -1, at(11))).toEqual({
        ok: false,
        why: 'ended',
      });
      expect(await votes.dueVotes(at(9), 10)).toEqual([]);
      expect(await votes.dueVotes(at(10), 10)).toEqual([{ id: 'v1', boardId: 'b1' }]);
      const other = await second();
      const claims = await Promise.all([
        votes.endVote('v1', 'deadline', at(12)),
        other.votes.endVote('v1', 'deadline', at(12)),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await votes.getVote('b1', 'v1')).toMatchObject({
        status: 'ended',
        endedAt: at(10),
        endedBy: 'deadline',
      });
      expect(await votes.dueVotes(at(20), 10)).toEqual([]);
      expect((await votes.getVoter('v1', ben.key))?.dots).toEqual({ c1: 1 });
      // A board whose timed vote ran out may start the next one before any check marked it.
      await votes.createVote(vote('v2', 'b2', { endsAt: at(5) }), at(0));
      expect(await votes.createVote(vote('v3', 'b2'), at(6))).toBe('created');
      expect(await votes.getVote('b2', 'v2')).toMatchObject({ status: 'ended', endedAt: at(5) });
    });

    it('W208: racing ballots of one person on two instances never pass the allowance', async () => {
      await votes.createVote(vote('v1', 'b1', { votesPerPerson: 4 }), at(0));
      const other = await second();
      const stores = [votes, other.votes];
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          stores[i % 2]!.castBallot('v1', ben, `c${(i % 3) + 1}`, 1, at(1)),
        ),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(4);
      expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.why === 'spent')).toBe(true);
      const stored = await votes.getVoter('v1', ben.key);
      expect(stored?.used).toBe(4);
      expect(Object.values(stored!.dots).reduce((a, b) => a + b, 0)).toBe(4);
    });

    it('W196: two instances starting a vote on one board at once: one gets it', async () => {
      const other = await second();
      const outcomes = await Promise.all([
        votes.createVote(vote('v1', 'b1'), at(0)),
        other.votes.createVote(vote('v2', 'b1'), at(0)),
      ]);
      expect(outcomes.sort()).toEqual(['busy', 'created']);
    });

    it('keeps votes and ballots across a reopen; deleting the board deletes them', async () => {
      await votes.createVote(vote('v1', 'b1', { endsAt: at(30) }), at(0));
      await votes.castBallot('v1', ben, 'c2', 1, at(1));
      await storage.close();
      storage = await fx.reopen();
      await storage.init();
      expect(await storage.votes.getVote('b1', 'v1')).toMatchObject({
        status: 'running',
        endsAt: at(30),
      });
      expect((await storage.votes.getVoter('v1', ben.key))?.dots).toEqual({ c2: 1 });
      expect(await storage.deleteBoard('b1')).toBe(true);
      expect(await storage.votes.listVotes('b1')).toEqual([]);
      expect(await storage.votes.listVoters('v1')).toEqual([]);
    });
  });
}
