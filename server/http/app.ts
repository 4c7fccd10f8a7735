import express from 'express';
import type { Boards } from '../boards.js';
import { pathOnly, type Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Storage } from '../storage/storage.js';
import { boardsRouter } from './boardsRouter.js';
import { clientDir, clientRouter } from './clientFiles.js';
import { errorHandler, sendError } from './errors.js';
import { landingPage } from './landingPage.js';

export interface AppDeps {
  boards: Boards;
  storage: Storage;
  metrics: Metrics;
  log: Logger;
  jsonLimitBytes: number;
  clientDir?: string;
}

export function createApp({
  boards,
  storage,
  metrics,
  log,
  jsonLimitBytes,
  clientDir: configuredClient,
}: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings may carry tokens.
      log.info(
        { method: req.method, path: pathOnly(req.originalUrl), status: res.statusCode, ms },
        'http',
      );
    });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    try {
      await storage.ping();
      res.json({ ok: true, storage: storage.kind });
    } catch (err) {
      log.error({ err }, 'health check: storage does not answer');
      res.status(503).json({ ok: false, storage: storage.kind, error: 'storage unavailable' });
    }
  });

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use('/api/boards', boardsRouter(boards, jsonLimitBytes));
  app.use('/api', (req, res) =>
    sendError(res, 404, `no API route ${req.method} ${pathOnly(req.originalUrl)}`),
  );
  const built = clientDir(configuredClient);
  if (built) app.use(clientRouter(built));
  else {
    log.warn('the client is not built (npm run build): serving a status page at /');
    app.get('/', async (_req, res) => {
      res.type('html').send(landingPage(await boards.list()));
    });
  }
  app.use(errorHandler(log));
  return app;
}
