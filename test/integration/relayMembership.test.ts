/**
 * What the relay publishes and who stores what (W341, W342): two servers in this process on
 * the in-process bus over one SQLite file, plus bare bus members that watch a room's topic or
 * play an instance that relays an edit and dies. test/integration/cluster.test.ts kills real
 * processes.
 */
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LocalBus, LocalHub } from '../../server/bus/localBus.js';
import { decodeRelayMessage, encodeRelayMessage } from '../../server/bus/relayMessages.js';
import type { RunningServer } from '../../server/server.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  waitForAsync,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

const SECRET = 'relay-test-secret-0123456789abcdef0123';

/** A Yjs update setting `key` on the `test` map, as a client elsewhere would make it. */
function editSetting(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('test').set(key, 1);
  return Y.encodeStateAsUpdate(doc);
}

describe('relay membership and storage (in-process bus)', () => {
  let dataDir: string;
  let hub: LocalHub;
  let servers: RunningServer[];
  let clients: Client[];
  let storage: SqliteStorage;
  const extraBuses: LocalBus[] = [];

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
  const bus = (id: string) => {
    const b = new LocalBus(hub, id);
    extraBuses.push(b);
    return b;
  };
  /** How many entries of the board's stored log hold an item for `key`. */
  const storedCopies = async (docName: string, key: string) => {
    const { updates } = await storage.loadDoc(docName);
    return updates.filter((u) =>
      Y.decodeUpdate(u).structs.some((s) => s instanceof Y.Item && s.parentSub === key),
    ).length;
  };

  beforeEach(async () => {
    dataDir = tempDataDir();
    hub = new LocalHub();
    servers = [await start('a'), await start('b')];
    clients = [];
    storage = new SqliteStorage({ file: path.join(dataDir, 'journeyboard.db') });
    await storage.init();
  });

  afterEach(async () => {
    disconnectAll(clients);
    await Promise.all(extraBuses.splice(0).map((b) => b.close()));
    await Promise.all(servers.map((s) => s.stop()));
    await storage.close();
    removeDir(dataDir);
  });

  it('W341: alone in a room an instance publishes nothing; one that loads it later gets every edit, and a leave ends publishing', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const board = await createBoard(a.url);
    const seen: string[] = [];
    await bus('watcher').subscribe(board.id, (payload, from) =>
      seen.push(`${from}:${decodeRelayMessage(payload)?.kind}`),
    );
    const onA = client(a, board.id);
    const alsoOnA = client(a, board.id);
    await Promise.all([whenSynced(onA), whenSynced(alsoOnA)]);
    for (let i = 0; i < 10; i++) onA.doc.getMap('test').set(`alone${i}`, i);
    // a applied them all (its other client has them) before b loads the room.
    await waitFor(() => alsoOnA.doc.getMap('test').size === 10, 5000, 'edits on a');
    expect(seen.filter((s) => s === 'a:live-update')).toEqual([]);

    const onB = client(b, board.id);
    await whenSynced(onB);
    await waitFor(() => onB.doc.getMap('test').size === 10, 5000, 'every edit on b');
    onA.doc.getMap('test').set('together', 1);
    await waitFor(() => onB.doc.getMap('test').get('together') === 1, 5000, 'a live edit on b');
    expect(seen).toContain('a:live-update');

    disconnectAll([onB]);
    await waitFor(() => seen.includes('b:leave'), 5000, "b's leave once it unloaded the room");
    const leftAt = seen.indexOf('b:leave');
    onA.doc.getMap('test').set('after', 1);
    await waitFor(() => alsoOnA.doc.getMap('test').get('after') === 1, 5000, 'the edit on a');
    // b loads the room again: its sync request is answered with the edit it missed.
    const backOnB = client(b, board.id);
    await whenSynced(backOnB);
    await waitFor(() => backOnB.doc.getMap('test').get('after') === 1, 5000, "b's catch-up");
    const askedAt = seen.indexOf('b:sync-request', leftAt);
    expect(askedAt).toBeGreaterThan(leftAt);
    expect(seen.slice(leftAt, askedAt)).not.toContain('a:live-update');
  });

  it('W341: presence set while an instance was alone in the room reaches an instance that loads it later, and back', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const board = await createBoard(a.url);
    const onA = client(a, board.id);
    onA.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    await whenSynced(onA);
    const onB = client(b, board.id);
    // Set before b knows a holds the room: b is alone when it sees it.
    onB.provider.awareness.setLocalStateField('user', { name: 'Ben' });
    await whenSynced(onB);
    const names = (c: Client) =>
      [...c.provider.awareness.getStates().values()].map(
        (st) => (st as { user?: { name?: string } }).user?.name,
      );
    await waitFor(() => names(onB).includes('Ana'), 5000, "Ana's presence on b");
    await waitFor(() => names(onA).includes('Ben'), 5000, "Ben's presence on a");
  });

  it('W342: an edit is stored once, by the instance its client sent it to; a sender lost before confirming has its relayed edits stored by the others', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const board = await createBoard(a.url);
    const onA = client(a, board.id);
    const onB = client(b, board.id);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    onA.doc.getMap('test').set('fromA', 1);
    await waitFor(() => onB.doc.getMap('test').get('fromA') === 1, 5000, 'the edit on b');
    onB.doc.getMap('test').set('fromB', 1);
    // b's writer keeps its order: had it queued fromA, it would be stored with fromB at latest.
    await waitForAsync(
      async () =>
        (await storedCopies(board.id, 'fromB')) > 0 && (await storedCopies(board.id, 'fromA')) > 0,
      5000,
      'both edits stored',
    );
    expect(await storedCopies(board.id, 'fromA')).toBe(1);
    expect(await storedCopies(board.id, 'fromB')).toBe(1);

    // An instance relays an edit and dies before saying it stored it: a and b store it.
    const doomed = bus('doomed');
    doomed.publish(
      board.id,
      encodeRelayMessage({
        kind: 'live-update',
        mark: { epoch: 7, through: 1 },
        update: editSetting('fromDoomed'),
      }),
    );
    // Another relays one and confirms it before it stops: nobody stores it for it.
    const careful = bus('careful');
    careful.publish(
      board.id,
      encodeRelayMessage({
        kind: 'live-update',
        mark: { epoch: 8, through: 1 },
        update: editSetting('fromCareful'),
      }),
    );
    careful.publish(
      'commits',
      encoding.encode((e) => {
        encoding.writeVarUint(e, 8);
        encoding.writeVarUint(e, 1);
      }),
    );
    await waitFor(
      () => [onA, onB].every((c) => c.doc.getMap('test').has('fromCareful')),
      5000,
      'the relayed edits on both',
    );
    expect(await storedCopies(board.id, 'fromDoomed')).toBe(0);
    await doomed.close();
    await careful.close();
    await waitForAsync(
      async () => (await storedCopies(board.id, 'fromDoomed')) > 0,
      5000,
      "the lost sender's edit stored by the others",
    );
    onB.doc.getMap('test').set('last', 1);
    await waitForAsync(
      async () => (await storedCopies(board.id, 'last')) > 0,
      5000,
      'a later edit stored',
    );
    expect(await storedCopies(board.id, 'fromCareful')).toBe(0);
  });
});
