/** "Others served": the honest editor and watcher of probeWorker.ts, driven from here. */
import { Worker } from 'node:worker_threads';
import type { BenchServer, RoomRef } from '../servers.js';

type ProbeCommand =
  | { type: 'open'; editorUrl: string; watcherUrl: string }
  | { type: 'summary'; from: number; to: number }
  | { type: 'close' };

export type ProbeRequest = ProbeCommand & { id: number };

export interface ProbeSummary {
  /** Edits made in the window. */
  sent: number;
  /** Of those, edits the watcher never got (the server was down, or too slow to say). */
  missing: number;
  /** The longest an edit of the window took to arrive, or has waited so far. */
  worstMs: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Close codes the server ended the probe's sockets with. */
  closes: number[];
}

interface Reply {
  id: number;
  ok: boolean;
  error?: string;
  summary?: ProbeSummary;
}

export class Probe {
  /** Node 20 applies no `--import` loader to a worker's entry file: register tsx first. */
  private readonly worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
      new URL('./probeWorker.ts', import.meta.url).href,
    )}); });`,
    { eval: true },
  );
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  constructor() {
    this.worker.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    this.worker.on('error', (err) => {
      for (const wake of this.pending.values()) wake({ id: 0, ok: false, error: err.message });
      this.pending.clear();
    });
  }

  private async ask(request: ProbeCommand): Promise<Reply> {
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...request, id });
    });
    if (!reply.ok) throw new Error(`probe: ${reply.error}`);
    return reply;
  }

  /** Starts editing on `room` (again, with new sockets, after a restart). */
  async open(server: BenchServer, room: RoomRef): Promise<void> {
    await this.ask({
      type: 'open',
      editorUrl: server.target(room).url,
      watcherUrl: server.target({ ...room, token: room.viewerToken ?? room.token }).url,
    });
  }

  /** What the probe saw of the edits it made between `from` and `to` (epoch ms). */
  async summary(from: number, to: number): Promise<ProbeSummary> {
    return (await this.ask({ type: 'summary', from, to })).summary!;
  }

  async close(): Promise<void> {
    await this.ask({ type: 'close' });
    await this.worker.terminate();
  }
}
