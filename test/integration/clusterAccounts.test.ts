/**
 * Accounts across a cluster (instances sharing PostgreSQL and Redis): a session made on one
 * instance is accepted by the other, a signed-in socket on one syncs with one on the other, and
 * removing a member on one closes their socket on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { disconnectAll, synced, whenDoc, type Client } from '../helpers/clients.js';
import { Cluster } from '../helpers/cluster.js';
import { connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
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
});
