/** Document-edit traffic shared by W2 and W3: real Y.Doc updates that carry their send time. */
import { BenchClient, type SocketTarget } from '../generator/client.js';
import { forEachEditStamp } from '../generator/edits.js';
import type { Deliveries } from '../generator/stats.js';

/** A client that counts every other client's edit it receives into `deliveries`. */
export function editClient(target: SocketTarget, deliveries: Deliveries): BenchClient {
  const seen = new Map<number, number>();
  const client: BenchClient = new BenchClient(target, {
    onUpdate: (update, now) =>
      forEachEditStamp(update, (sender, clock, t) => {
        if (sender !== client.clientId) deliveries.onReceive(seen, sender, clock, t, now);
      }),
  });
  return client;
}
