/**
 * Hand-written hostile requests to every route and the sync upgrade, with and without a
 * token: malformed paths (bad percent-encoding, overlong, NUL, `..`), headers (Authorization,
 * Content-Type, Content-Length, X-Forwarded-For behind TRUST_PROXY, Origin, Host) and query
 * strings (repeated keys, arrays, bad encoding). The server runs as its own process, so a
 * throw that escapes a handler shows as an exit: it must stay up, answer every request with a
 * 4xx and a JSON error (or a 44xx close), and keep serving an honest client on another board.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, disconnectAll, waitFor, whenSynced } from '../../helpers/clients.js';
import {
  createBoard,
  removeDir,
  spawnServer,
  tempDataDir,
  wsUrlOf,
  type CreatedBoard,
  type ServerProcess,
} from '../../helpers/server.js';
import { rawRequest, upgradeHeaders, type RawAnswer } from './rawHttp.js';

let dataDir: string;
let proc: ServerProcess;
let port: number;
let target: CreatedBoard;
let honest: CreatedBoard;

beforeAll(async () => {
  dataDir = tempDataDir();
  // A stand-in for the built client, so the static routes are there to attack too.
  const clientDir = path.join(dataDir, 'client');
  mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>jb</title>');
  writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'console.log(1)');
  proc = await spawnServer(path.join(dataDir, 'data'), {
    TRUST_PROXY: '1',
    CLIENT_DIR: clientDir,
  });
  port = Number(new URL(proc.url).port);
  target = await createBoard(proc.url);
  honest = await createBoard(proc.url);
}, 30_000);

afterAll(async () => {
  proc?.child.kill('SIGKILL');
  await proc?.exited;
  removeDir(dataDir);
});

/** Every route of server/http and the sync upgrade; `{id}` and `{vid}` are filled in. */
const ROUTES: readonly { method: string; path: string; upgrade?: boolean }[] = [
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/metrics' },
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/b/{id}' },
  { method: 'GET', path: '/assets/app.js' },
  { method: 'GET', path: '/api/boards' },
  { method: 'POST', path: '/api/boards' },
  { method: 'POST', path: '/api/boards/import' },
  { method: 'GET', path: '/api/boards/{id}' },
  { method: 'GET', path: '/api/boards/{id}/summary' },
  { method: 'PATCH', path: '/api/boards/{id}' },
  { method: 'DELETE', path: '/api/boards/{id}' },
  { method: 'POST', path: '/api/boards/{id}/rotate' },
  { method: 'POST', path: '/api/boards/{id}/survey/preview' },
  { method: 'POST', path: '/api/boards/{id}/survey/import' },
  { method: 'GET', path: '/api/boards/{id}/versions' },
  { method: 'POST', path: '/api/boards/{id}/versions' },
  { method: 'GET', path: '/api/boards/{id}/versions/{vid}' },
  { method: 'POST', path: '/api/boards/{id}/versions/{vid}/restore' },
  { method: 'POST', path: '/api/boards/{id}/versions/{vid}/duplicate' },
  { method: 'GET', path: '/api/boards/{id}/diff' },
  { method: 'GET', path: '/api/boards/{id}/activity' },
  { method: 'POST', path: '/api/boards/{id}/activity/since' },
  { method: 'POST', path: '/api/boards/{id}/images' },
  { method: 'GET', path: '/api/boards/{id}/images/{vid}' },
  { method: 'GET', path: '/api/boards/{id}/images/{vid}?size=thumb' },
  { method: 'GET', path: '/api/no-such-route' },
  { method: 'GET', path: '/sync/{id}', upgrade: true },
  { method: 'GET', path: '/sync/{id}/comments', upgrade: true },
];

const BAD_SEGMENTS = [
  '%E0%A4%A', // truncated UTF-8 escape: decodeURIComponent throws URIError
  '%',
  '%zz',
  '%C0%AF', // overlong UTF-8 for '/'
  '%00',
  '..',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  'a'.repeat(9000),
];

interface Attack {
  name: string;
  /** Replaces `{id}` (path attacks) or the whole path (null: keep the route's). */
  path?: (routePath: string) => string;
  query?: string;
  headers?: string[];
  /** Leave out the default Content-Type/Content-Length (the attack sets its own). */
  ownBody?: { headers: string[]; body: string | Buffer };
  /** Leave out Host. */
  noHost?: boolean;
  /** Another method than the route's. */
  method?: string;
  /** WebSocket handshake headers on a plain route too. */
  upgrade?: boolean;
}

const fill = (p: string, id: string) =>
  p.replaceAll('{id}', id).replaceAll('{vid}', 'v_0123456789ab');

const ATTACKS: readonly Attack[] = [
  ...BAD_SEGMENTS.map((seg): Attack => ({
    name: `id segment ${seg.slice(0, 20)}`,
    path: (p) => fill(p, seg),
  })),
  ...BAD_SEGMENTS.map((seg): Attack => ({
    name: `appended ${seg.slice(0, 20)}`,
    path: (p) => `${fill(p, target.id)}/${seg}`,
  })),
  { name: 'raw NUL in path', path: (p) => `${fill(p, target.id)}\0x` },
  { name: 'dot segments', path: (p) => `/../../..${fill(p, target.id)}/../../etc/passwd` },
  { name: 'overlong path', path: (p) => `${fill(p, target.id)}/${'x'.repeat(70_000)}` },
  { name: 'query: bad encoding', query: 'token=%E0%A4%A&from=%&to=%zz&limit=%E0&before=%' },
  { name: 'query: repeated keys', query: 'token=a&token=b&from=x&from=y&limit=1&limit=2' },
  { name: 'query: arrays', query: 'from[]=a&to[]=b&limit[]=1&before[x]=2&token[]=t' },
  { name: 'query: proto', query: '__proto__[x]=1&constructor[prototype][y]=2&hasOwnProperty=1' },
  { name: 'query: huge', query: `limit=${'9'.repeat(6000)}` },
  { name: 'Authorization: empty bearer', headers: ['Authorization: Bearer'] },
  { name: 'Authorization: junk', headers: ['Authorization: Bearer %E0%A4%A.\x01.\x7f'] },
  { name: 'Authorization: basic', headers: ['Authorization: Basic Og=='] },
  { name: 'Authorization: huge', headers: [`Authorization: Bearer ${'a'.repeat(12_000)}`] },
  {
    name: 'Authorization: alg none',
    headers: ['Authorization: Bearer eyJhbGciOiJub25lIn0.eyJiIjoieCJ9.'],
  },
  {
    name: 'Authorization: twice',
    headers: ['Authorization: Bearer a', 'Authorization: Bearer b'],
  },
  {
    name: 'Content-Type: huge',
    ownBody: {
      headers: [`Content-Type: application/json; x=${'y'.repeat(8000)}`, 'Content-Length: 2'],
      body: '{}',
    },
  },
  {
    name: 'Content-Type: bad charset',
    ownBody: {
      headers: ['Content-Type: application/json; charset=utf-7', 'Content-Length: 2'],
      body: '{}',
    },
  },
  {
    name: 'Content-Type: malformed',
    ownBody: { headers: ['Content-Type: ;;=;application/json"', 'Content-Length: 2'], body: '{}' },
  },
  {
    name: 'Content-Type: json, body not JSON',
    ownBody: { headers: ['Content-Type: application/json', 'Content-Length: 5'], body: '{"a":' },
  },
  {
    name: 'Content-Type: json, deep nesting',
    ownBody: {
      headers: ['Content-Type: application/json', `Content-Length: ${200_000}`],
      body: '['.repeat(100_000) + ']'.repeat(100_000),
    },
  },
  {
    name: 'Content-Type: json, proto keys',
    ownBody: {
      headers: ['Content-Type: application/json', 'Content-Length: 52'],
      body: '{"__proto__":{"x":1},"constructor":{"prototype":{}}}'.slice(0, 52),
    },
  },
  {
    name: 'Content-Length: not a number',
    ownBody: { headers: ['Content-Type: application/json', 'Content-Length: abc'], body: '{}' },
  },
  {
    name: 'Content-Length: negative',
    ownBody: { headers: ['Content-Type: application/json', 'Content-Length: -1'], body: '{}' },
  },
  {
    name: 'Content-Length: huge',
    ownBody: {
      headers: ['Content-Type: application/json', 'Content-Length: 99999999999999999999'],
      body: '{}',
    },
  },
  {
    name: 'Content-Length: twice, different',
    ownBody: {
      headers: ['Content-Type: application/json', 'Content-Length: 2', 'Content-Length: 3'],
      body: '{}',
    },
  },
  {
    name: 'Transfer-Encoding: broken chunks',
    ownBody: {
      headers: ['Content-Type: application/json', 'Transfer-Encoding: chunked'],
      body: 'zz\r\n{}\r\n0\r\n\r\n',
    },
  },
  {
    name: 'Content-Encoding: gzip, not gzip',
    ownBody: {
      headers: ['Content-Type: application/json', 'Content-Encoding: gzip', 'Content-Length: 4'],
      body: 'abcd',
    },
  },
  {
    name: 'Content-Encoding: unknown',
    ownBody: {
      headers: ['Content-Type: application/json', 'Content-Encoding: bogus', 'Content-Length: 2'],
      body: '{}',
    },
  },
  { name: 'method: invalid', method: 'BREW' },
  { name: 'method: unrouted', method: 'PROPFIND' },
  { name: 'upgrade headers', upgrade: true },
  { name: 'upgrade: bad version', upgrade: true, headers: ['Sec-WebSocket-Version: 99'] },
  { name: 'upgrade: bad key', upgrade: true, headers: ['Sec-WebSocket-Key: %%%'] },
  { name: 'upgrade: bad protocol', upgrade: true, headers: ['Sec-WebSocket-Protocol: ,,a b,'] },
  { name: 'upgrade: on POST', upgrade: true, method: 'POST' },
  { name: 'X-Forwarded-For: commas', headers: ['X-Forwarded-For: , , ,,'] },
  {
    name: 'X-Forwarded-For: junk',
    headers: ['X-Forwarded-For: %E0%A4%A, [::1]:80, unknown, \x7f'],
  },
  { name: 'X-Forwarded-For: huge', headers: [`X-Forwarded-For: ${'1.2.3.4, '.repeat(1500)}`] },
  { name: 'X-Forwarded-For: twice', headers: ['X-Forwarded-For: a', 'X-Forwarded-For: b'] },
  { name: 'Origin: null', headers: ['Origin: null'] },
  { name: 'Origin: unparseable', headers: ['Origin: http://['] },
  { name: 'Origin: huge', headers: [`Origin: http://${'a'.repeat(8000)}.example`] },
  { name: 'Host: empty', noHost: true, headers: ['Host: '] },
  { name: 'Host: junk', noHost: true, headers: ['Host: [::1:%zz'] },
  { name: 'Host: missing', noHost: true },
  { name: 'Host: twice', noHost: true, headers: ['Host: a', 'Host: b'] },
];

const ATTACKS_PER_ROUTE = ATTACKS.length;

function requestOf(
  route: (typeof ROUTES)[number],
  attack: Attack,
  token: string | null,
): { head: string; body: string | Buffer } {
  const routePath = attack.path ? attack.path(route.path) : fill(route.path, target.id);
  const query = [attack.query, route.upgrade && token ? `token=${token}` : '']
    .filter(Boolean)
    .join('&');
  const headers = [
    ...(attack.noHost ? [] : [`Host: 127.0.0.1:${port}`]),
    ...(route.upgrade || attack.upgrade ? upgradeHeaders() : []),
    ...(token && !route.upgrade ? [`Authorization: Bearer ${token}`] : []),
    ...(attack.headers ?? []),
    'Connection: close',
  ];
  let body: string | Buffer = '';
  if (attack.ownBody) {
    headers.push(...attack.ownBody.headers);
    body = attack.ownBody.body;
  } else if (route.method !== 'GET' && route.method !== 'DELETE') {
    headers.push('Content-Type: application/json', 'Content-Length: 2');
    body = '{}';
  }
  const head = `${attack.method ?? route.method} ${routePath}${query ? `?${query}` : ''} HTTP/1.1\r\n${headers.join('\r\n')}`;
  return { head, body };
}

/** What is wrong with an answer, or null when it is a clean refusal (or a clean success). */
function problemWith(answer: RawAnswer): string | null {
  if (answer.status === 0) return 'no answer (connection dropped)';
  if (answer.status === 101) {
    if (answer.joined) return null; // a valid token despite the noise
    if (answer.closeCode === undefined) return 'upgraded, then nothing';
    // 1002: bytes sent after the handshake (a body on the GET) were not WebSocket frames.
    const clean =
      (answer.closeCode >= 4400 && answer.closeCode < 4600) || answer.closeCode === 1002;
    return clean ? null : `closed with ${answer.closeCode}`;
  }
  // 503 with Retry-After is the import pool's documented back-pressure (W59), not a failure:
  // 61 attacks at once can fill its queue on a loaded machine. Any other 5xx is a defect.
  const backPressure = answer.status === 503 && answer.headers['retry-after'] !== undefined;
  if (answer.status >= 500 && !backPressure)
    return `status ${answer.status}: ${answer.body.slice(0, 120)}`;
  if (answer.status < 400) return null;
  if (!/application\/json/.test(answer.headers['content-type'] ?? ''))
    return `status ${answer.status} without a JSON error (${answer.headers['content-type'] ?? 'no content type'}): ${answer.body.slice(0, 80)}`;
  try {
    const parsed = JSON.parse(answer.body) as { error?: unknown };
    return typeof parsed.error === 'string' ? null : `status ${answer.status}, no error field`;
  } catch {
    return `status ${answer.status}, body is not JSON: ${answer.body.slice(0, 80)}`;
  }
}

/** Runs `jobs` a few at a time. */
async function inPool<T>(jobs: readonly (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

describe('malformed requests', () => {
  it(`W42, S34: answers ${ROUTES.length} routes × ${ATTACKS_PER_ROUTE} attacks, with and without a token, and stays up`, async () => {
    const editorA = connectClient(wsUrlOf(proc.url), honest.id);
    const editorB = connectClient(wsUrlOf(proc.url), honest.id);
    await Promise.all([whenSynced(editorA), whenSynced(editorB)]);
    const text = (c: typeof editorA) => c.doc.getText('probe').toString();

    const failures: string[] = [];
    const tokens = [null, target.tokens.editor];
    const jobs = ROUTES.flatMap((route) =>
      ATTACKS.flatMap((attack) =>
        tokens.map((token) => async () => {
          const { head, body } = requestOf(route, attack, token);
          const what = `${route.method} ${route.path} [${attack.name}] ${token ? 'editor' : 'no token'}`;
          try {
            const problem = problemWith(await rawRequest(port, head, body));
            if (problem) failures.push(`${what}: ${problem}`);
          } catch (err) {
            failures.push(`${what}: ${(err as Error).message}`);
          }
        }),
      ),
    );
    await inPool(jobs, 8);

    expect(
      proc.child.exitCode,
      `server exited; first failures:\n${failures.slice(0, 5).join('\n')}`,
    ).toBeNull();
    expect(failures.slice(0, 40), `${failures.length} bad answers`).toEqual([]);

    // Still serving: health, and an honest pair of editors on another board.
    expect((await fetch(`${proc.url}/healthz`)).status).toBe(200);
    editorA.doc.getText('probe').insert(0, 'still here');
    await waitFor(() => text(editorB) === 'still here', 5000, 'the edit to reach the other editor');
    disconnectAll([editorA, editorB]);
  }, 120_000);

  it('W5, S40: refuses a sync path with broken percent-encoding with 4404 and keeps running', async () => {
    for (const room of ['%E0%A4%A', `${target.id}%E0%A4%A`, `${target.id}/%`, '%00']) {
      const answer = await rawRequest(
        port,
        `GET /sync/${room}?token=${target.tokens.editor} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${upgradeHeaders().join('\r\n')}`,
      );
      expect(answer.closeCode, room).toBe(4404);
    }
    expect(proc.child.exitCode).toBeNull();
    const doc = new Y.Doc();
    const client = connectClient(wsUrlOf(proc.url), honest.id, doc);
    await whenSynced(client);
    disconnectAll([client]);
  }, 30_000);
});
