/** W2 edit storm: B boards × E editors, each making `hz` real Y.Doc edits a second. */
import type { Scale } from '../scale.js';
import type { BenchServer } from '../servers.js';
import {
  closeAll,
  measureMessaging,
  metric,
  type Workload,
  type WorkloadResult,
} from './common.js';
import { editStorm, oneServer } from './storms.js';

export const w2: Workload = async ({ server, scale }) => ({
  workload: 'W2',
  ...(await measuredEditStorm(server, scale)),
});

/** W2's load on one server, measured (W8 runs it too). */
export async function measuredEditStorm(
  server: BenchServer,
  scale: Scale,
): Promise<Omit<WorkloadResult, 'workload' | 'server' | 'log'>> {
  const storm = await editStorm(oneServer(server), scale.w2);
  const metrics = await measureMessaging(server, storm.deliveries, scale, storm.stop);
  const closeCodes = await closeAll(storm.clients);
  return {
    metrics: [metric('clients', 'editors', storm.senders, '', null, 0), ...metrics],
    notes: storm.notes,
    closeCodes,
  };
}
