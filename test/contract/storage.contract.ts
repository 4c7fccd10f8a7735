/**
 * The contract every `Storage` adapter satisfies. An adapter's test file calls
 * `storageContract(name, makeStorage)` with a factory that yields fresh, empty storage.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MapType } from '../../shared/model/schema.js';
import type {
  BoardRecord,
  PendingUpdate,
  Storage,
  StoredDoc,
  VersionRecord,
} from '../../server/storage/storage.js';

export interface StorageFixture {
  /** A fresh, empty, not yet initialised storage. */
  storage: Storage;
  /** A new instance over the same data (not yet initialised); the suite closes the old one first. */
  reopen: () => Promise<Storage>;
  /**
   * Another instance over the same data (not yet initialised) that lives alongside `storage`,
   * like a second server process. Defaults to `reopen`, which must then allow that.
   */
  second?: () => Promise<Storage>;
  /** Removes the data; the suite has closed every instance it got before calling it. */
  cleanup: () => Promise<void>;
  /** `<kind>:<connection>` telling test/contract/crashWorker.ts how to open the same data. */
  spec: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER = path.join(ROOT, 'test/contract/crashWorker.ts');

/** A valid Yjs update that changes nothing. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

const hex = (u: Uint8Array): string =>
  Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('hex');

function board(id: string, updatedAt: string, mapType: MapType = 'current-state'): BoardRecord {
  return {
    id,
    title: `Board ${id}`,
    mapType,
    persona: '',
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt,
    keyVersion: 1,
  };
}

function version(
  id: string,
  boardId: string,
  createdAt: string,
  extra: Partial<VersionRecord> = {},
): VersionRecord {
  const doc = new Y.Doc();
  edit(doc, id);
  return {
    id,
    boardId,
    label: `Q${id}`,
    note: '',
    author: 'editor',
    createdAt,
    trigger: 'manual',
    state: Y.encodeStateAsUpdate(doc),
    ...extra,
  };
}

const withoutState = ({ state: _state, ...meta }: VersionRecord) => meta;

/** A Y.Doc that records every update it emits. */
function recordingDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates };
}

function materialise(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

/** The observable content of the docs these tests build. */
function content(doc: Y.Doc): unknown {
  return {
    map: doc.getMap('map').toJSON(),
    text: doc.getText('text').toString(),
    list: doc.getArray('list').toJSON(),
  };
}

/** Several real edits, one update each. */
function edit(doc: Y.Doc, tag: string): void {
  doc.getMap('map').set(`${tag}-a`, 1);
  doc.getText('text').insert(0, `${tag} hello `);
  doc.getMap('map').set(`${tag}-b`, { nested: [tag, 2] });
  doc.getArray('list').push([tag]);
  doc.getText('text').delete(0, 1);
  doc.getMap('map').delete(`${tag}-a`);
}

async function compactNow(storage: Storage, docName: string): Promise<StoredDoc> {
  const stored = await storage.loadDoc(docName);
  await storage.compact(docName, Y.encodeStateAsUpdate(materialise(stored)), stored.lastSeq);
  return stored;
}

/** Runs crashWorker until it has acked `minAcks` and `afterMs` passed, then SIGKILLs it. */
async function runAndKill(
  spec: string,
  boardId: string,
  prefix: string,
  minAcks: number,
  afterMs: number,
) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, spec, boardId, prefix], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let acked = -1;
  let outOfOrder = '';
  let readyAt = 0;
  let killed = false;
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const kill = () => {
    if (!killed && acked + 1 >= minAcks && readyAt && Date.now() - readyAt >= afterMs) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') readyAt = Date.now();
    const m = /^acked (\d+)$/.exec(line);
    if (m && Number(m[1]) !== acked + 1) outOfOrder ||= `${line} after acked ${acked}`;
    if (m) acked = Number(m[1]);
    kill();
  });
  const timer = setInterval(kill, 10);
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const signal = await exited;
  clearInterval(timer);
  clearTimeout(guard);
  if (!killed)
    throw new Error(`crashWorker ended on its own (${signal}), acked ${acked}:\n${stderr}`);
  expect(signal).toBe('SIGKILL');
  expect(outOfOrder).toBe('');
  return acked;
}

export function storageContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(name, () => {
    let fx: StorageFixture;
    let storage: Storage;

    let others: Storage[] = [];

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
    });

    afterEach(async () => {
      for (const other of others) await other.close();
      others = [];
      await storage.close();
      await fx.cleanup();
    });

    /** Another live instance over the same data, not yet initialised; closed after the test. */
    async function second(): Promise<Storage> {
      const other = await (fx.second ?? fx.reopen)();
      others.push(other);
      return other;
    }

    async function reopen(): Promise<Storage> {
      await storage.close();
      storage = await fx.reopen();
      await storage.init();
      return storage;
    }

    it('rotates a board key version, refusing unknown boards', async () => {
      await storage.createBoard(board('rot1', '2021-01-01T00:00:00.000Z'), EMPTY_UPDATE);
      expect((await storage.getBoard('rot1'))?.keyVersion).toBe(1);
      expect(await storage.rotateKey('rot1')).toBe(2);
      expect(await storage.rotateKey('rot1')).toBe(3);
      expect((await storage.getBoard('rot1'))?.keyVersion).toBe(3);
      expect((await storage.listBoards()).find((b) => b.id === 'rot1')?.keyVersion).toBe(3);
      expect(await storage.rotateKey('nope')).toBeNull();
    });

    it('init is idempotent and ping answers', async () => {
      await storage.createBoard(board('b1', '2021-01-01T00:00:00.000Z'), new Uint8Array([0, 0]));
      await storage.init();
      await storage.init();
      await expect(storage.ping()).resolves.toBeUndefined();
      expect(await storage.getBoard('b1')).toEqual(board('b1', '2021-01-01T00:00:00.000Z'));
    });

    it('creates, reads, lists (newest updatedAt first) and updates boards', async () => {
      const a = board('a', '2021-01-02T00:00:00.000Z', 'future-state');
      const b = board('b', '2021-01-03T00:00:00.000Z');
      const c = board('c', '2021-01-01T00:00:00.000Z', 'service-blueprint');
      for (const x of [a, b, c]) await storage.createBoard(x, Y.encodeStateAsUpdate(new Y.Doc()));
      expect(await storage.getBoard('a')).toEqual(a);
      expect((await storage.listBoards()).map((x) => x.id)).toEqual(['b', 'a', 'c']);
      expect(await storage.listBoards()).toEqual([b, a, c]);

      await storage.updateBoardMeta('a', { title: 'Renamed' });
      expect(await storage.getBoard('a')).toEqual({ ...a, title: 'Renamed' });
      await storage.updateBoardMeta('a', { mapType: 'day-in-the-life' });
      expect(await storage.getBoard('a')).toEqual({
        ...a,
        title: 'Renamed',
        mapType: 'day-in-the-life',
      });
      await storage.updateBoardMeta('a', { persona: 'Maya, first-time claimant' });
      expect((await storage.getBoard('a'))?.persona).toBe('Maya, first-time claimant');
      await storage.updateBoardMeta('a', { persona: '' });
      expect(await storage.getBoard('a')).toEqual({
        ...a,
        title: 'Renamed',
        mapType: 'day-in-the-life',
      });
      await storage.updateBoardMeta('a', {});
      await storage.updateBoardMeta('missing', { title: 'x' });
      expect(await storage.getBoard('missing')).toBeNull();
      expect(await storage.getBoard('c')).toEqual(c);
    });

    it('getBoard of an unknown id is null; creating an existing id rejects and changes nothing', async () => {
      expect(await storage.getBoard('nope')).toBeNull();
      const a = { ...board('a', '2021-01-01T00:00:00.000Z'), persona: 'Sam' };
      await storage.createBoard(a, new Uint8Array([1]));
      await expect(
        storage.createBoard({ ...a, title: 'other' }, new Uint8Array([2])),
      ).rejects.toThrow();
      expect(await storage.getBoard('a')).toEqual(a);
      expect((await storage.loadDoc('a')).updates.map(hex)).toEqual(['01']);
    });

    it('createBoard stores the initial update as the board document', async () => {
      const { doc } = recordingDoc();
      edit(doc, 'init');
      const initial = Y.encodeStateAsUpdate(doc);
      await storage.createBoard(board('a', '2021-01-01T00:00:00.000Z'), initial);
      const stored = await storage.loadDoc('a');
      expect(stored.snapshot).toBeNull();
      expect(stored.updates.map(hex)).toEqual([hex(initial)]);
      expect(stored.lastSeq).toBeGreaterThan(0);
      expect(content(materialise(stored))).toEqual(content(doc));
      expect(await storage.loadDoc('a/comments')).toEqual({
        snapshot: null,
        updates: [],
        lastSeq: 0,
      });
    });

    it('loadDoc of an unknown document is empty', async () => {
      expect(await storage.loadDoc('nothing')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect(await storage.logStats('nothing')).toEqual({ count: 0, bytes: 0 });
    });

    it('appends a batch of Yjs updates across documents and boards, in order', async () => {
      const docs = { a: recordingDoc(), 'a/comments': recordingDoc(), b: recordingDoc() };
      const empty = Y.encodeStateAsUpdate(new Y.Doc());
      await storage.createBoard(board('a', '2021-01-01T00:00:00.000Z'), empty);
      await storage.createBoard(board('b', '2021-01-01T00:00:00.000Z'), empty);
      for (const [docName, r] of Object.entries(docs)) edit(r.doc, docName);
      // Interleave the documents in one batch.
      const batch: PendingUpdate[] = [];
      const longest = Math.max(...Object.values(docs).map((r) => r.updates.length));
      for (let i = 0; i < longest; i++) {
        for (const [docName, r] of Object.entries(docs)) {
          const update = r.updates[i];
          if (update) batch.push({ boardId: docName.split('/')[0]!, docName, update });
        }
      }
      await storage.appendUpdates(batch);
      // A second batch keeps the order across calls.
      docs.a.doc.getText('text').insert(0, 'later ');
      await storage.appendUpdates([{ boardId: 'a', docName: 'a', update: docs.a.updates.at(-1)! }]);

      for (const [docName, r] of Object.entries(docs)) {
        const stored = await storage.loadDoc(docName);
        const expected = docName === 'a' || docName === 'b' ? [empty, ...r.updates] : r.updates;
        expect(stored.updates.map(hex)).toEqual(expected.map(hex));
        for (const u of stored.updates) expect(u).toBeInstanceOf(Uint8Array);
        expect(content(materialise(stored))).toEqual(content(r.doc));
        expect(stored.lastSeq).toBeGreaterThan(0);
      }
    });

    it('appendUpdates moves updatedAt of the touched boards only', async () => {
      await storage.createBoard(board('a', '2020-01-01T00:00:00.000Z'), new Uint8Array([0]));
      await storage.createBoard(board('b', '2020-01-02T00:00:00.000Z'), new Uint8Array([0]));
      await storage.appendUpdates([]);
      expect((await storage.listBoards()).map((x) => x.id)).toEqual(['b', 'a']);
      const before = Date.now();
      await storage.appendUpdates([
        { boardId: 'a', docName: 'a/comments', update: new Uint8Array([1]) },
        { boardId: 'a', docName: 'a', update: new Uint8Array([2]) },
      ]);
      const a = await storage.getBoard('a');
      expect(Date.parse(a!.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(a!.updatedAt).toISOString()).toBe(a!.updatedAt);
      expect(a!.createdAt).toBe('2020-01-01T00:00:00.000Z');
      expect((await storage.getBoard('b'))!.updatedAt).toBe('2020-01-02T00:00:00.000Z');
      expect((await storage.listBoards()).map((x) => x.id)).toEqual(['a', 'b']);
    });

    it('compact replaces the log by the snapshot; later appends still load', async () => {
      const { doc, updates } = recordingDoc();
      await storage.createBoard(board('a', '2021-01-01T00:00:00.000Z'), Y.encodeStateAsUpdate(doc));
      edit(doc, 'one');
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a', update })),
      );
      const before = await compactNow(storage, 'a');
      expect(await storage.logStats('a')).toEqual({ count: 0, bytes: 0 });
      const after = await storage.loadDoc('a');
      expect(after.updates).toEqual([]);
      expect(after.snapshot).not.toBeNull();
      expect(after.lastSeq).toBe(before.lastSeq);
      expect(content(materialise(after))).toEqual(content(doc));

      updates.length = 0;
      edit(doc, 'two');
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a', update })),
      );
      const later = await storage.loadDoc('a');
      expect(later.updates.map(hex)).toEqual(updates.map(hex));
      expect(later.lastSeq).toBeGreaterThan(before.lastSeq);
      expect(content(materialise(later))).toEqual(content(doc));
      // Compacting again over an existing snapshot.
      await compactNow(storage, 'a');
      expect(content(materialise(await storage.loadDoc('a')))).toEqual(content(doc));
      expect((await storage.logStats('a')).count).toBe(0);
    });

    it('compact keeps the appends made after the snapshot was taken', async () => {
      const { doc, updates } = recordingDoc();
      await storage.createBoard(board('a', '2021-01-01T00:00:00.000Z'), Y.encodeStateAsUpdate(doc));
      edit(doc, 'one');
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a', update })),
      );
      const loaded = await storage.loadDoc('a');
      updates.length = 0;
      edit(doc, 'two'); // lands between loadDoc and compact
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a', update })),
      );
      await storage.compact('a', Y.encodeStateAsUpdate(materialise(loaded)), loaded.lastSeq);
      expect((await storage.logStats('a')).count).toBe(updates.length);
      const stored = await storage.loadDoc('a');
      expect(stored.updates.map(hex)).toEqual(updates.map(hex));
      expect(content(materialise(stored))).toEqual(content(doc));
    });

    it('a stale compaction (older upToSeq than the snapshot) loses nothing', async () => {
      const { doc, updates } = recordingDoc();
      await storage.createBoard(board('a', '2021-01-01T00:00:00.000Z'), Y.encodeStateAsUpdate(doc));
      edit(doc, 'one');
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a', update })),
      );
      const old = await storage.loadDoc('a');
      const oldSnapshot = Y.encodeStateAsUpdate(materialise(old));
      updates.length = 0;
      edit(doc, 'two');
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a', update })),
      );
      const fresh = await compactNow(storage, 'a');
      expect(fresh.lastSeq).toBeGreaterThan(old.lastSeq);

      await storage.compact('a', oldSnapshot, old.lastSeq);
      let stored = await storage.loadDoc('a');
      expect(stored.lastSeq).toBe(fresh.lastSeq);
      expect(content(materialise(stored))).toEqual(content(doc));

      doc.getMap('map').set('three', 3); // one update
      await storage.appendUpdates([{ boardId: 'a', docName: 'a', update: updates.at(-1)! }]);
      await storage.compact('a', oldSnapshot, old.lastSeq);
      stored = await storage.loadDoc('a');
      expect(stored.updates).toHaveLength(1);
      expect(content(materialise(stored))).toEqual(content(doc));
    });

    it('a compaction racing deleteBoard does not resurrect the document', async () => {
      const { doc, updates } = recordingDoc();
      await storage.createBoard(board('a', '2021-01-01T00:00:00.000Z'), EMPTY_UPDATE);
      edit(doc, 'x');
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a', update })),
      );
      const loaded = await storage.loadDoc('a');
      expect(await storage.deleteBoard('a')).toBe(true);
      await storage.compact('a', Y.encodeStateAsUpdate(materialise(loaded)), loaded.lastSeq);
      expect(await storage.loadDoc('a')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect(await storage.logStats('a')).toEqual({ count: 0, bytes: 0 });
    });

    it('compacting one document leaves the others alone', async () => {
      await storage.createBoard(board('a', '2021-01-01T00:00:00.000Z'), new Uint8Array([0]));
      await storage.createBoard(board('b', '2021-01-01T00:00:00.000Z'), new Uint8Array([0]));
      const { doc, updates } = recordingDoc();
      edit(doc, 'x');
      await storage.appendUpdates(
        updates.flatMap((update) => [
          { boardId: 'a', docName: 'a/comments', update },
          { boardId: 'b', docName: 'b/comments', update },
        ]),
      );
      await compactNow(storage, 'a/comments');
      expect((await storage.logStats('a/comments')).count).toBe(0);
      expect((await storage.logStats('b/comments')).count).toBe(updates.length);
      expect((await storage.loadDoc('b/comments')).updates.map(hex)).toEqual(updates.map(hex));
      expect((await storage.loadDoc('a')).updates.map(hex)).toEqual(['00']);
    });

    it('logStats counts entries and bytes after the snapshot', async () => {
      await storage.createBoard(board('a', '2021-01-01T00:00:00.000Z'), new Uint8Array(5));
      expect(await storage.logStats('a')).toEqual({ count: 1, bytes: 5 });
      const { doc, updates } = recordingDoc();
      edit(doc, 'x');
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a/comments', update })),
      );
      const bytes = updates.reduce((n, u) => n + u.byteLength, 0);
      expect(await storage.logStats('a/comments')).toEqual({ count: updates.length, bytes });
      await compactNow(storage, 'a/comments');
      expect(await storage.logStats('a/comments')).toEqual({ count: 0, bytes: 0 });
      await storage.appendUpdates([
        { boardId: 'a', docName: 'a/comments', update: new Uint8Array(3) },
      ]);
      expect(await storage.logStats('a/comments')).toEqual({ count: 1, bytes: 3 });
      expect(await storage.logStats('a')).toEqual({ count: 1, bytes: 5 });
    });

    it('keeps everything across close and reopen', async () => {
      const a = board('a', '2021-01-01T00:00:00.000Z', 'service-blueprint');
      const { doc, updates } = recordingDoc();
      await storage.createBoard(a, Y.encodeStateAsUpdate(doc));
      edit(doc, 'one');
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a', update })),
      );
      await compactNow(storage, 'a');
      updates.length = 0;
      edit(doc, 'two');
      await storage.appendUpdates(
        updates.map((update) => ({ boardId: 'a', docName: 'a', update })),
      );
      await storage.appendUpdates([
        { boardId: 'a', docName: 'a/comments', update: new Uint8Array([9]) },
      ]);
      const boards = await storage.listBoards();
      const stored = await storage.loadDoc('a');
      const stats = await storage.logStats('a');

      await reopen();
      expect(await storage.listBoards()).toEqual(boards);
      expect(await storage.loadDoc('a')).toEqual(stored);
      expect(await storage.logStats('a')).toEqual(stats);
      expect(content(materialise(await storage.loadDoc('a')))).toEqual(content(doc));
      expect((await storage.loadDoc('a/comments')).updates.map(hex)).toEqual(['09']);
      // Sequence numbers keep growing after a reopen.
      await storage.appendUpdates([{ boardId: 'a', docName: 'a', update: new Uint8Array([7]) }]);
      expect((await storage.loadDoc('a')).lastSeq).toBeGreaterThan(stored.lastSeq);
    });

    it('deleteBoard removes the board and all its documents, nothing else', async () => {
      // 'ab_' would match 'abc' under LIKE 'ab_%'; 'abcd' shares the prefix of 'abc'.
      const ids = ['abc', 'abcd', 'ab_', 'abc%'];
      for (const id of ids) {
        await storage.createBoard(board(id, '2021-01-01T00:00:00.000Z'), EMPTY_UPDATE);
        await storage.appendUpdates([
          { boardId: id, docName: `${id}/comments`, update: EMPTY_UPDATE },
          { boardId: id, docName: `${id}/activity`, update: EMPTY_UPDATE },
        ]);
      }
      await compactNow(storage, 'abc');
      await compactNow(storage, 'abc/comments');
      await compactNow(storage, 'abcd');
      expect(await storage.deleteBoard('abc')).toBe(true);
      expect(await storage.getBoard('abc')).toBeNull();
      const empty = { snapshot: null, updates: [], lastSeq: 0 };
      expect(await storage.loadDoc('abc')).toEqual(empty);
      expect(await storage.loadDoc('abc/comments')).toEqual(empty);
      expect(await storage.loadDoc('abc/activity')).toEqual(empty);
      for (const id of ids.slice(1)) {
        expect(await storage.getBoard(id)).not.toBeNull();
        expect(await storage.loadDoc(id)).not.toEqual(empty);
        expect((await storage.loadDoc(`${id}/comments`)).updates.map(hex)).toEqual([
          hex(EMPTY_UPDATE),
        ]);
        expect((await storage.loadDoc(`${id}/activity`)).updates).toHaveLength(1);
      }
      expect(await storage.deleteBoard('abc')).toBe(false);
      expect(await storage.deleteBoard('unknown')).toBe(false);
      expect((await storage.listBoards()).map((b) => b.id).sort()).toEqual(ids.slice(1).sort());
    });

    it('stores bytes exactly (random binary round trip)', async () => {
      let n = 0;
      const asView = (u: Uint8Array): Uint8Array => {
        // Hand over views into a larger buffer to catch adapters that store `.buffer`.
        const big = new Uint8Array(u.byteLength + 8).fill(0xee);
        big.set(u, 4);
        return big.subarray(4, 4 + u.byteLength);
      };
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.uint8Array({ maxLength: 1024 }), { minLength: 1, maxLength: 8 }),
          fc.uint8Array({ maxLength: 4096 }),
          async (chunks, snapshot) => {
            const id = `bin${n++}`;
            await storage.createBoard(board(id, '2021-01-01T00:00:00.000Z'), asView(chunks[0]!));
            const docName = `${id}/comments`;
            await storage.appendUpdates(
              chunks.map((u) => ({ boardId: id, docName, update: asView(u) })),
            );
            const stored = await storage.loadDoc(docName);
            expect(stored.updates.map(hex)).toEqual(chunks.map(hex));
            expect((await storage.loadDoc(id)).updates.map(hex)).toEqual([hex(chunks[0]!)]);
            const bytes = chunks.reduce((s, u) => s + u.byteLength, 0);
            expect(await storage.logStats(docName)).toEqual({ count: chunks.length, bytes });
            await storage.compact(docName, asView(snapshot), stored.lastSeq);
            const compacted = await storage.loadDoc(docName);
            expect(compacted.snapshot).toBeInstanceOf(Uint8Array);
            expect(hex(compacted.snapshot!)).toBe(hex(snapshot));
          },
        ),
        { numRuns: 40 },
      );
    });

    it('rejects calls before init', async () => {
      const fresh = await second();
      await expect(fresh.loadDoc('a')).rejects.toThrow(/init/);
      await expect(fresh.getBoard('a')).rejects.toThrow(/init/);
      await expect(
        fresh.appendUpdates([{ boardId: 'a', docName: 'a', update: new Uint8Array([1]) }]),
      ).rejects.toThrow(/init/);
    });

    it('compact refuses an invalid or never issued upToSeq and changes nothing', async () => {
      await storage.createBoard(board('a', '2021-01-01T00:00:00.000Z'), EMPTY_UPDATE);
      const before = await storage.loadDoc('a');
      for (const upToSeq of [before.lastSeq + 1_000, -1, 1.5, Number.NaN]) {
        await expect(storage.compact('a', new Uint8Array([2]), upToSeq)).rejects.toThrow(
          RangeError,
        );
      }
      expect(await storage.loadDoc('a')).toEqual(before);
      // Still usable after the rejected transactions.
      await compactNow(storage, 'a');
      expect((await storage.loadDoc('a')).snapshot).not.toBeNull();
    });

    it(
      'two instances appending and compacting concurrently lose no acked edit',
      { timeout: 30_000 },
      async () => {
        const other = await second();
        await other.init();
        const instances = [storage, other];
        const docNames = ['race', 'race/comments'];
        await storage.createBoard(board('race', '2021-01-01T00:00:00.000Z'), EMPTY_UPDATE);
        const WRITERS = 8;
        const EDITS = 25;
        let writing = true;
        const writers = Array.from({ length: WRITERS }, async (_, w) => {
          const target = instances[w % 2]!;
          const recs = docNames.map(() => recordingDoc());
          // Half the writers list the documents of a batch in the other order.
          const order = w % 4 < 2 ? [0, 1] : [1, 0];
          for (let i = 0; i < EDITS; i++) {
            for (const r of recs) {
              r.doc.getMap('map').set(`w${w}-${i}`, i);
              if (i % 3 === 0) r.doc.getText('text').insert(0, `${w}.${i} `);
            }
            const batch = order.flatMap((d) =>
              recs[d]!.updates.splice(0).map((update) => ({
                boardId: 'race',
                docName: docNames[d]!,
                update,
              })),
            );
            await target.appendUpdates(batch);
          }
        });
        const compactions = instances.flatMap((s) =>
          docNames.map(async (docName) => {
            let rounds = 0;
            for (; writing; rounds++) await compactNow(s, docName);
            return rounds;
          }),
        );
        const compacting = Promise.all(compactions);
        compacting.catch(() => {}); // awaited below, after the writers
        try {
          await Promise.all(writers);
        } finally {
          writing = false;
        }
        const rounds = await compacting;
        expect(Math.min(...rounds)).toBeGreaterThan(0);
        for (const s of instances) {
          for (const docName of docNames) {
            const map = materialise(await s.loadDoc(docName)).getMap('map');
            const missing: string[] = [];
            for (let w = 0; w < WRITERS; w++) {
              for (let i = 0; i < EDITS; i++)
                if (map.get(`w${w}-${i}`) !== i) missing.push(`w${w}-${i}`);
            }
            expect(missing, `${docName} via ${instances.indexOf(s)}`).toEqual([]);
          }
        }
      },
    );

    describe('versions', () => {
      const T1 = '2024-03-31T23:59:59.123Z';
      const T2 = '2024-06-30T10:00:00.000Z';

      it('saves, lists (newest first, without state) and gets versions with their state', async () => {
        await storage.createBoard(board('vb', T1), EMPTY_UPDATE);
        const q1 = version('v1', 'vb', T1, { note: 'Before the redesign', author: 'Priya' });
        const q2 = version('v2', 'vb', T2, { trigger: 'presenter-ended' });
        const q3 = version('v3', 'vb', T1, { trigger: 'restore', label: 'Before restoring' });
        for (const v of [q1, q2, q3]) expect(await storage.saveVersion(v)).toBe(true);
        // Equal createdAt: the one saved later comes first.
        expect(await storage.listVersions('vb')).toEqual([q2, q3, q1].map(withoutState));
        const got = await storage.getVersion('vb', 'v1');
        expect(got && withoutState(got)).toEqual(withoutState(q1));
        expect(got!.state).toBeInstanceOf(Uint8Array);
        expect(hex(got!.state)).toBe(hex(q1.state));
        const doc = new Y.Doc();
        Y.applyUpdate(doc, got!.state);
        const expected = new Y.Doc();
        edit(expected, 'v1');
        expect(content(doc)).toEqual(content(expected));
      });

      it('keeps versions apart per board; unknown ones are null or empty', async () => {
        await storage.createBoard(board('va', T1), EMPTY_UPDATE);
        await storage.createBoard(board('vc', T1), EMPTY_UPDATE);
        await storage.saveVersion(version('x1', 'va', T1));
        expect(await storage.getVersion('vc', 'x1')).toBeNull();
        expect(await storage.getVersion('va', 'nope')).toBeNull();
        expect(await storage.listVersions('vc')).toEqual([]);
        expect(await storage.listVersions('unknown')).toEqual([]);
      });

      it('stores nothing for an unknown board and refuses a duplicate id', async () => {
        expect(await storage.saveVersion(version('ghost', 'nope', T1))).toBe(false);
        expect(await storage.listVersions('nope')).toEqual([]);
        await storage.createBoard(board('vd', T1), EMPTY_UPDATE);
        await storage.saveVersion(version('dup', 'vd', T1));
        await expect(storage.saveVersion(version('dup', 'vd', T2))).rejects.toThrow();
        expect((await storage.listVersions('vd')).map((v) => v.createdAt)).toEqual([T1]);
      });

      it("deleteBoard deletes the board's versions, nothing else", async () => {
        await storage.createBoard(board('ve', T1), EMPTY_UPDATE);
        await storage.createBoard(board('vf', T1), EMPTY_UPDATE);
        await storage.saveVersion(version('e1', 've', T1));
        await storage.saveVersion(version('e2', 've', T2));
        await storage.saveVersion(version('f1', 'vf', T1));
        expect(await storage.deleteBoard('ve')).toBe(true);
        expect(await storage.listVersions('ve')).toEqual([]);
        expect(await storage.getVersion('ve', 'e1')).toBeNull();
        expect((await storage.listVersions('vf')).map((v) => v.id)).toEqual(['f1']);
        // A board created again under the id starts without versions.
        await storage.createBoard(board('ve', T2), EMPTY_UPDATE);
        expect(await storage.listVersions('ve')).toEqual([]);
      });

      it('keeps versions across close and reopen', async () => {
        await storage.createBoard(board('vg', T1), EMPTY_UPDATE);
        const v = version('g1', 'vg', T2, { note: 'ünïcødé ✓', label: 'Q2 2024' });
        await storage.saveVersion(v);
        await reopen();
        expect(await storage.listVersions('vg')).toEqual([withoutState(v)]);
        expect(hex((await storage.getVersion('vg', 'g1'))!.state)).toBe(hex(v.state));
      });
    });

    it('close is idempotent and later calls reject', async () => {
      await storage.close();
      await storage.close();
      await expect(storage.getBoard('a')).rejects.toThrow();
      await expect(
        storage.appendUpdates([{ boardId: 'a', docName: 'a', update: new Uint8Array([1]) }]),
      ).rejects.toThrow();
    });

    it(
      'a crash in the middle of append/compaction leaves a loadable log',
      { timeout: 90_000 },
      async () => {
        const boardId = 'crash';
        await storage.createBoard(
          board(boardId, '2021-01-01T00:00:00.000Z'),
          Y.encodeStateAsUpdate(new Y.Doc()),
        );
        await storage.close();
        const acked: number[] = [];
        for (const [round, afterMs] of [300, 550, 800].entries()) {
          acked.push(
            await runAndKill(fx.spec, boardId, `r${round}-`, 20, afterMs + Math.random() * 50),
          );
          await reopen();
          const stored = await storage.loadDoc(boardId);
          expect(stored.snapshot).not.toBeNull(); // the worker compacts every 7 appends
          const counter = materialise(stored).getMap<number>('counter');
          acked.forEach((last, r) => {
            for (let i = 0; i <= last; i++) expect(counter.get(`r${r}-k${i}`)).toBe(i);
          });
          await storage.logStats(boardId);
          await storage.close();
        }
      },
    );
  });
}
