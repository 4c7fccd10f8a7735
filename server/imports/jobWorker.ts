/**
 * An import worker thread (see jobPool.ts): runs one job at a time, so a 10 MB import parses
 * here while the main thread keeps every socket moving.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, transferablesOf, type JobKind } from './jobs.js';

export interface JobCall {
  id: number;
  kind: JobKind;
  input: unknown;
}

export type JobReply =
  { id: number; ok: true; output: unknown } | { id: number; ok: false; error: string };

const port = parentPort!;

port.on('message', (call: JobCall) => {
  let output;
  try {
    output = runJob(call.kind, call.input as never);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    port.postMessage({ id: call.id, ok: false, error } satisfies JobReply);
    return;
  }
  port.postMessage({ id: call.id, ok: true, output } satisfies JobReply, transferablesOf(output));
});
