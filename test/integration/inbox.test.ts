/**
 * The inbox over the real server (AUTH_MODE=accounts, SQLite): people signed in with their
 * session cookie write comments through y-websocket and shared/model/comments.ts; the server
 * alone decides who is told, once, and the live stream follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/server.js';
import { createThread, reply, setResolved } from '../../shared/model/comments.js';
import { GUEST_ID, GUEST_NAME } from '../../shared/protocol/awareness.js';
import {
  connectClient,
  disconnectAll,
  synced,
  waitForAsync,
  type Client,
} from '../helpers/clients.js';
import { InboxStream } from '../helpers/inboxEvents.js';
import { connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir, wsUrlOf } from '../helpers/server.js';

interface Item {
  id: string;
  kind: string;
  boardId: string | null;
  threadId: string | null;
  messageId: string | null;
  actor: { id: string | null; name: string };
  excerpt: string;
  readAt: string | null;
  boardTitle: string | null;
}

const POINT = { kind: 'point', x: 1, y: 1 } as const;

describe('inbox (AUTH_MODE=accounts)', { timeout: 60_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let ada: Person;
  let bea: Person;
  let cy: Person;
  let zed: Person;
  const ids: Record<string, { id: string; name: string }> = {};
  const clients: Client[] = [];
  const streams: InboxStream[] = [];
  const keep = (c: Client) => (clients.push(c), c);

  const items = async (person: Person, query = '') =>
    ((await person.get(`/api/inbox${query}`)).body.items ?? []) as Item[];
  /** Waits until the person's inbox holds an item about `messageId`, then returns all of them. */
  const whenItem = async (person: Person, check: (i: Item) => boolean, what: string) => {
    await waitForAsync(async () => (await items(person)).some(check), 20_000, what);
    return items(person);
  };
  const comments = async (person: Person, boardId: string) => {
    const client = keep(connectAs(person, wsUrlOf(server.url), `${boardId}/comments`));
    await synced(client);
    return client.doc;
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, { AUTH_MODE: 'accounts' });
    ada = await setUpAdmin(server.url);
    const workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const invite = (name: string) =>
      inviteAndSignUp(ada, workspaceId, {
        name,
        email: `${name.toLowerCase()}@example.com`,
        password: 'someone walks the long quiet harbour',
      });
    [bea, cy, zed] = [await invite('Bea'), await invite('Cy'), await invite('Zed')];
    for (const [key, person] of Object.entries({ ada, bea, cy, zed })) {
      const me = (await person.get('/api/me')).body as { id: string; name: string };
      ids[key] = { id: me.id, name: me.name };
    }
    // Zed leaves the workspace: a person, no longer able to open its boards.
    expect((await ada.delete(`/api/workspaces/${workspaceId}/members/${ids.zed!.id}`)).status).toBe(
      204,
    );
  });

  afterAll(async () => {
    for (const s of streams) s.close();
    disconnectAll(clients);
    await server?.stop();
    removeDir(dataDir);
  });

  it('W159, W160, S77: a mention tells the mentioned member once; forged and self mentions tell no one', async () => {
    const boardId = String((await ada.post('/api/boards', { title: 'Claims' })).body.id);
    const doc = await comments(ada, boardId);
    // Bea starts from an empty count (joining the workspace told her of it: see W164).
    await bea.post('/api/inbox/read', { all: true });
    const live = new InboxStream(bea);
    streams.push(live);
    expect(await live.opened).toBe(200);
    await live.until((n) => n === 0);

    // Zed (removed) and an id nobody has come first: once Bea's item exists, theirs were decided.
    const threadId = createThread(doc, {
      anchor: POINT,
      author: ids.ada!,
      body: '@Zed @Bea please check the claims step',
      mentions: [ids.zed!.id, 'no-such-person', ids.ada!.id, ids.bea!.id],
    });
    const beas = (await whenItem(bea, (i) => i.threadId === threadId, 'Bea’s mention')).filter(
      (i) => i.boardId === boardId,
    );
    expect(beas).toHaveLength(1);
    expect(beas[0]).toMatchObject({
      kind: 'mention',
      boardId,
      threadId,
      actor: ids.ada,
      excerpt: '@Zed @Bea please check the claims step',
      readAt: null,
      boardTitle: 'Claims',
    });
    expect(await live.until((n) => n === 1)).toBe(1);
    expect((await items(zed)).filter((i) => i.boardId === boardId)).toEqual([]);
    expect(await items(ada)).toEqual([]);
    expect((await ada.get('/api/inbox/unread')).body).toEqual({ unread: 0 });
  });

  it('W164: joining by invitation and being given a board role are items from who did it', async () => {
    const joined = (await items(cy)).filter((i) => i.kind === 'added-to-workspace');
    expect(joined).toMatchObject([{ actor: ids.ada, excerpt: 'Acme CX (member)', readAt: null }]);
    const boardId = String((await ada.post('/api/boards', { title: 'Roles' })).body.id);
    const given = await ada.call('PUT', `/api/boards/${boardId}/people/${ids.cy!.id}`, {
      role: 'viewer',
    });
    expect(given.status).toBe(200);
    const cys = await whenItem(cy, (i) => i.kind === 'added-to-board', 'the board role');
    expect(cys.filter((i) => i.kind === 'added-to-board')).toMatchObject([
      { boardId, actor: ids.ada, excerpt: 'Roles (viewer)', boardTitle: 'Roles' },
    ]);
    // Ada made the board: she follows it.
    expect((await ada.get(`/api/inbox/follows?board=${boardId}`)).body.follows).toMatchObject([
      { boardId, threadId: null, following: true },
    ]);
  });

  it('W160, W161: a reply tells writers and followers, never its author; mention and reply are one item', async () => {
    const boardId = String((await ada.post('/api/boards', { title: 'Onboarding' })).body.id);
    const adaDoc = await comments(ada, boardId);
    const threadId = createThread(adaDoc, { anchor: POINT, author: ids.ada!, body: 'Step 3?' });
    // Cy follows the thread without writing in it.
    expect((await cy.call('PUT', `/api/inbox/follows/${boardId}/${threadId}`)).status).toBe(200);

    const beaDoc = await comments(bea, boardId);
    await waitForAsync(async () => beaDoc.getMap('threads').has(threadId), 10_000, 'the thread');
    const beaReply = reply(beaDoc, threadId, { author: ids.bea!, body: 'It is the KYC check' });
    const adas = await whenItem(ada, (i) => i.messageId === beaReply, 'Ada’s reply item');
    expect(adas.filter((i) => i.messageId === beaReply)).toMatchObject([
      { kind: 'reply', actor: ids.bea, excerpt: 'It is the KYC check' },
    ]);
    await whenItem(cy, (i) => i.messageId === beaReply, 'Cy’s reply item');
    expect((await items(bea)).filter((i) => i.boardId === boardId)).toEqual([]);

    // Ada answers and mentions Bea: Bea gets one item (the mention), Cy a reply.
    const adaReply = reply(adaDoc, threadId, {
      author: ids.ada!,
      body: '@Bea thanks',
      mentions: [ids.bea!.id],
    });
    await whenItem(cy, (i) => i.messageId === adaReply, 'Cy’s second reply item');
    const beas = (await whenItem(bea, (i) => i.messageId === adaReply, 'Bea’s mention')).filter(
      (i) => i.messageId === adaReply,
    );
    expect(beas.map((i) => i.kind)).toEqual(['mention']);

    // Cy unfollows the thread: Bea's next reply tells Ada, not Cy.
    expect((await cy.delete(`/api/inbox/follows/${boardId}/${threadId}`)).status).toBe(200);
    const later = reply(beaDoc, threadId, { author: ids.bea!, body: 'One more' });
    await whenItem(ada, (i) => i.messageId === later, 'Ada’s third item');

    // Bea, a writer, mutes the thread: Ada's next reply tells no one. A mention after it is
    // the marker (items are made in order): once it is in, the reply before was handled.
    expect((await bea.delete(`/api/inbox/follows/${boardId}/${threadId}`)).status).toBe(200);
    const muted = reply(adaDoc, threadId, { author: ids.ada!, body: 'Noted' });
    const marker = reply(adaDoc, threadId, {
      author: ids.ada!,
      body: '@Bea last one',
      mentions: [ids.bea!.id],
    });
    const beaLast = await whenItem(bea, (i) => i.messageId === marker, 'the marker');
    expect(beaLast.filter((i) => i.messageId === muted || i.messageId === later)).toEqual([]);
    expect((await items(cy)).filter((i) => i.messageId === later || i.messageId === muted)).toEqual(
      [],
    );
  });

  it('W162: resolving and reopening a thread tells its starter; marking read drops the count live', async () => {
    const boardId = String((await ada.post('/api/boards', { title: 'Returns' })).body.id);
    const beaDoc = await comments(bea, boardId);
    const threadId = createThread(beaDoc, { anchor: POINT, author: ids.bea!, body: 'Too long' });
    const adaDoc = await comments(ada, boardId);
    await waitForAsync(async () => adaDoc.getMap('threads').has(threadId), 10_000, 'the thread');
    setResolved(adaDoc, threadId, true, ids.ada!);
    await whenItem(bea, (i) => i.threadId === threadId && i.kind === 'resolved', 'resolved');
    setResolved(adaDoc, threadId, false, ids.ada!);
    const beas = await whenItem(
      bea,
      (i) => i.threadId === threadId && i.kind === 'reopened',
      'reopened',
    );
    expect(beas.filter((i) => i.threadId === threadId).map((i) => i.kind)).toEqual([
      'reopened',
      'resolved',
    ]);
    expect(beas.find((i) => i.kind === 'resolved')).toMatchObject({
      actor: ids.ada,
      excerpt: 'Too long',
    });

    const live = new InboxStream(bea);
    streams.push(live);
    const before = await live.until(() => true);
    expect(before).toBeGreaterThanOrEqual(2);
    // W163: opening the thread marks its items read.
    const marked = await bea.post('/api/inbox/read', { threadId, boardId });
    expect(marked.body).toEqual({ marked: 2, unread: before - 2 });
    expect(await live.until((n) => n === before - 2)).toBe(before - 2);
    expect((await items(bea, `?board=${boardId}`)).every((i) => i.readAt !== null)).toBe(true);
    expect((await bea.post('/api/inbox/read', { all: true })).body).toMatchObject({ unread: 0 });
  });

  it('S111: signing out ends that session’s live stream, and signing out everywhere ends them all', async () => {
    const workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const login = { email: 'di@example.com', password: 'someone walks the long quiet harbour' };
    const laptop = await inviteAndSignUp(ada, workspaceId, { name: 'Di', ...login });
    const phone = new Person(server.url);
    expect((await phone.post('/api/auth/login', login)).status).toBe(200);
    const [onLaptop, onPhone] = [new InboxStream(laptop), new InboxStream(phone)];
    streams.push(onLaptop, onPhone);
    await Promise.all([onLaptop.until(() => true), onPhone.until(() => true)]);

    expect((await phone.post('/api/auth/logout')).status).toBe(204);
    await onPhone.whenEnded();
    // The laptop's session and stream live on.
    expect((await laptop.get('/api/inbox')).status).toBe(200);
    expect(onLaptop.ended).toBe(false);
    expect(await new InboxStream(phone).opened).toBe(401);

    const tablet = new Person(server.url);
    expect((await tablet.post('/api/auth/login', login)).status).toBe(200);
    expect((await tablet.post('/api/auth/logout-everywhere')).status).toBe(204);
    await onLaptop.whenEnded();
    expect(await new InboxStream(laptop).opened).toBe(401);
  });

  it('S82: an excerpt is one short line of plain text', async () => {
    const boardId = String((await ada.post('/api/boards', { title: 'Long' })).body.id);
    const doc = await comments(ada, boardId);
    const body = `@Bea <b>look</b>\n\n${'very '.repeat(100)}long`;
    const threadId = createThread(doc, {
      anchor: POINT,
      author: ids.ada!,
      body,
      mentions: [ids.bea!.id],
    });
    const [found] = (await whenItem(bea, (i) => i.threadId === threadId, 'the long one')).filter(
      (i) => i.threadId === threadId,
    );
    expect(found!.excerpt).toHaveLength(200);
    expect(found!.excerpt).toMatch(/^@Bea <b>look<\/b> very very .*…$/);
    expect(found!.excerpt).not.toContain('\n');
  });

  it('W163: bad input is a 400 naming the field', async () => {
    const bad = await bea.post('/api/inbox/read', { ids: 'x' });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toMatch(/^invalid /);
    expect((await bea.get('/api/inbox?limit=0')).body.error).toMatch(/^invalid limit/);
    expect((await bea.get('/api/inbox?before=nonsense')).body.error).toMatch(/^invalid before/);
    expect((await bea.call('PUT', '/api/inbox/follows/no-such-board-1')).status).toBe(404);
  });

  it('S78, S79: a guest link reads no inbox, and what a guest writes tells no one', async () => {
    const created = await ada.post('/api/boards', { title: 'Agency' });
    const boardId = String(created.body.id);
    const link = (created.body.tokens as Record<string, string>).commenter!;
    const asGuest = { authorization: `Bearer ${link}` };
    for (const path of ['/api/inbox', '/api/inbox/unread', '/api/inbox/events'])
      expect((await fetch(`${server.url}${path}`, { headers: asGuest })).status).toBe(401);
    expect((await new Person(server.url).post('/api/inbox/read', { all: true })).status).toBe(401);

    const guest = keep(
      connectClient(wsUrlOf(server.url), `${boardId}/comments`, new Y.Doc(), link),
    );
    await synced(guest);
    const guestThread = createThread(guest.doc, {
      anchor: POINT,
      author: { id: `${GUEST_ID}x`, name: `${GUEST_NAME}Agency` },
      body: '@Bea hello',
      mentions: [ids.bea!.id],
    });
    // Then a member's mention on the same board: once it is in, the guest's was decided.
    const adaDoc = await comments(ada, boardId);
    await waitForAsync(async () => adaDoc.getMap('threads').has(guestThread), 10_000, 'sync');
    const adaThread = createThread(adaDoc, {
      anchor: POINT,
      author: ids.ada!,
      body: '@Bea see above',
      mentions: [ids.bea!.id],
    });
    const beas = await whenItem(bea, (i) => i.threadId === adaThread, 'Ada’s mention');
    expect(beas.filter((i) => i.boardId === boardId).map((i) => i.threadId)).toEqual([adaThread]);
  });

  it('S89: leaving a workspace empties what the inbox held about it, count and follows too', async () => {
    const workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const dee = await inviteAndSignUp(ada, workspaceId, {
      name: 'Dee',
      email: 'dee@example.com',
      password: 'someone walks the long quiet harbour',
    });
    const deeId = String((await dee.get('/api/me')).body.id);
    const boardId = String((await ada.post('/api/boards', { title: 'Secret plans' })).body.id);
    const doc = await comments(ada, boardId);
    const threadId = createThread(doc, {
      anchor: POINT,
      author: ids.ada!,
      body: '@Dee the plan',
      mentions: [deeId],
    });
    await whenItem(dee, (i) => i.threadId === threadId, 'Dee’s mention');
    expect((await dee.call('PUT', `/api/inbox/follows/${boardId}`)).status).toBe(200);
    expect((await ada.delete(`/api/workspaces/${workspaceId}/members/${deeId}`)).status).toBe(204);
    await waitForAsync(async () => (await items(dee)).length === 0, 10_000, 'Dee’s items gone');
    expect((await dee.get('/api/inbox/unread')).body).toEqual({ unread: 0 });
    expect((await dee.get('/api/inbox/follows')).body.follows).toEqual([]);
  });
});

describe('inbox in open mode', () => {
  it('W159, S79: there are no people, so there is no inbox', async () => {
    const dataDir = tempDataDir();
    const server = await startTestServer(dataDir);
    try {
      for (const path of ['/api/inbox', '/api/inbox/unread', '/api/inbox/events'])
        expect((await fetch(`${server.url}${path}`)).status).toBe(404);
    } finally {
      await server.stop();
      removeDir(dataDir);
    }
  });
});
