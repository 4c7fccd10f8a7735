/** W3 fan-out: one writer making `hz` edits a second, N observers on the same board. */
import { Deliveries } from '../generator/stats.js';
import { Editor } from '../generator/edits.js';
import {
  closeAll,
  connectMany,
  measureMessaging,
  metric,
  periodic,
  type Workload,
} from './common.js';
import { editClient } from './edits.js';

export const w3: Workload = async ({ server, scale }) => {
  const { observers, hz } = scale.w3;
  const target = server.target(await server.newRoom());
  const deliveries = new Deliveries();
  const { clients, failed, firstError } = await connectMany(observers + 1, () =>
    editClient(target, deliveries),
  );
  const live = clients.filter((c) => c.open);
  const writer = live[0]!;
  const editor = new Editor(writer.clientId);
  const stop = periodic(1, 1000 / hz, () => {
    const t = performance.now();
    const { update, clock } = editor.edit(t);
    writer.sendUpdate(update);
    deliveries.onSend(t, live.length - 1, writer.clientId, clock);
  });
  const metrics = await measureMessaging(server, deliveries, scale, stop);
  const closeCodes = await closeAll(clients);
  return {
    workload: 'W3',
    metrics: [metric('clients', 'observers', live.length - 1, '', null, 0), ...metrics],
    notes: failed ? [`${failed} of ${observers + 1} clients did not sync: ${firstError}`] : [],
    closeCodes,
  };
};
