/**
 * The browser client's sending of large changes (client/src/board/core/largeUpdates.ts) with a real
 * y-websocket provider against a server whose message limit is lower than the change: an
 * offline backlog and one big transaction both arrive, in pieces, and nothing is refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sendLargeUpdatesInPieces } from '../../client/src/board/core/largeUpdates.js';
import type { RunningServer } from '../../server/server.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

const LIMIT = 1 << 20;

describe('large changes from our client', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;
  let clients: Client[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, { MAX_MESSAGE_BYTES: String(LIMIT) });
    ws = wsUrlOf(server.url);
  });

  afterEach(() => {
    disconnectAll(clients);
    clients = [];
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  function ours(boardId: string, token: string): Client & { closes: number[] } {
    const client = connectClient(ws, boardId, new Y.Doc(), token);
    client.provider.disconnect();
    sendLargeUpdatesInPieces(client.provider, LIMIT / 4);
    const closes: number[] = [];
    client.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    clients.push(client);
    return Object.assign(client, { closes });
  }

  it('W21: sends an offline backlog three times the message limit', async () => {
    const board = await createBoard(server.url);
    const watcher = connectClient(ws, board.id, new Y.Doc(), board.tokens.viewer);
    clients.push(watcher);
    const offline = ours(board.id, board.tokens.editor);
    const notes = offline.doc.getMap<string>('offline');
    for (let i = 0; i < 320; i++) notes.set(`note-${i}`, `${i} `.padEnd(10 << 10, 'o'));
    expect(Y.encodeStateAsUpdate(offline.doc).byteLength).toBeGreaterThan(3 * LIMIT);
    offline.provider.connect();
    await whenSynced(watcher);
    await waitFor(() => watcher.doc.getMap('offline').size === 320, 20_000, 'the backlog');
    expect(offline.closes).toEqual([]);
  });

  it('W21: sends one transaction three times the message limit while connected', async () => {
    const board = await createBoard(server.url);
    const watcher = connectClient(ws, board.id, new Y.Doc(), board.tokens.viewer);
    clients.push(watcher);
    const editor = ours(board.id, board.tokens.editor);
    editor.provider.connect();
    await Promise.all([whenSynced(watcher), whenSynced(editor)]);
    editor.doc.transact(() => {
      for (let i = 0; i < 300; i++)
        editor.doc.getMap('pasted').set(`card-${i}`, 'p'.repeat(10 << 10));
    });
    await waitFor(() => watcher.doc.getMap('pasted').size === 300, 20_000, 'the paste');
    editor.doc.getMap('later').set('small', 'edit');
    await waitFor(() => watcher.doc.getMap('later').get('small') === 'edit', 5000, 'a later edit');
    expect(editor.closes).toEqual([]);
  });
});
