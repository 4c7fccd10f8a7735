/**
 * Accounts across a cluster (instances sharing PostgreSQL and Redis): a session made on one
 * instance is accepted by the other, a signed-in socket on one syncs with one on the other, and
 * removing a member, signing out or revoking a token on one closes the sockets on the other;
 * shared insights follow their origin whichever instance holds which map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  exportBoard,
  initBoard,
  readBoard,
} from '../../shared/model/index.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { connectClient, disconnectAll, synced, whenDoc, type Client } from '../helpers/clients.js';
import { Cluster } from '../helpers/cluster.js';
import { ADMIN, connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { wsUrlOf } from '../helpers/server.js';

/** The same person (same session cookie) talking to another instance, as a balancer would send them. */
function onInstance(person: Person, url: string): Person {
  const there = new Person(url);
  there.cookie = person.cookie;
  return there;
}

describe('accounts on a cluster (PostgreSQL + Redis)', { timeout: 90_000 }, () => {
  let cluster: Cluster;
  const clients: Client[] = [];

  beforeAll(async () => {
    cluster = await Cluster.start(3, { AUTH_MODE: 'accounts' });
  }, 60_000);

  afterAll(async () => {
    disconnectAll(clients);
    await cluster?.shutdown();
  });

  it('S56, S62: signs in on A, syncs through B, and a removal on A closes the socket on B', async () => {
    const [a, b] = cluster.instances as [
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
    ];
    const adminOnA = await setUpAdmin(a.url);
    const workspaceId = ((await adminOnA.get('/api/me')).body.workspaces as { id: string }[])[0]!
      .id;
    const boardId = String((await adminOnA.post('/api/boards', { title: 'Everywhere' })).body.id);
    const adminOnB = onInstance(adminOnA, b.url);
    expect((await adminOnB.get('/api/me')).status).toBe(200);

    const colleagueOnA = await inviteAndSignUp(adminOnA, workspaceId, {
      name: 'Cleo Colleague',
      email: 'cleo@example.com',
      password: 'seven red kites flying',
    });
    const colleagueOnB = onInstance(colleagueOnA, b.url);
    const colleagueId = String((await colleagueOnB.get('/api/me')).body.id);

    const onA = connectAs(adminOnA, wsUrlOf(a.url), boardId);
    const onB = connectAs(colleagueOnB, wsUrlOf(b.url), boardId);
    clients.push(onA, onB);
    await Promise.all([synced(onA), synced(onB)]);
    onB.doc.getMap('notes').set('from', 'cleo on B');
    await whenDoc(onA.doc, () => onA.doc.getMap('notes').get('from') === 'cleo on B');

    const removed = await adminOnA.delete(`/api/workspaces/${workspaceId}/members/${colleagueId}`);
    expect(removed.status).toBe(204);
    expect(await onB.closed).toBe(CloseCode.UNAUTHORIZED);
    expect((await colleagueOnB.get(`/api/boards/${boardId}/summary`)).status).toBe(403);
  });

  it('S128: a sign-out or a revoked token on A closes exactly the sockets it admitted, on B too', async () => {
    const [a, b] = cluster.instances as [
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
    ];
    const admin = await setUpAdmin(a.url, 'Sign-out CX').catch(() => null);
    // The workspace exists from the first test when it ran; sign in again otherwise.
    const owner = admin ?? new Person(a.url);
    if (!admin) expect((await owner.post('/api/auth/login', ADMIN)).status).toBe(200);
    const boardId = String((await owner.post('/api/boards', { title: 'Sign-outs' })).body.id);
    const laptop = new Person(a.url);
    const phone = new Person(a.url);
    for (const device of [laptop, phone])
      expect((await device.post('/api/auth/login', ADMIN)).status).toBe(200);
    const made = await laptop.post('/api/me/tokens', { name: 'nightly job' });
    expect(made.status).toBe(201);
    const script = connectClient(wsUrlOf(b.url), boardId, undefined, String(made.body.token));
    const onLaptop = connectAs(onInstance(laptop, b.url), wsUrlOf(b.url), boardId);
    const onPhone = connectAs(onInstance(phone, b.url), wsUrlOf(b.url), boardId);
    clients.push(script, onLaptop, onPhone);
    await Promise.all([synced(script), synced(onLaptop), synced(onPhone)]);

    expect((await phone.post('/api/auth/logout')).status).toBe(204);
    expect(await onPhone.closed).toBe(CloseCode.UNAUTHORIZED);
    // The laptop's session and the token's socket live on: an edit still reaches both.
    onLaptop.doc.getMap('notes').set('after', 'phone signed out');
    await whenDoc(script.doc, () => script.doc.getMap('notes').get('after') === 'phone signed out');

    const tokenId = String((made.body.record as { id: string }).id);
    expect((await laptop.delete(`/api/me/tokens/${tokenId}`)).status).toBe(204);
    expect(await script.closed).toBe(CloseCode.UNAUTHORIZED);
    expect(onLaptop.provider.wsconnected).toBe(true);

    expect((await owner.post('/api/auth/logout-everywhere')).status).toBe(204);
    expect(await onLaptop.closed).toBe(CloseCode.UNAUTHORIZED);
  });

  it('W304, W305: an origin edited through B reaches its copy open on C; a copy edited on C is put back', async () => {
    const [a, b, c] = cluster.instances as [
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
    ];
    // The admin exists when an earlier test ran: either way, sign in.
    await setUpAdmin(a.url, 'Shared CX').catch(() => null);
    const owner = new Person(a.url);
    expect((await owner.post('/api/auth/login', ADMIN)).status).toBe(200);
    const workspaceId = ((await owner.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const made = async (title: string, cards: string[]) => {
      const doc = new Y.Doc();
      initBoard(doc, { title, mapType: 'current-state' });
      const stageId = addStage(doc, { name: 'Pay' });
      const laneId = addLane(doc, { name: 'Pain points', kind: 'painPoints' });
      for (const text of cards) addCard(doc, { stageId, laneId, text });
      const answer = await owner.post(
        `/api/boards/import?workspaceId=${workspaceId}`,
        exportBoard(doc),
      );
      expect(answer.status).toBe(201);
      return String(answer.body.id);
    };
    const originId = await made('Checkout', ['Card declined twice']);
    const targetId = await made('Support', []);
    const onB = connectAs(onInstance(owner, b.url), wsUrlOf(b.url), originId);
    const onC = connectAs(onInstance(owner, c.url), wsUrlOf(c.url), targetId);
    clients.push(onB, onC);
    await Promise.all([synced(onB), synced(onC)]);
    const painId = readBoard(onB.doc).cards[0]!.id;
    const shared = await owner.post(`/api/boards/${originId}/cards/${painId}/share`, {
      to: targetId,
    });
    expect(shared.status).toBe(201);
    const copyText = () => readBoard(onC.doc).cards.find((x) => x.sharedFrom)?.text;
    await whenDoc(onC.doc, () => copyText() === 'Card declined twice');
    // The mark reaches B's socket; B's client types, and B's instance sends it on.
    await whenDoc(onB.doc, () => readBoard(onB.doc).cards[0]?.sharedOut === true);
    const text = (onB.doc.getMap('cards').get(painId) as Y.Map<unknown>).get('text') as Y.Text;
    text.insert(text.length, ' at checkout');
    await whenDoc(onC.doc, () => copyText() === 'Card declined twice at checkout');
    const copyId = readBoard(onC.doc).cards.find((x) => x.sharedFrom)!.id;
    const copy = (onC.doc.getMap('cards').get(copyId) as Y.Map<unknown>).get('text') as Y.Text;
    copy.insert(0, 'Fixed: ');
    await whenDoc(onC.doc, () => copyText() === 'Card declined twice at checkout');
  });
});
