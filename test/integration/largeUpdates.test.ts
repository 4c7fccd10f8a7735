/**
 * The browser client's sending of large changes (client/src/board/core/largeUpdates.ts) with a real
 * y-websocket provider against a server whose message limit is lower than the change: an
 * offline backlog and one big transaction both arrive, in pieces, and nothing is refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sendLargeUpdatesInPieces } from '../../client/src/board/core/largeUpdates.js';
import { passReceivedUpdatesAsReceived } from '../../client/src/board/core/receivedUpdates.js';
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

  it("W333: the server's updates reach the offline copy as received, and mine still reach the server", async () => {
    const board = await createBoard(server.url);
    const writer = connectClient(ws, board.id, new Y.Doc(), board.tokens.editor);
    clients.push(writer);
    await whenSynced(writer);
    writer.doc.getMap('before').set('card', 'x'.repeat(300 << 10));

    // The browser session's wiring: the piece sender and a stand-in offline copy hear updates
    // through one listener, the server's sync messages handed over as received.
    const client = connectClient(ws, board.id, new Y.Doc(), board.tokens.editor);
    client.provider.disconnect();
    clients.push(client);
    const send = sendLargeUpdatesInPieces(client.provider, LIMIT / 4);
    client.doc.off('update', send);
    const copy = new Y.Doc();
    const stored: unknown[] = [];
    // Yjs encodes a transaction for 'update' listeners only when the doc has some (lib0's map).
    const observers = (client.doc as unknown as { _observers: Map<string, unknown> })._observers;
    const listenedWhileApplying: boolean[] = [];
    const store = (update: Uint8Array, origin: unknown) => {
      stored.push(origin);
      Y.applyUpdate(copy, update);
    };
    passReceivedUpdatesAsReceived(client.provider, [send, store]);
    client.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === client.provider) listenedWhileApplying.push(observers.has('update'));
    });
    client.provider.connect();
    await whenSynced(client);
    await waitFor(() => copy.getMap('before').has('card'), 5000, 'the first sync in the copy');
    expect(stored).toContain(client.provider);

    writer.doc.getMap('later').set('remote', 'edit');
    await waitFor(() => copy.getMap('later').get('remote') === 'edit', 5000, 'a remote edit');
    client.doc.getMap('mine').set('local', 'edit');
    expect(copy.getMap('mine').get('local')).toBe('edit');
    await waitFor(() => writer.doc.getMap('mine').get('local') === 'edit', 5000, 'my edit');
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(client.doc));
    expect(listenedWhileApplying.length).toBeGreaterThan(0);
    expect(listenedWhileApplying).not.toContain(true);
  });
});
