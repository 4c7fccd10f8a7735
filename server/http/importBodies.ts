import express, { type Request, type Response } from 'express';
import { JobFailed, PoolBusy, type JobPool, type JobSlot } from '../imports/jobPool.js';
import { runJob, type JobKind, type Jobs } from '../imports/jobs.js';
import { sendError } from './errors.js';

/**
 * Bodies below this are parsed in line: a thread hop costs more than they do (a 64 KiB board
 * parses and builds in a few ms). Anything larger, or of unknown size, goes to the pool.
 */
export const INLINE_BELOW_BYTES = 64 << 10;
const BUSY_RETRY_SECONDS = 5;
/** What body-parser can inflate; anything else is refused before a pool slot is taken. */
const BODY_CODINGS = new Set(['identity', 'gzip', 'deflate', 'br']);

const rawParsers = new Map<number, express.RequestHandler>();
/** express.raw for any content type (checked before), one parser per limit. */
function rawParser(limit: number): express.RequestHandler {
  let parser = rawParsers.get(limit);
  if (!parser) rawParsers.set(limit, (parser = express.raw({ type: () => true, limit })));
  return parser;
}

/** A body read as bytes, and the pool slot its job runs in (null: small enough for in line). */
export interface JobBody {
  body: Uint8Array;
  slot: JobSlot | null;
}

function refuseBusy(res: Response, err: PoolBusy): void {
  res.set('Retry-After', String(BUSY_RETRY_SECONDS));
  sendError(res, 503, err.message, { retryAfterSeconds: BUSY_RETRY_SECONDS });
}

/**
 * Reads a JSON request body as raw bytes, never parsing it here: parsing a large body on the
 * main thread would stall every socket. A large body first takes a slot in the pool (503 when
 * it is full, before anything is read), so the queue bounds the memory of waiting bodies too.
 * Answers the request itself and returns null when it cannot go on.
 */
export async function readJobBody(
  req: Request,
  res: Response,
  pool: JobPool,
  limit: { bytes: number; tooLarge: string },
): Promise<JobBody | null> {
  if (!req.is('application/json') && !req.is('+json')) {
    sendError(res, 415, 'send the body as JSON (Content-Type: application/json)');
    return null;
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    sendError(res, 415, `unsupported charset "${charset}": send UTF-8`);
    return null;
  }
  const coding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (!BODY_CODINGS.has(coding)) {
    sendError(res, 415, `unsupported content encoding "${coding}"`);
    return null;
  }
  const declared = Number(req.get('content-length'));
  // A compressed body may inflate far past its length: treat it as large.
  const small =
    Number.isFinite(declared) && declared < INLINE_BELOW_BYTES && !req.get('content-encoding');
  let slot: JobSlot | null = null;
  if (!small) {
    try {
      slot = pool.reserve();
    } catch (err) {
      if (!(err instanceof PoolBusy)) throw err;
      refuseBusy(res, err);
      return null;
    }
  }
  const error = await new Promise<unknown>((resolve) => rawParser(limit.bytes)(req, res, resolve));
  if (error) {
    slot?.release();
    const { type, status, message } = error as { type?: string; status?: number; message?: string };
    if (type === 'entity.too.large') sendError(res, 413, limit.tooLarge);
    else if (typeof status === 'number' && status >= 400 && status < 500)
      sendError(res, status, message ?? 'the request body could not be read');
    else throw error;
    return null;
  }
  const body: unknown = req.body;
  return { body: Buffer.isBuffer(body) ? body : new Uint8Array(0), slot };
}

/**
 * Runs a job on a body `readJobBody` read: in line when it had no slot and `inline` allows,
 * else in the pool. A refusal of the job itself is answered here, as are a busy pool (503) and
 * a worker that failed (500, or 413 when the input exhausted its memory); null then.
 */
export async function runBodyJob<K extends JobKind>(
  res: Response,
  pool: JobPool,
  read: JobBody,
  kind: K,
  input: Jobs[K]['input'],
  inline = true,
): Promise<Extract<Jobs[K]['output'], { ok: true }> | null> {
  let output: Jobs[K]['output'];
  try {
    if (read.slot) output = await read.slot.run(kind, input);
    else if (inline) output = runJob(kind, input);
    else output = await pool.run(kind, input);
  } catch (err) {
    if (err instanceof PoolBusy) refuseBusy(res, err);
    else if (err instanceof JobFailed) sendError(res, err.status, err.message);
    else throw err;
    return null;
  }
  if (!output.ok) {
    sendError(res, output.status, output.error, output.details);
    return null;
  }
  return output as Extract<Jobs[K]['output'], { ok: true }>;
}
