/**
 * W5 many boards: B boards, each with K idle clients. Memory per connection (growth from the
 * first to the K-th client of every board) and per loaded board (growth from no client to one,
 * less a connection; overhead = that less the board's encoded document). Each reading follows a
 * full GC in the server; RSS is what the targets use, heap + external (read inside the
 * process) is the steadier cross-check.
 */
import { BenchClient } from '../generator/client.js';
import { blankBoardUpdate } from '../generator/boardData.js';
import { ProcessMeter } from '../proc.js';
import type { RoomRef } from '../servers.js';
import { closeAll, connectMany, metric, sleep, type Workload } from './common.js';

interface Reading {
  rssKb: number;
  heapKb: number;
}

export const w5: Workload = async ({ server, scale }) => {
  const { boards, clientsPerBoard } = scale.w5;
  const rooms: RoomRef[] = [];
  const creating = Array.from({ length: 8 }, async () => {
    while (rooms.length < boards) {
      const slot = rooms.length;
      rooms.push({ id: '', token: null });
      rooms[slot] = await server.newRoom();
    }
  });
  await Promise.all(creating);
  // The REST calls that made the boards leave freed memory the process keeps and reuses for
  // rooms: measure in a fresh process on the same data, like the other servers.
  await server.restart?.();
  const blank = blankBoardUpdate();
  const settled = async (): Promise<Reading> => {
    await sleep(scale.settleMs);
    const m = await server.collectGarbage();
    return { rssKb: m.rss / 1024, heapKb: (m.heapUsed + m.external) / 1024 };
  };
  const readings: Reading[] = [await settled()];
  const clients: BenchClient[] = [];
  let failed = 0;
  let firstError: string | null = null;
  for (let k = 0; k < clientsPerBoard; k++) {
    const joined = await connectMany(boards, (i) => new BenchClient(server.target(rooms[i]!)));
    clients.push(...joined.clients);
    failed += joined.failed;
    firstError ??= joined.firstError;
    // Servers without a board store get the same content as journeyboard's new board.
    if (k === 0 && server.stateful && !server.importBoard) {
      for (const c of joined.clients) c.sendUpdate(blank);
      await Promise.all(joined.clients.map((c) => c.roundTrip(new Uint8Array([0]), 60_000)));
    }
    readings.push(await settled());
  }
  const idle = new ProcessMeter(server.pid);
  await sleep(scale.quick ? 1000 : 5000);
  const idleUse = idle.stop();
  const closeCodes = await closeAll(clients);

  const [none, one, all] = [readings[0]!, readings[1]!, readings[readings.length - 1]!];
  const extra = boards * (clientsPerBoard - 1);
  const perConn = (key: keyof Reading) => (extra ? (all[key] - one[key]) / extra : 0);
  const perBoard = (key: keyof Reading) => (one[key] - none[key]) / boards - perConn(key);
  const docKb = server.stateful ? blank.byteLength / 1024 : 0;
  return {
    workload: 'W5',
    metrics: [
      metric('boards', 'boards', boards, '', null, 0),
      metric('connections', 'connections', clients.length - failed, '', null, 0),
      metric('rssBase', 'RSS before', none.rssKb / 1024, 'MB', true, 0),
      metric('rss', 'RSS loaded', all.rssKb / 1024, 'MB', true, 0),
      metric('perConn', 'per connection, RSS', perConn('rssKb'), 'KB', true, 1),
      metric('perConnHeap', 'per connection, heap', perConn('heapKb'), 'KB', true, 1),
      metric('perBoard', 'per loaded board, RSS', perBoard('rssKb'), 'KB', true, 1),
      metric('perBoardHeap', 'per loaded board, heap', perBoard('heapKb'), 'KB', true, 1),
      metric('docKb', 'encoded doc', docKb, 'KB', null, 2),
      metric('boardOverhead', 'board overhead, RSS', perBoard('rssKb') - docKb, 'KB', true, 1),
      metric(
        'boardOverheadHeap',
        'board overhead, heap',
        perBoard('heapKb') - docKb,
        'KB',
        true,
        1,
      ),
      metric('idleCpu', 'idle CPU', idleUse.cpuPercent, '% core', true, 1),
    ],
    notes: failed ? [`${failed} connections did not sync: ${firstError}`] : [],
    closeCodes,
  };
};
