/**
 * Honest clients we did not write — stock y-websocket 1.5.4, 2.1.0 and 3.1.0 with their
 * default options — are never locked out by a limit and never lose an edit (SPEC: issue 13).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../../server/server.js';
import { waitFor, whenSynced } from '../../helpers/clients.js';
import { openedClients } from '../../helpers/openedClients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../../helpers/server.js';
import { STOCK_VERSIONS, whenStockSynced } from '../../helpers/stockClients.js';
import { frame, metricValue } from './support.js';

const opened = openedClients();

describe('with the default configuration', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir);
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  describe.each(STOCK_VERSIONS)('y-websocket %s', (version) => {
    it('W22, S12: delivers 600 transactions made in one tick (a paste typed key by key)', async () => {
      const board = await createBoard(server.url);
      const other = opened.ours(ws, board.id, board.tokens.viewer);
      const typist = opened.stock(version, ws, board.id, board.tokens.editor);
      await Promise.all([whenSynced(other), whenStockSynced(typist)]);
      const text = typist.doc.getText('pasted');
      for (let i = 0; i < 600; i++) text.insert(i, String.fromCharCode(97 + (i % 26)));
      const expected = text.toString();
      await waitFor(() => other.doc.getText('pasted').toString() === expected, 15_000, '600 keys');
      expect(typist.closes).toEqual([]);
      // And the server kept them: a client joining now gets every key.
      const late = opened.ours(ws, board.id, board.tokens.viewer);
      await whenSynced(late);
      expect(late.doc.getText('pasted').toString()).toBe(expected);
    });

    it('W20, S12: sends a 10 MiB offline backlog when it connects', async () => {
      const board = await createBoard(server.url);
      const other = opened.ours(ws, board.id, board.tokens.viewer);
      await whenSynced(other);
      const offline = opened.stock(version, ws, board.id, board.tokens.editor, { connect: false });
      const notes = offline.doc.getMap<string>('offline');
      const chunk = 256 << 10;
      for (let i = 0; i < 40; i++) notes.set(`note-${i}`, String(i % 10).repeat(chunk));
      expect(Y.encodeStateAsUpdate(offline.doc).byteLength).toBeGreaterThan(10 << 20);
      offline.provider.connect();
      await waitFor(() => other.doc.getMap('offline').size === 40, 30_000, 'the backlog');
      expect(other.doc.getMap<string>('offline').get('note-39')).toBe('9'.repeat(chunk));
      expect(offline.closes).toEqual([]);
    });
  });
});

describe('the board size cap', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;
  const CAP = 256 << 10;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      MAX_BOARD_BYTES: String(CAP),
      COMPACT_AFTER_UPDATES: '4',
    });
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it.each(STOCK_VERSIONS)(
    'W25, W27: counts what the board grew by, not resent copies (y-websocket %s edits after a relay resent 12 copies)',
    async (version) => {
      const board = await createBoard(server.url);
      const other = opened.ours(ws, board.id, board.tokens.viewer);
      await whenSynced(other);
      const source = new Y.Doc();
      source.getMap('relayed').set('big', 'r'.repeat(CAP / 8));
      const update = Y.encodeStateAsUpdate(source);
      // An at-least-once relay resends until it is sure: 12 copies are 1.5× the cap in frames.
      const relay = await opened.raw(ws, board.id, board.tokens.editor);
      for (let i = 0; i < 12; i++) relay.send(frame.update(update));
      await waitFor(() => other.doc.getMap('relayed').has('big'), 5000, 'the relayed update');
      const editor = opened.stock(version, ws, board.id, board.tokens.editor);
      await whenStockSynced(editor);
      editor.doc.getMap('edits').set('one-key', 'k');
      await waitFor(() => other.doc.getMap('edits').get('one-key') === 'k', 5000, 'the edit');
      expect(relay.closeInfo).toBeNull();
      expect(editor.closes).toEqual([]);
    },
  );

  it('W25: shrinks once deleted content is compacted away', async () => {
    const board = await createBoard(server.url);
    const editor = opened.ours(ws, board.id, board.tokens.editor);
    const other = opened.ours(ws, board.id, board.tokens.viewer);
    await Promise.all([whenSynced(editor), whenSynced(other)]);
    const compactions = async () =>
      metricValue(
        await (await fetch(`${server.url}/metrics`)).text(),
        'journeyboard_compactions_total',
      );
    const text = editor.doc.getText('draft');
    // Twice 60 % of the cap, deleted in between: only compaction tells the two apart.
    for (const round of [1, 2, 3]) {
      const before = await compactions();
      text.insert(0, String(round).repeat((CAP * 6) / 10));
      await waitFor(() => other.doc.getText('draft').length > 0, 10_000, `round ${round} written`);
      text.delete(0, text.length);
      for (let i = 0; i < 4; i++) editor.doc.getMap('ticks').set('t', `${round}-${i}`);
      await waitFor(() => other.doc.getText('draft').length === 0, 5000, `round ${round} deleted`);
      const deadline = Date.now() + 10_000;
      while ((await compactions()) === before && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
    }
    expect(editor.provider.wsconnected).toBe(true);
    editor.doc.getMap('edits').set('after', 'yes');
    await waitFor(() => other.doc.getMap('edits').get('after') === 'yes', 5000, 'a later edit');
  });
});
