/** W1 cursor storm: one board, N clients each moving its cursor `hz` times a second. */
import { Deliveries } from '../generator/stats.js';
import {
  closeAll,
  connectMany,
  measureMessaging,
  metric,
  periodic,
  type Workload,
} from './common.js';
import { cursorClient, cursorState } from './cursors.js';

export const w1: Workload = async ({ server, scale }) => {
  const { clients: count, hz } = scale.w1;
  const target = server.target(await server.newRoom());
  const deliveries = new Deliveries();
  const { clients, failed, firstError } = await connectMany(count, () =>
    cursorClient(target, deliveries),
  );
  const live = clients.filter((c) => c.open);
  const stop = periodic(live.length, 1000 / hz, (i) => {
    const t = performance.now();
    const client = live[i]!;
    deliveries.onSend(t, live.length - 1, client.clientId, client.sendAwareness(cursorState(i, t)));
  });
  const metrics = await measureMessaging(server, deliveries, scale, stop);
  const closeCodes = await closeAll(clients);
  return {
    workload: 'W1',
    metrics: [metric('clients', 'clients', live.length, '', null, 0), ...metrics],
    notes: failed ? [`${failed} of ${count} clients did not sync: ${firstError}`] : [],
    closeCodes,
  };
};
