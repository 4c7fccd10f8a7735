import type express from 'express';
import type { Config } from '../config.js';
import type { BoardsRouterDeps } from '../http/boardsRouter.js';
import { HourlyLimiter } from '../http/hourlyLimiter.js';
import { imagesRouter } from '../http/imagesRouter.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Storage } from '../storage/storage.js';
import { ImageService } from './imageService.js';

/** Pictures on the map: the service over storage and its routes (W220–W226). */
export function setUpImages(
  config: Config,
  parts: { storage: Storage; access: BoardsRouterDeps['access']; log: Logger; metrics: Metrics },
) {
  const service = new ImageService({
    store: parts.storage.images,
    limits: { maxPixels: config.IMAGE_MAX_PIXELS, boardMaxBytes: config.IMAGE_BOARD_MAX_BYTES },
    metrics: parts.metrics,
    log: parts.log,
  });
  const router = imagesRouter({
    access: parts.access,
    trustProxyHops: config.TRUST_PROXY,
    service,
    maxBytes: config.IMAGE_MAX_BYTES,
    limiter: new HourlyLimiter(config.IMAGE_UPLOADS_PER_HOUR),
  });
  return { service, mount: (app: express.Express) => app.use('/api/boards', router) };
}
