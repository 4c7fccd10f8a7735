import { WebSocket } from 'ws';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { InboundFlow } from './inboundFlow.js';

/**
 * The server's sockets (`WebSocketServer`'s `WebSocket` option), so that what each close must
 * do is a method, not a closure and a bound function per socket (idle memory). A socket we
 * stopped reading is read again, or the client's answer to our close frame would wait unread
 * until `ws` gives up on it. And `ws` closes a frame over its maxPayload with 1009, which every
 * y-websocket retries: the client would send the same frame on each connect, forever. Such a
 * frame can never be accepted, so the close says so with a code stock clients treat as final.
 */
export class SyncSocket extends WebSocket {
  /** How the socket is read (connection.ts); stopped when it closes. */
  flow: InboundFlow | null = null;

  override close(code?: number, reason?: string | Buffer): void {
    this.flow?.stop();
    if (code === 1009) super.close(CloseCode.TOO_LARGE, 'message larger than this server accepts');
    else super.close(code, reason);
  }
}
