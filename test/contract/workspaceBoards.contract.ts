/**
 * The contract of `AccountStore#listUserBoards` (the boards page across workspaces, W155): an
 * adapter's test file calls `workspaceBoardsContract(name, makeStorage)` with the factory it
 * gives `accountsContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore, WorkspaceRole } from '../../server/storage/accounts.js';
import type { Storage } from '../../server/storage/storage.js';
import type { StorageFixture } from './storage.contract.js';

const T0 = Date.parse('2024-05-01T08:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const EMPTY_UPDATE = new Uint8Array([0, 0]);

export function workspaceBoardsContract(
  name: string,
  makeStorage: () => Promise<StorageFixture>,
): void {
  describe(`${name}: boards across workspaces`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let accounts: AccountStore;

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      accounts = storage.accounts;
    });

    afterEach(async () => {
      await storage.close();
      await fx.cleanup();
    });

    const person = (id: string) =>
      accounts.createUser({
        id,
        email: `${id}@example.com`,
        name: `User ${id}`,
        avatarUrl: null,
        createdAt: at(0),
        lastActiveAt: at(0),
        disabled: false,
      });
    const space = (id: string) =>
      accounts.createWorkspace({
        id,
        name: `Space ${id}`,
        createdAt: at(0),
        openSignup: false,
        guestLinks: true,
      });
    const join = (workspaceId: string, userId: string, role: WorkspaceRole) =>
      accounts.putMember({ workspaceId, userId, role, joinedAt: at(0) });
    const boardIn = async (id: string, workspaceId: string | null) => {
      await storage.createBoard(
        {
          id,
          title: id,
          mapType: 'current-state',
          persona: '',
          createdAt: at(0),
          updatedAt: at(0),
          keyVersion: 1,
        },
        EMPTY_UPDATE,
      );
      if (workspaceId) await accounts.setBoardWorkspace(id, workspaceId);
    };

    it('lists the boards of every workspace of the user, with role, owner and last look', async () => {
      for (const id of ['ann', 'bob', 'cat']) await person(id);
      await space('wa');
      await space('wb');
      await space('wc');
      await join('wa', 'ann', 'admin');
      await join('wb', 'ann', 'guest');
      await join('wb', 'bob', 'admin');
      await join('wc', 'bob', 'admin');
      await boardIn('a1', 'wa');
      await boardIn('b1', 'wb');
      await boardIn('b2', 'wb');
      await boardIn('c1', 'wc'); // bob's alone
      await boardIn('loose', null); // open mode, not adopted: nobody's
      await accounts.setBoardRole('a1', 'ann', 'owner');
      await accounts.setBoardRole('b1', 'bob', 'owner');
      await accounts.setBoardRole('b1', 'ann', 'editor');
      // Two owners: the lowest id is named, and the listing still has one row per board.
      await accounts.setBoardRole('b2', 'cat', 'owner');
      await accounts.setBoardRole('b2', 'bob', 'owner');
      await accounts.setBoardSeen('ann', 'b1', at(7));
      await accounts.setBoardSeen('bob', 'a1', at(8)); // not ann's look

      expect(await accounts.listUserBoards('ann')).toEqual([
        {
          boardId: 'a1',
          workspaceId: 'wa',
          workspaceName: 'Space wa',
          memberRole: 'admin',
          boardRole: 'owner',
          owner: { id: 'ann', name: 'User ann' },
          seenAt: null,
        },
        {
          boardId: 'b1',
          workspaceId: 'wb',
          workspaceName: 'Space wb',
          memberRole: 'guest',
          boardRole: 'editor',
          owner: { id: 'bob', name: 'User bob' },
          seenAt: at(7),
        },
        {
          boardId: 'b2',
          workspaceId: 'wb',
          workspaceName: 'Space wb',
          memberRole: 'guest',
          boardRole: null,
          owner: { id: 'bob', name: 'User bob' },
          seenAt: null,
        },
      ]);
      expect((await accounts.listUserBoards('bob')).map((b) => b.boardId)).toEqual([
        'b1',
        'b2',
        'c1',
      ]);
      expect(await accounts.listUserBoards('cat')).toEqual([]);
      expect(await accounts.listUserBoards('nobody')).toEqual([]);
    });

    it('follows membership, moves and deletions', async () => {
      await person('ann');
      await space('wa');
      await space('wb');
      await join('wa', 'ann', 'member');
      await join('wb', 'ann', 'member');
      await boardIn('x', 'wa');
      await boardIn('y', 'wb');
      expect((await accounts.listUserBoards('ann')).map((b) => b.boardId)).toEqual(['x', 'y']);
      await accounts.removeMember('wb', 'ann');
      expect((await accounts.listUserBoards('ann')).map((b) => b.boardId)).toEqual(['x']);
      await accounts.setBoardWorkspace('x', 'wb');
      expect(await accounts.listUserBoards('ann')).toEqual([]);
      await accounts.setBoardWorkspace('x', 'wa');
      expect(await storage.deleteBoard('x')).toBe(true);
      expect(await accounts.listUserBoards('ann')).toEqual([]);
    });
  });
}
