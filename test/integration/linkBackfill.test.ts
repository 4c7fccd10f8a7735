/**
 * W279, W280: boards made before the link index (their links in the doc, no rows in
 * `board_links`, never read by the index) join it at server start, with no one opening them:
 * the board indexer's backfill reads them. SQLite and PostgreSQL, over the real server.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  initBoard,
  setCardLink,
  setStageLink,
} from '../../shared/model/index.js';
import { DIGEST_VERSION } from '../../shared/model/portfolio.js';
import type { BoardLinks, HierarchyNode } from '../../shared/protocol/links.js';
import type { RunningServer } from '../../server/server.js';
import { PostgresStorage } from '../../server/storage/postgres.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { waitForAsync } from '../helpers/clients.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import { setUpAdmin } from '../helpers/people.js';
import { ADMIN_TOKEN, removeDir, startTestServer, tempDataDir } from '../helpers/server.js';

const MADE_AT = '2025-03-01T09:00:00.000Z';
const INDEXED_AT = '2025-03-02T09:00:00.000Z';

/** A board written straight into storage, as an older server left it: doc only, no index. */
async function storeBoard(
  storage: Storage,
  id: string,
  title: string,
  links: { stage?: string; card?: string },
): Promise<void> {
  const doc = new Y.Doc();
  initBoard(doc, { title, mapType: 'current-state' });
  const stage = addStage(doc, { name: `${title} stage` });
  if (links.stage) setStageLink(doc, stage, links.stage);
  const lane = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const card = addCard(doc, { stageId: stage, laneId: lane, text: `${title} card` });
  if (links.card) setCardLink(doc, card, links.card);
  const record = {
    id,
    title,
    mapType: 'current-state' as const,
    persona: '',
    createdAt: MADE_AT,
    updatedAt: MADE_AT,
    keyVersion: 1,
  };
  await storage.createBoard(record, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  // Searched and digested already (a server with search but no link backfill): only the link
  // index's own record of what it read can bring the board in.
  await storage.search.indexBoard(id, [], INDEXED_AT);
  const digest = { boardId: id, digest: '{}', version: DIGEST_VERSION, computedAt: INDEXED_AT };
  await storage.digests.putDigest(digest);
}

const flat = (nodes: HierarchyNode[]): string[] =>
  nodes.flatMap((n) => [`L${n.level} ${n.title}`, ...flat(n.children)]);

describe.each(['SQLite', 'PostgreSQL'])('the link backfill on %s', (backend) => {
  let dataDir = '';
  let server: RunningServer | null = null;
  let schema: Awaited<ReturnType<typeof testSchema>> | null = null;
  afterEach(async () => {
    await server?.stop();
    await schema?.drop();
    removeDir(dataDir);
  });

  it('W279, W280: boards never opened since before the index join the hierarchy at start', async () => {
    dataDir = tempDataDir();
    schema = backend === 'PostgreSQL' ? await testSchema() : null;
    const storage: Storage = schema
      ? new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema: schema.schema })
      : new SqliteStorage({ file: path.join(dataDir, 'journeyboard.db') });
    await storage.init();
    await storeBoard(storage, 'oldDetails01', 'Identity check', {});
    await storeBoard(storage, 'oldOnboard01', 'Onboarding', { card: 'oldDetails01' });
    await storeBoard(storage, 'oldLifecyc01', 'Customer lifecycle', { stage: 'oldOnboard01' });
    // The index knows nothing of them, and has read none of them; search is up to date.
    expect(await storage.search.staleBoards(10)).toEqual([]);
    expect(await storage.digests.staleDigests(DIGEST_VERSION, 10)).toEqual([]);
    expect(await storage.links.linksAmong(['oldLifecyc01', 'oldOnboard01'])).toEqual([]);
    expect((await storage.links.unreadBoards(10)).sort()).toEqual(
      ['oldDetails01', 'oldLifecyc01', 'oldOnboard01'].sort(),
    );
    await storage.close();

    server = await startTestServer(dataDir, {
      AUTH_MODE: 'accounts',
      ...(schema ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema.schema } : {}),
    });
    // The first person's workspace adopts the boards made before accounts.
    const ada = await setUpAdmin(server.url, 'Acme');
    const workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const hierarchy = async () =>
      flat(
        (await ada.get(`/api/workspaces/${workspaceId}/hierarchy`)).body.roots as HierarchyNode[],
      );
    await waitForAsync(
      async () => (await hierarchy()).length === 3 && (await hierarchy())[2]!.startsWith('L2'),
      15_000,
      'the backfill to index the old boards',
    );
    expect(await hierarchy()).toEqual([
      'L0 Customer lifecycle',
      'L1 Onboarding',
      'L2 Identity check',
    ]);
    const details = (await ada.get('/api/boards/oldDetails01/links')).body as unknown as BoardLinks;
    expect(details.usedIn).toEqual([
      expect.objectContaining({
        boardId: 'oldOnboard01',
        itemKind: 'card',
        itemLabel: 'Onboarding card',
      }),
    ]);
    expect(details.breadcrumbs.map((c) => c.title)).toEqual(['Customer lifecycle', 'Onboarding']);
    // No one opened them: no document was loaded to get there.
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(Number(/^journeyboard_rooms (\d+)/m.exec(await metrics.text())?.[1])).toBe(0);
  });
});
