/**
 * The contract of the digest store (`storage.digests`, server/storage/digests.ts). An adapter's
 * test file calls `digestsContract(name, makeStorage)` with the factory it gives
 * `storageContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardRecord, Storage } from '../../server/storage/storage.js';
import type { StorageFixture } from './storage.contract.js';

const EMPTY_UPDATE = new Uint8Array([0, 0]);
const CREATED = '2024-05-01T08:00:00.000Z';
const board = (id: string, updatedAt = CREATED): BoardRecord => ({
  id,
  title: `Board ${id}`,
  mapType: 'current-state',
  persona: '',
  createdAt: CREATED,
  updatedAt,
  keyVersion: 1,
});
const LATER = '2024-05-02T08:00:00.000Z';
const digest = (boardId: string, text = '{"cards":1}', version = 1, computedAt = LATER) => ({
  boardId,
  digest: text,
  version,
  computedAt,
});

export function digestsContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`${name}: board digests`, () => {
    let fx: StorageFixture;
    let storage: Storage;

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      await storage.createBoard(board('b1'), EMPTY_UPDATE);
      await storage.createBoard(board('b2', '2024-05-01T09:00:00.000Z'), EMPTY_UPDATE);
    });

    afterEach(async () => {
      await storage.close();
      await fx.cleanup();
    });

    it('W291: a digest is stored, replaced whole and read back only for the boards asked', async () => {
      expect(await storage.digests.putDigest(digest('b1'))).toBe(true);
      expect(await storage.digests.putDigest(digest('b1', '{"cards":2}'))).toBe(true);
      expect(await storage.digests.putDigest(digest('nope'))).toBe(false);
      expect(await storage.digests.getDigests(['b1', 'b2', 'nope'])).toEqual([
        digest('b1', '{"cards":2}'),
      ]);
      expect(await storage.digests.getDigests([])).toEqual([]);
    });

    it('W291: missing, outdated and older-than-the-board digests are stale, oldest board first', async () => {
      expect(await storage.digests.staleDigests(1, 10)).toEqual(['b1', 'b2']);
      await storage.digests.putDigest(digest('b1'));
      await storage.digests.putDigest(digest('b2', '{}', 0));
      expect(await storage.digests.staleDigests(1, 10)).toEqual(['b2']);
      await storage.digests.putDigest(digest('b2'));
      expect(await storage.digests.staleDigests(1, 10)).toEqual([]);
      // An edit moves the board's updatedAt past its digest.
      await storage.appendUpdates([{ boardId: 'b1', docName: 'b1', update: EMPTY_UPDATE }]);
      expect(await storage.digests.staleDigests(1, 10)).toEqual(['b1']);
      expect(await storage.digests.staleDigests(2, 1)).toEqual(['b2']);
    });

    it('W291: many boards are read in one call, and a deleted board takes its digest along', async () => {
      const ids = Array.from({ length: 520 }, (_, i) => `m${i}`);
      for (const id of ids) {
        await storage.createBoard(board(id), EMPTY_UPDATE);
        await storage.digests.putDigest(digest(id));
      }
      expect((await storage.digests.getDigests(ids)).length).toBe(520);
      expect(await storage.deleteBoard('m7')).toBe(true);
      expect((await storage.digests.getDigests(['m7', 'm8'])).map((d) => d.boardId)).toEqual([
        'm8',
      ]);
    });

    it('W291: an unchanged digest of the same version is marked current, nothing else', async () => {
      await storage.digests.putDigest(digest('b1'));
      await storage.appendUpdates([{ boardId: 'b1', docName: 'b1', update: EMPTY_UPDATE }]);
      expect(await storage.digests.staleDigests(1, 10)).toEqual(['b2', 'b1']);
      const now = new Date(Date.now() + 1000).toISOString();
      expect(await storage.digests.markComputed('b1', 2, now)).toBe(false);
      expect(await storage.digests.markComputed('b2', 1, now)).toBe(false);
      expect(await storage.digests.markComputed('b1', 1, now)).toBe(true);
      expect(await storage.digests.staleDigests(1, 10)).toEqual(['b2']);
      expect(await storage.digests.getDigests(['b1'])).toEqual([
        digest('b1', '{"cards":1}', 1, now),
      ]);
    });
  });
}
