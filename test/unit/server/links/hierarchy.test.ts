/**
 * The workspace tree and the breadcrumbs (W244, W245) over a real SQLite link index in memory:
 * deep chains, several parents, self links and cycles without a root.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardLink } from '../../../../shared/model/links.js';
import type { HierarchyNode } from '../../../../shared/protocol/links.js';
import { LinkService } from '../../../../server/links/linkService.js';
import { SqliteStorage } from '../../../../server/storage/sqlite.js';

const AT = '2025-05-05T00:00:00.000Z';
const TITLES: Record<string, string> = {
  rootMap1: 'A lifecycle',
  childMp1: 'B onboarding',
  childMp2: 'C billing',
  grandMp1: 'D identity',
  deepMap1: 'E upload',
  deepMap2: 'F retry',
  loopMap1: 'X loop',
  loopMap2: 'Y loop',
};

const stage = (itemId: string, boardId: string): BoardLink => ({
  itemKind: 'stage',
  itemId,
  boardId,
});
const flat = (nodes: HierarchyNode[]): string[] =>
  nodes.flatMap((n) => [`${n.level} ${n.title}`, ...flat(n.children)]);

describe('linked maps: the tree and the breadcrumbs', () => {
  let storage: SqliteStorage;
  let service: LinkService;

  beforeEach(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    await storage.init();
    for (const [id, title] of Object.entries(TITLES))
      await storage.createBoard(
        {
          id,
          title,
          mapType: 'current-state',
          persona: '',
          createdAt: AT,
          updatedAt: AT,
          keyVersion: 1,
        },
        new Uint8Array([0, 0]),
      );
    const links: Record<string, BoardLink[]> = {
      rootMap1: [stage('s1', 'childMp1'), stage('s2', 'childMp2'), stage('s3', 'rootMap1')],
      childMp1: [stage('s1', 'grandMp1')],
      childMp2: [stage('s1', 'grandMp1')],
      grandMp1: [stage('s1', 'deepMap1')],
      deepMap1: [stage('s1', 'deepMap2')],
      loopMap1: [stage('s1', 'loopMap2')],
      loopMap2: [stage('s1', 'loopMap1')],
    };
    for (const [from, list] of Object.entries(links)) await storage.links.setLinks(from, list);
    service = new LinkService({
      links: storage.links,
      getBoard: (id) => storage.getBoard(id),
      linksOf: (id) => storage.links.linksFrom(id),
      exportJson: async () => null,
    });
  });
  afterEach(() => storage.close());

  it('W245: roots first; a map under its first parent only; self links ignored; a rootless cycle entered at its first title', async () => {
    const boards = Object.entries(TITLES).map(([id, title]) => ({ id, title }));
    expect(flat(await service.hierarchy(boards))).toEqual([
      '0 A lifecycle',
      '1 B onboarding',
      '2 D identity',
      '3 E upload',
      '4 F retry',
      '1 C billing',
      '0 X loop',
      '1 Y loop',
    ]);
    // Without the maps the caller cannot open, their links are gone too.
    const some = boards.filter((b) => !['rootMap1', 'childMp1'].includes(b.id));
    expect(flat(await service.hierarchy(some)).slice(0, 4)).toEqual([
      '0 C billing',
      '1 D identity',
      '2 E upload',
      '3 F retry',
    ]);
  });

  it('W244: breadcrumbs stop after five parents', async () => {
    const chain = ['level0', 'level1', 'level2', 'level3', 'level4', 'level5', 'level6'].map(
      (id) => `${id}Map`,
    );
    for (const id of chain)
      await storage.createBoard(
        {
          id,
          title: id,
          mapType: 'current-state',
          persona: '',
          createdAt: AT,
          updatedAt: AT,
          keyVersion: 1,
        },
        new Uint8Array([0, 0]),
      );
    for (let i = 0; i < chain.length - 1; i++)
      await storage.links.setLinks(chain[i]!, [stage('s1', chain[i + 1]!)]);
    const crumbs = (await service.boardLinks('level6Map', async () => true)).breadcrumbs;
    expect(crumbs.map((c) => c.boardId)).toEqual(chain.slice(1, 6));
  });

  it('W244: breadcrumbs follow the first parent up to the root and never repeat a map', async () => {
    const open = async () => true;
    const crumbs = (await service.boardLinks('deepMap2', open)).breadcrumbs;
    expect(crumbs.map((c) => c.title)).toEqual([
      'A lifecycle',
      'B onboarding',
      'D identity',
      'E upload',
    ]);
    const loop = (await service.boardLinks('loopMap1', open)).breadcrumbs;
    expect(loop.map((c) => c.title)).toEqual(['Y loop']);
    // A parent the caller may not open ends the chain, without its title.
    const onlyDeep = async (id: string) => id !== 'grandMp1';
    const cut = (await service.boardLinks('deepMap2', onlyDeep)).breadcrumbs;
    expect(cut).toEqual([
      { boardId: 'grandMp1', title: null, state: 'restricted' },
      { boardId: 'deepMap1', title: 'E upload', state: 'ok' },
    ]);
  });
});
