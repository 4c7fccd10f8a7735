/** Attacker sockets: BenchClients joined with a board's viewer or editor link. */
import { BenchClient, type ClientEvents } from '../generator/client.js';
import type { RoomRef } from '../servers.js';
import { sleep } from '../workloads/common.js';
import type { AttackContext } from './harness.js';

export type Link = 'viewer' | 'editor';

/** A socket on `room` with its `link` token; it sends sync step 1 (empty) once open. */
export function connect(
  ctx: AttackContext,
  room: RoomRef,
  link: Link,
  events: ClientEvents = {},
): BenchClient {
  const token = link === 'viewer' ? room.viewerToken! : room.token;
  const client = new BenchClient(ctx.server.target({ ...room, token }), events);
  ctx.defer(() => client.ws.terminate());
  return client;
}

/** Like `connect`, resolved once the server's sync step 2 arrived. */
export async function join(
  ctx: AttackContext,
  room: RoomRef,
  link: Link,
  events: ClientEvents = {},
): Promise<BenchClient> {
  const client = connect(ctx, room, link, events);
  await client.synced(15_000);
  return client;
}

/** The code the server closed `client` with, or null if it is still open after `ms`. */
export async function closeWithin(client: BenchClient, ms: number): Promise<number | null> {
  const deadline = performance.now() + ms;
  while (client.closeCode === null && performance.now() < deadline) await sleep(10);
  return client.serverCloseCode ?? client.closeCode;
}

/** Waits until `done()` or `ms` passed; resolves with the ms it took (or `ms`). */
export async function until(done: () => boolean, ms: number): Promise<number> {
  const start = performance.now();
  while (!done() && performance.now() - start < ms) await sleep(10);
  return performance.now() - start;
}

/** "4400 × 3, open × 2": the close codes of a group of sockets. */
export function tally(clients: readonly BenchClient[]): string {
  const counts = new Map<string, number>();
  for (const c of clients) {
    const code = c.serverCloseCode ?? c.closeCode;
    const key = code === null ? 'open' : String(code);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([code, n]) => `${code} × ${n}`).join(', ');
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
