/**
 * Accounts over the real server (AUTH_MODE=accounts, SQLite): the first admin, sessions and
 * their cookie, CSRF, sign-in limits, invitations, personal access tokens, signed-in sockets,
 * removal, guest links, resets, the audit log, and boards made before accounts.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../server/server.js';
import {
  createThread,
  notePerson,
  readPeople,
  readThreads,
  reply,
} from '../../shared/model/index.js';
import {
  connectClient,
  disconnectAll,
  synced,
  waitFor,
  waitForAsync,
  whenDoc,
  type Client,
} from '../helpers/clients.js';
import { ADMIN, connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir, wsUrlOf } from '../helpers/server.js';

let clients: Client[] = [];

afterEach(() => {
  disconnectAll(clients);
  clients = [];
});
const keep = (client: Client) => (clients.push(client), client);

describe('accounts (AUTH_MODE=accounts)', () => {
  let dataDir: string;
  let server: RunningServer;
  let admin: Person;
  let workspaceId: string;

  const deniedUpdates = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/^journeyboard_updates_denied_total (\d+)/m.exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      AUTH_MODE: 'accounts',
      SIGNIN_ATTEMPTS_PER_HOUR: '4',
    });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W141, S55: a fresh install asks for its admin, and answers 401 to anyone before', async () => {
    const stranger = new Person(server.url);
    expect((await stranger.get('/api/auth/config')).body).toMatchObject({
      mode: 'accounts',
      needsSetup: true,
      localSignIn: true,
    });
    expect((await stranger.get('/api/boards')).status).toBe(401);
    expect((await stranger.post('/api/boards', { title: 'x' })).status).toBe(401);
    expect((await stranger.get('/api/me')).status).toBe(401);

    const setup = await stranger.post('/api/auth/setup', { ...ADMIN, workspaceName: 'Acme CX' });
    expect(setup.status).toBe(201);
    const cookie = setup.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^jb_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // PUBLIC_URL is not https here
    admin = stranger;
    expect((await new Person(server.url).get('/api/auth/config')).body.needsSetup).toBe(false);
    const again = await new Person(server.url).post('/api/auth/setup', {
      name: 'Mallory',
      email: 'mallory@example.com',
      password: 'another long password',
      workspaceName: 'Mine',
    });
    expect(again.status).toBe(409);
  });

  it('W142, S55: /api/me names the signed-in person and their workspace role', async () => {
    const me = await admin.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: ADMIN.name, email: ADMIN.email, kind: 'member' });
    const workspaces = me.body.workspaces as { id: string; name: string; role: string }[];
    expect(workspaces).toEqual([{ id: expect.any(String), name: 'Acme CX', role: 'admin' }]);
    workspaceId = workspaces[0]!.id;
  });

  it('W140, S57: a signed-in change needs a same-site Origin; with it, a board is created and listed', async () => {
    const forged = await admin.post(
      '/api/boards',
      { title: 'Claims' },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
    const noOrigin = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { cookie: admin.cookie!, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Claims' }),
    });
    expect(noOrigin.status).toBe(403);
    const created = await admin.post('/api/boards', { title: 'Claims' });
    expect(created.status).toBe(201);
    expect(created.body.id).toEqual(expect.any(String));
    const listed = await admin.get('/api/boards');
    expect(listed.body.boards).toEqual([
      expect.objectContaining({ id: created.body.id, title: 'Claims', role: 'owner' }),
    ]);
  });

  it('S58: wrong passwords are refused alike, and past the limit even the right one waits', async () => {
    const someone = new Person(server.url);
    const unknown = await someone.post('/api/auth/login', {
      email: 'nobody@example.com',
      password: 'x',
    });
    const wrong = await someone.post('/api/auth/login', {
      email: ADMIN.email,
      password: 'wrong password',
    });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body.error).toBe(wrong.body.error);
    expect(wrong.body.error).toBe('Wrong e-mail or password.');
    const right = await someone.post('/api/auth/login', {
      email: ADMIN.email.toUpperCase(),
      password: ADMIN.password,
    });
    expect(right.status).toBe(200);
    // Four attempts an hour per e-mail (this server's setting): wrong, right, wrong, wrong, refused.
    for (let i = 0; i < 2; i++) {
      const again = await someone.post('/api/auth/login', {
        email: ADMIN.email,
        password: 'nope',
      });
      expect(again.status).toBe(401);
    }
    const limited = await someone.post('/api/auth/login', {
      email: ADMIN.email,
      password: ADMIN.password,
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Hashes are made at the server's PASSWORD_HASH_COST (2^10 in tests: test/helpers/server.ts).
    const db = new Database(path.join(dataDir, 'journeyboard.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT hash FROM password_hashes').all() as { hash: string }[];
      expect(rows.length).toBeGreaterThan(0);
      for (const { hash } of rows) expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    } finally {
      db.close();
    }
  });

  it('W140, S56, S59: an invited colleague signs up and edits live; both sockets need no token', async () => {
    const boardId = String((await admin.post('/api/boards', { title: 'Onboarding' })).body.id);
    // The sign-up page shows what an invitation is for; its secret travels in a body only.
    const made = await admin.post(`/api/workspaces/${workspaceId}/invitations`, { role: 'guest' });
    const secret = new URL(String(made.body.url)).hash.replace('#invite=', '');
    const preview = await new Person(server.url).post('/api/auth/invitations/preview', { secret });
    expect(preview.body).toEqual({ workspace: { name: 'Acme CX' }, role: 'guest', email: null });
    const bogus = await new Person(server.url).post('/api/auth/invitations/preview', {
      secret: 'x'.repeat(43),
    });
    expect(bogus.status).toBe(404);
    const bob = await inviteAndSignUp(admin, workspaceId, {
      name: 'Bob Member',
      email: 'bob@example.com',
      password: 'rainy tuesday in Austin',
    });
    expect((await bob.get('/api/me')).body).toMatchObject({ name: 'Bob Member', kind: 'member' });
    const listed = (await bob.get('/api/boards')).body.boards as { id: string; role: string }[];
    expect(listed.find((b) => b.id === boardId)?.role).toBe('editor');

    const ws = wsUrlOf(server.url);
    const adaClient = keep(connectAs(admin, ws, boardId));
    const bobClient = keep(connectAs(bob, ws, boardId));
    await Promise.all([synced(adaClient), synced(bobClient)]);
    bobClient.doc.getMap('notes').set('from', 'bob');
    await whenDoc(adaClient.doc, () => adaClient.doc.getMap('notes').get('from') === 'bob');

    // Without a cookie or a token the same socket is refused for good.
    const stranger = keep(connectAs(new Person(server.url), ws, boardId));
    expect(await stranger.closed).toBe(CloseCode.UNAUTHORIZED);
  });

  it('S60, S61: names on cursors and comments are the ones the server knows', async () => {
    const boardId = String((await admin.post('/api/boards', { title: 'Reviews' })).body.id);
    const erin = await inviteAndSignUp(admin, workspaceId, {
      name: 'Erin Reviewer',
      email: 'erin@example.com',
      password: 'quiet harbour morning',
    });
    const adaMe = (await admin.get('/api/me')).body as { id: string; name: string };
    const erinMe = (await erin.get('/api/me')).body as { id: string; name: string };
    const ws = wsUrlOf(server.url);

    // Presence: Erin's client claims to be Ada; everyone else sees Erin.
    const adaBoard = keep(connectAs(admin, ws, boardId));
    const erinBoard = keep(connectAs(erin, ws, boardId));
    await Promise.all([synced(adaBoard), synced(erinBoard)]);
    erinBoard.provider.awareness.setLocalStateField('user', {
      id: adaMe.id,
      name: adaMe.name,
      color: '#c2410c',
    });
    const erinClient = erinBoard.provider.awareness.clientID;
    await waitFor(
      () => adaBoard.provider.awareness.getStates().get(erinClient)?.user !== undefined,
      10_000,
      "Erin's presence",
    );
    expect(adaBoard.provider.awareness.getStates().get(erinClient)?.user).toEqual({
      id: erinMe.id,
      name: 'Erin Reviewer',
      color: '#c2410c',
    });

    // Comments: a reply in Ada's name is refused; Erin's own arrives.
    const adaComments = keep(connectAs(admin, ws, `${boardId}/comments`));
    const erinComments = keep(connectAs(erin, ws, `${boardId}/comments`));
    await Promise.all([synced(adaComments), synced(erinComments)]);
    const threadId = createThread(adaComments.doc, {
      anchor: { kind: 'point', x: 10, y: 10 },
      author: { id: adaMe.id, name: adaMe.name },
      body: 'Is this step real?',
    });
    await whenDoc(erinComments.doc, () => readThreads(erinComments.doc).length === 1);
    reply(erinComments.doc, threadId, {
      author: { id: erinMe.id, name: erinMe.name },
      body: 'Mine',
    });
    const bodies = (doc: Y.Doc) => readThreads(doc)[0]!.messages.map((m) => m.body);
    await whenDoc(adaComments.doc, () => bodies(adaComments.doc).includes('Mine'));

    // A second client of Erin's writes a reply in Ada's name: the server says no and applies nothing.
    const forger = keep(connectAs(erin, ws, `${boardId}/comments`));
    await synced(forger);
    reply(forger.doc, threadId, { author: { id: adaMe.id, name: adaMe.name }, body: 'Forged' });
    await waitForAsync(async () => (await deniedUpdates()) === 1, 10_000, 'the refusal');
    const fresh = keep(connectAs(admin, ws, `${boardId}/comments`));
    await synced(fresh);
    expect(bodies(fresh.doc)).toEqual(['Is this step real?', 'Mine']);
    expect(bodies(adaComments.doc)).toEqual(['Is this step real?', 'Mine']);

    // The people list @mentions offer: Erin's own record passes, one made up for Ada does not.
    notePerson(erinComments.doc, { id: erinMe.id, name: erinMe.name });
    await whenDoc(adaComments.doc, () =>
      readPeople(adaComments.doc).some((p) => p.id === erinMe.id),
    );
    const peopleForger = keep(connectAs(erin, ws, `${boardId}/comments`));
    await synced(peopleForger);
    notePerson(peopleForger.doc, { id: 'ceo0000000009', name: 'The CEO' });
    await waitForAsync(async () => (await deniedUpdates()) === 2, 10_000, 'the second refusal');
    const later = keep(connectAs(admin, ws, `${boardId}/comments`));
    await synced(later);
    expect(readPeople(later.doc).map((p) => p.name)).toEqual(['Erin Reviewer']);
  });

  it('W145: an owner gives a member another role on one board; their socket takes it at once', async () => {
    const boardId = String((await admin.post('/api/boards', { title: 'Board roles' })).body.id);
    const fay = await inviteAndSignUp(admin, workspaceId, {
      name: 'Fay',
      email: 'fay@example.com',
      password: 'blue kettle on the hob',
    });
    const fayId = String((await fay.get('/api/me')).body.id);
    expect((await fay.get(`/api/boards/${boardId}/summary`)).body.role).toBe('editor');
    const client = keep(connectAs(fay, wsUrlOf(server.url), boardId));
    await synced(client);
    // Only the owner decides (Fay is an editor here).
    expect(
      (await fay.call('PUT', `/api/boards/${boardId}/people/${fayId}`, { role: 'owner' })).status,
    ).toBe(403);

    const closed = new Promise<number>((resolve) =>
      client.provider.once('connection-close', (event: CloseEvent | null) =>
        resolve(event?.code ?? 0),
      ),
    );
    const changed = await admin.call('PUT', `/api/boards/${boardId}/people/${fayId}`, {
      role: 'viewer',
    });
    expect(changed.body).toEqual({ userId: fayId, role: 'viewer' });
    const code = await closed;
    expect(code).toBe(CloseCode.IDENTITY_CHANGED);
    expect((await fay.get(`/api/boards/${boardId}/summary`)).body.role).toBe('viewer');
    const people = (await admin.get(`/api/boards/${boardId}/people`)).body.people as {
      userId: string;
      role: string;
      from: string;
    }[];
    expect(people.find((p) => p.userId === fayId)).toMatchObject({ role: 'viewer', from: 'board' });
    // Cleared, the workspace's default applies again.
    await admin.call('PUT', `/api/boards/${boardId}/people/${fayId}`, { role: null });
    expect((await fay.get(`/api/boards/${boardId}/summary`)).body.role).toBe('editor');
  });

  it('W146: "since you last looked" is kept per person on the server, and only moves forward', async () => {
    const boardId = String((await admin.post('/api/boards', { title: 'Seen' })).body.id);
    expect((await admin.get(`/api/boards/${boardId}/seen`)).body).toEqual({ seenAt: null });
    const at = '2026-12-01T09:00:00.000Z';
    expect((await admin.call('PUT', `/api/boards/${boardId}/seen`, { seenAt: at })).status).toBe(
      204,
    );
    // Another device of the same person (a new session) reads it.
    const laptop = new Person(server.url);
    await laptop.post('/api/auth/login', {
      email: 'bob@example.com',
      password: 'rainy tuesday in Austin',
    });
    const phone = new Person(server.url);
    phone.cookie = admin.cookie;
    expect((await phone.get(`/api/boards/${boardId}/seen`)).body).toEqual({ seenAt: at });
    await admin.call('PUT', `/api/boards/${boardId}/seen`, { seenAt: '2026-11-01T09:00:00.000Z' });
    expect((await admin.get(`/api/boards/${boardId}/seen`)).body).toEqual({ seenAt: at });
    // Each person has their own.
    expect((await laptop.get(`/api/boards/${boardId}/seen`)).body).toEqual({ seenAt: null });
    expect(
      (await admin.call('PUT', `/api/boards/${boardId}/seen`, { seenAt: 'yesterday' })).status,
    ).toBe(400);
  });

  it('W143, S62: a removed member is cut off at once, socket included (4401)', async () => {
    const boardId = String((await admin.post('/api/boards', { title: 'Support' })).body.id);
    const carol = await inviteAndSignUp(admin, workspaceId, {
      name: 'Carol',
      email: 'carol@example.com',
      password: 'seven red kites flying',
    });
    const carolId = String((await carol.get('/api/me')).body.id);
    const client = keep(connectAs(carol, wsUrlOf(server.url), boardId));
    await synced(client);
    expect((await admin.delete(`/api/workspaces/${workspaceId}/members/${carolId}`)).status).toBe(
      204,
    );
    expect(await client.closed).toBe(CloseCode.UNAUTHORIZED);
    expect((await carol.get(`/api/boards/${boardId}/summary`)).status).toBe(403);
  });

  it('S63: a personal access token works as Bearer and as the y-websocket token, until revoked', async () => {
    const boardId = String((await admin.post('/api/boards', { title: 'Script target' })).body.id);
    const made = await admin.post('/api/me/tokens', { name: 'ci script', expiresInDays: 30 });
    expect(made.status).toBe(201);
    const token = String(made.body.token);
    expect(token).toMatch(/^jbp_/);
    const asScript = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await asScript.json()).toMatchObject({ email: ADMIN.email, kind: 'token' });

    const doc = new Y.Doc();
    const client = keep(connectClient(wsUrlOf(server.url), boardId, doc, token));
    await synced(client);
    const listed = (await admin.get('/api/me/tokens')).body.tokens as Record<string, unknown>[];
    expect(listed[0]).toMatchObject({ name: 'ci script', revoked: false });
    expect(JSON.stringify(listed)).not.toContain(token);

    const id = String((made.body.record as { id: string }).id);
    expect((await admin.delete(`/api/me/tokens/${id}`)).status).toBe(204);
    const after = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
    const refused = keep(connectClient(wsUrlOf(server.url), boardId, new Y.Doc(), token));
    expect(await refused.closed).toBe(CloseCode.UNAUTHORIZED);
  });

  it('S64: share links are guest links: they work, read no members, and stop when turned off', async () => {
    const created = await admin.post('/api/boards', { title: 'Shared with an agency' });
    const boardId = String(created.body.id);
    const viewerLink = (created.body.tokens as Record<string, string>).viewer!;
    const guest = keep(connectClient(wsUrlOf(server.url), boardId, new Y.Doc(), viewerLink));
    await synced(guest);
    const members = await fetch(`${server.url}/api/workspaces/${workspaceId}/members`, {
      headers: { authorization: `Bearer ${viewerLink}` },
    });
    expect(members.status).toBe(401);
    const me = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${viewerLink}` },
    });
    expect(await me.json()).toMatchObject({
      kind: 'guest',
      id: null,
      board: { id: boardId, role: 'viewer' },
    });

    expect(
      (await admin.patch(`/api/workspaces/${workspaceId}`, { guestLinks: false })).status,
    ).toBe(200);
    const refused = keep(connectClient(wsUrlOf(server.url), boardId, new Y.Doc(), viewerLink));
    expect(await refused.closed).toBe(CloseCode.FORBIDDEN);
    await admin.patch(`/api/workspaces/${workspaceId}`, { guestLinks: true });
  });

  it('S56, S67: sign out ends the session; a reset link sets a new password and ends every session', async () => {
    const dave = await inviteAndSignUp(admin, workspaceId, {
      name: 'Dave',
      email: 'dave@example.com',
      password: 'old lanterns by the sea',
    });
    const daveId = String((await dave.get('/api/me')).body.id);
    const elsewhere = new Person(server.url);
    await elsewhere.post('/api/auth/login', {
      email: 'dave@example.com',
      password: 'old lanterns by the sea',
    });
    expect((await elsewhere.get('/api/me')).status).toBe(200);

    const reset = await admin.post(`/api/workspaces/${workspaceId}/password-resets`, {
      userId: daveId,
    });
    expect(reset.status).toBe(201);
    const secret = new URL(String(reset.body.url)).hash.replace('#secret=', '');
    const fresh = new Person(server.url);
    expect(
      (await fresh.post('/api/auth/reset', { secret, password: 'new lanterns by the bay' })).status,
    ).toBe(200);
    expect(
      (await fresh.post('/api/auth/reset', { secret, password: 'other lanterns by a lake' }))
        .status,
    ).toBe(410);
    expect((await elsewhere.get('/api/me')).status).toBe(401); // every older session ended
    expect((await fresh.get('/api/me')).status).toBe(200);

    expect((await fresh.post('/api/auth/logout')).status).toBe(204);
    expect(fresh.cookie).toBeNull();
    expect((await fresh.get('/api/me')).status).toBe(401);
  });

  it('S65: the audit log records security events, with no secret in it', async () => {
    const audit = await admin.get(`/api/workspaces/${workspaceId}/audit`);
    expect(audit.status).toBe(200);
    const events = audit.body.events as { action: string; actorLabel: string }[];
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      'account-created',
      'sign-in',
      'sign-in-failed',
      'member-added',
      'member-removed',
      'invitation-created',
      'token-created',
      'token-revoked',
      'password-reset-created',
      'guest-links-changed',
    ]) {
      expect(actions, action).toContain(action);
    }
    const text = JSON.stringify(events);
    for (const secret of [
      ADMIN.password,
      'wrong password',
      'jbp_',
      'jb_session',
      admin.cookie!.split('=')[1]!,
    ])
      expect(text).not.toContain(secret);
    const bob = await new Person(server.url).post('/api/auth/login', {
      email: 'bob@example.com',
      password: 'rainy tuesday in Austin',
    });
    expect(bob.status).toBe(200);
  });
});

describe('boards made before accounts', () => {
  it('S66: join the workspace when the server restarts with accounts', async () => {
    const dataDir = tempDataDir();
    try {
      const open = await startTestServer(dataDir);
      const made = await new Person(open.url).post('/api/boards', { title: 'From the open days' });
      expect(made.status).toBe(201);
      await open.stop();
      const server = await startTestServer(dataDir, { AUTH_MODE: 'accounts' });
      try {
        const admin = await setUpAdmin(server.url);
        const boards = (await admin.get('/api/boards')).body.boards as {
          id: string;
          role: string;
        }[];
        expect(boards).toEqual([expect.objectContaining({ id: made.body.id, role: 'owner' })]);
      } finally {
        await server.stop();
      }
    } finally {
      removeDir(dataDir);
    }
  });
});
