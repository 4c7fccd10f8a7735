/**
 * Child process for the crash test of the storage contract. The parent SIGKILLs it mid-run.
 *
 *   node --import tsx test/contract/crashWorker.ts <spec> <boardId> <keyPrefix>
 *
 * `spec` names the adapter and where it lives: `sqlite:<file>` or `postgres:<url>#<schema>`.
 * Loop: set `<keyPrefix>k<i> = i` on the board's Y.Map `counter`, append the update, print
 * `acked <i>`; every 7 appends, load the document and compact it.
 */
import * as Y from 'yjs';
import { PostgresStorage } from '../../server/storage/postgres.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';

function openStorage(spec: string): Storage {
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon);
  const target = spec.slice(colon + 1);
  if (kind === 'sqlite') return new SqliteStorage({ file: target });
  if (kind === 'postgres') {
    const hash = target.lastIndexOf('#');
    if (hash < 0) throw new Error(`crashWorker: postgres spec needs #<schema>: "${spec}"`);
    return new PostgresStorage({
      connectionString: target.slice(0, hash),
      schema: target.slice(hash + 1),
    });
  }
  throw new Error(`crashWorker: unsupported storage spec "${spec}"`);
}

async function compactNow(storage: Storage, docName: string): Promise<void> {
  const stored = await storage.loadDoc(docName);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  await storage.compact(docName, Y.encodeStateAsUpdate(doc), stored.lastSeq);
}

async function main(): Promise<void> {
  const [spec, boardId, prefix] = process.argv.slice(2);
  if (!spec || !boardId || prefix === undefined) {
    throw new Error('usage: crashWorker <spec> <boardId> <keyPrefix>');
  }
  const storage = openStorage(spec);
  await storage.init();
  const doc = new Y.Doc();
  const counter = doc.getMap<number>('counter');
  const pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => pending.push(update));
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    counter.set(`${prefix}k${i}`, i);
    const batch = pending.splice(0).map((update) => ({ boardId, docName: boardId, update }));
    await storage.appendUpdates(batch);
    process.stdout.write(`acked ${i}\n`);
    if ((i + 1) % 7 === 0) await compactNow(storage, boardId);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`crashWorker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
