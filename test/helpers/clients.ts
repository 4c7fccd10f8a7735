import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardTokens } from './server.js';

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves with the close code once the server ends the connection for good (44xx). */
  closed: Promise<number>;
}

/**
 * A real y-websocket client in Node (ws as the WebSocket implementation). Without a token it
 * uses the editor link of a board a test created (test/helpers/server.ts `createBoard`).
 */
export function connectClient(
  wsUrl: string,
  room: string,
  doc = new Y.Doc(),
  token?: string,
): Client {
  const boardId = room.split('/')[0] ?? room;
  const link = token ?? boardTokens.get(boardId)?.editor;
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    ...(link ? { params: { token: link } } : {}),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Node has BroadcastChannel: without this, clients in one process would sync around the server.
    disableBc: true,
    maxBackoffTime: 300,
  });
  const closed = new Promise<number>((resolve) =>
    provider.on('closed', (event) => resolve(event.code)),
  );
  return { doc, provider, closed };
}

export function whenSynced(client: Client, timeoutMs = 5000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return waitFor(() => client.provider.synced, timeoutMs, 'client synced');
}

/**
 * Resolves on the provider's first 'sync' event, however long that takes: for tests on a loaded
 * machine, where a fixed deadline fails honest runs (the test's own timeout still bounds it).
 */
export function synced(client: Client): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      client.provider.off('sync', onSync);
      resolve();
    };
    client.provider.on('sync', onSync);
  });
}

/** Resolves once `check` holds after a change of `doc` (checked at once, then on each update). */
export function whenDoc(doc: Y.Doc, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const onUpdate = () => {
      if (!check()) return;
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
    onUpdate();
  });
}

export async function waitFor(
  check: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `waitFor` with a check that must ask something (a server's metrics), polled every 50 ms. */
export async function waitForAsync(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function disconnectAll(clients: readonly Client[]): void {
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
}
