import { describe, expect, it } from 'vitest';
import {
  parseAwarenessState,
  vouchedPresence,
  withoutWriterClaims,
} from '../../../../shared/protocol/awareness.js';

const user = { id: 'u1', name: 'Ana', color: '#c2410c' };

describe('awareness states', () => {
  it('W35: reads the state the client publishes, every field set or only the user', () => {
    const full = {
      user,
      cursor: { x: 10, y: -4 },
      selection: ['card-1'],
      editing: null,
      viewport: { x: 400, y: 300, zoom: 1.5 },
      following: 'u2',
      presenting: false,
    };
    expect(parseAwarenessState(full)).toEqual(full);
    expect(parseAwarenessState({ user, cursor: null })).toEqual({ user, cursor: null });
  });

  it('W36: ignores states that do not match the schema', () => {
    const junk: unknown[] = [
      null,
      42,
      'Ana',
      {},
      { user: { id: 'u1', name: 'Ana' } },
      { user: { ...user, color: 'red' } },
      { user, cursor: { x: 'left', y: 0 } },
      { user, viewport: { x: 0, y: 0, zoom: 0 } },
      { user, presenting: 'yes' },
    ];
    for (const state of junk) expect(parseAwarenessState(state), JSON.stringify(state)).toBeNull();
  });

  it('W32: a read-only link loses only its presenting claim', () => {
    const state = { user, cursor: { x: 1, y: 2 }, presenting: true };
    expect(withoutWriterClaims(state)).toEqual({ user, cursor: { x: 1, y: 2 } });
    const plain = { user, cursor: null };
    // Nothing to drop: the same object, so the relayed JSON is kept as it came.
    expect(withoutWriterClaims(plain)).toBe(plain);
  });
});

describe('vouchedPresence', () => {
  const state = {
    user: { id: 'someone-else', name: 'The CEO', color: '#c2410c' },
    cursor: { x: 1, y: 2 },
  };

  it("S60: puts a signed-in person's own id and name over what the client claimed, keeping the rest", () => {
    const vouched = vouchedPresence(state, { kind: 'person', id: 'u1', name: 'Bob Member' });
    expect(vouched).toEqual({ ...state, user: { id: 'u1', name: 'Bob Member', color: '#c2410c' } });
    expect(vouchedPresence(vouched, { kind: 'person', id: 'u1', name: 'Bob Member' })).toBe(
      vouched,
    );
  });

  it('S60: marks a guest as a guest, once', () => {
    const guest = vouchedPresence(state, { kind: 'guest' });
    expect(guest.user).toEqual({
      id: 'guest:someone-else',
      name: 'Guest · The CEO',
      color: '#c2410c',
    });
    expect(vouchedPresence(guest, { kind: 'guest' })).toBe(guest);
    expect(vouchedPresence({ cursor: null }, { kind: 'guest' }).user).toMatchObject({
      name: 'Guest · guest',
    });
  });
});
