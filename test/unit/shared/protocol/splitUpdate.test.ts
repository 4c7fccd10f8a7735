import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { splitUpdate } from '../../../../shared/protocol/splitUpdate.js';

type Op =
  | { kind: 'set'; key: string; value: string }
  | { kind: 'delete'; key: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'push'; items: number[] }
  | { kind: 'nest'; key: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    key: fc.string({ maxLength: 3 }),
    value: fc.string({ maxLength: 200 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.string({ maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(500),
    text: fc.string({ minLength: 1, maxLength: 120 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(500), length: fc.nat(60) }),
  fc.record({
    kind: fc.constant('push' as const),
    items: fc.array(fc.integer(), { minLength: 1, maxLength: 20 }),
  }),
  fc.record({ kind: fc.constant('nest' as const), key: fc.string({ maxLength: 3 }) }),
);

function apply(doc: Y.Doc, o: Op): void {
  const text = doc.getText('t');
  switch (o.kind) {
    case 'set':
      doc.getMap('m').set(o.key, o.value);
      break;
    case 'delete':
      doc.getMap('m').delete(o.key);
      break;
    case 'insert':
      text.insert(Math.min(o.at, text.length), o.text);
      break;
    case 'cut':
      text.delete(Math.min(o.at, text.length), Math.min(o.length, Math.max(0, text.length - o.at)));
      break;
    case 'push':
      doc.getArray('a').push(o.items);
      break;
    case 'nest': {
      const inner = new Y.Map<unknown>();
      doc.getMap('m').set(o.key, inner);
      inner.set('text', new Y.Text('nested'));
      break;
    }
  }
}

const snapshot = (doc: Y.Doc) => ({
  m: doc.getMap('m').toJSON(),
  t: doc.getText('t').toString(),
  a: doc.getArray('a').toJSON(),
  sv: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b),
});

/** Several clients' edits, merged into one doc: an update with many clients and deletions. */
const history = fc.array(fc.array(op, { maxLength: 25 }), { minLength: 1, maxLength: 4 });

function build(sessions: Op[][]): Y.Doc {
  const doc = new Y.Doc();
  for (const ops of sessions) {
    const session = new Y.Doc();
    Y.applyUpdate(session, Y.encodeStateAsUpdate(doc));
    for (const o of ops) apply(session, o);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(session));
  }
  return doc;
}

describe('splitUpdate', () => {
  it('returns a small update as it is', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'v');
    const update = Y.encodeStateAsUpdate(doc);
    expect(splitUpdate(update, 1024)).toEqual([update]);
  });

  it('gives pieces that, applied in order, rebuild the same document', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 40, max: 400 }), (sessions, maxBytes) => {
        const doc = build(sessions);
        const update = Y.encodeStateAsUpdate(doc);
        const pieces = splitUpdate(update, maxBytes);
        const rebuilt = new Y.Doc();
        for (const piece of pieces) Y.applyUpdate(rebuilt, piece);
        expect(snapshot(rebuilt)).toEqual(snapshot(doc));
        expect(rebuilt.store.pendingStructs).toBeNull();
        // Every piece fits, unless it carries one struct that alone is larger.
        for (const piece of pieces) {
          if (piece.byteLength > maxBytes) expect(Y.decodeUpdate(piece).structs.length).toBe(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('converges in any order (pieces wait for what they depend on)', () => {
    fc.assert(
      fc.property(history, (sessions) => {
        const doc = build(sessions);
        const pieces = splitUpdate(Y.encodeStateAsUpdate(doc), 64);
        const rebuilt = new Y.Doc();
        for (const piece of [...pieces].reverse()) Y.applyUpdate(rebuilt, piece);
        expect(snapshot(rebuilt)).toEqual(snapshot(doc));
      }),
      { numRuns: 100 },
    );
  });

  it('W21: splits a 3 MiB offline backlog into pieces of about 256 KiB', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 300; i++) doc.getMap('cards').set(`c${i}`, 'x'.repeat(10 << 10));
    const pieces = splitUpdate(Y.encodeStateAsUpdate(doc), 256 << 10);
    expect(pieces.length).toBeGreaterThanOrEqual(12);
    for (const piece of pieces) expect(piece.byteLength).toBeLessThanOrEqual(256 << 10);
  });
});
