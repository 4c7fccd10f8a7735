/**
 * The contract of the link index (`storage.links`, server/storage/links.ts). An adapter's test
 * file calls `linksContract(name, makeStorage)` with the factory it gives `storageContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LinkStore } from '../../server/storage/links.js';
import type { BoardRecord, Storage } from '../../server/storage/storage.js';
import type { StorageFixture } from './storage.contract.js';

const EMPTY_UPDATE = new Uint8Array([0, 0]);
const board = (id: string): BoardRecord => ({
  id,
  title: `Board ${id}`,
  mapType: 'current-state',
  persona: '',
  createdAt: '2024-05-01T08:00:00.000Z',
  updatedAt: '2024-05-01T08:00:00.000Z',
  keyVersion: 1,
});

export function linksContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`${name}: links`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let links: LinkStore;

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      links = storage.links;
      for (const id of ['parent01', 'child001', 'child002'])
        await storage.createBoard(board(id), EMPTY_UPDATE);
    });

    afterEach(async () => {
      await storage.close();
      await fx.cleanup();
    });

    it('W243: replaces a board’s links and answers them from both ends', async () => {
      expect(
        await links.setLinks('parent01', [
          { itemKind: 'card', itemId: 'c1', boardId: 'child002' },
          { itemKind: 'stage', itemId: 's2', boardId: 'child001' },
          { itemKind: 'stage', itemId: 's1', boardId: 'child001' },
        ]),
      ).toBe(true);
      expect(await links.linksFrom('parent01')).toEqual([
        { fromBoard: 'parent01', itemKind: 'stage', itemId: 's1', boardId: 'child001' },
        { fromBoard: 'parent01', itemKind: 'stage', itemId: 's2', boardId: 'child001' },
        { fromBoard: 'parent01', itemKind: 'card', itemId: 'c1', boardId: 'child002' },
      ]);
      expect((await links.linksTo('child001')).map((l) => l.itemId)).toEqual(['s1', 's2']);
      await links.setLinks('parent01', [{ itemKind: 'card', itemId: 'c1', boardId: 'child001' }]);
      expect(await links.linksTo('child002')).toEqual([]);
      expect(await links.linksTo('child001')).toEqual([
        { fromBoard: 'parent01', itemKind: 'card', itemId: 'c1', boardId: 'child001' },
      ]);
      await links.setLinks('parent01', []);
      expect(await links.linksFrom('parent01')).toEqual([]);
    });

    it('W243: links to a board that does not exist are kept; an unknown source stores nothing', async () => {
      await links.setLinks('parent01', [
        { itemKind: 'stage', itemId: 's1', boardId: 'goneBoard1' },
      ]);
      expect((await links.linksTo('goneBoard1')).map((l) => l.fromBoard)).toEqual(['parent01']);
      expect(
        await links.setLinks('nosuchboard', [
          { itemKind: 'card', itemId: 'c', boardId: 'parent01' },
        ]),
      ).toBe(false);
      expect(await links.linksTo('parent01')).toEqual([]);
    });

    it('W243: deleting a board deletes the links it holds, not the links to it', async () => {
      await links.setLinks('parent01', [{ itemKind: 'stage', itemId: 's1', boardId: 'child001' }]);
      await links.setLinks('child001', [{ itemKind: 'card', itemId: 'c9', boardId: 'child002' }]);
      expect(await storage.deleteBoard('child001')).toBe(true);
      expect(await links.linksFrom('child001')).toEqual([]);
      expect(await links.linksTo('child002')).toEqual([]);
      expect((await links.linksTo('child001')).map((l) => l.fromBoard)).toEqual(['parent01']);
    });

    it('W243: answers the links among a set of boards', async () => {
      await links.setLinks('child002', [{ itemKind: 'card', itemId: 'c1', boardId: 'parent01' }]);
      await links.setLinks('parent01', [{ itemKind: 'stage', itemId: 's1', boardId: 'child001' }]);
      const among = await links.linksAmong(['parent01', 'child002', 'child001']);
      expect(among.map((l) => `${l.fromBoard}>${l.boardId}`)).toEqual([
        'child002>parent01',
        'parent01>child001',
      ]);
      expect(await links.linksAmong([])).toEqual([]);
    });

    it('W302: indexes the shared copies a board holds and answers them by origin board', async () => {
      const origin = (card: string) => ({ board: 'parent01', card });
      expect(
        await links.setSharedCopies('child002', [
          { cardId: 'copyB', origin: origin('pain1') },
          { cardId: 'copyA', origin: origin('pain2') },
        ]),
      ).toBe(true);
      await links.setSharedCopies('child001', [{ cardId: 'copyZ', origin: origin('pain1') }]);
      const copies = await links.sharedCopiesOf('parent01');
      expect(copies.map((c) => `${c.copyBoard}/${c.copyCard}<${c.originCard}`)).toEqual([
        'child001/copyZ<pain1',
        'child002/copyA<pain2',
        'child002/copyB<pain1',
      ]);
      // A replace drops what the board no longer holds; a deleted copy board drops its rows.
      await links.setSharedCopies('child002', [{ cardId: 'copyA', origin: origin('pain2') }]);
      expect(await storage.deleteBoard('child001')).toBe(true);
      expect(await links.sharedCopiesOf('parent01')).toEqual([
        { copyBoard: 'child002', copyCard: 'copyA', originBoard: 'parent01', originCard: 'pain2' },
      ]);
      // An origin board that is gone keeps its copies indexed (they read as removed).
      expect(await storage.deleteBoard('parent01')).toBe(true);
      expect(await links.sharedCopiesOf('parent01')).toHaveLength(1);
      expect(await links.setSharedCopies('nosuchboard', [])).toBe(false);
    });

    it('W279: lists the boards whose links were never written, oldest update first', async () => {
      expect(await links.unreadBoards(10)).toEqual(['child001', 'child002', 'parent01']);
      expect(await links.unreadBoards(1)).toEqual(['child001']);
      // Writing a board's links, even none, marks it read; an unknown board marks nothing.
      await links.setLinks('child002', []);
      await links.setLinks('parent01', [{ itemKind: 'stage', itemId: 's1', boardId: 'child001' }]);
      await links.setLinks('nosuchboard', []);
      expect(await links.unreadBoards(10)).toEqual(['child001']);
      await links.setLinks('child001', []);
      expect(await links.unreadBoards(10)).toEqual([]);
      // A deleted board's record goes with it; a new board with that id is unread again.
      expect(await storage.deleteBoard('child002')).toBe(true);
      await storage.createBoard(board('child002'), EMPTY_UPDATE);
      expect(await links.unreadBoards(10)).toEqual(['child002']);
    });
  });
}
