import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addStage,
  readBoard,
  readCards,
  readStages,
  setCardText,
} from '../../shared/model/index.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import {
  connectClient,
  disconnectAll,
  synced,
  waitFor,
  waitForAsync,
  whenDoc,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import {
  createBoard,
  removeDir,
  spawnServer,
  startTestServer,
  tempDataDir,
  wsUrlOf,
  type ServerProcess,
} from '../helpers/server.js';

const dirs: string[] = [];
const procs: ServerProcess[] = [];
const clients: Client[] = [];

afterEach(() => {
  disconnectAll(clients.splice(0));
  for (const p of procs.splice(0)) p.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) removeDir(d);
});

function dir(): string {
  const d = tempDataDir();
  dirs.push(d);
  return d;
}

function join(url: string, boardId: string): Client {
  const client = connectClient(wsUrlOf(url), boardId);
  clients.push(client);
  return client;
}

async function spawn(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const p = await spawnServer(dataDir, env);
  procs.push(p);
  return p;
}

describe('durability of accepted edits', () => {
  it(
    'keeps an edit the server reported written when it is killed with SIGKILL',
    { timeout: 120_000 },
    async () => {
      const dataDir = dir();
      const first = await spawn(dataDir);
      const { id } = await createBoard(first.url);
      const [editor, observer] = [join(first.url, id), join(first.url, id)];
      await Promise.all([synced(editor), synced(observer)]);

      const card = readCards(editor.doc)[0]!;
      const arrived = whenDoc(observer.doc, () =>
        readStages(observer.doc).some((s) => s.name === 'Crash stage'),
      );
      setCardText(editor.doc, card.id, 'written before the crash');
      addStage(editor.doc, { name: 'Crash stage' });
      // The observer seeing the edit proves the server accepted it (and queued it for writing).
      await arrived;
      // Waits on the server's own word that the queue is written, not on a deadline: a group
      // commit takes 20 ms idle but far longer on a loaded CI machine (once > 200 ms).
      await waitForAsync(
        async () =>
          /^journeyboard_pending_updates 0$/m.test(
            await (await fetch(`${first.url}/metrics`)).text(),
          ),
        60_000,
        'the accepted edit to be written',
      );
      first.child.kill('SIGKILL');
      await first.exited;
      disconnectAll(clients.splice(0));

      const second = await startTestServer(dataDir);
      try {
        const fresh = join(second.url, id);
        await synced(fresh);
        expect(readStages(fresh.doc).map((s) => s.name)).toContain('Crash stage');
        expect(readCards(fresh.doc).find((c) => c.id === card.id)?.text).toBe(
          'written before the crash',
        );
      } finally {
        disconnectAll(clients.splice(0));
        await second.stop();
      }
    },
  );

  // Every wait here is on an event (a log line, a sync, a doc update, the process's exit), never
  // a deadline: spawning the server through tsx alone takes seconds on a loaded machine.
  it('writes every accepted update on SIGTERM before exiting', { timeout: 120_000 }, async () => {
    const dataDir = dir();
    const first = await spawn(dataDir, { SHUTDOWN_TIMEOUT_MS: '60000' });
    const { id } = await createBoard(first.url);
    const [editor, observer] = [join(first.url, id), join(first.url, id)];
    await Promise.all([synced(editor), synced(observer)]);
    // Another connection holds the write lock, so nothing of what follows is written before the
    // SIGTERM: only a shutdown that waits for its writes can save it.
    const blocker = new Database(path.join(dataDir, 'journeyboard.db'));
    blocker.exec('BEGIN EXCLUSIVE');
    const arrived = whenDoc(observer.doc, () =>
      readStages(observer.doc).some((s) => s.name === 'Stage 19'),
    );
    for (let i = 0; i < 20; i++) addStage(editor.doc, { name: `Stage ${i}` });
    // The observer holding every stage proves the server accepted them all.
    await arrived;
    const expected = JSON.stringify(readBoard(observer.doc));
    const signalled = first.logs.length;
    first.child.kill('SIGTERM');
    // A write failing after the signal shows the server still trying; one that exits without
    // its writes exits first instead, and then lacks the stages below.
    await Promise.race([first.logged('storage write failed', signalled), first.exited]);
    blocker.exec('COMMIT');
    blocker.close();
    expect(await first.exited).toBe(0);
    expect(first.logs.some((l) => l.msg === 'stopped')).toBe(true);
    disconnectAll(clients.splice(0));

    // The same data directory in a fresh server (in this process: no second tsx start).
    const second = await startTestServer(dataDir);
    try {
      const fresh = join(second.url, id);
      await synced(fresh);
      expect(JSON.stringify(readBoard(fresh.doc))).toBe(expected);
    } finally {
      disconnectAll(clients.splice(0));
      await second.stop();
    }
  });

  it('compacts the log past the threshold without losing anything', async () => {
    const dataDir = dir();
    const server = await startTestServer(dataDir, {
      COMPACT_AFTER_UPDATES: '10',
      FLUSH_DELAY_MS: '0',
    });
    try {
      const { id } = await createBoard(server.url);
      const editor = join(server.url, id);
      await whenSynced(editor);
      for (let i = 0; i < 40; i++) {
        addStage(editor.doc, { name: `S${i}` });
        await new Promise((r) => setTimeout(r, 5));
      }
      const db = new Database(path.join(dataDir, 'journeyboard.db'), { readonly: true });
      await waitFor(
        () => (db.prepare('SELECT count(*) AS n FROM doc_snapshots').get() as { n: number }).n > 0,
        5000,
        'a snapshot',
      );
      const entries = (
        db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc_name = ?').get(id) as {
          n: number;
        }
      ).n;
      db.close();
      expect(entries).toBeLessThan(40);
      const expected = JSON.stringify(readBoard(editor.doc));
      await new Promise((r) => setTimeout(r, 100));
      disconnectAll(clients.splice(0));
      await server.stop();
      const again = await startTestServer(dataDir);
      try {
        const fresh = join(again.url, id);
        await whenSynced(fresh);
        expect(JSON.stringify(readBoard(fresh.doc))).toBe(expected);
      } finally {
        await again.stop();
      }
    } finally {
      await server.stop();
    }
  });

  it('reports a failing storage write with 4503, retries it, and loses nothing', async () => {
    const dataDir = dir();
    const server = await startTestServer(dataDir);
    try {
      const { id } = await createBoard(server.url);
      const editor = join(server.url, id);
      await whenSynced(editor);
      const closes: number[] = [];
      editor.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));

      // Another process-level connection holds the write lock: the server's writes fail for real.
      const blocker = new Database(path.join(dataDir, 'journeyboard.db'));
      blocker.exec('BEGIN EXCLUSIVE');
      addStage(editor.doc, { name: 'Written while storage is locked' });
      await waitFor(() => closes.includes(CloseCode.STORAGE_UNAVAILABLE), 5000, 'a 4503 close');
      blocker.exec('COMMIT');
      blocker.close();

      await waitFor(
        () => editor.provider.wsconnected && editor.provider.synced,
        10000,
        'reconnected',
      );
      const db = new Database(path.join(dataDir, 'journeyboard.db'), { readonly: true });
      const stored = new Y.Doc();
      await waitFor(
        () => {
          for (const row of db
            .prepare('SELECT "update" AS u FROM doc_updates WHERE doc_name = ?')
            .all(id) as { u: Buffer }[]) {
            Y.applyUpdate(stored, row.u);
          }
          return readStages(stored).some((s) => s.name === 'Written while storage is locked');
        },
        5000,
        'the update in storage',
      );
      db.close();
    } finally {
      disconnectAll(clients.splice(0));
      await server.stop();
    }
  });
});
