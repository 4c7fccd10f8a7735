import type { IncomingMessage } from 'node:http';
import type { RawData } from 'ws';
import { parseRoomName } from '../../shared/protocol/boardId.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { PRESENCE_MOVES_PARAM, PRESENCE_MOVES_VALUE } from '../../shared/protocol/presenceMoves.js';
import { canWrite } from '../../shared/protocol/roles.js';
import { tokenFromProtocols } from '../../shared/protocol/syncAuth.js';
import type { AccessResult } from '../auth/access.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { ProtocolError } from './incoming.js';
import { InboundFlow, type InboundBudgets } from './inboundFlow.js';
import type { KeepAlive } from './keepAlive.js';
import type { Room } from './room.js';
import { JoinRefused, type RoomRegistry } from './roomRegistry.js';
import type { SyncSocket } from './syncSocket.js';

export const SYNC_PATH_PREFIX = '/sync/';
/** Frames held while the room loads; past them the socket is not read until it is ready. */
const EARLY_FRAMES = 64;

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
  /** What the upgrade's token (or, without one, its session cookie) may do on the board. */
  access(
    boardId: string,
    token: string | undefined,
    cookie: string | undefined,
  ): Promise<AccessResult>;
  /** Whether a browser page from this Origin may open the socket. */
  originAllowed(origin: string | undefined, host: string | undefined): boolean;
  maxConnectionsPerBoard: number;
  maxConnectionsPerIp: number;
  /** How fast one socket is read: past its budgets it is read more slowly, never closed. */
  inbound: InboundBudgets;
  /** Proxies in front of this server whose X-Forwarded-For entries are trusted. */
  trustProxyHops: number;
  /** Open sockets per client address on this instance, over all rooms. */
  perAddress: Map<string, number>;
  /** Asks failing storage writes to retry now; true when they work again (UpdateWriter). */
  retryWrites(): Promise<boolean>;
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

/** The room a `/sync/…` path names; null for anything else, broken percent-encoding included. */
function roomOfPath(pathname: string) {
  try {
    return parseRoomName(decodeURIComponent(pathname.slice(SYNC_PATH_PREFIX.length)));
  } catch {
    // decodeURIComponent throws URIError on a malformed escape: an unknown board, not a crash.
    return null;
  }
}

/** One 'error' listener per logger, shared by every socket (a closure each costs idle memory). */
const errorLoggers = new WeakMap<Logger, (err: Error) => void>();
function socketErrorLogger(log: Logger): (err: Error) => void {
  let listener = errorLoggers.get(log);
  if (!listener) {
    listener = (err) => log.debug({ err }, 'socket error');
    errorLoggers.set(log, listener);
  }
  return listener;
}

/** A close reason within the 123 bytes a close frame has room for. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

/**
 * Serves one WebSocket: checks its origin, token and the connection caps, resolves its room
 * from the path, holds its frames until the room is loaded, then feeds them to the room.
 * Every refusal accepts the upgrade and closes with a code (browsers hide HTTP statuses). A
 * bad frame closes this socket only; a socket that sends too much is read more slowly.
 */
export function handleConnection(ws: SyncSocket, req: IncomingMessage, deps: ConnectionDeps): void {
  const { registry, log, metrics, perAddress } = deps;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const name = roomOfPath(url.pathname);
  const token =
    url.searchParams.get('token') ?? tokenFromProtocols(req.headers['sec-websocket-protocol']);
  const address = clientAddress(req, deps.trustProxyHops);
  // W327: a journeyboard client asks for presence moves; stock clients never do.
  const presenceMoves = url.searchParams.get(PRESENCE_MOVES_PARAM) === PRESENCE_MOVES_VALUE;
  // Read now: a closure below that named `req` would keep the whole request for the
  // socket's lifetime (every closure of a function shares one context).
  const { cookie, origin, host } = req.headers;
  metrics.connections.inc();
  perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
  ws.binaryType = 'nodebuffer';
  const flow = new InboundFlow(ws, deps.inbound, metrics.inboundPauses);
  ws.flow = flow;
  let room: Room | null = null;
  let early: Uint8Array[] | null = [];

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
      ws.close(code, closeReason(err instanceof ProtocolError ? err.message : 'malformed message'));
    }
  };

  ws.on('message', (data) => {
    const frame = toBytes(data);
    flow.received(frame.byteLength);
    if (room) {
      flow.deliver(frame, receive);
      return;
    }
    early ??= [];
    early.push(frame);
    // Nothing is dropped: the socket is simply not read until its room is ready.
    if (early.length === EARLY_FRAMES) flow.hold();
  });

  deps.keepAlive.track(ws);

  ws.on('close', () => {
    flow.stop();
    metrics.connections.dec();
    const left = (perAddress.get(address) ?? 1) - 1;
    if (left > 0) perAddress.set(address, left);
    else perAddress.delete(address);
    if (room) {
      room.leave(ws);
      registry.release(room);
    }
  });
  ws.on('error', socketErrorLogger(log));

  if (!deps.originAllowed(origin, host)) {
    return ws.close(CloseCode.FORBIDDEN, 'this origin may not connect');
  }
  if (!name) return ws.close(CloseCode.NOT_FOUND, 'no such board');
  if ((perAddress.get(address) ?? 0) > deps.maxConnectionsPerIp) {
    return ws.close(CloseCode.TOO_MANY_CONNECTIONS, 'too many connections from this address');
  }

  // Passed in, so that the closures above (alive as long as the socket) do not hold them.
  void (async (token: string | undefined, cookie: string | undefined) => {
    const access = await deps.access(name.boardId, token, cookie);
    if (!access.ok) return ws.close(access.code, access.reason);
    if (registry.connectionsTo(name.boardId) >= deps.maxConnectionsPerBoard) {
      return ws.close(CloseCode.TOO_MANY_CONNECTIONS, 'too many connections to this board');
    }
    const joined = registry.reserveJoin(name.boardId);
    let loaded: Room;
    try {
      loaded = await registry.acquire(name).catch(async (err: unknown) => {
        // Refused because writes fail: storage may be back before the writer's next retry.
        const unsaved = err instanceof JoinRefused && err.code === CloseCode.STORAGE_UNAVAILABLE;
        if (unsaved && (await deps.retryWrites())) return registry.acquire(name);
        throw err;
      });
    } finally {
      joined();
    }
    if (ws.readyState !== ws.OPEN) {
      registry.release(loaded);
      return;
    }
    room = loaded;
    room.join(
      ws,
      {
        role: access.role,
        canWrite: canWrite(access.role, name.kind),
        keyVersion: access.keyVersion,
        person:
          access.who.kind === 'member' || access.who.kind === 'token'
            ? { id: access.who.userId, name: access.who.name }
            : null,
        guest: access.who.kind === 'guest',
        credentials: 'credentials' in access.who ? access.who.credentials : [],
      },
      flow,
      presenceMoves,
    );
    const held = early ?? [];
    early = null;
    for (const frame of held) flow.deliver(frame, receive);
    flow.release();
  })(token, cookie).catch((err: unknown) => {
    const code = err instanceof JoinRefused ? err.code : CloseCode.STORAGE_UNAVAILABLE;
    if (!(err instanceof JoinRefused))
      log.error({ err, docName: name.docName }, 'joining a room failed');
    ws.close(code, err instanceof JoinRefused ? err.message : 'try again later');
  });
}
