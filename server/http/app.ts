import express from 'express';
import helmet from 'helmet';
import type { ActivityRecorder } from '../activity/recorder.js';
import type { Bus } from '../bus/bus.js';
import { pathOnly, type Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { activityRouter } from './activityRouter.js';
import { boardsRouter, type BoardsRouterDeps } from './boardsRouter.js';
import { clientDir, clientRouter } from './clientFiles.js';
import { errorHandler, sendError } from './errors.js';
import { landingPage } from './landingPage.js';
import { versionsRouter } from './versionsRouter.js';

/** What the HTTP app needs: the boards API's dependencies, and what the rest serves. */
export interface AppDeps extends BoardsRouterDeps {
  metrics: Metrics;
  log: Logger;
  clientDir?: string;
  /** Null on a single instance. */
  bus: Bus | null;
  instanceId: string;
  /** Who changed what on each board (the activity feed). */
  activity: ActivityRecorder;
  /** Whether accepted updates are failing to reach storage (and being retried). */
  writesFailing(): boolean;
  /** Puts the principal middleware and the account routes on the app (accountsSetup.ts). */
  mountAccounts(app: express.Express): void;
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

  app.use((req, res, next) => {
    if (req.httpVersion === '1.1' && !req.headers.host)
      return sendError(res, 400, 'an HTTP/1.1 request needs a Host header');
    next();
  });

  // Only storage decides health: while Redis is down an instance keeps serving its clients,
  // and the rooms converge when it is back; taking every instance out would serve no one.
  // Storage that answers but refuses writes is unhealthy too: editors sent here would be
  // refused (4503), so a balancer should send them elsewhere until writes work again.
  app.get('/healthz', async (_req, res) => {
    const status = {
      storage: storage.kind,
      writes: deps.writesFailing() ? 'failing' : 'ok',
      bus: deps.bus?.state ?? 'off',
      instance: deps.instanceId,
    };
    try {
      await storage.ping();
    } catch (err) {
      log.error({ err }, 'health check: storage does not answer');
      return sendError(res, 503, 'storage unavailable', { ok: false, ...status });
    }
    if (status.writes === 'failing') {
      return sendError(res, 503, 'storage writes are failing (retried, nothing is dropped)', {
        ok: false,
        ...status,
      });
    }
    res.json({ ok: true, ...status });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // The server's clock, for clients to measure their offset (W192): the workshop timer's end
  // instant is server time. Nothing secret, so no token; never cached.
  app.get('/api/time', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ now: Date.now() });
  });

  deps.mountAccounts(app);
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
  // Anything no route took: the same JSON error as the API (a 404 page would be HTML).
  app.use((req, res) =>
    sendError(res, 404, `nothing at ${req.method} ${pathOnly(req.originalUrl)}`),
  );
  app.use(errorHandler(log));
  return app;
}
