import * as awarenessProtocol from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Presence, type PresenceEntry } from '../../../../server/sync/presence.js';

const awarenesses: awarenessProtocol.Awareness[] = [];

function presence(): Presence {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  awarenesses.push(awareness);
  return new Presence(awareness);
}

afterEach(() => {
  for (const a of awarenesses.splice(0)) a.destroy();
});

const entry = (clientId: number, clock: number, state: Record<string, unknown> | null) => ({
  clientId,
  clock,
  state,
  json: JSON.stringify(state),
});

const CAPS = { perConnectionBytes: 30, perRoomBytes: 50 };

describe('Presence', () => {
  it('applies entries like y-protocols, emitting one update with the origin', () => {
    const p = presence();
    const events: [unknown, unknown][] = [];
    p.awareness.on('update', (change: unknown, origin: unknown) => events.push([change, origin]));
    p.apply([entry(1, 1, { a: 1 }), entry(2, 1, { b: 2 })], 'origin-1');
    p.apply([entry(1, 2, { a: 3 }), entry(2, 2, null)], 'origin-2');
    expect(events).toEqual([
      [{ added: [1, 2], updated: [], removed: [] }, 'origin-1'],
      [{ added: [], updated: [1], removed: [2] }, 'origin-2'],
    ]);
    expect(p.awareness.getStates().get(1)).toEqual({ a: 3 });
    expect(p.awareness.getStates().has(2)).toBe(false);
  });

  it('skips entries not newer than what it holds, but takes a removal at the same clock', () => {
    const p = presence();
    p.apply([entry(1, 5, { a: 1 })], null);
    let events = 0;
    p.awareness.on('update', () => events++);
    p.apply([entry(1, 5, { a: 2 }), entry(1, 4, { a: 3 })], null);
    expect(events).toBe(0);
    expect(p.awareness.getStates().get(1)).toEqual({ a: 1 });
    p.apply([entry(1, 5, null)], null);
    expect(p.awareness.getStates().has(1)).toBe(false);
  });

  it('counts the bytes of the JSON it holds', () => {
    const p = presence();
    p.apply([entry(1, 1, { a: 1 }), entry(2, 1, { bb: 22 })], null);
    expect(p.bytesOf(1)).toBe('{"a":1}'.length);
    expect(p.totalBytes).toBe('{"a":1}'.length + '{"bb":22}'.length);
    p.apply([entry(2, 2, null)], null);
    expect(p.totalBytes).toBe('{"a":1}'.length);
    p.forget(1);
    expect(p.totalBytes).toBe(0);
  });

  it('admits what fits in the caps of the connection and the room; removals and shrinking always', () => {
    const p = presence();
    const twenty = (id: number, clock: number) => entry(id, clock, { s: 'x'.repeat(12) }); // 20 bytes
    p.apply([twenty(1, 1), twenty(2, 1)], null); // 40 of the room's 50
    const admitted = (entries: PresenceEntry[], owned: number[]) =>
      p.admit(entries, owned, CAPS).map((e) => e.clientId);
    // Connection owning 1: 20 + 20 > 30.
    expect(admitted([twenty(3, 1)], [1])).toEqual([]);
    // A fresh connection: 20 fits its cap, but the room would hold 60.
    expect(admitted([twenty(3, 1)], [])).toEqual([]);
    // Small enough for both.
    expect(admitted([entry(3, 1, { s: 1 })], [])).toEqual([3]);
    // Same size again, smaller, or removed: always admitted.
    expect(admitted([twenty(1, 2), entry(2, 2, { s: 0 }), entry(2, 3, null)], [1, 2])).toEqual([
      1, 2, 2,
    ]);
  });

  it('encodes with the JSON as it arrived, and serialises anew once the clock moved on', () => {
    const p = presence();
    const spaced = { clientId: 1, clock: 1, state: { a: 1 }, json: '{ "a" : 1 }' };
    p.apply([spaced], null);
    const target = new awarenessProtocol.Awareness(new Y.Doc());
    awarenesses.push(target);
    awarenessProtocol.applyAwarenessUpdate(target, p.encode([1]), null);
    expect(target.getStates().get(1)).toEqual({ a: 1 });
    expect(Buffer.from(p.encode([1])).includes('{ "a" : 1 }')).toBe(true);
    // Another writer of the Awareness (a relay, a timeout) raised the clock: the kept JSON is stale.
    awarenessProtocol.applyAwarenessUpdate(
      p.awareness,
      awarenessProtocol.encodeAwarenessUpdate(
        (() => {
          const other = new awarenessProtocol.Awareness(new Y.Doc());
          awarenesses.push(other);
          other.states.set(1, { a: 2 });
          other.meta.set(1, { clock: 2, lastUpdated: 0 });
          return other;
        })(),
        [1],
      ),
      null,
    );
    expect(Buffer.from(p.encode([1])).includes('{"a":2}')).toBe(true);
  });

  it('encodes an id it no longer holds as a removal, which y-protocols applies', () => {
    const p = presence();
    p.apply([entry(1, 1, { a: 1 })], null);
    const target = new awarenessProtocol.Awareness(new Y.Doc());
    awarenesses.push(target);
    awarenessProtocol.applyAwarenessUpdate(target, p.encode([1]), null);
    p.apply([entry(1, 2, null)], null);
    awarenessProtocol.applyAwarenessUpdate(target, p.encode([1]), null);
    expect(target.getStates().has(1)).toBe(false);
  });
});
