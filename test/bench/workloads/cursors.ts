/** Awareness (cursor) traffic shared by W1: states that carry their send time. */
import { BenchClient, type SocketTarget } from '../generator/client.js';
import type { Deliveries } from '../generator/stats.js';

/** A full presence state as the client publishes it, `t` first so receivers read it cheaply. */
export function cursorState(index: number, t: number): string {
  const x = Math.round(Math.random() * 4000);
  const y = Math.round(Math.random() * 2000);
  return (
    `{"t":${t.toFixed(3)},"user":{"id":"bench-${index}","name":"Bench ${index}","color":"#1d4ed8"},` +
    `"cursor":{"x":${x},"y":${y}},"selection":[],"editing":null,` +
    `"viewport":{"x":800,"y":400,"zoom":1},"following":null,"presenting":false}`
  );
}

/** A client that counts every other client's cursor it receives into `deliveries`. */
export function cursorClient(target: SocketTarget, deliveries: Deliveries): BenchClient {
  const seen = new Map<number, number>();
  const client: BenchClient = new BenchClient(target, {
    onAwareness: (id, clock, t, now) => {
      if (id !== client.clientId) deliveries.onReceive(seen, id, clock, t, now);
    },
  });
  return client;
}
