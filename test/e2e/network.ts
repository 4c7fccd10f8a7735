/**
 * A TCP relay between a browser and the server: a "network link" the tests can cut.
 *
 * Chromium's offline emulation (`context.setOffline(true)`) fails new requests and WebSockets and
 * makes `navigator.onLine` false, but it leaves an already open WebSocket working: messages still
 * flow both ways. A real network loss kills that socket too. Going offline in the tests is
 * therefore both: the emulation, and cutting every connection on this link (refusing new ones
 * until it is back online).
 */
import net from 'node:net';
import type { BrowserContext } from 'playwright-core';

export interface NetworkLink {
  /** The server's URL as seen through this link. */
  url: string;
  setOnline(online: boolean): void;
  close(): Promise<void>;
}

export async function createLink(targetUrl: string): Promise<NetworkLink> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let online = true;
  const server = net.createServer((client) => {
    if (!online) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    setOnline(value) {
      online = value;
      if (!value) cutAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}

/** The browser profile loses its network: offline emulation plus the link's connections cut. */
export async function goOffline(context: BrowserContext, link: NetworkLink): Promise<void> {
  await context.setOffline(true);
  link.setOnline(false);
}

export async function goOnline(context: BrowserContext, link: NetworkLink): Promise<void> {
  link.setOnline(true);
  await context.setOffline(false);
}
