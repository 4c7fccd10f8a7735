/**
 * Stock y-websocket providers of the versions people run (1.5.4, 2.1.0, 3.1.0), unmodified:
 * the clients we did not write, which the server must never lock out.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider as Provider3 } from 'y-websocket';
import { WebsocketProvider as Provider2 } from 'y-websocket-v2';
import { WebsocketProvider as Provider1 } from 'y-websocket-reference';
import * as Y from 'yjs';
import { waitFor } from './clients.js';

export const STOCK_VERSIONS = ['1.5.4', '2.1.0', '3.1.0'] as const;
export type StockVersion = (typeof STOCK_VERSIONS)[number];

/** What the tests use of a provider; every stock version has it. */
export interface StockProvider {
  readonly synced: boolean;
  readonly wsconnected: boolean;
  connect(): void;
  disconnect(): void;
  destroy(): void;
  on(event: 'connection-close', listener: (event: { code: number } | null) => void): void;
  on(event: 'status', listener: (event: { status: string }) => void): void;
}

type ProviderConstructor = new (
  url: string,
  room: string,
  doc: Y.Doc,
  options: Record<string, unknown>,
) => StockProvider;

const constructors: Record<StockVersion, ProviderConstructor> = {
  '1.5.4': Provider1 as unknown as ProviderConstructor,
  '2.1.0': Provider2 as unknown as ProviderConstructor,
  '3.1.0': Provider3 as unknown as ProviderConstructor,
};

export interface StockClient {
  version: StockVersion;
  doc: Y.Doc;
  provider: StockProvider;
  /** Close codes of every connection the server ended, in order. */
  closes: number[];
  /** How many times the provider opened a connection. */
  connections(): number;
}

/** A stock provider with default options, except those a test in Node needs. */
export function connectStock(
  version: StockVersion,
  wsUrl: string,
  room: string,
  token: string,
  options: { doc?: Y.Doc; connect?: boolean } = {},
): StockClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new constructors[version](wsUrl, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket,
    // Node has BroadcastChannel: without this, clients in one process would sync around the server.
    disableBc: true,
    connect: options.connect ?? true,
  });
  const closes: number[] = [];
  let connections = 0;
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  provider.on('status', ({ status }) => {
    if (status === 'connected') connections++;
  });
  return { version, doc, provider, closes, connections: () => connections };
}

export function whenStockSynced(client: StockClient, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => client.provider.synced, timeoutMs, `y-websocket ${client.version} synced`);
}

export function destroyStock(clients: readonly StockClient[]): void {
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
}
