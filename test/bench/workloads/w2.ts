/** W2 edit storm: B boards × E editors, each making `hz` real Y.Doc edits a second. */
import type { BenchClient } from '../generator/client.js';
import { Editor } from '../generator/edits.js';
import { Deliveries } from '../generator/stats.js';
import type { Scale } from '../scale.js';
import type { BenchServer } from '../servers.js';
import {
  closeAll,
  connectMany,
  measureMessaging,
  metric,
  periodic,
  type Workload,
  type WorkloadResult,
} from './common.js';
import { editClient } from './edits.js';

export const w2: Workload = async ({ server, scale }) => ({
  workload: 'W2',
  ...(await editStorm(server, scale)),
});

/** W2's load on `server`: its boards, editors and edits, measured (W8 runs it too). */
export async function editStorm(
  server: BenchServer,
  scale: Scale,
): Promise<Omit<WorkloadResult, 'workload' | 'server' | 'log'>> {
  const { boards, editors, hz } = scale.w2;
  const deliveries = new Deliveries();
  const all: BenchClient[] = [];
  /** Per editor: its socket, its doc, and how many others share its board. */
  const senders: { client: BenchClient; editor: Editor; peers: number }[] = [];
  let failed = 0;
  let firstError: string | null = null;
  for (let b = 0; b < boards; b++) {
    const target = server.target(await server.newRoom());
    const joined = await connectMany(editors, () => editClient(target, deliveries));
    all.push(...joined.clients);
    failed += joined.failed;
    firstError ??= joined.firstError;
    const live = joined.clients.filter((c) => c.open);
    for (const client of live)
      senders.push({ client, editor: new Editor(client.clientId), peers: live.length - 1 });
  }
  const stop = periodic(senders.length, 1000 / hz, (i) => {
    const { client, editor, peers } = senders[i]!;
    const t = performance.now();
    const { update, clock } = editor.edit(t);
    client.sendUpdate(update);
    deliveries.onSend(t, peers, client.clientId, clock);
  });
  const metrics = await measureMessaging(server, deliveries, scale, stop);
  const closeCodes = await closeAll(all);
  return {
    metrics: [metric('clients', 'editors', senders.length, '', null, 0), ...metrics],
    notes: failed ? [`${failed} of ${boards * editors} editors did not sync: ${firstError}`] : [],
    closeCodes,
  };
}
