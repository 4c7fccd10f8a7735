import type { WebSocket, WebSocketServer } from 'ws';

/**
 * One timer pings every socket of the server and drops those that did not answer the previous
 * ping (a timer per connection costs memory and wake-ups at tens of thousands of sockets).
 */
export class KeepAlive {
  private readonly silent = new WeakSet<WebSocket>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly wss: WebSocketServer,
    intervalMs: number,
  ) {
    this.timer = setInterval(this.sweep, intervalMs);
    this.timer.unref();
  }

  track(ws: WebSocket): void {
    ws.on('pong', this.answered);
  }

  /** One listener for every socket (`this` is the socket): a closure each costs idle memory. */
  private readonly answered = ((silent: WeakSet<WebSocket>) =>
    function (this: WebSocket) {
      silent.delete(this);
    })(this.silent);

  private readonly sweep = (): void => {
    for (const ws of this.wss.clients) {
      // Not read on purpose (inboundFlow.ts): its pong may be waiting unread.
      if (ws.isPaused) {
        this.silent.delete(ws);
        continue;
      }
      if (this.silent.has(ws)) {
        ws.terminate();
        continue;
      }
      this.silent.add(ws);
      ws.ping();
    }
  };

  stop(): void {
    clearInterval(this.timer);
  }
}
