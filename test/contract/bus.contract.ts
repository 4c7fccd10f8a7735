/**
 * The contract every `Bus` adapter satisfies. An adapter's test file calls
 * `busContract(name, makePair)` with a factory of buses that reach each other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus } from '../../server/bus/bus.js';
import { waitFor } from '../helpers/clients.js';

export interface BusFixture {
  /** A new connected bus, joined to every other bus this fixture made. */
  open(instanceId: string): Promise<Bus>;
  cleanup(): Promise<void>;
}

export function busContract(name: string, makeFixture: () => Promise<BusFixture>): void {
  describe(name, () => {
    let fixture: BusFixture;
    const opened: Bus[] = [];
    const open = async (id: string) => {
      const bus = await fixture.open(id);
      opened.push(bus);
      return bus;
    };

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((b) => b.close()));
      await fixture?.cleanup();
    });

    const setup = async () => {
      fixture = await makeFixture();
      return [await open('a'), await open('b'), await open('c')] as const;
    };

    it('delivers to the other subscribers of a topic, with the sender, not back to it', async () => {
      const [a, b, c] = await setup();
      const got: Record<string, [number[], string][]> = { a: [], b: [], c: [] };
      await a.subscribe('t', (p, from) => got.a!.push([[...p], from]));
      await b.subscribe('t', (p, from) => got.b!.push([[...p], from]));
      await c.subscribe('other', (p, from) => got.c!.push([[...p], from]));
      a.publish('t', new Uint8Array([1, 2, 3]));
      await waitFor(() => got.b!.length === 1, 3000, 'delivery');
      await new Promise((r) => setTimeout(r, 100));
      expect(got.b).toEqual([[[1, 2, 3], 'a']]);
      expect(got.a).toEqual([]);
      expect(got.c).toEqual([]);
      expect(a.state).toBe('ok');
    });

    it('keeps the publish order and every byte', async () => {
      const [a, b] = await setup();
      const sent = Array.from({ length: 500 }, (_, i) =>
        Uint8Array.from({ length: (i % 40) + 1 }, (_, j) => (i * 31 + j * 7) % 256),
      );
      const got: number[][] = [];
      await b.subscribe('order', (p) => got.push([...p]));
      for (const m of sent) a.publish('order', m);
      await waitFor(() => got.length === sent.length, 5000, 'every message');
      expect(got).toEqual(sent.map((m) => [...m]));
    });

    it('stops delivering after unsubscribe', async () => {
      const [a, b] = await setup();
      const got: number[] = [];
      await b.subscribe('u', (p) => got.push(p[0]!));
      a.publish('u', new Uint8Array([1]));
      await waitFor(() => got.length === 1, 3000, 'first message');
      await b.unsubscribe('u');
      a.publish('u', new Uint8Array([2]));
      await new Promise((r) => setTimeout(r, 150));
      expect(got).toEqual([1]);
    });

    it('grants a lock to one instance at a time, until released or expired', async () => {
      const [a, b] = await setup();
      const [first, second] = await Promise.all([a.tryLock('l', 5_000), b.tryLock('l', 5_000)]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(await a.tryLock('l', 5_000)).toBeNull();
      await (first ?? second)!();
      const again = await b.tryLock('l', 200);
      expect(again).not.toBeNull();
      // Releasing someone else's (expired and re-taken) lock must not free it.
      await new Promise((r) => setTimeout(r, 300));
      const taken = await a.tryLock('l', 5_000);
      expect(taken).not.toBeNull();
      await again!();
      expect(await b.tryLock('l', 5_000)).toBeNull();
      await taken!();
    });

    it('tells the others when an instance leaves', async () => {
      const [a, b, c] = await setup();
      const lost: string[] = [];
      b.on('peer-lost', (id) => lost.push(id));
      // Peers are known once they have been heard from.
      await new Promise((r) => setTimeout(r, 400));
      await c.close();
      await waitFor(() => lost.includes('c'), 5000, 'peer-lost');
      expect(lost).not.toContain('a');
      void a;
    });
  });
}
