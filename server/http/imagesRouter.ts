import express, { type NextFunction, type Request, type Response } from 'express';
import { IMAGE_ID_PATTERN } from '../../shared/protocol/images.js';
import type { Admitted } from '../auth/access.js';
import type { ImageService } from '../images/imageService.js';
import { ImageRefused } from '../images/reencode.js';
import type { ImageVariant } from '../storage/images.js';
import { clientAddress } from '../sync/index.js';
import { roleGuard, type BoardsRouterDeps } from './boardsRouter.js';
import { sendError } from './errors.js';
import type { HourlyLimiter } from './hourlyLimiter.js';

export interface ImagesRouterDeps extends Pick<BoardsRouterDeps, 'access' | 'trustProxyHops'> {
  service: ImageService;
  /** IMAGE_MAX_BYTES: the largest upload, as sent. */
  maxBytes: number;
  /** IMAGE_UPLOADS_PER_HOUR, per person (or per address for a share link). */
  limiter: HourlyLimiter;
}

/** A year: an image's bytes never change under its id (W223). */
const CACHE_CONTROL = 'private, max-age=31536000, immutable';
/** Opened on its own, a picture may run nothing and load nothing (S107). */
const IMAGE_CSP = "default-src 'none'; sandbox";

const mib = (bytes: number) => `${Math.round((bytes / (1 << 20)) * 10) / 10} MiB`;

/**
 * Reads the upload's bytes, refusing (without reading further) past `max`: at once when the
 * declared length says so, else as soon as the streamed bytes do (S105).
 */
function readUpload(req: Request, max: number): Promise<Buffer | ImageRefused | null> {
  const tooLarge = new ImageRefused(
    413,
    'too-large',
    `the picture is larger than ${mib(max)} (IMAGE_MAX_BYTES); make it smaller and try again`,
  );
  const coding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (coding !== 'identity')
    return Promise.resolve(
      new ImageRefused(
        415,
        'not-an-image',
        'send the picture’s bytes as they are, without Content-Encoding',
      ),
    );
  if (Number(req.get('content-length')) > max) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | ImageRefused | null) => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('aborted', onGone);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.pause();
        done(tooLarge);
      } else chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks, size));
    const onGone = () => done(null);
    req.on('data', onData).on('end', onEnd).on('error', onGone).on('aborted', onGone);
  });
}

/** One bucket per person; share links and everyone else by address. */
function limiterKey(req: Request, res: Response, trustProxyHops: number): string | null {
  const who = res.locals.admitted as Admitted | undefined;
  if (who?.kind === 'admin') return null;
  if (who && (who.kind === 'member' || who.kind === 'token')) return `u:${who.userId}`;
  return clientAddress(req, trustProxyHops);
}

const answered =
  (handler: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction) =>
    handler(req, res).catch((err: unknown) => {
      if (!(err instanceof ImageRefused)) return next(err);
      // The rest of a body too large is not read: the connection goes with the answer.
      if (err.reason === 'too-large') res.set('Connection', 'close');
      sendError(res, err.status, err.message, { reason: err.reason });
    });

/** Whether `If-None-Match` names this ETag (or `*`). */
const fresh = (req: Request, etag: string) =>
  (req.get('if-none-match') ?? '')
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');

/**
 * Pictures under `/api/boards/:id/images` (W220–W223): an editor uploads the file's bytes, anyone
 * who may open the board reads them. Bytes are re-encoded before they are stored (S103).
 */
export function imagesRouter(deps: ImagesRouterDeps): express.Router {
  const { service } = deps;
  const router = express.Router();
  const requireRole = roleGuard(deps);

  router.post(
    '/:id/images',
    requireRole('editor'),
    answered(async (req, res) => {
      const key = limiterKey(req, res, deps.trustProxyHops);
      const taken =
        key === null
          ? { ok: true as const }
          : key.startsWith('u:')
            ? deps.limiter.takeKey(key)
            : deps.limiter.take(key);
      if (!taken.ok) {
        const minutes = Math.ceil(taken.retryAfterSeconds / 60);
        res.set('Retry-After', String(taken.retryAfterSeconds));
        throw service.refused(
          new ImageRefused(
            429,
            'rate-limited',
            `too many pictures uploaded in the last hour (IMAGE_UPLOADS_PER_HOUR); try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
          ),
        );
      }
      const body = await readUpload(req, deps.maxBytes);
      if (body === null) return;
      if (body instanceof ImageRefused) throw service.refused(body);
      const image = await service.upload(String(req.params.id), body);
      if (!image) return sendError(res, 404, `no board with id '${String(req.params.id)}'`);
      res
        .status(201)
        .location(`/api/boards/${String(req.params.id)}/images/${image.id}`)
        .json(image);
    }),
  );

  router.get(
    '/:id/images/:imageId',
    requireRole('viewer'),
    answered(async (req, res) => {
      const imageId = String(req.params.imageId);
      const size = req.query.size;
      if (size !== undefined && size !== 'thumb' && size !== 'full')
        return sendError(res, 400, 'size must be thumb or full (or left out for the full picture)');
      const variant: ImageVariant = size === 'thumb' ? 'thumb' : 'full';
      const blob = IMAGE_ID_PATTERN.test(imageId)
        ? await service.read(String(req.params.id), imageId, variant)
        : null;
      if (!blob) return sendError(res, 404, `no picture '${imageId}' on this board`);
      const etag = `"${imageId}${variant === 'thumb' ? '-thumb' : ''}"`;
      res.set({
        'Cache-Control': CACHE_CONTROL,
        ETag: etag,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': IMAGE_CSP,
        'Content-Disposition': 'inline',
      });
      if (fresh(req, etag)) {
        res.status(304).end();
        return;
      }
      res.set({ 'Content-Type': blob.meta.type, 'Content-Length': String(blob.data.byteLength) });
      res.end(Buffer.from(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength));
    }),
  );

  return router;
}
