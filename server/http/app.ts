import express from 'express';
import helmet from 'helmet';
import type { ActivityRecorder } from '../activity/recorder.js';
import type { TokenIssuer } from '../auth/tokens.js';
import type { Bus } from '../bus/bus.js';
import type { Boards } from '../boards.js';
import { pathOnly, type Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Storage } from '../storage/storage.js';
import { activityRouter } from './activityRouter.js';
import { boardsRouter } from './boardsRouter.js';
import { clientDir, clientRouter } from './clientFiles.js';
import { errorHandler, sendError } from './errors.js';
import { landingPage } from './landingPage.js';
import { versionsRouter } from './versionsRouter.js';

export interface AppDeps {
  boards: Boards;
  storage: Storage;
  tokens: TokenIssuer;
  metrics: Metrics;
  log: Logger;
  jsonLimitBytes: number;
  clientDir?: string;
  adminToken?: string;
  createToken?: string;
  /** Null on a single instance. */
  bus: Bus | null;
  instanceId: string;
  /** Who changed what on each board (the activity feed). */
  activity: ActivityRecorder;
}

export function createApp(deps: AppDeps): express.Express {
  const { storage, metrics, log, clientDir: configuredClient } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // React sets styles through the DOM, the status page has one inline block.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // Plain-HTTP deployments behind no proxy must keep working.
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );

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

  // Only storage decides health: while Redis is down an instance keeps serving its clients,
  // and the rooms converge when it is back; taking every instance out would serve no one.
  app.get('/healthz', async (_req, res) => {
    const status = {
      storage: storage.kind,
      bus: deps.bus?.state ?? 'off',
      instance: deps.instanceId,
    };
    try {
      await storage.ping();
      res.json({ ok: true, ...status });
    } catch (err) {
      log.error({ err }, 'health check: storage does not answer');
      res.status(503).json({ ok: false, ...status, error: 'storage unavailable' });
    }
  });

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use('/api/boards', versionsRouter(deps), activityRouter(deps), boardsRouter(deps));
  app.use('/api', (req, res) =>
    sendError(res, 404, `no API route ${req.method} ${pathOnly(req.originalUrl)}`),
  );
  const built = clientDir(configuredClient);
  if (built) app.use(clientRouter(built));
  else {
    log.warn('the client is not built (npm run build): serving a status page at /');
    app.get('/', (_req, res) => {
      res.type('html').send(landingPage());
    });
  }
  app.use(errorHandler(log));
  return app;
}
