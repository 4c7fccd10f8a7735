import { describe, expect, it } from 'vitest';
import { HeldUpdates } from '../../../../server/bus/heldUpdates.js';

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

function held(maxBytes = 1_000) {
  const written: number[][] = [];
  const store = new HeldUpdates(maxBytes, (updates) => written.push(updates.map((u) => u[0]!)));
  return { store, written };
}

describe('HeldUpdates', () => {
  it('W342: forgets what its sender confirms, and writes what a lost sender never confirmed', () => {
    const { store, written } = held();
    store.hold('a', { epoch: 1, through: 3 }, bytes(10, 1), undefined);
    store.hold('a', { epoch: 1, through: 5 }, bytes(10, 2), undefined);
    store.hold('b', { epoch: 9, through: 1 }, bytes(10, 3), undefined);
    store.confirmed('a', { epoch: 1, through: 4 });
    expect(store.heldBytes).toBe(20);
    store.writeFrom('a');
    expect(written).toEqual([[2]]);
    store.confirmed('b', { epoch: 9, through: 1 });
    expect(store.heldBytes).toBe(0);
    store.writeFrom('b');
    expect(written).toEqual([[2]]);
  });

  it('W342: holds nothing its sender already confirmed', () => {
    const { store } = held();
    store.hold('a', { epoch: 1, through: 3 }, bytes(10), { epoch: 1, through: 3 });
    expect(store.heldBytes).toBe(0);
    // A notice of an older run covers nothing of this one.
    store.hold('a', { epoch: 2, through: 1 }, bytes(10), { epoch: 1, through: 3 });
    expect(store.heldBytes).toBe(10);
  });

  it('W342: a sender back as another run (kill -9 and restart under its id) has its old updates written', () => {
    const { store, written } = held();
    store.hold('a', { epoch: 1, through: 7 }, bytes(10, 1), undefined);
    store.confirmed('a', { epoch: 2, through: 50 });
    expect(written).toEqual([[1]]);
    store.hold('a', { epoch: 3, through: 1 }, bytes(10, 2), undefined);
    store.hold('a', { epoch: 4, through: 1 }, bytes(10, 3), undefined);
    expect(written).toEqual([[1], [2]]);
    expect(store.heldBytes).toBe(10);
  });

  it('W342: beyond its bound, the largest sender is written at once', () => {
    const { store, written } = held(25);
    store.hold('small', { epoch: 1, through: 1 }, bytes(5, 1), undefined);
    store.hold('big', { epoch: 1, through: 1 }, bytes(10, 2), undefined);
    store.hold('big', { epoch: 1, through: 2 }, bytes(11, 3), undefined);
    expect(written).toEqual([[2, 3]]);
    expect(store.heldBytes).toBe(5);
  });
});
