import { describe, expect, it } from 'vitest';
import {
  InterestSchedule,
  onlyMoved,
  viewBoxOf,
  wants,
  type InterestSettings,
} from '../../../../server/sync/presenceInterest.js';

type State = Record<string, unknown>;

const SETTINGS: InterestSettings = { offscreenMs: 100, screenWidth: 2000, screenHeight: 1000 };
const state = (x: number, extra: State = {}): State => ({
  user: { id: 'u', name: 'U', color: '#000' },
  cursor: { x, y: 0 },
  selection: [],
  ...extra,
});

describe('presence interest', () => {
  it('W307: only a change of cursor or viewport is a move', () => {
    expect(onlyMoved(state(1), state(2, { viewport: { x: 1, y: 1, zoom: 1 } }))).toBe(true);
    expect(onlyMoved(state(1), state(1, { selection: ['a'] }))).toBe(false);
    expect(onlyMoved(state(1), state(1, { user: { id: 'u', name: 'V', color: '#000' } }))).toBe(
      false,
    );
    expect(onlyMoved(state(1), state(1, { following: 'x' }))).toBe(false);
  });

  it('W308: the view is the assumed screen over the zoom, centred on the viewport', () => {
    const box = viewBoxOf({ viewport: { x: 0, y: 0, zoom: 2 } }, SETTINGS)!;
    expect([box.minX, box.maxX, box.minY, box.maxY]).toEqual([-500, 500, -250, 250]);
    expect(viewBoxOf({ viewport: { x: 0, y: 0, zoom: 0 } }, SETTINGS)).toBeNull();
    expect(viewBoxOf({ cursor: { x: 0, y: 0 } }, SETTINGS)).toBeNull();
    const mover = { clientId: 1, at: { x: 400, y: 0 }, was: null, userId: 'u', presenting: false };
    expect(wants(box, mover)).toBe(true);
    expect(wants(box, { ...mover, at: { x: 600, y: 0 } })).toBe(false);
    expect(wants(box, { ...mover, at: { x: 600, y: 0 }, was: { x: 0, y: 0 } })).toBe(true);
  });

  it('W307, W309: whatever moves come, everyone ends with each latest state, within offscreenMs of the last send', () => {
    const states = new Map<number, State>();
    const schedule = new InterestSchedule(states, SETTINGS.offscreenMs, 10);
    /** What a recipient that wants no move holds, and when everyone was last sent each id. */
    const held = new Map<number, State | undefined>();
    const lastSent = new Map<number, number>();
    let heldBack = 0;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) as number;
    for (let tick = 0, now = 0; tick < 2000; tick++, now += 10) {
      const changed: number[] = [];
      for (let id = 1; id <= 5; id++) {
        if (random() < 0.5) continue;
        const r = random();
        if (r < 0.02) states.delete(id);
        else {
          const before = states.get(id);
          const selection = r < 0.05 ? [String(tick)] : (before?.selection ?? []);
          states.set(id, state(Math.floor(random() * 1000), { selection }));
        }
        changed.push(id);
      }
      const { everyone, movers } = schedule.plan(changed, now);
      heldBack += movers.length;
      for (const id of everyone) {
        const s = states.get(id);
        // A state everyone gets is sent whole: what moves a far recipient missed, it now has.
        held.set(id, s);
        lastSent.set(id, now);
      }
      for (const id of changed) {
        const s = states.get(id);
        const h = held.get(id);
        // Anything but a move reaches everyone at this tick.
        if (!s || !h || !onlyMoved(h, s)) expect(held.get(id)).toBe(s);
      }
      // A latest state everyone lacks was sent something less than offscreenMs ago.
      for (const [id, s] of states)
        if (held.get(id) !== s) expect(now - lastSent.get(id)!).toBeLessThan(SETTINGS.offscreenMs);
    }
    // Quiet: within offscreenMs, everyone holds every latest state.
    let now = 20_000;
    for (let t = 0; t <= SETTINGS.offscreenMs + 10; t += 10, now += 10)
      for (const id of schedule.plan([], now).everyone) held.set(id, states.get(id));
    for (const [id, s] of states) expect(held.get(id)).toBe(s);
    expect(schedule.nextDueIn(now)).toBeNull();
    // Most moves waited (a schedule sending everything at once would pass the rest).
    expect(heldBack).toBeGreaterThan(1000);
  });
});
