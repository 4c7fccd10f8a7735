/**
 * The browser client's awareness sending (client/src/board/core/ownAwareness.ts) with a real
 * y-websocket provider against the real server: only its own state goes out, and after a
 * reconnect it sees the others at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOwnAwarenessOnly } from '../../client/src/board/core/ownAwareness.js';
import type { RunningServer } from '../../server/server.js';
import { connectClient, disconnectAll, waitFor, whenSynced } from '../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

describe('the client sends only its own presence', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, { AWARENESS_BATCH_MS: '10' });
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('S21: sends no echoes, and sees everyone again right after a reconnect', async () => {
    const board = await createBoard(server.url);
    const ws = wsUrlOf(server.url);
    const me = connectClient(ws, board.id);
    const others = [connectClient(ws, board.id), connectClient(ws, board.id)];
    sendOwnAwarenessOnly(me.provider);
    const sent: number[] = [];
    try {
      await Promise.all([me, ...others].map((c) => whenSynced(c)));
      const socket = me.provider.ws!;
      const send = socket.send.bind(socket);
      socket.send = (data: Parameters<WebSocket['send']>[0]) => {
        const bytes = new Uint8Array(data as ArrayBuffer);
        if (bytes[0] === 1) sent.push(bytes.byteLength);
        send(data);
      };
      me.provider.awareness.setLocalStateField('user', { name: 'me' });
      others.forEach((o, i) => o.provider.awareness.setLocalStateField('user', { name: `o${i}` }));
      await waitFor(() => me.provider.awareness.getStates().size === 3, 3000, 'the others');
      for (let i = 0; i < 5; i++) {
        others.forEach((o) => o.provider.awareness.setLocalStateField('cursor', { x: i }));
        await new Promise((r) => setTimeout(r, 30));
      }
      // Exactly one frame went out: our own state. The stock handler echoes each batch.
      expect(sent).toHaveLength(1);

      me.provider.disconnect();
      me.provider.connect();
      await whenSynced(me);
      await waitFor(() => me.provider.awareness.getStates().size === 3, 3000, 'the others again');
    } finally {
      disconnectAll([me, ...others]);
    }
  });
});
