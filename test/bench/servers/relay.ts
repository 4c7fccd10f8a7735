/**
 * The floor: a plain `ws` server that forwards every frame of a room (the URL path) to the
 * room's other sockets, bytes untouched, one send per socket. No Yjs, no state.
 */
import http from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = http.createServer((_req, res) => res.end('relay'));
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 1 << 30 });

wss.on('connection', (ws, req) => {
  const name = (req.url ?? '/').split('?')[0]!;
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = new Set()));
  room.add(ws);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    for (const peer of room)
      if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => {
    room.delete(ws);
    if (room.size === 0) rooms.delete(name);
  });
  ws.on('error', () => ws.terminate());
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
