import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FullStateCache } from '../../../../server/sync/fullState.js';

/** What a client with nothing has after applying the frames it was sent. */
function joinerDoc(frames: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const frame of frames) {
    const d = decoding.createDecoder(frame);
    decoding.readVarUint(d); // sync
    decoding.readVarUint(d); // step 2 or update
    Y.applyUpdate(doc, decoding.readVarUint8Array(d));
  }
  return doc;
}

const json = (doc: Y.Doc) => JSON.stringify(doc.getMap('m').toJSON());

/** A room's doc, what storage holds of it, and the cache under test. */
function room() {
  const doc = new Y.Doc();
  const stored: Uint8Array[] = [];
  const unwritten: Uint8Array[] = [];
  const encodings: number[] = [];
  const cache = new FullStateCache(
    () => doc,
    (bytes) => encodings.push(bytes),
  );
  doc.on('update', (u: Uint8Array) => {
    unwritten.push(u);
    cache.noteUpdate(u);
  });
  const write = () => stored.push(...unwritten.splice(0));
  const snapshotOfStorage = () => {
    const folded = new Y.Doc();
    for (const u of stored) Y.applyUpdate(folded, u);
    return Y.encodeStateAsUpdate(folded);
  };
  return { doc, cache, stored, unwritten, encodings, write, snapshotOfStorage };
}

describe('FullStateCache', () => {
  it('W10: answers from the stored bytes it was seeded with, without encoding the document', () => {
    const source = new Y.Doc();
    const log: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => log.push(u));
    for (let i = 0; i < 20; i++) source.getMap('m').set(`k${i}`, i);
    const snapshot = Y.encodeStateAsUpdate(source);
    source.getMap('m').set('after', 'snapshot');
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, snapshot);
    Y.applyUpdate(loaded, log.at(-1)!);
    const encodings: number[] = [];
    const cache = new FullStateCache(
      () => loaded,
      (b) => encodings.push(b),
    );
    cache.seed(snapshot, [log.at(-1)!]);
    const frames = cache.frames();
    expect(json(joinerDoc(frames))).toBe(json(loaded));
    expect(encodings).toEqual([]);
    // Every joiner gets the very same buffers.
    expect(cache.frames()).toEqual(frames);
    expect(cache.frames()[0]).toBe(frames[0]);
  });

  it('follows a compaction whatever was written, unwritten or applied meanwhile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('edit', 'write', 'begin', 'end', 'join'), fc.nat(30)), {
          maxLength: 60,
        }),
        (steps) => {
          const r = room();
          r.cache.seed(null, []);
          let compaction: { unwritten: Uint8Array[]; snapshot: Uint8Array | null } | null = null;
          for (const [step, n] of steps) {
            if (step === 'edit') r.doc.getMap('m').set(`k${n}`, `${n}-${Math.random()}`);
            else if (step === 'write') r.write();
            else if (step === 'begin' && !compaction) {
              compaction = { unwritten: [...r.unwritten], snapshot: null };
              r.cache.beginRebase();
              compaction.snapshot = r.snapshotOfStorage();
            } else if (step === 'end' && compaction) {
              r.cache.rebase(compaction.snapshot!, compaction.unwritten);
              compaction = null;
            } else if (step === 'join') {
              expect(json(joinerDoc(r.cache.frames()))).toBe(json(r.doc));
            }
          }
          expect(json(joinerDoc(r.cache.frames()))).toBe(json(r.doc));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('W10: sends what followed the base in segments, and encodes the document only when far more changed', () => {
    const r = room();
    r.cache.seed(null, []);
    // 600 KiB of small edits: three segments of at most 256 KiB, nothing encoded.
    for (let i = 0; i < 300; i++) r.doc.getMap('m').set(`k${i}`, 'x'.repeat(2000));
    let frames = r.cache.frames();
    expect(frames).toHaveLength(4);
    expect(r.encodings).toEqual([]);
    expect(json(joinerDoc(frames))).toBe(json(r.doc));
    // A large update stands alone, and later small ones start a new segment.
    r.doc.getMap('m').set('big', 'b'.repeat(1 << 20));
    r.doc.getMap('m').set('small', 1);
    frames = r.cache.frames();
    expect(frames).toHaveLength(6);
    // Past 16 MiB after the base (and more than the base), the next joiner gets an encoding.
    for (let i = 0; i < 16; i++) r.doc.getMap('m').set(`big${i}`, String(i).repeat(1 << 20));
    frames = r.cache.frames();
    expect(frames).toHaveLength(1);
    expect(r.encodings).toHaveLength(1);
    expect(json(joinerDoc(frames))).toBe(json(r.doc));
  });

  it('a compaction that brings back more updates than document holds none of them', () => {
    const r = room();
    r.cache.seed(null, []);
    r.cache.beginRebase();
    // A burst while the compaction runs: 17 MiB replacing one value, a tiny document.
    for (let i = 0; i < 17; i++)
      r.doc.getMap('m').set('blob', String.fromCharCode(97 + i).repeat(1 << 20));
    r.cache.rebase(r.snapshotOfStorage(), []);
    expect(r.encodings).toEqual([]);
    const frames = r.cache.frames();
    expect(frames).toHaveLength(1);
    expect(r.encodings).toHaveLength(1);
    expect(r.encodings[0]!).toBeLessThan(2 << 20);
    expect(json(joinerDoc(frames))).toBe(json(r.doc));
  });
});
