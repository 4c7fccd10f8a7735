/**
 * The contract of the image store (`storage.images`, server/storage/images.ts). An adapter's
 * test file calls `imagesContract(name, makeStorage)` with the factory it gives `storageContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageStore, NewImage } from '../../server/storage/images.js';
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

/** Bytes that are not an image: this layer stores what it is given. */
const image = (id: string, size: number, thumbSize = 10, minute = 0): NewImage => ({
  id,
  type: 'image/webp',
  width: 640,
  height: 480,
  data: new Uint8Array(size).map((_, i) => (i * 7 + id.length) & 0xff),
  thumb: { width: 320, height: 240, data: new Uint8Array(thumbSize).fill(9) },
  createdAt: new Date(Date.parse('2024-05-01T08:00:00.000Z') + minute * 60_000).toISOString(),
});

const BUDGET = 1_000;

export function imagesContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`${name}: images`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let images: ImageStore;

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      images = storage.images;
      await storage.createBoard(board('b1'), EMPTY_UPDATE);
      await storage.createBoard(board('b2'), EMPTY_UPDATE);
    });

    afterEach(async () => {
      await storage.close();
      await fx.cleanup();
    });

    it('W224: stores both renditions byte for byte, scoped to the board', async () => {
      const a = image('imgA', 300, 40);
      expect(await images.putImage('b1', a, BUDGET)).toBe('stored');
      const full = await images.getImage('b1', 'imgA', 'full');
      expect(full?.data).toEqual(a.data);
      expect(full?.meta).toEqual({
        id: 'imgA',
        boardId: 'b1',
        type: 'image/webp',
        width: 640,
        height: 480,
        bytes: 300,
        thumbWidth: 320,
        thumbHeight: 240,
        thumbBytes: 40,
        createdAt: a.createdAt,
      });
      expect((await images.getImage('b1', 'imgA', 'thumb'))?.data).toEqual(a.thumb.data);
      expect(await images.getImage('b2', 'imgA', 'full')).toBeNull();
      expect(await images.getImage('b1', 'nope', 'full')).toBeNull();
      expect(await images.imageBytesForBoard('b1')).toBe(340);
      expect(await images.imageBytesForBoard('b2')).toBe(0);
    });

    it('W224: the same id on a board is stored once; on another board it is another image', async () => {
      expect(await images.putImage('b1', image('same', 100), BUDGET)).toBe('stored');
      expect(await images.putImage('b1', image('same', 100), BUDGET)).toBe('exists');
      expect(await images.putImage('b2', image('same', 100), BUDGET)).toBe('stored');
      expect(await images.listImages('b1')).toHaveLength(1);
      expect(await images.imageBytesForBoard('b1')).toBe(110);
    });

    it('S108: refuses past the board budget and stores nothing; an unknown board is no-board', async () => {
      expect(await images.putImage('b1', image('one', 500, 100), BUDGET)).toBe('stored');
      expect(await images.putImage('b1', image('two', 390, 10), BUDGET)).toBe('stored');
      expect(await images.putImage('b1', image('three', 1, 0), BUDGET)).toBe('over-budget');
      // A picture already held is no new bytes: still "exists", whatever the budget.
      expect(await images.putImage('b1', image('one', 500, 100), BUDGET)).toBe('exists');
      expect(await images.putImage('b2', image('three', 1, 0), BUDGET)).toBe('stored');
      expect(await images.putImage('nope', image('x', 1), BUDGET)).toBe('no-board');
      expect((await images.listImages('b1')).map((m) => m.id)).toEqual(['one', 'two']);
    });

    it('W224: lists oldest first without bytes, survives a reopen, and goes with its board', async () => {
      await images.putImage('b1', image('late', 20, 10, 5), BUDGET);
      await images.putImage('b1', image('early', 30, 10, 1), BUDGET);
      expect((await images.listImages('b1')).map((m) => [m.id, m.bytes])).toEqual([
        ['early', 30],
        ['late', 20],
      ]);
      await storage.close();
      storage = await fx.reopen();
      await storage.init();
      images = storage.images;
      expect((await images.getImage('b1', 'late', 'full'))?.data).toEqual(image('late', 20).data);
      expect(await storage.deleteBoard('b1')).toBe(true);
      expect(await images.listImages('b1')).toEqual([]);
      expect(await images.getImage('b1', 'late', 'full')).toBeNull();
      expect(await images.imageBytesForBoard('b1')).toBe(0);
    });
  });
}
