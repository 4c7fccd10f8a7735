/**
 * The contract of the search store (`storage.search`, server/storage/search.ts). An adapter's
 * test file calls `searchContract(name, makeStorage)` with the factory it gives `storageContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchEntry, SearchHit, SearchStore } from '../../server/storage/search.js';
import { parseSearchQuery } from '../../server/storage/searchText.js';
import type { BoardRecord, Storage } from '../../server/storage/storage.js';
import type { StorageFixture } from './storage.contract.js';

const EMPTY_UPDATE = new Uint8Array([0, 0]);
const board = (id: string, updatedAt = '2024-05-01T08:00:00.000Z'): BoardRecord => ({
  id,
  title: `Board ${id}`,
  mapType: 'current-state',
  persona: '',
  createdAt: '2024-05-01T08:00:00.000Z',
  updatedAt,
  keyVersion: 1,
});

const card = (cardId: string, text: string): SearchEntry => ({
  kind: 'card',
  cardId,
  context: 'Onboarding › Actions',
  text,
});

/** The marked words of a hit, as the client would show them. */
const marked = (hit: SearchHit) => hit.highlights.map(([s, e]) => hit.snippet.slice(s, e));

const LATER = '2024-06-01T08:00:00.000Z';

export function searchContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`${name}: search`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let search: SearchStore;
    const find = (q: string, boardIds: string[] | 'all' = ['b1', 'b2'], limit = 20) =>
      search.search(parseSearchQuery(q), boardIds === 'all' ? 'all' : { boardIds }, limit);

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      search = storage.search;
      await storage.createBoard(board('b1'), EMPTY_UPDATE);
      await storage.createBoard(board('b2'), EMPTY_UPDATE);
      await search.indexBoard(
        'b1',
        [
          { kind: 'board', context: '', text: 'Customer lifecycle · Sam the shopper' },
          card('c1', 'Onboarding call feels long · Sam · phone'),
          card('c2', 'Café visit: the barista forgot the order'),
          { kind: 'comment', threadId: 't1', cardId: 'c1', context: '', text: 'Shorten the call?' },
        ],
        LATER,
      );
      await search.indexBoard('b2', [card('d1', 'Onboarding email arrives late')], LATER);
    });

    afterEach(async () => {
      await storage.close();
      await fx.cleanup();
    });

    it('W266: finds every word, a word by its beginning, whatever its case and accents', async () => {
      const hits = await find('ONBOARD');
      expect(hits.map((h) => [h.boardId, h.cardId]).sort()).toEqual([
        ['b1', 'c1'],
        ['b2', 'd1'],
      ]);
      expect(hits[0]).toMatchObject({ kind: 'card', context: 'Onboarding › Actions' });
      const cafe = await find('cafe barista');
      expect(cafe).toHaveLength(1);
      expect(cafe[0]).toMatchObject({ boardId: 'b1', boardTitle: 'Board b1', cardId: 'c2' });
      expect(marked(cafe[0]!)).toEqual(['Café', 'barista']);
      // Every word must match: none holds both.
      expect(await find('barista email')).toEqual([]);
      const comment = await find('shorten');
      expect(comment).toEqual([
        expect.objectContaining({ kind: 'comment', threadId: 't1', cardId: 'c1' }),
      ]);
    });

    it('W266: the snippet is plain text around the match with its ranges', async () => {
      const long = `${'filler '.repeat(60)}the needle is here ${'tail '.repeat(60)}`.trim();
      await search.indexBoard('b2', [card('d2', long)], LATER);
      const [hit] = await find('needle');
      expect(hit!.snippet.length).toBeLessThanOrEqual(162);
      expect(hit!.snippet.startsWith('…')).toBe(true);
      expect(hit!.snippet.endsWith('…')).toBe(true);
      expect(marked(hit!)).toEqual(['needle']);
    });

    it('S120: finds nothing outside the boards it is given', async () => {
      expect((await find('onboarding', ['b2'])).map((h) => h.boardId)).toEqual(['b2']);
      expect(await find('onboarding', [])).toEqual([]);
      expect(await find('onboarding', ['nope'])).toEqual([]);
      expect(await find('onboarding', 'all')).toHaveLength(2);
    });

    it('W266: indexing a board again replaces its entries; a delete removes them', async () => {
      await search.indexBoard('b1', [card('c9', 'Only this now')], LATER);
      expect(await find('onboarding')).toEqual([expect.objectContaining({ boardId: 'b2' })]);
      expect(await find('only')).toEqual([expect.objectContaining({ cardId: 'c9' })]);
      await search.clearBoard('b1');
      expect(await find('only')).toEqual([]);
      expect(await storage.deleteBoard('b2')).toBe(true);
      expect(await find('onboarding', 'all')).toEqual([]);
      // An unknown (or just deleted) board stores nothing.
      await search.indexBoard('b2', [card('x', 'ghost text')], LATER);
      expect(await find('ghost', 'all')).toEqual([]);
    });

    it('S121: query syntax in the text is harmless', async () => {
      for (const q of [
        '"onboarding',
        'onboarding*',
        '-onboarding',
        'body:onboarding',
        'NEAR(onboarding call)',
        "onboarding' | !late",
        'onboarding OR 1=1 --',
        '(call) AND ^late',
      ]) {
        const hits = await find(q);
        expect(Array.isArray(hits)).toBe(true);
      }
      expect((await find('"onboarding*')).length).toBe(2);
      expect(() => parseSearchQuery('"*-:')).toThrow(/no word/);
      expect(() => parseSearchQuery('  ')).toThrow(/empty/);
      expect(() => parseSearchQuery('x'.repeat(201))).toThrow(/at most 200/);
      await expect(search.search({ words: ['a"b'], prefix: [false] }, 'all', 5)).rejects.toThrow(
        /plain word/,
      );
    });

    it('W266: ranks and limits: the best hits first, no more than asked', async () => {
      await search.indexBoard(
        'b2',
        [card('d1', 'late'), card('d2', 'late late late, always late'), card('d3', 'early')],
        LATER,
      );
      const hits = await find('late', ['b2'], 1);
      expect(hits).toHaveLength(1);
      expect(hits[0]!.cardId).toBe('d2');
      // Any script: words are letters and digits, not just ASCII.
      await search.indexBoard('b2', [card('d4', 'Клиент ждёт ответа 24ч')], LATER);
      expect((await find('клиент', ['b2'])).map((h) => h.cardId)).toEqual(['d4']);
      expect((await find('жде', ['b2'])).map((h) => h.cardId)).toEqual(['d4']);
    });

    it('W270: lists boards never indexed or indexed before their last update', async () => {
      await storage.createBoard(board('b3'), EMPTY_UPDATE);
      expect(await search.staleBoards(10)).toEqual(['b3']);
      await search.indexBoard('b3', [], LATER);
      expect(await search.staleBoards(10)).toEqual([]);
      await storage.appendUpdates([{ boardId: 'b1', docName: 'b1', update: EMPTY_UPDATE }]);
      expect(await search.staleBoards(10)).toEqual(['b1']);
      expect(await search.staleBoards(0)).toEqual([]);
    });

    it('W270: an unchanged index is marked current without rewriting it; never for a board with no index', async () => {
      await storage.createBoard(board('b3'), EMPTY_UPDATE);
      await storage.appendUpdates([{ boardId: 'b1', docName: 'b1', update: EMPTY_UPDATE }]);
      expect(await search.staleBoards(10)).toEqual(['b3', 'b1']);
      const now = new Date(Date.now() + 1000).toISOString();
      expect(await search.markIndexed('b1', now)).toBe(true);
      expect(await search.markIndexed('b3', now)).toBe(false);
      expect(await search.markIndexed('nope', now)).toBe(false);
      expect(await search.staleBoards(10)).toEqual(['b3']);
      expect((await find('onboarding', ['b1'])).map((h) => h.cardId)).toEqual(['c1']);
    });
  });
}
