/**
 * What the HTTP side of the server promises whatever route is asked: security headers, no
 * compression on the sync socket, JSON in UTF-8 only for import bodies, and the per-address
 * connection cap.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../../server/server.js';
import {
  adminAuth,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../../helpers/server.js';
import { closeCodeOf, rawJoin, sleep, type RawClient } from './support.js';

let dataDir: string;
let server: RunningServer;
let raws: RawClient[] = [];

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, { MAX_CONNECTIONS_PER_IP: '2' });
});

afterEach(() => {
  for (const r of raws) r.ws.terminate();
  raws = [];
});

afterAll(async () => {
  await server.stop();
  removeDir(dataDir);
});

describe('HTTP hardening', () => {
  it("S41: sends a CSP of 'self' without inline scripts that no page may frame", async () => {
    for (const route of ['/', '/healthz', '/api/boards/nope']) {
      const res = await fetch(`${server.url}${route}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name = '', ...values] = d.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      expect(directives.get('default-src'), route).toEqual(["'self'"]);
      expect(directives.get('script-src'), route).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors'), route).toEqual(["'none'"]);
      expect(res.headers.get('x-powered-by'), route).toBeNull();
    }
  });

  it('W58: refuses an import body that is not JSON in UTF-8 with 415', async () => {
    const body = JSON.stringify({ format: 'journeyboard' });
    for (const type of ['text/plain', 'application/json; charset=latin1']) {
      const res = await fetch(`${server.url}/api/boards/import`, {
        method: 'POST',
        headers: { ...adminAuth, 'content-type': type },
        body,
      });
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as { error: string }).error, type).toMatch(/JSON|UTF-8/);
    }
  });

  it('S39: negotiates no compression on the sync socket, even when the client offers it', async () => {
    const board = await createBoard(server.url);
    const client = await rawJoin(wsUrlOf(server.url), board.id, board.tokens.viewer, {
      perMessageDeflate: true,
    });
    raws.push(client);
    expect(client.ws.extensions).toBe('');
  });

  it('S35: refuses a connection past MAX_CONNECTIONS_PER_IP with 4529, over all boards', async () => {
    const ws = wsUrlOf(server.url);
    const [a, b] = [await createBoard(server.url), await createBoard(server.url)];
    raws.push(await rawJoin(ws, a.id, a.tokens.viewer));
    raws.push(await rawJoin(ws, b.id, b.tokens.viewer));
    expect(await closeCodeOf(ws, `${a.id}/comments`, a.tokens.viewer)).toBe(
      CloseCode.TOO_MANY_CONNECTIONS,
    );
    // A leave makes room again.
    raws.pop()!.ws.close();
    await sleep(200);
    raws.push(await rawJoin(ws, b.id, b.tokens.viewer));
  });
});
