/**
 * Hocuspocus 3.4 with its defaults and no extensions (no persistence, no auth hook): the
 * document-name framing and the auth message are the client's business (see generator).
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT),
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
});
await server.listen();
process.on('SIGTERM', () => process.exit(0));
