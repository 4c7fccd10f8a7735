import * as awarenessProtocol from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Presence } from '../../../../server/sync/presence.js';
import { presenceToApply, type PresenceSender } from '../../../../server/sync/presenceIntake.js';
import { TokenBucket } from '../../../../server/sync/rateLimit.js';
import { awarenessUpdate } from './awarenessUpdate.js';

const awarenesses: awarenessProtocol.Awareness[] = [];
afterEach(() => {
  for (const a of awarenesses.splice(0)) a.destroy();
});

function setup(canWrite = true, burst = 1) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  awarenesses.push(awareness);
  const presence = new Presence(awareness);
  const owned = new Set<number>();
  const sender: PresenceSender = {
    role: canWrite ? 'editor' : 'viewer',
    canWrite,
    keyVersion: 1,
    person: null,
    guest: false,
    credentials: [],
    owned,
    present: (id) => awareness.states.has(id),
    clockOf: (id) => awareness.meta.get(id)?.clock,
    isCurrent: (id, json) => JSON.stringify(awareness.states.get(id) ?? null) === json,
    awarenessBudget: new TokenBucket(1, burst),
  };
  return { presence, sender };
}

const RULES = {
  limits: { maxAwarenessBytes: 200, maxRoomAwarenessBytes: 1_000 },
  policy: {
    presenceAs: (state: Record<string, unknown>, sender: { canWrite: boolean }) => {
      const { presenting: _presenting, ...rest } = state;
      return 'presenting' in state && !sender.canWrite ? rest : state;
    },
  },
};

const update = (clientId: number, state: unknown, clock = 1) =>
  awarenessUpdate([{ clientId, clock, json: JSON.stringify(state) }]);

describe('presenceToApply', () => {
  it("takes a connection's own entries, within its rate", () => {
    const { presence, sender } = setup();
    expect(presenceToApply(update(1, { a: 1 }), sender, presence, RULES)).toHaveLength(1);
    // The burst of one is spent.
    expect(presenceToApply(update(1, { a: 2 }, 2), sender, presence, RULES)).toBeNull();
  });

  it('spends no budget on what the filter drops (the echoes of everyone else)', () => {
    const { presence, sender } = setup();
    presence.apply([{ clientId: 9, clock: 1, state: { x: 1 }, json: '{"x":1}' }], null);
    for (let i = 0; i < 5; i++)
      expect(presenceToApply(update(9, { x: 1 }, 2), sender, presence, RULES)).toBeNull();
    expect(presenceToApply(update(1, { a: 1 }), sender, presence, RULES)).toHaveLength(1);
  });

  it('drops a frame over the byte limit before reading it', () => {
    const { presence, sender } = setup();
    const big = update(1, { blob: 'x'.repeat(300) });
    expect(presenceToApply(big, sender, presence, RULES)).toBeNull();
    expect(sender.owned.size).toBe(0);
  });

  it("strips what a read-only link may not claim, and keeps a writer's state as it came", () => {
    const reader = setup(false);
    const [stripped] = presenceToApply(
      update(1, { name: 'R', presenting: true }),
      reader.sender,
      reader.presence,
      RULES,
    )!;
    expect(stripped).toEqual({ clientId: 1, clock: 1, state: { name: 'R' }, json: '{"name":"R"}' });
    const writer = setup(true);
    const [kept] = presenceToApply(
      update(1, { name: 'W', presenting: true }),
      writer.sender,
      writer.presence,
      RULES,
    )!;
    expect(kept!.json).toBe('{"name":"W","presenting":true}');
  });

  it('leaves out what would exceed the byte caps of the connection', () => {
    const { presence, sender } = setup(true, 10);
    const state = { s: 'x'.repeat(120) };
    const first = presenceToApply(update(1, state), sender, presence, RULES)!;
    presence.apply(first, null);
    // A second id of the same connection would hold 2 × 128 bytes, over its 200.
    expect(presenceToApply(update(2, state), sender, presence, RULES)).toBeNull();
    expect(presenceToApply(update(2, { s: 'x' }, 2), sender, presence, RULES)).toHaveLength(1);
  });
});
