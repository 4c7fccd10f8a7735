/**
 * Two servers in this process, joined by the in-process bus over one SQLite file: the room
 * relay's behaviour (updates, presence, late joins, board events) without Redis in the way.
 * test/integration/cluster.test.ts runs the real topology (processes, PostgreSQL, Redis).
 */
import { cpSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalBus, LocalHub } from '../../server/bus/localBus.js';
import type { RunningServer } from '../../server/server.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import {
  adminAuth,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

const SECRET = 'relay-test-secret-0123456789abcdef0123';

describe('room relay between instances (in-process bus)', () => {
  let dataDir: string;
  let hub: LocalHub;
  let servers: RunningServer[];
  let clients: Client[];

  const start = (id: string) =>
    startTestServer(
      dataDir,
      { AUTH_SECRET: SECRET, INSTANCE_ID: id },
      { bus: new LocalBus(hub, id) },
    );
  const client = (server: RunningServer, room: string) => {
    const c = connectClient(wsUrlOf(server.url), room);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    dataDir = tempDataDir();
    hub = new LocalHub();
    servers = [await start('a'), await start('b')];
    clients = [];
  });

  afterEach(async () => {
    disconnectAll(clients);
    await Promise.all(servers.map((s) => s.stop()));
    removeDir(dataDir);
  });

  it('clients on different instances converge on concurrent edits, in both documents', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const board = await createBoard(a.url);
    const onA = client(a, board.id);
    const onB = client(b, board.id);
    const commentsA = client(a, `${board.id}/comments`);
    const commentsB = client(b, `${board.id}/comments`);
    await Promise.all([onA, onB, commentsA, commentsB].map((c) => whenSynced(c)));
    for (let i = 0; i < 20; i++) {
      onA.doc.getMap('test').set(`a${i}`, i);
      onB.doc.getMap('test').set(`b${i}`, i);
      onB.doc.getText('t').insert(0, 'b');
      onA.doc.getText('t').insert(0, 'a');
    }
    commentsA.doc.getArray('c').push(['from a']);
    commentsB.doc.getArray('c').push(['from b']);
    const content = (c: Client) =>
      JSON.stringify([
        Object.entries(c.doc.getMap('test').toJSON()).sort(),
        c.doc.getText('t').toString(),
      ]);
    const same = (x: Client, y: Client) => content(x) === content(y);
    await waitFor(() => same(onA, onB) && onA.doc.getMap('test').size === 40, 5000, 'convergence');
    expect(onA.doc.getText('t').toString()).toBe(onB.doc.getText('t').toString());
    await waitFor(
      () => commentsA.doc.getArray('c').length === 2 && commentsB.doc.getArray('c').length === 2,
    );
    expect(commentsA.doc.getArray('c').toJSON()).toEqual(commentsB.doc.getArray('c').toJSON());
  });

  it('an instance loading a room late gets what the others hold but did not store for it', async () => {
    // b reads a copy of the storage taken before the edit: only a's memory, over the bus, has it.
    await Promise.all(servers.map((s) => s.stop()));
    const solo = await startTestServer(dataDir, { AUTH_SECRET: SECRET });
    const board = await createBoard(solo.url);
    await solo.stop();
    const copyDir = tempDataDir();
    cpSync(dataDir, copyDir, { recursive: true });
    servers = [
      await start('a2'),
      await startTestServer(copyDir, { AUTH_SECRET: SECRET }, { bus: new LocalBus(hub, 'b2') }),
    ];
    try {
      const [a2, b2] = servers as [RunningServer, RunningServer];
      const onA = client(a2, board.id);
      await whenSynced(onA);
      onA.doc.getMap('test').set('early', 1);
      const onB = client(b2, board.id);
      await whenSynced(onB);
      await waitFor(() => onB.doc.getMap('test').get('early') === 1, 3000, 'the edit from a');
      // And the other way round: what b's copy lacks, b now stores too.
      onB.doc.getMap('test').set('late', 2);
      await waitFor(() => onA.doc.getMap('test').get('late') === 2, 3000, 'the edit from b');
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      servers = [];
      removeDir(copyDir);
    }
  });

  it('W30: relays presence, and removes it when its client or its instance goes', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const board = await createBoard(a.url);
    const onA = client(a, board.id);
    const onB = client(b, board.id);
    const alsoOnB = client(b, board.id);
    await Promise.all([onA, onB, alsoOnB].map((c) => whenSynced(c)));
    onB.provider.awareness.setLocalStateField('user', { name: 'Bea' });
    alsoOnB.provider.awareness.setLocalStateField('user', { name: 'Bo' });
    const seenOnA = () =>
      [...onA.provider.awareness.getStates().values()].map(
        (s) => (s.user as { name?: string } | undefined)?.name,
      );
    await waitFor(
      () => seenOnA().includes('Bea') && seenOnA().includes('Bo'),
      3000,
      'remote presence',
    );
    // A spoofed state for Bea's id, sent to the other instance, is dropped there.
    onA.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    await waitFor(
      () =>
        [...onB.provider.awareness.getStates().values()].some(
          (s) => (s.user as { name?: string } | undefined)?.name === 'Ann',
        ),
      3000,
      'presence from a',
    );
    alsoOnB.provider.destroy();
    await waitFor(() => !seenOnA().includes('Bo'), 3000, 'removal of a client that left');
    await servers[1]!.stop();
    await waitFor(() => !seenOnA().includes('Bea'), 3000, 'removal of a stopped instance');
  });

  it('compactions by both instances, one at a time, keep every edit', async () => {
    await Promise.all(servers.map((s) => s.stop()));
    const env = { AUTH_SECRET: SECRET, COMPACT_AFTER_UPDATES: '5' };
    servers = [
      await startTestServer(dataDir, env, { bus: new LocalBus(hub, 'c1') }),
      await startTestServer(dataDir, env, { bus: new LocalBus(hub, 'c2') }),
    ];
    const [a, b] = servers as [RunningServer, RunningServer];
    const board = await createBoard(a.url);
    const onA = client(a, board.id);
    const onB = client(b, board.id);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    for (let i = 0; i < 60; i++) {
      (i % 2 ? onA : onB).doc.getMap('test').set(`k${i}`, i);
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => onA.doc.getMap('test').size === 60 && onB.doc.getMap('test').size === 60);
    const compactions = async (s: RunningServer) =>
      Number(
        /^journeyboard_compactions_total (\d+)/m.exec(
          await (await fetch(`${s.url}/metrics`)).text(),
        )?.[1],
      );
    // Both hold the room and write their own clients' updates; the lock lets one fold the log at a time.
    let total = 0;
    for (let tries = 0; tries < 50 && total === 0; tries++) {
      total = (await compactions(a)) + (await compactions(b));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(total).toBeGreaterThan(0);
    disconnectAll(clients.splice(0));
    await Promise.all(servers.map((s) => s.stop()));
    servers = [await start('fresh')];
    const back = client(servers[0]!, board.id);
    await whenSynced(back);
    expect(back.doc.getMap('test').size).toBe(60);
  });

  it('S7, S37: share-link rotation and deletion on one instance close sockets on the other', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const board = await createBoard(a.url);
    const onB = client(b, board.id);
    await whenSynced(onB);
    const rotated = await fetch(`${a.url}/api/boards/${board.id}/rotate`, {
      method: 'POST',
      headers: adminAuth,
    });
    expect(rotated.status).toBe(200);
    expect(await onB.closed).toBe(CloseCode.UNAUTHORIZED);

    const other = await createBoard(a.url);
    const again = client(b, other.id);
    await whenSynced(again);
    const deleted = await fetch(`${a.url}/api/boards/${other.id}`, {
      method: 'DELETE',
      headers: adminAuth,
    });
    expect(deleted.status).toBe(204);
    expect(await again.closed).toBe(CloseCode.NOT_FOUND);
  });
});
