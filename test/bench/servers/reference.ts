/**
 * The reference server: y-websocket 1.5.4's own `bin/server.js`, i.e. `setupWSConnection`
 * from `bin/utils.js` behind a `ws` server (its own ws 6, as installed with it). Loaded by
 * path because the package's exports hide bin/.
 */
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import path from 'node:path';

const utilsPath = path.resolve(
  import.meta.dirname,
  '../../../node_modules/y-websocket-reference/bin/utils.js',
);
const requireFromReference = createRequire(utilsPath);

interface ReferenceWss {
  handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    done: (ws: unknown) => void,
  ): void;
  on(event: 'connection', listener: (ws: unknown, req: IncomingMessage) => void): void;
  emit(event: 'connection', ws: unknown, req: IncomingMessage): boolean;
}

const { setupWSConnection } = requireFromReference(utilsPath) as {
  setupWSConnection(ws: unknown, req: IncomingMessage): void;
};
const WebSocket = requireFromReference('ws') as {
  Server: new (options: { noServer: boolean }) => ReferenceWss;
};

const wss = new WebSocket.Server({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
