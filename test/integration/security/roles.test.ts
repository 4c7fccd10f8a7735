/**
 * Who may do what, over the real server: the role matrix with real y-websocket clients (read,
 * write, presence on the board doc and the comments doc), every way a token can be wrong, link
 * rotation, and the REST role matrix. Denied writes are checked afterwards by a fresh owner
 * client and by reading SQLite.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addStage,
  createThread,
  readBoard,
  readThreads,
  type CommentAuthor,
} from '../../../shared/model/index.js';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../../server/server.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../../helpers/clients.js';
import {
  ADMIN_TOKEN,
  adminAuth,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
  type CreatedBoard,
  type Role,
} from '../../helpers/server.js';
import {
  closeCodeOf,
  frame,
  permissionDeniedReason,
  rawJoin,
  sleep,
  storedDoc,
  trackDenials,
} from './support.js';

const AUTH_SECRET = 'roles-test-secret-0123456789abcdefghij';
const ROLES: readonly Role[] = ['owner', 'editor', 'commenter', 'viewer'];
type Kind = 'board' | 'comments';
const KINDS: readonly Kind[] = ['board', 'comments'];
const MAY_WRITE: Record<Role, Record<Kind, boolean>> = {
  owner: { board: true, comments: true },
  editor: { board: true, comments: true },
  commenter: { board: false, comments: true },
  viewer: { board: false, comments: false },
};
const AUTHOR: CommentAuthor = { id: 'u-owner', name: 'Owner' };

let dataDir: string;
let server: RunningServer;
let ws: string;
let clients: Client[] = [];

beforeAll(async () => {
  process.setMaxListeners(50); // every y-websocket provider adds a process 'exit' listener
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, { AUTH_SECRET });
  ws = wsUrlOf(server.url);
});

afterEach(() => {
  disconnectAll(clients);
  clients = [];
});

afterAll(async () => {
  await server.stop();
  removeDir(dataDir);
});

const roomOf = (id: string, kind: Kind) => (kind === 'board' ? id : `${id}/comments`);

/** A y-websocket client whose permission-denied messages are recorded (not console-warned). */
function join(room: string, token: string): Client & { denials: string[] } {
  const client = connectClient(ws, room, new Y.Doc(), token);
  clients.push(client);
  return { ...client, denials: trackDenials(client.provider) };
}

const stageNames = (doc: Y.Doc) => readBoard(doc).stages.map((s) => s.name);
const threadBodies = (doc: Y.Doc) => readThreads(doc).map((t) => t.messages[0]?.body);

/** Whether `doc` holds the marker a write of `kind` leaves. */
function holds(doc: Y.Doc, kind: Kind, marker: string): boolean {
  return kind === 'board' ? stageNames(doc).includes(marker) : threadBodies(doc).includes(marker);
}

function write(doc: Y.Doc, kind: Kind, marker: string): void {
  if (kind === 'board') addStage(doc, { name: marker });
  else createThread(doc, { anchor: { kind: 'point', x: 1, y: 2 }, author: AUTHOR, body: marker });
}

/** Reads the doc as a fresh owner client sees it (a new connection, after the fact). */
async function freshOwnerView(board: CreatedBoard, kind: Kind): Promise<Y.Doc> {
  const fresh = join(roomOf(board.id, kind), board.tokens.owner);
  await whenSynced(fresh);
  return fresh.doc;
}

async function seedComments(board: CreatedBoard): Promise<void> {
  const owner = join(`${board.id}/comments`, board.tokens.owner);
  await whenSynced(owner);
  write(owner.doc, 'comments', 'seeded thread');
  await waitFor(() =>
    holds(storedDoc(dataDir, `${board.id}/comments`), 'comments', 'seeded thread'),
  );
}

describe('role matrix over y-websocket', () => {
  describe.each(ROLES)('a %s link', (role) => {
    it.each(KINDS)(
      'W13, S14: on the %s doc reads, writes only if allowed, and shares presence',
      async (kind) => {
        const board = await createBoard(server.url);
        await seedComments(board);
        const room = roomOf(board.id, kind);

        // read: a fresh client of this role syncs and sees the existing content
        const client = join(room, board.tokens[role]);
        const { denials } = client;
        await whenSynced(client);
        if (kind === 'board') expect(readBoard(client.doc).stages.length).toBeGreaterThan(3);
        else expect(threadBodies(client.doc)).toEqual(['seeded thread']);

        const allowed = MAY_WRITE[role][kind];
        await sleep(50);
        // Its answer to the server's sync step 1 (an empty sync step 2) is taken silently: a
        // denial would make y-websocket print the socket's URL to the console on every connect.
        expect(denials).toEqual([]);
        const before = denials.length;

        // write
        const marker = `written by ${role} (${kind})`;
        write(client.doc, kind, marker);
        if (allowed) {
          const view = await freshOwnerView(board, kind);
          await waitFor(() => holds(view, kind, marker), 5000, 'the write seen by a fresh owner');
          await waitFor(() => holds(storedDoc(dataDir, room), kind, marker), 5000, 'stored write');
          expect(denials).toEqual([]);
        } else {
          await waitFor(() => denials.length > before, 5000, 'the permission-denied answer');
          expect(denials.at(-1)).toBe('this link can only read this document');
          expect(client.provider.wsconnected).toBe(true);
          const view = await freshOwnerView(board, kind);
          await sleep(150); // longer than the group-commit delay
          expect(holds(view, kind, marker)).toBe(false);
          expect(holds(storedDoc(dataDir, room), kind, marker)).toBe(false);
          expect(holds(client.doc, kind, marker)).toBe(true); // it only exists locally
        }

        // awareness: everyone may publish presence
        const observer = join(room, board.tokens.owner);
        await whenSynced(observer);
        client.provider.awareness.setLocalStateField('cursor', { x: 11, y: 22, role });
        const id = client.doc.clientID;
        await waitFor(
          () =>
            (observer.provider.awareness.getStates().get(id) as { cursor?: unknown } | undefined)
              ?.cursor !== undefined,
          5000,
          'the cursor seen by another client',
        );
        expect(observer.provider.awareness.getStates().get(id)).toMatchObject({
          cursor: { x: 11, y: 22, role },
        });
        expect(client.provider.wsconnected).toBe(true);
      },
    );
  });

  it('W13: answers a raw read-only write with exactly the y-protocols auth message, keeps the socket', async () => {
    const board = await createBoard(server.url);
    const viewer = await rawJoin(ws, board.id, board.tokens.viewer);
    const scratch = new Y.Doc();
    const updates: Uint8Array[] = [];
    scratch.on('update', (u: Uint8Array) => updates.push(u));
    scratch.getMap('raw-probe').set('k', 'v');
    const sent = viewer.frames.length;
    viewer.send(frame.update(updates[0]!));
    viewer.send(frame.step2(updates[0]!));
    await waitFor(() => viewer.frames.length >= sent + 2, 5000, 'two answers');
    const reasons = viewer.frames.slice(sent).map(permissionDeniedReason);
    expect(reasons).toEqual([
      'this link can only read this document',
      'this link can only read this document',
    ]);
    // Byte for byte: type 2 (auth), 0 (permission denied), then the reason as a varString.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, 'this link can only read this document');
    expect([...viewer.frames[sent]!]).toEqual([...encoding.toUint8Array(e)]);

    // A sync step 1 is a read: it is answered with the board.
    viewer.send(frame.step1());
    await waitFor(() => viewer.frames.some((f) => f[0] === 0 && f[1] === 1), 5000, 'step 2');
    expect(viewer.closeInfo).toBeNull();

    const view = await freshOwnerView(board, 'board');
    await sleep(150);
    expect(view.getMap('raw-probe').size).toBe(0);
    expect(storedDoc(dataDir, board.id).getMap('raw-probe').size).toBe(0);
    viewer.ws.close();
  });

  // lib0 reads varUints leniently: 0x80 0x00 is a (non-canonical) 0. The grant check must look
  // at the decoded message, not at raw byte offsets.
  it.each([
    ['update', [0x80, 0x00, 0x02]],
    ['sync step 2', [0x80, 0x00, 0x01]],
    ['update, padded sync type', [0x00, 0x80, 0x02]],
  ])(
    'S15: refuses a read-only write spelled with a non-canonical varUint (%s)',
    async (_name, prefix) => {
      const board = await createBoard(server.url);
      const viewer = await rawJoin(ws, board.id, board.tokens.viewer);
      const scratch = new Y.Doc();
      let update: Uint8Array | null = null;
      scratch.on('update', (u: Uint8Array) => (update = u));
      scratch.getMap('smuggled').set('by', 'viewer');
      const e = encoding.createEncoder();
      for (const b of prefix) encoding.writeUint8(e, b);
      encoding.writeVarUint8Array(e, update!);
      const sent = viewer.frames.length;
      viewer.send(encoding.toUint8Array(e));
      // Either refused with the auth message or closed as malformed; never applied.
      await waitFor(
        () => viewer.frames.length > sent || viewer.closeInfo !== null,
        2000,
        'an answer',
      ).catch(() => {});
      await sleep(150);
      const view = await freshOwnerView(board, 'board');
      expect(view.getMap('smuggled').toJSON()).toEqual({});
      expect(storedDoc(dataDir, board.id).getMap('smuggled').toJSON()).toEqual({});
      viewer.ws.close();
    },
  );
});

describe('tokens on the sync endpoint', () => {
  const key = new TextEncoder().encode(AUTH_SECRET);
  const sign = (payload: Record<string, unknown>, secret: Uint8Array = key) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .sign(secret);

  it('S2, S10: closes 4401 for a missing, empty, garbage, foreign-key, unsigned or malformed token', async () => {
    const board = await createBoard(server.url);
    const otherKey = new TextEncoder().encode('another-secret-entirely-0123456789abcdef');
    const forged = await sign({ b: board.id, r: 'owner', kv: 1 }, otherKey);
    const unsigned = new UnsecuredJWT({ b: board.id, r: 'owner', kv: 1 }).encode();
    const badRole = await sign({ b: board.id, r: 'admin', kv: 1 });
    const stringKv = await sign({ b: board.id, r: 'owner', kv: '1' });
    const futureKv = await sign({ b: board.id, r: 'owner', kv: 2 });
    const [header, payload] = board.tokens.owner.split('.');
    const truncated = `${header}.${payload}.`;
    const cases: [string, string | undefined][] = [
      ['none', undefined],
      ['empty', ''],
      ['garbage', 'garbage'],
      ['other secret', forged],
      ['alg none', unsigned],
      ['unknown role', badRole],
      ['non-numeric kv', stringKv],
      ['key version from the future', futureKv],
      ['signature stripped', truncated],
    ];
    for (const kind of KINDS) {
      for (const [what, token] of cases) {
        const code = await closeCodeOf(ws, roomOf(board.id, kind), token);
        expect({ kind, what, code }).toEqual({ kind, what, code: CloseCode.UNAUTHORIZED });
      }
    }
    // The control: the real owner link is accepted.
    const owner = join(board.id, board.tokens.owner);
    await whenSynced(owner);
  });

  it('S10: closes 4403 for a token of another board and 4404 for an unknown board', async () => {
    const a = await createBoard(server.url);
    const b = await createBoard(server.url);
    for (const role of ROLES) {
      expect(await closeCodeOf(ws, b.id, a.tokens[role])).toBe(CloseCode.FORBIDDEN);
      expect(await closeCodeOf(ws, `${b.id}/comments`, a.tokens[role])).toBe(CloseCode.FORBIDDEN);
    }
    expect(await closeCodeOf(ws, 'unknownBoard123', ADMIN_TOKEN)).toBe(CloseCode.NOT_FOUND);
    expect(await closeCodeOf(ws, 'unknownBoard123/comments', ADMIN_TOKEN)).toBe(
      CloseCode.NOT_FOUND,
    );
    // A correctly signed token naming a board that does not exist.
    const ghost = await sign({ b: 'ghostBoard9876', r: 'owner', kv: 1 });
    expect(await closeCodeOf(ws, 'ghostBoard9876', ghost)).toBe(CloseCode.NOT_FOUND);
    // A real board's link under a mistyped id: the id names no board (not "another board's link").
    const typo = `${a.id.slice(0, -1)}${a.id.endsWith('x') ? 'y' : 'x'}`;
    expect(await closeCodeOf(ws, typo, a.tokens.editor)).toBe(CloseCode.NOT_FOUND);
    const summary = await fetch(`${server.url}/api/boards/${typo}/summary`, {
      headers: { authorization: `Bearer ${a.tokens.editor}` },
    });
    expect(summary.status).toBe(404);
  });

  it('W50, S7: rotation closes every old-link socket with 4401 within a second; old links stay refused, new ones work', async () => {
    const board = await createBoard(server.url);
    const old: Client[] = [];
    for (const role of ROLES)
      for (const kind of KINDS) old.push(join(roomOf(board.id, kind), board.tokens[role]));
    await Promise.all(old.map((c) => whenSynced(c)));

    const started = Date.now();
    const res = await fetch(`${server.url}/api/boards/${board.id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.owner}` },
    });
    expect(res.status).toBe(200);
    const { tokens } = (await res.json()) as { tokens: Record<Role, string> };
    const codes = await Promise.all(
      old.map((c) => Promise.race([c.closed, sleep(1000).then(() => -1)])),
    );
    expect(codes).toEqual(old.map(() => CloseCode.UNAUTHORIZED));
    expect(Date.now() - started).toBeLessThan(1000);

    for (const role of ROLES) {
      expect(tokens[role]).not.toBe(board.tokens[role]);
      for (const kind of KINDS)
        expect(await closeCodeOf(ws, roomOf(board.id, kind), board.tokens[role])).toBe(
          CloseCode.UNAUTHORIZED,
        );
      const rest = await fetch(`${server.url}/api/boards/${board.id}`, {
        headers: { authorization: `Bearer ${board.tokens[role]}` },
      });
      expect(rest.status).toBe(401);
    }

    const editor = join(board.id, tokens.editor);
    const viewer = join(board.id, tokens.viewer);
    await Promise.all([whenSynced(editor), whenSynced(viewer)]);
    addStage(editor.doc, { name: 'after rotation' });
    await waitFor(() => stageNames(viewer.doc).includes('after rotation'));
    const rest = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    expect(rest.status).toBe(200);
  });
});

describe('REST role matrix', () => {
  type Who = Role | 'none' | 'garbage' | 'otherBoard' | 'admin';
  const WHO: readonly Who[] = [...ROLES, 'none', 'garbage', 'otherBoard', 'admin'];
  type Action = 'get' | 'summary' | 'patch' | 'rotate' | 'delete';
  const readers = { owner: 200, editor: 200, commenter: 200, viewer: 200, admin: 200 };
  const refusedOutsiders = { none: 401, garbage: 401, otherBoard: 403 };
  const EXPECTED: Record<Action, Record<Who, number>> = {
    get: { ...readers, ...refusedOutsiders },
    summary: { ...readers, ...refusedOutsiders },
    patch: { ...readers, commenter: 403, viewer: 403, ...refusedOutsiders },
    rotate: {
      owner: 200,
      editor: 403,
      commenter: 403,
      viewer: 403,
      admin: 200,
      ...refusedOutsiders,
    },
    delete: {
      owner: 204,
      editor: 403,
      commenter: 403,
      viewer: 403,
      admin: 204,
      ...refusedOutsiders,
    },
  };

  const headersFor = (who: Who, board: CreatedBoard, other: CreatedBoard): HeadersInit => {
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    if (who === 'none') return {};
    if (who === 'garbage') return bearer('garbage.token.value');
    if (who === 'otherBoard') return bearer(other.tokens.owner);
    if (who === 'admin') return adminAuth;
    return bearer(board.tokens[who]);
  };

  function request(action: Action, id: string, headers: HeadersInit): Promise<Response> {
    const url = `${server.url}/api/boards/${id}`;
    switch (action) {
      case 'get':
        return fetch(url, { headers });
      case 'summary':
        return fetch(`${url}/summary`, { headers });
      case 'patch':
        return fetch(url, {
          method: 'PATCH',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Renamed' }),
        });
      case 'rotate':
        return fetch(`${url}/rotate`, { method: 'POST', headers });
      case 'delete':
        return fetch(url, { method: 'DELETE', headers });
    }
  }

  it.each(Object.keys(EXPECTED) as Action[])(
    'W40, W47, W48, W49, W50, W51, S8: %s',
    async (action) => {
      const other = await createBoard(server.url);
      const results: Record<string, number> = {};
      for (const who of WHO) {
        const board = await createBoard(server.url, {
          title: 'Original',
          template: 'current-state',
        });
        const res = await request(action, board.id, headersFor(who, board, other));
        results[who] = res.status;
        const ok = res.status < 300;
        // A refusal changed nothing.
        const after = await fetch(`${server.url}/api/boards/${board.id}/summary`, {
          headers: adminAuth,
        });
        if (action === 'delete' && ok) expect(after.status).toBe(404);
        else {
          expect(after.status).toBe(200);
          const summary = (await after.json()) as { title: string };
          expect(summary.title).toBe(action === 'patch' && ok ? 'Renamed' : 'Original');
        }
        if (action === 'rotate') {
          const old = await fetch(`${server.url}/api/boards/${board.id}`, {
            headers: { authorization: `Bearer ${board.tokens.viewer}` },
          });
          expect(old.status).toBe(ok ? 401 : 200);
        }
        if (action === 'summary' && ok) {
          const body = (await res.json()) as { role: string; keyVersion?: unknown };
          expect(body.role).toBe(who === 'admin' ? 'owner' : who);
          expect(body.keyVersion).toBeUndefined();
        }
      }
      expect(results).toEqual(EXPECTED[action]);
    },
  );

  it('W46, S8: lists boards only with the admin token', async () => {
    const board = await createBoard(server.url);
    const list = (headers: HeadersInit) => fetch(`${server.url}/api/boards`, { headers });
    expect((await list({})).status).toBe(403);
    for (const role of ROLES)
      expect((await list({ authorization: `Bearer ${board.tokens[role]}` })).status).toBe(403);
    expect((await list({ authorization: `Bearer ${ADMIN_TOKEN}x` })).status).toBe(403);
    const res = await list(adminAuth);
    expect(res.status).toBe(200);
    const { boards } = (await res.json()) as { boards: { id: string }[] };
    expect(boards.map((b) => b.id)).toContain(board.id);
  });

  it('W54, S9: with CREATE_TOKEN set, creating and importing need it', async () => {
    const dir = tempDataDir();
    const gated = await startTestServer(dir, { CREATE_TOKEN: 'create-token-0123' });
    try {
      const post = (path: string, headers: Record<string, string>, body: object) =>
        fetch(`${gated.url}/api/boards${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      const body = { title: 'Gated', template: 'current-state' };
      expect((await post('', {}, body)).status).toBe(401);
      expect((await post('', { authorization: 'Bearer create-token-0124' }, body)).status).toBe(
        401,
      );
      expect((await post('', { authorization: 'create-token-0123' }, body)).status).toBe(401);
      const made = await post('', { authorization: 'Bearer create-token-0123' }, body);
      expect(made.status).toBe(201);
      const created = (await made.json()) as CreatedBoard;
      // A board's own owner link is not a create token.
      expect(
        (await post('', { authorization: `Bearer ${created.tokens.owner}` }, body)).status,
      ).toBe(401);
      const exported = await (
        await fetch(`${gated.url}/api/boards/${created.id}`, {
          headers: { authorization: `Bearer ${created.tokens.viewer}` },
        })
      ).json();
      expect((await post('/import', {}, exported as object)).status).toBe(401);
      expect(
        (await post('/import', { authorization: 'Bearer create-token-0123' }, exported as object))
          .status,
      ).toBe(201);
      // The admin token may create too.
      expect((await post('', adminAuth, body)).status).toBe(201);
      const { boards } = (await (
        await fetch(`${gated.url}/api/boards`, { headers: adminAuth })
      ).json()) as { boards: unknown[] };
      expect(boards).toHaveLength(3);
    } finally {
      await gated.stop();
      removeDir(dir);
    }
  });
});
