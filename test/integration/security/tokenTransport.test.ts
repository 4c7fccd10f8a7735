/**
 * A share token can reach the sync socket as a subprotocol instead of in the URL, so it stays
 * out of proxy access logs and browser console messages (docs/WIRE.md, "Passing the token").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import { SYNC_PROTOCOL, tokenProtocols } from '../../../shared/protocol/syncAuth.js';
import type { RunningServer } from '../../../server/server.js';
import { waitFor } from '../../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../../helpers/server.js';
import { MSG_SYNC, SYNC_STEP1 } from './support.js';

describe('the token as a subprotocol', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  function open(boardId: string, protocols: string[]) {
    const ws = new WebSocket(`${wsUrlOf(server.url)}/${boardId}`, protocols);
    const frames: Buffer[] = [];
    ws.on('message', (data: Buffer) => frames.push(data));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    return { ws, frames, closed };
  }

  it('W7: joins with the token beside "journeyboard", which the server selects', async () => {
    const board = await createBoard(server.url);
    const client = open(board.id, tokenProtocols(board.tokens.editor));
    await waitFor(
      () => client.frames.some((f) => f[0] === MSG_SYNC && f[1] === SYNC_STEP1),
      5000,
      'the server sync step 1',
    );
    expect(client.ws.protocol).toBe(SYNC_PROTOCOL);
    client.ws.close();
  });

  it('W7: refuses a bad token passed that way like one in the query (4401)', async () => {
    const board = await createBoard(server.url);
    const client = open(board.id, tokenProtocols(`${board.tokens.editor.slice(0, -4)}AAAA`));
    expect(await client.closed).toBe(CloseCode.UNAUTHORIZED);
  });
});
