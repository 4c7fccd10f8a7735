/**
 * Cold joins (issue 19): a room read from storage answers clients with nothing from the stored
 * bytes and integrates them into its Y.Doc only when something needs the doc (lazyDoc.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, readBoard } from '../../shared/model/index.js';
import type { RunningServer } from '../../server/server.js';
import { waitFor, waitForAsync, whenSynced } from '../helpers/clients.js';
import { openedClients } from '../helpers/openedClients.js';
import {
  boardApiCaller,
  boardTokens,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';
import { STOCK_VERSIONS, whenStockSynced } from '../helpers/stockClients.js';
import { metricValue } from './security/support.js';

const opened = openedClients();
let dataDir: string;
let server: RunningServer;
const api = boardApiCaller(() => server.url);

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
});

afterAll(async () => {
  await server.stop();
  removeDir(dataDir);
});

const metric = async (name: string) =>
  metricValue(await (await fetch(`${server.url}/metrics`)).text(), name);
const FROM_STORAGE = 'journeyboard_joins_answered_from_storage_total';
const INTEGRATIONS = 'journeyboard_room_integrations_total';
const stageNames = (doc: Parameters<typeof readBoard>[0]) =>
  readBoard(doc).stages.map((s) => s.name);

/** A board whose rooms are not in memory (startTestServer unloads after 200 ms). */
async function coldBoard(): Promise<{ id: string; editor: string }> {
  const { id } = await createBoard(server.url);
  await waitForAsync(async () => (await metric('journeyboard_rooms')) === 0, 10_000, 'unloaded');
  return { id, editor: boardTokens.get(id)!.editor };
}

describe('cold joins', () => {
  it('W313, W314, S133: clients with nothing are answered from the stored bytes and get every later update', async () => {
    const { id, editor } = await coldBoard();
    const [answered, integrated] = [await metric(FROM_STORAGE), await metric(INTEGRATIONS)];
    const storm = [1, 2, 3].map(() => opened.ours(wsUrlOf(server.url), id, editor));
    await Promise.all(storm.map((c) => whenSynced(c)));
    const fresh = storm[0]!;
    // Their step 1s were held until the room was read, then answered before anything integrated.
    expect(await metric(FROM_STORAGE)).toBe(answered + 3);
    const stages = stageNames(fresh.doc);
    expect(stages.length).toBeGreaterThan(3);
    // Readers of the room's doc see the whole board, integrated or not.
    const rest = await api('GET', '', id, 'editor');
    expect(rest.body.stages.map((s: { name: string }) => s.name)).toEqual(stages);

    const editor2 = opened.ours(wsUrlOf(server.url), id, editor);
    await whenSynced(editor2);
    addStage(editor2.doc, { name: 'After the stored bytes' });
    for (const c of storm)
      await waitFor(() => stageNames(c.doc).includes('After the stored bytes'), 5000, 'edit');
    // The read (or the edit) needed the doc: the room integrated what storage held by now.
    expect(await metric(INTEGRATIONS)).toBeGreaterThan(integrated);
    addStage(fresh.doc, { name: 'From the fresh joiner' });
    await waitFor(() => stageNames(editor2.doc).includes('From the fresh joiner'), 5000, 'back');
  });

  it('W315: a client holding part of the board (offline edits) gets a diff from a cold room', async () => {
    const { id, editor } = await coldBoard();
    const offline = opened.ours(wsUrlOf(server.url), id, editor);
    await whenSynced(offline);
    offline.provider.disconnect();
    addStage(offline.doc, { name: 'Written offline' });
    const online = opened.ours(wsUrlOf(server.url), id, editor);
    await whenSynced(online);
    addStage(online.doc, { name: 'Written online' });
    online.provider.disconnect();
    // A room unloads only once what it accepted is written (roomRegistry.ts).
    await waitForAsync(async () => (await metric('journeyboard_rooms')) === 0, 10_000, 'cold');

    offline.provider.connect();
    await waitFor(() => stageNames(offline.doc).includes('Written online'), 5000, 'its diff');
    const later = opened.ours(wsUrlOf(server.url), id, editor);
    await whenSynced(later);
    await waitFor(() => stageNames(later.doc).includes('Written offline'), 5000, 'offline edit');
    expect(stageNames(later.doc).sort()).toEqual(stageNames(offline.doc).sort());
  });

  it.each(STOCK_VERSIONS)(
    'W313, W316: stock y-websocket %s syncs a cold board and edits it',
    async (version) => {
      const { id, editor } = await coldBoard();
      const stock = opened.stock(version, wsUrlOf(server.url), id, editor);
      await whenStockSynced(stock);
      expect(stageNames(stock.doc).length).toBeGreaterThan(3);
      addStage(stock.doc, { name: `From ${version}` });
      const ours = opened.ours(wsUrlOf(server.url), id, editor);
      await whenSynced(ours);
      await waitFor(() => stageNames(ours.doc).includes(`From ${version}`), 5000, 'stock edit');
    },
  );

  it('W337: a storm of our and stock joiners on a cold board all get the exact document, and every later update', async () => {
    const { id, editor } = await coldBoard();
    // The reference: the board as a warm room sends it (its integrated doc, encoded).
    const first = opened.ours(wsUrlOf(server.url), id, editor);
    await whenSynced(first);
    const reference = Y.encodeSnapshot(Y.snapshot(first.doc));
    first.provider.disconnect();
    await waitForAsync(async () => (await metric('journeyboard_rooms')) === 0, 10_000, 'cold');
    const integrated = await metric(INTEGRATIONS);

    const ours = Array.from({ length: 12 }, () => opened.ours(wsUrlOf(server.url), id, editor));
    const stock = STOCK_VERSIONS.flatMap((version) =>
      [1, 2].map(() => opened.stock(version, wsUrlOf(server.url), id, editor)),
    );
    await Promise.all([...ours.map((c) => whenSynced(c)), ...stock.map((c) => whenStockSynced(c))]);
    const docs = [...ours, ...stock].map((c) => c.doc);
    for (const doc of docs) expect(Y.encodeSnapshot(Y.snapshot(doc))).toEqual(reference);

    // Once the answers are out and joins paused, the room reads its doc (once) on its own.
    await waitForAsync(async () => (await metric(INTEGRATIONS)) > integrated, 10_000, 'read');
    expect(await metric(INTEGRATIONS)).toBe(integrated + 1);
    addStage(stock[0]!.doc, { name: 'After the storm' });
    for (const doc of docs)
      await waitFor(() => stageNames(doc).includes('After the storm'), 5000, 'the edit');
  });
});
