/** W1 cursor storm: one board, N clients each moving its cursor `hz` times a second. */
import { closeAll, measureMessaging, metric, type Workload } from './common.js';
import { cursorStorm, oneServer } from './storms.js';

export const w1: Workload = async ({ server, scale }) => {
  const storm = await cursorStorm(oneServer(server), scale.w1);
  const metrics = await measureMessaging(server, storm.deliveries, scale, storm.stop);
  const closeCodes = await closeAll(storm.clients);
  return {
    workload: 'W1',
    metrics: [metric('clients', 'clients', storm.senders, '', null, 0), ...metrics],
    notes: storm.notes,
    closeCodes,
  };
};
