import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { applyPresenceMoves } from '../../../../client/src/board/core/presenceMoves.js';
import { encodeMove, movesFrame, type Motion } from '../../../../shared/protocol/presenceMoves.js';

const user = { id: 'u', name: 'U', color: '#000000' };

/** A decoder positioned after the message type of a moves frame. */
function framed(update: Uint8Array, moves: [number, number, Motion][]): decoding.Decoder {
  const decoder = decoding.createDecoder(
    movesFrame(
      update,
      moves.map(([id, clock, motion]) => encodeMove(id, clock, motion)),
    ),
  );
  decoding.readVarUint(decoder);
  return decoder;
}

/** An awareness update carrying one whole state of another client. */
function wholeState(clientId: number, state: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const other = new Awareness(doc);
  other.setLocalState(state);
  const update = encodeAwarenessUpdate(other, [clientId]);
  other.destroy();
  return update;
}

describe('the client applies presence moves', () => {
  it('W329, W332: a move patches the held state at its clock and emits change and update as a whole state would; stale clocks, our own entry and unknown ids change nothing', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user, cursor: { x: 0, y: 0 } });
    const events: string[] = [];
    awareness.on('change', ({ updated }: { updated: number[] }) =>
      events.push(`change ${updated}`),
    );
    awareness.on('update', ({ updated }: { updated: number[] }) =>
      events.push(`update ${updated}`),
    );
    const peer = 77;
    const state = {
      user,
      cursor: { x: 1, y: 1 },
      selection: ['a'],
      viewport: { x: 0, y: 0, zoom: 1 },
    };
    // The whole state and a move of someone else in one frame: the whole state first.
    const moved: Motion = { cursor: { x: 5.5, y: -2 }, viewport: { x: 10, y: 0, zoom: 2 } };
    expect(applyPresenceMoves(awareness, framed(wholeState(peer, state), []), 'server')).toBe(
      false,
    );
    events.length = 0;
    const clock = awareness.meta.get(peer)!.clock;
    expect(
      applyPresenceMoves(
        awareness,
        framed(new Uint8Array([0]), [[peer, clock + 1, moved]]),
        'server',
      ),
    ).toBe(false);
    expect(awareness.getStates().get(peer)).toEqual({ ...state, ...moved });
    expect(awareness.meta.get(peer)!.clock).toBe(clock + 1);
    expect(events).toEqual([`change ${peer}`, `update ${peer}`]);

    // An old clock is ignored, as y-protocols ignores an old entry.
    events.length = 0;
    const stale: Motion = { cursor: null, viewport: undefined };
    applyPresenceMoves(awareness, framed(new Uint8Array([0]), [[peer, clock, stale]]), 'server');
    expect(awareness.getStates().get(peer)).toEqual({ ...state, ...moved });
    expect(events).toEqual([]);

    // Our own entry: the state stays ours, a higher clock is adopted, nothing is emitted.
    const own = awareness.clientID;
    const ownClock = awareness.meta.get(own)!.clock;
    applyPresenceMoves(awareness, framed(new Uint8Array([0]), [[own, ownClock + 3, stale]]), 's');
    expect(awareness.getLocalState()).toEqual({ user, cursor: { x: 0, y: 0 } });
    expect(awareness.meta.get(own)!.clock).toBe(ownClock + 3);
    expect(events).toEqual([]);

    // Someone we hold nothing of: reported, so the client asks the server for everyone.
    expect(applyPresenceMoves(awareness, framed(new Uint8Array([0]), [[999, 5, stale]]), 's')).toBe(
      true,
    );
    expect(awareness.getStates().has(999)).toBe(false);
    awareness.destroy();
  });
});
