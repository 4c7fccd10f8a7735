/** W2 edit storm: B boards × E editors, each making `hz` real Y.Doc edits a second. */
import { closeAll, measureMessaging, metric, type Workload } from './common.js';
import { editStorm, oneServer } from './storms.js';

export const w2: Workload = async ({ server, scale }) => {
  const storm = await editStorm(oneServer(server), scale.w2);
  const metrics = await measureMessaging(server, storm.deliveries, scale, storm.stop);
  const closeCodes = await closeAll(storm.clients);
  return {
    workload: 'W2',
    metrics: [metric('clients', 'editors', storm.senders, '', null, 0), ...metrics],
    notes: storm.notes,
    closeCodes,
  };
};
