/**
 * The traffic of W1 (cursor storm) and W2 (edit storm), started against any routing of
 * clients to servers: one server (W1, W2), or the instances of a cluster (W7).
 */
import type { BenchClient, SocketTarget } from '../generator/client.js';
import { Editor } from '../generator/edits.js';
import { Deliveries } from '../generator/stats.js';
import type { BenchServer, RoomRef } from '../servers.js';
import { connectMany, periodic } from './common.js';
import { cursorClient, cursorState } from './cursors.js';
import { editClient } from './edits.js';

/** Where the clients of a room connect. */
export interface Routing {
  newRoom(): Promise<RoomRef>;
  /** The socket target of the `index`-th client (0-based) of `room`. */
  target(room: RoomRef, index: number): SocketTarget;
}

/** Every client on the one server. */
export const oneServer = (server: BenchServer): Routing => ({
  newRoom: () => server.newRoom(),
  target: (room) => server.target(room),
});

/** A storm whose clients are connected and whose senders are running. */
export interface Storm {
  deliveries: Deliveries;
  /** Every client opened (failed ones too, closed). */
  clients: BenchClient[];
  /** Clients that joined and send. */
  senders: number;
  rooms: RoomRef[];
  notes: string[];
  stop(): void;
}

/** W1's traffic: one board, `clients` clients each moving its cursor `hz` times a second. */
export async function cursorStorm(
  routing: Routing,
  { clients: count, hz }: { clients: number; hz: number },
): Promise<Storm> {
  const room = await routing.newRoom();
  const deliveries = new Deliveries();
  const { clients, failed, firstError } = await connectMany(count, (i) =>
    cursorClient(routing.target(room, i), deliveries),
  );
  const live = clients.filter((c) => c.open);
  const stop = periodic(live.length, 1000 / hz, (i) => {
    const t = performance.now();
    const client = live[i]!;
    deliveries.onSend(t, live.length - 1, client.clientId, client.sendAwareness(cursorState(i, t)));
  });
  const notes = failed ? [`${failed} of ${count} clients did not sync: ${firstError}`] : [];
  return { deliveries, clients, senders: live.length, rooms: [room], notes, stop };
}

/** W2's traffic: `boards` boards × `editors` editors, each making `hz` real Y.Doc edits a second. */
export async function editStorm(
  routing: Routing,
  { boards, editors, hz }: { boards: number; editors: number; hz: number },
): Promise<Storm> {
  const deliveries = new Deliveries();
  const all: BenchClient[] = [];
  const rooms: RoomRef[] = [];
  /** Per editor: its socket, its doc, and how many others share its board. */
  const senders: { client: BenchClient; editor: Editor; peers: number }[] = [];
  let failed = 0;
  let firstError: string | null = null;
  for (let b = 0; b < boards; b++) {
    const room = await routing.newRoom();
    rooms.push(room);
    const joined = await connectMany(editors, (i) =>
      editClient(routing.target(room, i), deliveries),
    );
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
  const notes = failed
    ? [`${failed} of ${boards * editors} editors did not sync: ${firstError}`]
    : [];
  return { deliveries, clients: all, senders: senders.length, rooms, notes, stop };
}
