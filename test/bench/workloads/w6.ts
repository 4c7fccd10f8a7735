/**
 * W6 big workshop: one board, N people moving their cursors `hz` times a second, E of them
 * also editing. People work in groups of 15, each group on its own part of the board (its
 * viewport, in W35's awareness state): a person sees their group's cursors, nobody else's.
 *
 * Fresh presence: every 100 ms, for each receiver and each other participant, whether the
 * newest state it holds was sent at most 250 ms ago (all pairs; in-view pairs apart).
 *
 * Against journeyboard every participant opts in to presence moves as its browser client does
 * (W327); the other servers get the same stock y-websocket sockets as before.
 */
import { BenchClient } from '../generator/client.js';
import { Editor, forEachEditStamp } from '../generator/edits.js';
import { Freshness } from '../generator/freshness.js';
import { Deliveries, summarize } from '../generator/stats.js';
import { ProcessMeter, SelfMeter } from '../proc.js';
import {
  closeAll,
  connectMany,
  drain,
  metric,
  periodic,
  sleep,
  type Metric,
  type Workload,
} from './common.js';

const GROUP_SIZE = 15;
const COLUMNS = 5;
/** Groups sit this far apart (board units): beyond any screen at zoom 1 (W308 assumes 2560). */
const SPACING = { x: 4000, y: 3000 };
const FRESH_MS = 250;
const SAMPLE_MS = 100;

const groupOf = (i: number) => Math.floor(i / GROUP_SIZE);

function centreOf(i: number): { x: number; y: number } {
  const g = groupOf(i);
  return { x: (g % COLUMNS) * SPACING.x, y: Math.floor(g / COLUMNS) * SPACING.y };
}

/**
 * Person `i`'s W35 state at `t`: the cursor circles within ±500 × ±300 of its group's centre.
 * Its send time is kept by the workload (Freshness.sent), not in the state.
 */
export function workshopState(i: number, t: number): string {
  const { x: cx, y: cy } = centreOf(i);
  const angle = t / 700 + i;
  const x = Math.round(cx + 500 * Math.cos(angle));
  const y = Math.round(cy + 300 * Math.sin(angle));
  return (
    `{"cursor":{"x":${x},"y":${y}},` +
    `"user":{"id":"bench-${i}","name":"Bench ${i}","color":"#1d4ed8"},"selection":[],` +
    `"editing":null,"viewport":{"x":${cx},"y":${cy},"zoom":1},"following":null,"presenting":false}`
  );
}

export const w6: Workload = async ({ server, scale }) => {
  const { clients: count, hz, editors, editHz } = scale.w6;
  const stock = server.target(await server.newRoom());
  const target =
    server.name === 'journeyboard' ? { ...stock, url: `${stock.url}&presence=moves` } : stock;
  const freshness = new Freshness({ count, groupOf, freshMs: FRESH_MS });
  const edits = new Deliveries();
  const { clients, failed, firstError } = await connectMany(count, (i) => {
    const seen = new Map<number, number>();
    const client: BenchClient = new BenchClient(target, {
      onAwarenessUpdate: (update, now) => freshness.onUpdate(i, update, now),
      onPresenceMoves: (payload, now) => freshness.onMoves(i, payload, now),
      onUpdate: (update, now) =>
        forEachEditStamp(update, (sender, clock, t) => {
          if (sender !== client.clientId) edits.onReceive(seen, sender, clock, t, now);
        }),
    });
    freshness.register(i, client.clientId);
    return client;
  });
  const live = clients.map((c, i) => (c.open ? i : -1)).filter((i) => i >= 0);
  const stopMoving = periodic(live.length, 1000 / hz, (k) => {
    const i = live[k]!;
    const t = performance.now();
    freshness.sent(i, clients[i]!.sendAwareness(workshopState(i, t)), t);
    if (t >= freshness.from && t <= freshness.to) freshness.moves++;
  });
  const writers = live.slice(0, editors).map((i) => ({
    client: clients[i]!,
    editor: new Editor(clients[i]!.clientId),
  }));
  const stopEditing = periodic(writers.length, 1000 / editHz, (k) => {
    const { client, editor } = writers[k]!;
    const t = performance.now();
    const { update, clock } = editor.edit(t);
    client.sendUpdate(update);
    edits.onSend(t, live.length - 1, client.clientId, clock);
  });
  const metrics = await measure(server.pid, freshness, edits, scale, live, () => {
    stopMoving();
    stopEditing();
  });
  const closeCodes = await closeAll(clients);
  const notes = failed ? [`${failed} of ${count} clients did not sync: ${firstError}`] : [];
  const fresh = metrics.find((m) => m.key === 'fresh')?.value ?? null;
  if (fresh !== null && fresh < 50)
    notes.push(`cannot keep up: ${fresh.toFixed(1)} % of pairs hold a state younger than 250 ms`);
  return {
    workload: 'W6',
    metrics: [metric('clients', 'clients', live.length, '', null, 0), ...metrics],
    notes,
    closeCodes,
  };
};

async function measure(
  pid: number,
  freshness: Freshness,
  edits: Deliveries,
  { warmupMs, durationMs, drainMs }: { warmupMs: number; durationMs: number; drainMs: number },
  live: readonly number[],
  stopSending: () => void,
): Promise<Metric[]> {
  await sleep(warmupMs);
  const window = new ProcessMeter(pid);
  const self = new SelfMeter();
  const from = performance.now();
  freshness.from = edits.from = from;
  freshness.to = edits.to = Infinity;
  const sampler = setInterval(() => freshness.sample(live, performance.now()), SAMPLE_MS);
  await sleep(durationMs);
  clearInterval(sampler);
  const to = performance.now();
  freshness.to = edits.to = to;
  stopSending();
  const used = window.stop();
  const generator = self.stop();
  await drain(edits, 1000, drainMs);
  const seconds = (to - from) / 1000;
  const cursor = summarize(freshness.cursorLatency);
  const edit = summarize(edits.latency);
  const perClient = (values: Float64Array, per: number) => {
    const rates = live.map((i) => values[i]! / seconds / per);
    return {
      mean: rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length),
      max: Math.max(0, ...rates),
    };
  };
  const frames = perClient(freshness.frames, 1);
  const kb = perClient(freshness.bytes, 1024);
  const pct = (part: number, whole: number) => (whole ? (100 * part) / whole : null);
  return [
    metric('moves', 'cursor moves sent/s', freshness.moves / seconds, '/s', false, 0),
    metric(
      'fresh',
      'fresh presence, all pairs',
      pct(freshness.fresh, freshness.pairs),
      '%',
      false,
      2,
    ),
    metric(
      'freshInView',
      'fresh presence, in-view pairs',
      pct(freshness.freshInView, freshness.pairsInView),
      '%',
      false,
      2,
    ),
    metric('cursorP50', 'cursor p50 (in view)', cursor.p50, 'ms', true, 1),
    metric('cursorP99', 'cursor p99 (in view)', cursor.p99, 'ms', true, 1),
    metric('editDelivered', 'edits delivered', pct(edits.delivered, edits.expected), '%', false, 2),
    metric('editP50', 'edit p50', edit.p50, 'ms', true, 1),
    metric('editP99', 'edit p99', edit.p99, 'ms', true, 1),
    metric('cpu', 'server CPU', used.cpuPercent, '% core', true, 0),
    metric('cpuSeconds', 'server CPU time', used.cpuMs / 1000, 's', true, 2),
    metric(
      'cpuPerMove',
      'server CPU per cursor move',
      freshness.moves ? (used.cpuMs * 1000) / freshness.moves : null,
      'µs',
      true,
      1,
    ),
    metric('cpuWait', 'server waiting for CPU', used.waitPercent, '%', null, 0),
    metric('framesPerClient', 'presence frames/s per client', frames.mean, '/s', true, 1),
    metric('framesMax', 'presence frames/s, busiest client', frames.max, '/s', true, 1),
    metric('kbPerClient', 'presence KiB/s per client', kb.mean, 'KiB/s', true, 0),
    metric('kbMax', 'presence KiB/s, busiest client', kb.max, 'KiB/s', true, 0),
    metric('genCpu', 'generator CPU', generator.cpuPercent, '% core', null, 0),
    metric('genWait', 'generator waiting for CPU', generator.waitPercent, '%', null, 0),
  ];
}
