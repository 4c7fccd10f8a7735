import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { parseRoomName } from '../../shared/protocol/boardId.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { canWrite } from '../../shared/protocol/roles.js';
import type { AccessResult } from '../auth/access.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { KeepAlive } from './keepAlive.js';
import { ProtocolError, type Room } from './room.js';
import { JoinRefused, type RoomRegistry } from './roomRegistry.js';

export const SYNC_PATH_PREFIX = '/sync/';

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export interface ConnectionDeps {
  registry: RoomRegistry;
  log: Logger;
  metrics: Metrics;
  keepAlive: KeepAlive;
  /** What the token lets its bearer do on the board. */
  access(boardId: string, token: string | undefined): Promise<AccessResult>;
  /** Whether a browser page from this Origin may open the socket. */
  originAllowed(origin: string | undefined, host: string | undefined): boolean;
  maxConnectionsPerBoard: number;
  maxConnectionsPerIp: number;
  /** Proxies in front of this server whose X-Forwarded-For entries are trusted. */
  trustProxyHops: number;
  /** Open sockets per client address on this instance, over all rooms. */
  perAddress: Map<string, number>;
}

/** The client's address: the socket's peer, or what the trusted proxies say they saw. */
export function clientAddress(req: IncomingMessage, trustProxyHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxyHops === 0 || !forwarded) return peer;
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  // Each trusted proxy appended the address it saw; anything further left is the client's say.
  const chain = [...hops, peer];
  return chain[Math.max(0, chain.length - 1 - trustProxyHops)]!;
}

/**
 * Serves one WebSocket: checks its origin, token and the connection caps, resolves its room
 * from the path, holds its frames until the room is loaded, then feeds them to the room.
 * Every refusal accepts the upgrade and closes with a code (browsers hide HTTP statuses). A
 * bad frame closes this socket only.
 */
export function handleConnection(ws: WebSocket, req: IncomingMessage, deps: ConnectionDeps): void {
  const { registry, log, metrics, perAddress } = deps;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const name = parseRoomName(decodeURIComponent(url.pathname.slice(SYNC_PATH_PREFIX.length)));
  const token = url.searchParams.get('token') ?? undefined;
  const address = clientAddress(req, deps.trustProxyHops);
  metrics.connections.inc();
  perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
  ws.binaryType = 'nodebuffer';
  let room: Room | null = null;
  const early: Uint8Array[] = [];

  const receive = (frame: Uint8Array) => {
    if (!room) return;
    try {
      room.receive(ws, frame);
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : CloseCode.BAD_MESSAGE;
      log.warn(
        { err, docName: room.name.docName, code },
        'closing a connection that sent a bad frame',
      );
      ws.close(code, code === CloseCode.BAD_MESSAGE ? 'malformed message' : (err as Error).message);
    }
  };

  ws.on('message', (data) => {
    const frame = toBytes(data);
    if (room) receive(frame);
    // A client may not flood the server before its room is ready either.
    else if (early.length < 64) early.push(frame);
    else ws.close(CloseCode.RATE_LIMITED, 'too many messages before the board was ready');
  });

  deps.keepAlive.track(ws);

  ws.on('close', () => {
    metrics.connections.dec();
    const left = (perAddress.get(address) ?? 1) - 1;
    if (left > 0) perAddress.set(address, left);
    else perAddress.delete(address);
    if (room) {
      room.leave(ws);
      registry.release(room);
    }
  });
  ws.on('error', (err) => log.debug({ err }, 'socket error'));

  const refuse = (code: number, reason: string) => ws.close(code, reason);
  if (!deps.originAllowed(req.headers.origin, req.headers.host)) {
    return refuse(CloseCode.FORBIDDEN, 'this origin may not connect');
  }
  if (!name) return refuse(CloseCode.NOT_FOUND, 'no such board');
  if ((perAddress.get(address) ?? 0) > deps.maxConnectionsPerIp) {
    return refuse(CloseCode.TOO_MANY_CONNECTIONS, 'too many connections from this address');
  }

  void (async () => {
    const access = await deps.access(name.boardId, token);
    if (!access.ok) return refuse(access.code, access.reason);
    if (registry.connectionsTo(name.boardId) >= deps.maxConnectionsPerBoard) {
      return refuse(CloseCode.TOO_MANY_CONNECTIONS, 'too many connections to this board');
    }
    const joined = registry.reserveJoin(name.boardId);
    let loaded: Room;
    try {
      loaded = await registry.acquire(name);
    } finally {
      joined();
    }
    if (ws.readyState !== ws.OPEN) {
      registry.release(loaded);
      return;
    }
    room = loaded;
    room.join(ws, {
      role: access.role,
      canWrite: canWrite(access.role, name.kind),
      keyVersion: access.keyVersion,
    });
    for (const frame of early.splice(0)) receive(frame);
  })().catch((err: unknown) => {
    const code = err instanceof JoinRefused ? err.code : CloseCode.STORAGE_UNAVAILABLE;
    if (!(err instanceof JoinRefused))
      log.error({ err, docName: name.docName }, 'joining a room failed');
    refuse(code, err instanceof JoinRefused ? err.message : 'try again later');
  });
}
