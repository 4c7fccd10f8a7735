/** A crowd on one board (issue 17): cursor culling, the label rule, the avatar stack, the store. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { avatarOverflow, peopleOf } from '../../../../client/src/board/presence/avatarStack.js';
import {
  CURSOR_MARGIN_PX,
  LABELS_FULL_UNTIL,
  LABELS_NONE_FROM,
  cullCursors,
  labelOpacity,
} from '../../../../client/src/board/presence/cursorView.js';
import {
  PresenceStore,
  ROSTER_INTERVAL_MS,
  type Peer,
} from '../../../../client/src/board/presence/presenceStore.js';

const peer = (i: number, extra: Partial<Peer> = {}): Peer => ({
  clientId: i,
  activeAt: 0,
  user: { id: `u${i}`, name: `Person ${String(i).padStart(3, '0')}`, color: '#1d4ed8' },
  ...extra,
});

describe('W235: only cursors in view are drawn', () => {
  const size = { w: 1000, h: 600 };
  it('keeps cursors on the screen plus the margin, placed in screen coordinates', () => {
    const viewport = { x: 100, y: 50, zoom: 2 };
    const peers = [
      peer(1, { cursor: { x: 100, y: 50 } }), // top-left corner
      peer(2, { cursor: { x: 600, y: 350 } }), // bottom-right corner (100 + 1000/2, 50 + 600/2)
      peer(3, { cursor: { x: 100 - CURSOR_MARGIN_PX / 2 / 2, y: 60 } }), // in the margin
      peer(4, { cursor: { x: 100 - (CURSOR_MARGIN_PX + 2) / 2, y: 60 } }), // past it
      peer(5, { cursor: { x: 700, y: 200 } }), // far right
      peer(6, { cursor: null }),
      peer(7),
    ];
    const placed = cullCursors(peers, viewport, size);
    expect(placed.map((p) => p.peer.clientId)).toEqual([1, 2, 3]);
    expect(placed[1]).toMatchObject({ x: 1000, y: 600 });
    expect(placed[2]!.x).toBeCloseTo(-CURSOR_MARGIN_PX / 2);
  });

  it('draws a few of 300 spread over a large board', () => {
    const peers = Array.from({ length: 300 }, (_, i) =>
      peer(i, { cursor: { x: (i % 30) * 400, y: Math.floor(i / 30) * 400 } }),
    );
    const placed = cullCursors(peers, { x: 0, y: 0, zoom: 1 }, size, 0);
    // Columns 0..2 (x 0, 400, 800) and rows 0..1 (y 0, 400) fit 1000 × 600.
    expect(placed).toHaveLength(6);
  });
});

describe('W237: name labels fade as cursors crowd', () => {
  it('shows every label up to the first threshold, none from the second, linear between', () => {
    expect(labelOpacity(0)).toBe(1);
    expect(labelOpacity(LABELS_FULL_UNTIL)).toBe(1);
    expect(labelOpacity(LABELS_FULL_UNTIL + 1)).toBeLessThan(1);
    expect(labelOpacity(LABELS_FULL_UNTIL + 1)).toBeGreaterThan(0);
    const mid = (LABELS_FULL_UNTIL + LABELS_NONE_FROM) / 2;
    expect(labelOpacity(mid)).toBeCloseTo(0.5);
    expect(labelOpacity(LABELS_NONE_FROM)).toBe(0);
    expect(labelOpacity(300)).toBe(0);
    for (let n = 1; n < 60; n++) expect(labelOpacity(n)).toBeLessThanOrEqual(labelOpacity(n - 1));
  });
});

describe('W238: the avatar stack collapses into "+N"', () => {
  it('shows four avatars and "+296" for 300 others', () => {
    const people = peopleOf(
      Array.from({ length: 300 }, (_, i) => peer(i)),
      'me',
    );
    const { shown, more } = avatarOverflow(people);
    expect(shown).toHaveLength(4);
    expect(more).toBe(296);
    expect(shown.map((p) => p.user.name)).toEqual([
      'Person 000',
      'Person 001',
      'Person 002',
      'Person 003',
    ]);
  });

  it('never shows "+1": five people show five avatars', () => {
    expect(avatarOverflow([1, 2, 3, 4, 5])).toEqual({ shown: [1, 2, 3, 4, 5], more: 0 });
    expect(avatarOverflow([1, 2, 3, 4, 5, 6])).toEqual({ shown: [1, 2, 3, 4], more: 2 });
    expect(avatarOverflow([])).toEqual({ shown: [], more: 0 });
  });

  it('lists each person once (their latest tab), without me, the presenter first', () => {
    const people = peopleOf(
      [
        peer(1, { user: { id: 'a', name: 'Ada', color: '#1d4ed8' }, activeAt: 5 }),
        peer(2, { user: { id: 'a', name: 'Ada', color: '#1d4ed8' }, activeAt: 9 }),
        peer(3, { user: { id: 'me', name: 'Me', color: '#1d4ed8' } }),
        peer(4, { user: { id: 'z', name: 'Zoe', color: '#1d4ed8' }, presenting: true }),
      ],
      'me',
    );
    expect(people.map((p) => [p.user.name, p.clientId])).toEqual([
      ['Zoe', 4],
      ['Ada', 2],
    ]);
  });
});

describe('W236: remote moves do not reach React', () => {
  function crowd(count: number) {
    const remote = new Awareness(new Y.Doc());
    const local = new Awareness(new Y.Doc());
    const store = new PresenceStore(local);
    const detach = store.attach();
    const rosters: number[] = [];
    let motions = 0;
    store.onRoster(() => rosters.push(store.peers().length));
    store.onMotion(() => motions++);
    // Each remote person is one client id with its own state, as they arrive from the server.
    const states = Array.from({ length: count }, (_, i) => ({
      user: { id: `u${i}`, name: `P${i}`, color: '#1d4ed8' },
      cursor: { x: i, y: i },
      selection: [] as string[],
    }));
    // Many client ids in one frame, encoded by a real awareness: what a socket carries.
    const apply = (indexes: number[], clock: number) => {
      const ids = indexes.map((i) => i + 1000);
      ids.forEach((id, k) => {
        remote.states.set(id, structuredClone(states[indexes[k]!]!));
        remote.meta.set(id, { clock, lastUpdated: Date.now() });
      });
      applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, ids), 'server');
      return Promise.resolve();
    };
    return { store, detach, rosters, states, apply, motions: () => motions };
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('cursor moves reach motion listeners only; joins reach the roster, throttled', async () => {
    vi.useFakeTimers();
    const c = crowd(300);
    const all = Array.from({ length: 300 }, (_, i) => i);
    await c.apply(all, 1);
    // The first roster is sent at once, with everyone in it.
    expect(c.rosters).toEqual([300]);
    expect(c.store.size).toBe(300);
    const motionsBefore = c.motions();
    for (let clock = 2; clock < 32; clock++) {
      for (const s of c.states) s.cursor = { x: s.cursor.x + 1, y: s.cursor.y };
      await c.apply(all, clock);
    }
    expect(c.motions() - motionsBefore).toBe(30);
    vi.advanceTimersByTime(ROSTER_INTERVAL_MS);
    expect(c.rosters, 'no roster update for cursor moves').toEqual([300]);
    expect(c.store.peer(1000)?.cursor).toEqual({ x: 30, y: 0 });
    expect(c.store.peers()[0]!.cursor, 'the roster keeps what it had').toEqual({ x: 0, y: 0 });

    // A selection is roster news: the first goes at once, those right after it together.
    c.states[0]!.selection = ['card-1'];
    await c.apply([0], 40);
    expect(c.rosters).toEqual([300, 300]);
    for (const [k, id] of ['card-2', 'card-3', 'card-4'].entries()) {
      c.states[1]!.selection = [id];
      await c.apply([1], 41 + k);
    }
    expect(c.rosters).toHaveLength(2);
    vi.advanceTimersByTime(ROSTER_INTERVAL_MS);
    expect(c.rosters).toEqual([300, 300, 300]);
    expect(c.store.peers().find((p) => p.clientId === 1001)?.selection).toEqual(['card-4']);
    c.detach();
  });
});
