/**
 * The inbox on a cluster (instances sharing PostgreSQL and Redis): a mention written on
 * one instance reaches a browser's live stream on the other, and a comment both instances
 * receive from a socket at once is still one item.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread, reply } from '../../shared/model/comments.js';
import { disconnectAll, synced, type Client } from '../helpers/clients.js';
import { Cluster } from '../helpers/cluster.js';
import { InboxStream } from '../helpers/inboxEvents.js';
import { connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { wsUrlOf } from '../helpers/server.js';

/** The same person (same session cookie) talking to another instance. */
function onInstance(person: Person, url: string): Person {
  const there = new Person(url);
  there.cookie = person.cookie;
  return there;
}

describe('inbox on a cluster (PostgreSQL + Redis)', { timeout: 90_000 }, () => {
  let cluster: Cluster;
  const clients: Client[] = [];
  let stream: InboxStream | null = null;

  beforeAll(async () => {
    cluster = await Cluster.start(3, { AUTH_MODE: 'accounts' });
  }, 60_000);

  afterAll(async () => {
    stream?.close();
    disconnectAll(clients);
    await cluster?.shutdown();
  });

  it('W165, S80, S81: a mention on A reaches the stream on B live, once, though both got the update', async () => {
    const [a, b] = cluster.instances as [
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
    ];
    const ada = await setUpAdmin(a.url);
    const me = (await ada.get('/api/me')).body as {
      id: string;
      name: string;
      workspaces: { id: string }[];
    };
    const boardId = String((await ada.post('/api/boards', { title: 'Claims' })).body.id);
    const beaOnA = await inviteAndSignUp(ada, me.workspaces[0]!.id, {
      name: 'Bea',
      email: 'bea@example.com',
      password: 'seven red kites flying',
    });
    const bea = onInstance(beaOnA, b.url);
    const beaId = String((await bea.get('/api/me')).body.id);
    await bea.post('/api/inbox/read', { all: true });
    stream = new InboxStream(bea);
    expect(await stream.opened).toBe(200);
    await stream.until((n) => n === 0);

    // One doc, two sockets: every change goes to A and to B, each from a socket of its own.
    const doc = new Y.Doc();
    const toA = connectAs(ada, wsUrlOf(a.url), `${boardId}/comments`, doc);
    const toB = connectAs(onInstance(ada, b.url), wsUrlOf(b.url), `${boardId}/comments`, doc);
    clients.push(toA, toB);
    await Promise.all([synced(toA), synced(toB)]);
    const author = { id: me.id, name: me.name };
    const threadId = createThread(doc, {
      anchor: { kind: 'point', x: 0, y: 0 },
      author,
      body: '@Bea over to you',
      mentions: [beaId],
    });
    expect(await stream.until((n) => n >= 1)).toBe(1);
    // A second event through both: by the time it is counted, the first was handled twice.
    reply(doc, threadId, { author, body: '@Bea and this', mentions: [beaId] });
    expect(await stream.until((n) => n >= 2)).toBe(2);
    const items = (await bea.get(`/api/inbox?board=${boardId}`)).body.items as {
      kind: string;
      threadId: string;
    }[];
    expect(items.map((i) => [i.kind, i.threadId])).toEqual([
      ['mention', threadId],
      ['mention', threadId],
    ]);
    expect(stream.counts.at(-1)).toBe(2);
    // Counts only: no comment text travels on the stream.
    for (const payload of stream.payloads)
      expect(Object.keys(payload as object)).toEqual(['unread']);
  });
});
