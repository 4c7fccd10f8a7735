/**
 * Credentials never reach the logs. A spawned server process logs at the most verbose level
 * while REST (Bearer tokens), sockets (?token=), refused and forged tokens, a malformed frame,
 * link rotation and deletion are exercised; afterwards no token, no configured secret and no
 * JWT-looking string may appear anywhere in what it printed (stdout JSON and stderr).
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, disconnectAll, whenSynced, type Client } from '../../helpers/clients.js';
import {
  ADMIN_TOKEN,
  removeDir,
  spawnServer,
  tempDataDir,
  wsUrlOf,
  type CreatedBoard,
  type Role,
  type ServerProcess,
} from '../../helpers/server.js';
import { closeCodeOf, rawJoin, sleep, trackDenials } from './support.js';

const AUTH_SECRET = 'logs-test-auth-secret-0123456789abcdef';
const CREATE_TOKEN = 'logs-test-create-token-42';
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}/;

let dataDir: string;
let proc: ServerProcess;
let stderr = '';
/** Every credential the run handed out or used. */
const secrets = new Set<string>([AUTH_SECRET, CREATE_TOKEN, ADMIN_TOKEN]);

beforeAll(async () => {
  process.setMaxListeners(50);
  dataDir = tempDataDir();
  proc = await spawnServer(dataDir, {
    LOG_LEVEL: 'trace',
    AUTH_SECRET,
    CREATE_TOKEN,
    PING_INTERVAL_MS: '200',
  });
  proc.child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
});

afterAll(async () => {
  if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
  removeDir(dataDir);
});

const api = (path: string, init: RequestInit = {}) => fetch(`${proc.url}${path}`, init);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function create(title: string): Promise<CreatedBoard> {
  const res = await api('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(CREATE_TOKEN) },
    body: JSON.stringify({ title, template: 'current-state' }),
  });
  expect(res.status).toBe(201);
  const board = (await res.json()) as CreatedBoard;
  for (const t of Object.values(board.tokens)) secrets.add(t);
  return board;
}

describe('logs', () => {
  it('S38, S43: never contain a token, a configured secret or anything JWT-shaped', async () => {
    const clients: Client[] = [];
    const ws = wsUrlOf(proc.url);
    try {
      const board = await create('Logged board');
      const other = await create('Other board');
      const roles = Object.keys(board.tokens) as Role[];

      // REST with every role's Bearer token, allowed and refused.
      for (const role of roles) {
        const auth = bearer(board.tokens[role]);
        await api(`/api/boards/${board.id}`, { headers: auth });
        await api(`/api/boards/${board.id}/summary`, { headers: auth });
        await api(`/api/boards/${board.id}`, {
          method: 'PATCH',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Renamed by ${role}` }),
        });
        await api(`/api/boards/${other.id}`, { headers: auth }); // 403: another board
        await api('/api/boards', { headers: auth }); // 403: listing needs the admin token
      }
      await api('/api/boards', { headers: bearer(ADMIN_TOKEN) });
      // Tokens where they do not belong: query strings, a broken JSON body, a wrong scheme.
      await api(`/api/boards/${board.id}?token=${board.tokens.owner}`);
      await api(`/b/${board.id}?token=${board.tokens.editor}`);
      await api(`/?token=${board.tokens.viewer}`);
      await api(`/api/nothing-here?token=${board.tokens.owner}`);
      await api(`/api/boards/${board.id}`, {
        method: 'PATCH',
        headers: { ...bearer(board.tokens.owner), 'content-type': 'application/json' },
        body: `{"title": "${board.tokens.owner}`,
      });
      await api(`/api/boards/${board.id}`, { headers: { authorization: board.tokens.owner } });
      await api('/api/boards', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(`${CREATE_TOKEN}x`) },
        body: JSON.stringify({ title: 'refused' }),
      });

      // Forged and garbage tokens, on REST and on the socket.
      const forged = await new SignJWT({ b: board.id, r: 'owner', kv: 1 })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(new TextEncoder().encode('not-the-server-secret-0123456789abcdef'));
      secrets.add(forged);
      expect((await api(`/api/boards/${board.id}`, { headers: bearer(forged) })).status).toBe(401);
      expect(await closeCodeOf(ws, board.id, forged)).toBe(4401);
      expect(await closeCodeOf(ws, board.id, 'garbage-token')).toBe(4401);
      expect(await closeCodeOf(ws, other.id, board.tokens.owner)).toBe(4403);
      expect(await closeCodeOf(ws, 'noSuchBoard12', ADMIN_TOKEN)).toBe(4404);

      // Sockets with ?token= for every role, on both docs, with edits and presence.
      for (const role of roles) {
        for (const room of [board.id, `${board.id}/comments`]) {
          const c = connectClient(ws, room, new Y.Doc(), board.tokens[role]);
          trackDenials(c.provider);
          clients.push(c);
        }
      }
      await Promise.all(clients.map((c) => whenSynced(c)));
      for (const c of clients) {
        c.doc.getMap('logs').set('k', c.doc.clientID);
        c.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
      }
      // A malformed frame (logged as a warning with its error).
      const bad = await rawJoin(ws, board.id, board.tokens.editor);
      bad.send(Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f));
      await bad.closed;
      await sleep(300); // a few pings

      // Rotation closes the old sockets; the new links work; old ones are refused.
      const rotated = await api(`/api/boards/${board.id}/rotate`, {
        method: 'POST',
        headers: bearer(board.tokens.owner),
      });
      expect(rotated.status).toBe(200);
      const { tokens } = (await rotated.json()) as { tokens: Record<Role, string> };
      for (const t of Object.values(tokens)) secrets.add(t);
      expect(await closeCodeOf(ws, board.id, board.tokens.editor)).toBe(4401);
      expect(
        (await api(`/api/boards/${board.id}`, { headers: bearer(board.tokens.viewer) })).status,
      ).toBe(401);
      const fresh = connectClient(ws, board.id, new Y.Doc(), tokens.editor);
      clients.push(fresh);
      await whenSynced(fresh);

      // Deleting a board with live sockets.
      const gone = await api(`/api/boards/${other.id}`, {
        method: 'DELETE',
        headers: bearer(other.tokens.owner),
      });
      expect(gone.status).toBe(204);
    } finally {
      disconnectAll(clients);
    }

    // Let the server write everything, then stop it (shutdown logs too).
    await sleep(300);
    proc.child.kill('SIGTERM');
    await proc.exited;

    const printed = `${JSON.stringify(proc.logs)}\n${stderr}`;
    // The run did log: requests, refusals, the bad frame.
    const http = proc.logs.filter((l) => l.msg === 'http');
    expect(http.length).toBeGreaterThan(30);
    expect(http.some((l) => l.status === 401)).toBe(true);
    expect(http.some((l) => l.status === 403)).toBe(true);
    expect(proc.logs.some((l) => l.msg === 'closing a connection that sent a bad frame')).toBe(
      true,
    );
    for (const secret of secrets) {
      expect(printed.includes(secret), `a credential (${secret.slice(0, 12)}…) was logged`).toBe(
        false,
      );
    }
    expect(printed.match(JWT_LIKE)?.[0] ?? null).toBeNull();
  }, 60_000);
});
