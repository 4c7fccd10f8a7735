import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  CompactionPolicy,
  type CompactedRoom,
  type CompactionDeps,
} from '../../../../server/sync/compactionPolicy.js';
import { createMetrics } from '../../../../server/metrics.js';
import type { StoredDoc } from '../../../../server/storage/storage.js';

const DOC = 'board-1';

/** One document's log in memory, as a storage adapter would keep it. */
function memoryStorage() {
  const doc = new Y.Doc();
  let snapshot: Uint8Array | null = null;
  let log: { seq: number; update: Uint8Array }[] = [];
  let seq = 0;
  const storage: CompactionDeps['storage'] = {
    loadDoc: (): Promise<StoredDoc> =>
      Promise.resolve({ snapshot, updates: log.map((e) => e.update), lastSeq: seq }),
    compact: (_docName, next, upToSeq) => {
      snapshot = next;
      log = log.filter((e) => e.seq > upToSeq);
      return Promise.resolve();
    },
    logStats: () =>
      Promise.resolve({
        count: log.length,
        bytes: log.reduce((n, e) => n + e.update.byteLength, 0),
      }),
  };
  /** Writes `n` updates to the log, as the writer's batch that is now durable. */
  const write = (n: number) => {
    const batch = [];
    for (let i = 0; i < n; i++) {
      const before = Y.encodeStateVector(doc);
      doc.getMap('m').set(`k${seq}`, seq);
      const update = Y.encodeStateAsUpdate(doc, before);
      log.push({ seq: ++seq, update });
      batch.push({ boardId: DOC, docName: DOC, update });
    }
    return batch;
  };
  return { storage, write, entries: () => log.length, snapshot: () => snapshot, doc };
}

function fakeRoom(): CompactedRoom & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    logEntries: 0,
    logBytes: 0,
    compacting: () => calls.push('compacting'),
    compacted: (snapshot) => calls.push(snapshot ? 'compacted' : 'cancelled'),
    measured: (bytes) => calls.push(`measured ${bytes}`),
  };
}

function policy(bus: CompactionDeps['bus'] = null) {
  const memory = memoryStorage();
  const room = fakeRoom();
  const rooms = new Map<string, CompactedRoom>([[DOC, room]]);
  const compaction = new CompactionPolicy(
    {
      storage: memory.storage,
      writer: { pendingUpdatesFor: () => [] },
      bus,
      metrics: createMetrics(),
      log: pino({ level: 'silent' }),
      loaded: (docName) => rooms.get(docName),
    },
    { compactAfterUpdates: 5, compactAfterBytes: 1 << 20 },
  );
  const settled = async () => {
    await new Promise((r) => setTimeout(r, 0));
    await compaction.settle();
  };
  return { memory, room, rooms, compaction, settled };
}

describe('CompactionPolicy', () => {
  it('counts what is written, and compacts past the threshold, telling the room', async () => {
    const { memory, room, compaction, settled } = policy();
    compaction.written(memory.write(4));
    expect([room.logEntries, compaction.isCompacting(DOC)]).toEqual([4, false]);
    compaction.written(memory.write(1));
    expect(compaction.isCompacting(DOC)).toBe(true);
    await settled();
    expect(memory.entries()).toBe(0);
    expect(room.calls).toEqual([
      'compacting',
      'compacted',
      `measured ${memory.snapshot()!.length}`,
    ]);
    expect([room.logEntries, room.logBytes]).toEqual([0, 0]);
    const folded = new Y.Doc();
    Y.applyUpdate(folded, memory.snapshot()!);
    expect(folded.getMap('m').toJSON()).toEqual(memory.doc.getMap('m').toJSON());
  });

  it('does not compact a log another instance compacted meanwhile', async () => {
    const { memory, room, compaction, settled } = policy();
    const batch = memory.write(5);
    await memory.storage.compact(DOC, new Uint8Array([0, 0]), 5);
    compaction.written(batch);
    await settled();
    expect(room.calls).toEqual([]);
    expect(room.logEntries).toBe(0);
  });

  it('takes turns across instances through a bus lock', async () => {
    const release = vi.fn(() => Promise.resolve());
    const tryLock = vi.fn<(name: string, ttlMs: number) => Promise<(() => Promise<void>) | null>>();
    tryLock.mockResolvedValueOnce(null).mockResolvedValueOnce(release);
    const { memory, room, compaction, settled } = policy({ tryLock });
    compaction.written(memory.write(5));
    await settled();
    expect(tryLock).toHaveBeenCalledWith(`compact:${DOC}`, 60_000);
    expect(room.calls).toEqual([]); // held elsewhere: left for a later write
    compaction.written(memory.write(1));
    await settled();
    expect(room.calls[0]).toBe('compacting');
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('leaves alone documents whose room is not loaded', async () => {
    const { memory, rooms, compaction, settled } = policy();
    rooms.clear();
    compaction.written(memory.write(10));
    await settled();
    expect(memory.entries()).toBe(10);
  });

  it('compacts again at once when what was written while it ran is due', async () => {
    const { memory, room, compaction, settled } = policy();
    const { loadDoc } = memory.storage;
    let during = true;
    memory.storage.loadDoc = async (docName) => {
      const stored = await loadDoc(docName);
      // The burst goes on after the compaction read storage: the next one must take it.
      if (during) compaction.written(memory.write(6));
      during = false;
      return stored;
    };
    compaction.written(memory.write(5));
    await settled();
    expect(room.calls.filter((c) => c === 'compacted')).toHaveLength(2);
    expect(memory.entries()).toBe(0);
  });
});
