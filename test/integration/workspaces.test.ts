/**
 * One install, several workspaces, over the real server (AUTH_MODE=accounts, SQLite and
 * PostgreSQL): creating one, boards placed in one, the boards page across them, and what one
 * workspace's people can and cannot do in another (REST and sockets).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../server/server.js';
import { disconnectAll, synced, type Client } from '../helpers/clients.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import { connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir, wsUrlOf } from '../helpers/server.js';

let clients: Client[] = [];
afterEach(() => {
  disconnectAll(clients);
  clients = [];
});
const keep = (client: Client) => (clients.push(client), client);

const someone = (name: string) => ({
  name,
  email: `${name.toLowerCase()}@example.com`,
  password: 'a long enough password',
});

interface Listed {
  id: string;
  title: string;
  workspace: { id: string; name: string };
  role: string;
  owner: { id: string; name: string } | null;
  sharedWithMe: boolean;
  seenAt: string | null;
}
const listOf = async (person: Person) => (await person.get('/api/boards')).body.boards as Listed[];

describe.each(['SQLite', 'PostgreSQL'])('workspaces on %s (AUTH_MODE=accounts)', (backend) => {
  let dataDir: string;
  let server: RunningServer;
  let schema: Awaited<ReturnType<typeof testSchema>> | null = null;
  let ada: Person; // admin of A
  let bob: Person; // member of A, creates B
  let wsA: string;
  let wsB: string;
  const ids: Record<string, string> = {};

  const createBoard = async (person: Person, title: string, workspaceId?: string) => {
    const made = await person.post('/api/boards', {
      title,
      ...(workspaceId ? { workspaceId } : {}),
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body as { id: string; tokens: Record<string, string> };
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    schema = backend === 'PostgreSQL' ? await testSchema() : null;
    server = await startTestServer(dataDir, {
      AUTH_MODE: 'accounts',
      ...(schema ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema.schema } : {}),
    });
    ada = await setUpAdmin(server.url, 'Acme');
    wsA = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    bob = await inviteAndSignUp(ada, wsA, someone('Bob'));
  });
  afterAll(async () => {
    await server.stop();
    await schema?.drop();
    removeDir(dataDir);
  });

  it('W153, S73: a member creates a workspace and is its admin; bad names and forged origins are refused', async () => {
    expect((await bob.post('/api/workspaces', { name: '  ' })).body).toMatchObject({
      error: expect.stringContaining('name'),
    });
    expect((await bob.post('/api/workspaces', { name: 'x'.repeat(81) })).status).toBe(400);
    expect((await bob.post('/api/workspaces', { name: 'B', extra: 1 })).status).toBe(400);
    // S73: a cookie alone with another site's Origin changes nothing.
    const forged = await bob.call(
      'POST',
      '/api/workspaces',
      { name: 'Evil' },
      {
        origin: 'https://evil.example',
      },
    );
    expect(forged.status).toBe(403);
    expect((await new Person(server.url).post('/api/workspaces', { name: 'B' })).status).toBe(401);

    const made = await bob.post('/api/workspaces', { name: ' Beta Lab ' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Beta Lab', role: 'admin', openSignup: false });
    wsB = String(made.body.id);
    expect(made.headers.get('location')).toBe(`/api/workspaces/${wsB}`);
    // W157: GET /api/me lists both, with the role in each.
    expect((await bob.get('/api/me')).body.workspaces).toEqual([
      { id: wsA, name: 'Acme', role: 'member' },
      { id: wsB, name: 'Beta Lab', role: 'admin' },
    ]);
    const audit = await bob.get(`/api/workspaces/${wsB}/audit`);
    expect(audit.body.events).toContainEqual(
      expect.objectContaining({ action: 'workspace-created', target: wsB }),
    );
  });

  it('W153: a personal access token creates one too; a guest everywhere may not', async () => {
    const token = String((await bob.post('/api/me/tokens', { name: 'script' })).body.token);
    const byToken = await fetch(`${server.url}/api/workspaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Scripted' }),
    });
    expect(byToken.status).toBe(201);
    const guest = await inviteAndSignUp(ada, wsA, someone('Gus'), 'guest');
    const refused = await guest.post('/api/workspaces', { name: 'Mine' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/guests/);
  });

  it('W154: boards go into the chosen workspace, only one where the caller is more than a guest', async () => {
    ids.bobInA = (await createBoard(bob, 'Bob in A')).id; // home: the oldest workspace
    ids.bobInB = (await createBoard(bob, 'Bob in B', wsB)).id;
    ids.adaInA = (await createBoard(ada, 'Ada in A')).id;
    ids.adaShared = (await createBoard(ada, 'Ada shares')).id;
    const inB = await bob.get(`/api/boards/${ids.bobInB}/people`);
    expect(inB.status).toBe(200);

    const intoB = await ada.post('/api/boards', { title: 'sneak', workspaceId: wsB });
    expect(intoB.status).toBe(404);
    expect(intoB.body).toMatchObject({ field: 'workspaceId' });
    expect((await ada.post('/api/boards', { title: 'x', workspaceId: 42 })).status).toBe(400);
    expect((await ada.post('/api/boards', { title: 'x', workspaceId: 'no-such' })).status).toBe(
      404,
    );
    const gus = await inviteAndSignUp(bob, wsB, someone('Gil'), 'guest');
    const asGuest = await gus.post('/api/boards', { title: 'x', workspaceId: wsB });
    expect(asGuest.status).toBe(403);
    expect(asGuest.body.error).toMatch(/guest/);
    // An import goes where the query says, under the same rule.
    const exported = (await bob.get(`/api/boards/${ids.bobInA}`)).body;
    const imported = await bob.post(`/api/boards/import?workspaceId=${wsB}`, exported);
    expect(imported.status).toBe(201);
    const importedId = String(imported.body.id);
    expect((await ada.get(`/api/boards/${importedId}/summary`)).status).toBe(403);
    const refusedImport = await ada.post(`/api/boards/import?workspaceId=${wsB}`, exported);
    expect(refusedImport.status).toBe(404);
    expect((await bob.delete(`/api/boards/${importedId}`)).status).toBe(204);
    // Nothing was made by the refusals.
    expect((await listOf(bob)).map((b) => b.title)).not.toContain('sneak');
  });

  it('W158, S74: a member of A sees, opens and joins nothing of B (REST and socket)', async () => {
    const adaSees = await listOf(ada);
    expect(adaSees.map((b) => b.id)).not.toContain(ids.bobInB);
    expect((await ada.get(`/api/boards/${ids.bobInB}/summary`)).status).toBe(403);
    expect((await ada.get(`/api/boards/${ids.bobInB}`)).status).toBe(403);
    expect((await ada.get(`/api/workspaces/${wsB}`)).status).toBe(404);
    expect((await ada.get(`/api/workspaces/${wsB}/members`)).status).toBe(404);
    const socket = keep(connectAs(ada, wsUrlOf(server.url), ids.bobInB!));
    expect(await socket.closed).toBe(CloseCode.FORBIDDEN);
    // Bob, a member of B, is let in.
    await synced(keep(connectAs(bob, wsUrlOf(server.url), ids.bobInB!)));
  });

  it('S75: an admin of B is no admin of A', async () => {
    expect((await bob.patch(`/api/workspaces/${wsA}`, { name: 'Mine now' })).status).toBe(403);
    expect((await bob.get(`/api/workspaces/${wsA}/audit`)).status).toBe(403);
    expect((await bob.post(`/api/workspaces/${wsA}/invitations`, {})).status).toBe(403);
    expect((await bob.delete(`/api/boards/${ids.adaInA}`)).status).toBe(403);
    expect((await ada.get(`/api/workspaces/${wsA}`)).body.name).toBe('Acme');
  });

  it('S76, W157: removing someone from B leaves their membership of A as it was', async () => {
    const dan = await inviteAndSignUp(ada, wsA, someone('Dan'));
    const invited = await bob.post(`/api/workspaces/${wsB}/invitations`, { role: 'member' });
    const secret = new URL(String(invited.body.url)).hash.replace('#invite=', '');
    // An invitation made for another e-mail is not his to use.
    const forZed = await bob.post(`/api/workspaces/${wsB}/invitations`, {
      email: 'zed@example.com',
    });
    const zedSecret = new URL(String(forZed.body.url)).hash.replace('#invite=', '');
    const notHis = await dan.post('/api/workspaces/join', { invitation: zedSecret });
    expect(notHis.status).toBe(403);
    expect(notHis.body.error).toMatch(/zed@example.com/);
    expect((await dan.post('/api/workspaces/join', { invitation: 'x'.repeat(43) })).status).toBe(
      404,
    );
    const joined = await dan.post('/api/workspaces/join', { invitation: secret });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ id: wsB, role: 'member' });
    // W157: joining again changes nothing (and spends no use of the link).
    expect((await dan.post('/api/workspaces/join', { invitation: secret })).status).toBe(409);
    const danId = String((await dan.get('/api/me')).body.id);
    expect(((await dan.get('/api/me')).body.workspaces as unknown[]).length).toBe(2);
    expect((await listOf(dan)).map((b) => b.id)).toContain(ids.bobInB);

    // Dan works on a board of each workspace when he is removed from B.
    const ws = wsUrlOf(server.url);
    const inA = keep(connectAs(dan, ws, ids.adaInA!));
    const inB = keep(connectAs(dan, ws, ids.bobInB!));
    await Promise.all([synced(inA), synced(inB)]);
    const aClosed = new Promise<number | undefined>((resolve) =>
      inA.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code)),
    );
    expect((await bob.delete(`/api/workspaces/${wsB}/members/${danId}`)).status).toBe(204);
    // A's socket is told to reconnect (not cut off for good) and syncs again; B's is refused.
    expect(await aClosed).toBe(CloseCode.IDENTITY_CHANGED);
    await new Promise<void>((resolve) =>
      inA.provider.on('sync', (isSynced: boolean) => isSynced && resolve()),
    );
    expect(await inB.closed).toBe(CloseCode.FORBIDDEN);
    expect((await dan.get('/api/me')).body.workspaces).toEqual([
      { id: wsA, name: 'Acme', role: 'member' },
    ]);
    const danSees = (await listOf(dan)).map((b) => b.id);
    expect(danSees).not.toContain(ids.bobInB);
    expect(danSees).toContain(ids.adaInA);
    expect((await dan.get(`/api/boards/${ids.adaInA}/summary`)).status).toBe(200);
  });

  it('W155, W156: the listing across two workspaces, with owner, role, shared and last look', async () => {
    const bobId = String((await bob.get('/api/me')).body.id);
    const adaId = String((await ada.get('/api/me')).body.id);
    // Ada gives Bob a role of his own on one of her boards: shared with him.
    expect(
      (
        await ada.call('PUT', `/api/boards/${ids.adaShared}/people/${bobId}`, {
          role: 'commenter',
        })
      ).status,
    ).toBe(200);
    const seenAt = '2026-01-02T03:04:05.000Z';
    expect((await bob.call('PUT', `/api/boards/${ids.adaInA}/seen`, { seenAt })).status).toBe(204);
    // A board of a workspace Bob is not in reaches him by a guest link only: not listed (his
    // browser keeps the link, W156), yet the link opens it.
    const cyWs = String((await ada.post('/api/workspaces', { name: 'Gamma' })).body.id);
    const linked = await createBoard(ada, 'Gamma board', cyWs);
    const viaLink = await fetch(`${server.url}/api/boards/${linked.id}/summary`, {
      headers: { authorization: `Bearer ${linked.tokens.commenter}` },
    });
    expect(viaLink.status).toBe(200);

    const listed = await listOf(bob);
    const byTitle = Object.fromEntries(listed.map((b) => [b.title, b]));
    expect(Object.keys(byTitle).sort()).toEqual(['Ada in A', 'Ada shares', 'Bob in A', 'Bob in B']);
    expect(byTitle['Bob in B']).toMatchObject({
      workspace: { id: wsB, name: 'Beta Lab' },
      role: 'owner',
      owner: { id: bobId, name: 'Bob' },
      sharedWithMe: false,
    });
    expect(byTitle['Ada in A']).toMatchObject({
      workspace: { id: wsA, name: 'Acme' },
      role: 'editor',
      owner: { id: adaId, name: 'Ada Admin' },
      sharedWithMe: false,
      seenAt,
    });
    expect(byTitle['Ada shares']).toMatchObject({ role: 'commenter', sharedWithMe: true });
    expect(byTitle['Bob in A']).toMatchObject({ role: 'owner', seenAt: null });
  });
});

describe('WORKSPACE_CREATION=admins', () => {
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      AUTH_MODE: 'accounts',
      WORKSPACE_CREATION: 'admins',
    });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W153: only admins of some workspace create workspaces', async () => {
    const ada = await setUpAdmin(server.url, 'Acme');
    const wsA = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const bob = await inviteAndSignUp(ada, wsA, someone('Bob'));
    const refused = await bob.post('/api/workspaces', { name: 'B' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/WORKSPACE_CREATION=admins/);
    expect((await ada.post('/api/workspaces', { name: 'B' })).status).toBe(201);
  });
});
