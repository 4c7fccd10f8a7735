/**
 * The honest probe, in a worker thread so that building and sending the attacks (masking
 * megabytes of frames) never delays it: an editor makes one small edit every 20 ms on a board
 * of its own and a watcher on that board times each arrival. After a server restart it opens
 * new sockets; edits made while the server was down count as never delivered.
 */
import { parentPort } from 'node:worker_threads';
import { BenchClient } from '../generator/client.js';
import { Editor, forEachEditStamp } from '../generator/edits.js';
import { epochNow } from './stalls.js';
import type { ProbeRequest, ProbeSummary } from './probe.js';

const EDIT_EVERY_MS = 20;
const JOIN_TIMEOUT_MS = 15_000;

interface Generation {
  editor: BenchClient;
  watcher: BenchClient;
  /** Send time (epoch ms) of each edit, by its clock. */
  sent: Map<number, number>;
  /** Delivery latency (ms) of each edit that arrived, by its clock. */
  arrived: Map<number, number>;
  /** When its sockets were replaced: edits not delivered by then never will be. */
  endedAt: number | null;
  timer: NodeJS.Timeout | null;
}

const generations: Generation[] = [];

async function open(editorUrl: string, watcherUrl: string): Promise<void> {
  retire();
  const target = (url: string) => ({ url, docName: null, authToken: null, stateful: true });
  const sent = new Map<number, number>();
  const arrived = new Map<number, number>();
  const editor = new BenchClient(target(editorUrl));
  const watcher: BenchClient = new BenchClient(target(watcherUrl), {
    onUpdate: (update) => {
      const now = epochNow();
      forEachEditStamp(update, (client, clock, t) => {
        if (client === editor.clientId && !arrived.has(clock)) arrived.set(clock, now - t);
      });
    },
  });
  const generation: Generation = { editor, watcher, sent, arrived, endedAt: null, timer: null };
  generations.push(generation);
  await Promise.all([editor.synced(JOIN_TIMEOUT_MS), watcher.synced(JOIN_TIMEOUT_MS)]);
  const edits = new Editor(editor.clientId);
  generation.timer = setInterval(() => {
    const t = epochNow();
    const { update, clock } = edits.edit(t);
    sent.set(clock, t);
    // Made even while the socket is down: an edit nobody could receive is one not served.
    editor.sendUpdate(update);
  }, EDIT_EVERY_MS);
}

function retire(): void {
  const current = generations[generations.length - 1];
  if (!current || current.endedAt !== null) return;
  current.endedAt = epochNow();
  if (current.timer) clearInterval(current.timer);
  current.editor.ws.terminate();
  current.watcher.ws.terminate();
}

function summary(from: number, to: number): ProbeSummary {
  const now = epochNow();
  const latencies: number[] = [];
  let sent = 0;
  let missing = 0;
  let worst = 0;
  const closes: number[] = [];
  for (const g of generations) {
    for (const c of [g.editor.serverCloseCode, g.watcher.serverCloseCode])
      if (c !== null) closes.push(c);
    for (const [clock, t] of g.sent) {
      if (t < from || t > to) continue;
      sent++;
      const latency = g.arrived.get(clock);
      if (latency === undefined) {
        missing++;
        worst = Math.max(worst, (g.endedAt ?? now) - t);
      } else {
        latencies.push(latency);
        worst = Math.max(worst, latency);
      }
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies.length
      ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!
      : null;
  return { sent, missing, worstMs: sent ? worst : null, p50Ms: at(0.5), p99Ms: at(0.99), closes };
}

parentPort!.on('message', (request: ProbeRequest) => {
  const reply = (body: object) => parentPort!.postMessage({ id: request.id, ...body });
  switch (request.type) {
    case 'open':
      open(request.editorUrl, request.watcherUrl).then(
        () => reply({ ok: true }),
        (err: unknown) => reply({ ok: false, error: (err as Error).message }),
      );
      return;
    case 'summary':
      reply({ ok: true, summary: summary(request.from, request.to) });
      return;
    case 'close':
      retire();
      reply({ ok: true });
      return;
  }
});
