/**
 * The clients a test file opens — ours (y-websocket 3.1 with our options), stock providers of
 * other versions, raw sockets — closed after each test: `const opened = openedClients()` at the
 * top of the file registers the hooks.
 */
import { afterEach, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { rawJoin, type RawClient } from '../integration/security/support.js';
import { connectClient, disconnectAll, type Client } from './clients.js';
import { connectStock, destroyStock, type StockClient, type StockVersion } from './stockClients.js';

export function openedClients() {
  let ours: Client[] = [];
  let stock: StockClient[] = [];
  let raws: RawClient[] = [];
  beforeAll(() => {
    process.setMaxListeners(80); // every y-websocket provider adds a process 'exit' listener
  });
  afterEach(() => {
    for (const r of raws) r.ws.terminate();
    disconnectAll(ours);
    destroyStock(stock);
    [ours, stock, raws] = [[], [], []];
  });
  return {
    ours(ws: string, room: string, token: string): Client {
      const client = connectClient(ws, room, new Y.Doc(), token);
      ours.push(client);
      return client;
    },
    stock(
      version: StockVersion,
      ws: string,
      room: string,
      token: string,
      options?: Parameters<typeof connectStock>[4],
    ): StockClient {
      const client = connectStock(version, ws, room, token, options);
      stock.push(client);
      return client;
    },
    async raw(ws: string, room: string, token: string): Promise<RawClient> {
      const client = await rawJoin(ws, room, token);
      raws.push(client);
      return client;
    },
  };
}
