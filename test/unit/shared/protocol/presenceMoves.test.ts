import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { MoveRecipients } from '../../../../server/sync/presenceMoves.js';
import {
  MESSAGE_PRESENCE_MOVES,
  encodeMove,
  motionOf,
  movesFrame,
  readMovesFrame,
  withMotion,
  type Motion,
} from '../../../../shared/protocol/presenceMoves.js';

function roundTrip(moves: [number, number, Motion][]): [number, number, Motion][] {
  const frame = movesFrame(
    new Uint8Array([0]),
    moves.map(([id, clock, motion]) => encodeMove(id, clock, motion)),
  );
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_PRESENCE_MOVES);
  const read: [number, number, Motion][] = [];
  const update = readMovesFrame(decoder, (id, clock, motion) => read.push([id, clock, motion]));
  expect([...update]).toEqual([0]);
  expect(decoding.hasContent(decoder)).toBe(false);
  return read;
}

describe('presence moves codec', () => {
  it('W330: numbers come back exactly (integers, negatives, fractions, float64), and absent, null and present fields stay apart', () => {
    const moves: [number, number, Motion][] = [
      [4_000_000_000, 1, { cursor: { x: 12, y: -7 }, viewport: { x: 0, y: 3000, zoom: 1 } }],
      [7, 300_000, { cursor: { x: 0.1 + 0.2, y: 1e300 }, viewport: { x: -0.5, y: 2, zoom: 0.25 } }],
      [8, 2, { cursor: null, viewport: undefined }],
      [9, 3, { cursor: undefined, viewport: null }],
    ];
    expect(roundTrip(moves)).toEqual(moves);
    // A move of a cursor in a group's view is a handful of bytes, not a whole state's ~235.
    expect(encodeMove(123_456_789, 5_000, moves[0]![2]).byteLength).toBeLessThanOrEqual(24);
  });

  it('W328: only states whose cursor and viewport hold exactly W35 fields can move', () => {
    const user = { id: 'u', name: 'U', color: '#000000' };
    expect(motionOf({ user, cursor: { x: 1, y: 2 } })).toEqual({ cursor: { x: 1, y: 2 } });
    expect(motionOf({ user, cursor: null, viewport: { x: 1, y: 2, zoom: 1 } })).toEqual({
      cursor: null,
      viewport: { x: 1, y: 2, zoom: 1 },
    });
    expect(motionOf({ cursor: { x: 1, y: 2, t: 3 } })).toBeNull();
    expect(motionOf({ cursor: { x: '1', y: 2 } })).toBeNull();
    expect(motionOf({ viewport: { x: 1, y: 2 } })).toBeNull();
    expect(motionOf({ cursor: [1, 2] })).toBeNull();
    const state = { user, cursor: { x: 1, y: 2 }, selection: ['a'] };
    expect(withMotion(state, { cursor: undefined, viewport: { x: 5, y: 6, zoom: 2 } })).toEqual({
      user,
      selection: ['a'],
      viewport: { x: 5, y: 6, zoom: 2 },
    });
  });

  it('S136: a malformed moves frame applies nothing, not even its well-formed first moves', () => {
    const good = encodeMove(1, 2, { cursor: { x: 1, y: 1 }, viewport: undefined });
    const bad = new Uint8Array([5, 6, 3]); // flags 3: no such kind of cursor
    const decoder = decoding.createDecoder(movesFrame(new Uint8Array([0]), [good, bad]));
    decoding.readVarUint(decoder);
    const seen: number[] = [];
    expect(() => readMovesFrame(decoder, (id) => seen.push(id))).toThrow();
    expect(seen).toEqual([]);
  });
});

describe('which states an opted-in socket may be sent as moves', () => {
  const user = { id: 'u', name: 'U', color: '#000000' };
  const socket = {} as WebSocket;

  it('W328: a change besides cursor and viewport is lacked until sent whole, even one reverted before a joiner could be told', () => {
    const states = new Map<number, Record<string, unknown>>();
    const moves = new MoveRecipients(states);
    states.set(1, { user, cursor: { x: 0, y: 0 }, selection: [] });
    moves.add(socket);
    // Never sent whole since a base was known: lacked.
    expect(moves.lackedBy(socket, [1])).toEqual([1]);
    moves.note([1]);
    moves.sent(socket, [1]);
    expect(moves.lackedBy(socket, [1])).toEqual([]);
    states.set(1, { user, cursor: { x: 5, y: 5 }, selection: [] });
    moves.note([1]);
    expect(moves.lackedBy(socket, [1])).toEqual([]);
    expect(moves.motionOf(1)).toEqual({ cursor: { x: 5, y: 5 } });
    states.set(1, { user, cursor: { x: 5, y: 5 }, selection: ['card'] });
    moves.note([1]);
    expect(moves.lackedBy(socket, [1])).toEqual([1]);

    // A joiner sent the state while its selection changed and before the batch noted it: even
    // if the selection goes back by then, the joiner's copy is not the base.
    const joiner = {} as WebSocket;
    moves.sent(socket, [1]);
    states.set(1, { user, cursor: { x: 6, y: 6 }, selection: [] });
    moves.add(joiner);
    states.set(1, { user, cursor: { x: 7, y: 7 }, selection: ['card'] });
    moves.note([1]);
    expect(moves.lackedBy(joiner, [1])).toEqual([1]);
    moves.delete(joiner);
    expect(moves.has(joiner)).toBe(false);
  });
});
