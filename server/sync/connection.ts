import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { parseRoomName } from '../../shared/protocol/boardId.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Room } from './room.js';
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
  pingIntervalMs: number;
}

/**
 * Serves one WebSocket: resolves its room from the path, holds its frames until the room is
 * loaded, then feeds them to the room. A bad frame closes this socket only.
 */
export function handleConnection(ws: WebSocket, req: IncomingMessage, deps: ConnectionDeps): void {
  const { registry, log, metrics } = deps;
  const path = (req.url ?? '').split('?')[0] ?? '';
  const name = parseRoomName(decodeURIComponent(path.slice(SYNC_PATH_PREFIX.length)));
  metrics.connections.inc();
  ws.binaryType = 'nodebuffer';
  let room: Room | null = null;
  const early: Uint8Array[] = [];

  const receive = (frame: Uint8Array) => {
    if (!room) return;
    try {
      room.receive(ws, frame);
    } catch (err) {
      log.warn({ err, docName: room.name.docName }, 'closing a connection that sent a bad frame');
      ws.close(CloseCode.BAD_MESSAGE, 'malformed message');
    }
  };

  ws.on('message', (data) => {
    const frame = toBytes(data);
    if (room) receive(frame);
    else early.push(frame);
  });

  let alive = true;
  ws.on('pong', () => {
    alive = true;
  });
  const pinger = setInterval(() => {
    if (!alive) {
      ws.terminate();
      return;
    }
    alive = false;
    ws.ping();
  }, deps.pingIntervalMs);

  ws.on('close', () => {
    clearInterval(pinger);
    metrics.connections.dec();
    if (room) {
      room.leave(ws);
      registry.release(room);
    }
  });
  ws.on('error', (err) => log.debug({ err }, 'socket error'));

  if (!name) {
    ws.close(CloseCode.NOT_FOUND, 'no such board');
    return;
  }
  registry.acquire(name).then(
    (loaded) => {
      if (ws.readyState !== ws.OPEN) {
        registry.release(loaded);
        return;
      }
      room = loaded;
      room.join(ws);
      for (const frame of early.splice(0)) receive(frame);
    },
    (err: unknown) => {
      const code = err instanceof JoinRefused ? err.code : CloseCode.STORAGE_UNAVAILABLE;
      if (!(err instanceof JoinRefused))
        log.error({ err, docName: name.docName }, 'joining a room failed');
      ws.close(code, err instanceof JoinRefused ? err.message : 'try again later');
    },
  );
}
