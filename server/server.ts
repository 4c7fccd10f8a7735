import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type Server as SocketServer } from 'ws';
import { CloseCode } from '../shared/protocol/closeCodes.js';
import { SYNC_PROTOCOL } from '../shared/protocol/syncAuth.js';
import { ActivityRecorder } from './activity/recorder.js';
import { mirrorBoardListing } from './boardListing.js';
import { Boards } from './boards.js';
import { boardFeatures } from './boardFeatures.js';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { HourlyLimiter } from './http/hourlyLimiter.js';
import { answerClientError, endWithError } from './http/errors.js';
import { redactUrl, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { Bus } from './bus/bus.js';
import { RedisBus } from './bus/redisBus.js';
import { JobPool } from './imports/jobPool.js';
import { Mailer } from './mail/mailer.js';
import { smtpTransport } from './mail/transport.js';
import { PostgresStorage } from './storage/postgres.js';
import { describeError, diagnoseDataFile } from './storage/diagnose.js';
import { sqliteInWorker } from './storage/workerStorage.js';
import type { Storage } from './storage/storage.js';
import { foldHere, storedBytes } from './storage/compaction.js';
import { UpdateWriter } from './storage/updateWriter.js';
import { SYNC_PATH_PREFIX, handleConnection, type ConnectionDeps } from './sync/connection.js';
import { originAllowed } from './auth/origin.js';
import { setUpAccounts, type AccountsWiring } from './accountsSetup.js';
import { ReusedAccess } from './auth/reusedAccess.js';
import { setUpInbox } from './inbox/setup.js';
import type { ReviewEvents } from './reviews/events.js';
import { loadSecret } from './auth/secret.js';
import { TokenIssuer } from './auth/tokens.js';
import { KeepAlive } from './sync/keepAlive.js';
import { SyncSocket } from './sync/syncSocket.js';
import { unreadableReporter } from './unreadable.js';
import { RoomRegistry } from './sync/roomRegistry.js';
import { journeyRoomPolicy } from './syncPolicy.js';

/** Documents waiting for the compaction worker; past that, a compaction waits for a later write. */
const COMPACTIONS_WAITING = 64;
/** Stored documents smaller than this fold on the main thread (a few milliseconds). */
const FOLD_HERE_BELOW_BYTES = 256 << 10;

export interface RunningServer {
  port: number;
  url: string;
  /** Closes every connection, writes everything accepted, closes storage. */
  stop(): Promise<void>;
  /** Review requests' events (server/reviews/events.ts), for the inbox, the outbox and tests. */
  reviews: ReviewEvents;
}

export interface StartOptions {
  /** A bus to use instead of the one REDIS_URL configures (servers sharing a process in tests). */
  bus?: Bus;
}

function openStorage(config: Config): Storage {
  if (config.DATABASE_URL) {
    return new PostgresStorage({
      connectionString: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
      poolSize: config.DATABASE_POOL_SIZE,
    });
  }
  return sqliteInWorker({ file: sqliteFile(config) });
}

const sqliteFile = (config: Config) => path.join(config.DATA_DIR, 'journeyboard.db');

/** The WebSocket endpoint: upgrades under /sync/ only, every refusal in the JSON error shape. */
function syncSocketServer(
  httpServer: http.Server,
  maxPayload: number,
): SocketServer<typeof SyncSocket> {
  const wss = new WebSocketServer<typeof SyncSocket>({
    WebSocket: SyncSocket,
    noServer: true,
    perMessageDeflate: false,
    maxPayload,
    // Chosen when offered, so a token can travel beside it instead of in the URL (syncAuth.ts).
    handleProtocols: (offered) => (offered.has(SYNC_PROTOCOL) ? SYNC_PROTOCOL : false),
  });
  // A handshake ws refuses (no key, wrong version or method) gets the JSON error shape too.
  wss.on('wsClientError', (err, socket) =>
    endWithError(socket, err.message === 'Invalid HTTP method' ? 405 : 400, err.message),
  );
  httpServer.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith(SYNC_PATH_PREFIX)) {
      endWithError(socket, 404, 'no WebSocket endpoint here; boards sync at /sync/<board id>');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  return wss;
}

/** Listens, and answers the port bound (the one asked for, or a free one for port 0). */
async function listen(httpServer: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  return (httpServer.address() as AddressInfo).port;
}

/** Storage started, and the bus connected when REDIS_URL asks for one. */
async function startBackends(
  config: Config,
  log: Logger,
  metrics: Metrics,
  given: Bus | undefined,
): Promise<{ storage: Storage; bus: Bus | null }> {
  const storage = openStorage(config);
  let bus: Bus | null = given ?? null;
  try {
    await storage.init().catch((err: unknown) => {
      const where = config.DATABASE_URL ? redactUrl(config.DATABASE_URL) : config.DATA_DIR;
      const why = config.DATABASE_URL ? null : diagnoseDataFile(sqliteFile(config));
      throw new Error(
        `${storage.kind} storage at ${where} could not start: ${describeError(err)}${why ? `; ${why}` : ''}`,
      );
    });
    if (!bus && config.REDIS_URL) {
      bus = await RedisBus.connect(
        {
          url: config.REDIS_URL,
          prefix: config.REDIS_PREFIX,
          instanceId: config.INSTANCE_ID,
          heartbeatMs: config.BUS_HEARTBEAT_MS,
        },
        log,
        metrics,
      );
    }
  } catch (err) {
    await storage.close().catch(() => {});
    throw err;
  }
  return { storage, bus };
}

interface RegistryParts {
  storage: Storage;
  writer: UpdateWriter;
  bus: Bus | null;
  /** The worker that folds large logs into snapshots. */
  compactions: JobPool;
  log: Logger;
  metrics: Metrics;
}

function createRegistry(
  config: Config,
  { storage, writer, bus, compactions, log, metrics }: RegistryParts,
): RoomRegistry {
  const registry = new RoomRegistry(
    storage,
    writer,
    {
      unloadGraceMs: config.ROOM_UNLOAD_GRACE_MS,
      compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
      compactAfterBytes: config.COMPACT_AFTER_BYTES,
      bus,
      resyncIntervalMs: config.BUS_RESYNC_INTERVAL_MS,
      // A small log folds here faster than a thread hop; a large one never here.
      foldDoc: async (stored) =>
        storedBytes(stored) < FOLD_HERE_BELOW_BYTES
          ? foldHere(stored)
          : (await compactions.run('compact', stored)).update,
      policy: journeyRoomPolicy,
      limits: {
        maxAwarenessBytes: config.MAX_AWARENESS_BYTES,
        maxRoomAwarenessBytes: config.MAX_ROOM_AWARENESS_BYTES,
        maxBoardBytes: config.MAX_BOARD_BYTES,
        rateAwarenessPerSec: config.RATE_AWARENESS_PER_SEC,
        slowSocketSoftBytes: config.SLOW_SOCKET_SOFT_BYTES,
        slowSocketHardBytes: config.SLOW_SOCKET_HARD_BYTES,
        awarenessBatchMs: config.AWARENESS_BATCH_MS,
        presenceInterest: {
          offscreenMs: config.PRESENCE_OFFSCREEN_MS,
          screenWidth: config.PRESENCE_SCREEN_WIDTH,
          screenHeight: config.PRESENCE_SCREEN_HEIGHT,
        },
      },
    },
    log,
    metrics,
  );
  mirrorBoardListing(registry, storage, log);
  return registry;
}

/** The mail outbox's sender when SMTP_URL is set; mail waits in storage, so it starts at once. */
/**
 * What an upgrade may do: in open mode a share link's admission is reused for a second (S137),
 * forgotten at once when the board's links are replaced or it is deleted, here or elsewhere.
 */
function syncAccessOf(
  config: Config,
  accounts: AccountsWiring,
  registry: RoomRegistry,
  metrics: Metrics,
): ConnectionDeps['access'] {
  if (config.AUTH_MODE !== 'open') return accounts.syncAccess;
  const reused = new ReusedAccess(
    (boardId, token) => accounts.syncAccess(boardId, token, undefined),
    (hit) => metrics.syncAccessChecks.inc({ outcome: hit ? 'reused' : 'checked' }),
  );
  registry.onLinksRevoked((boardId) => reused.forgetBoard(boardId));
  return (boardId, token) => reused.access(boardId, token);
}

function startMailer(config: Config, storage: Storage, log: Logger, metrics: Metrics) {
  if (!config.SMTP_URL) return null;
  const mailer = new Mailer({
    store: storage.mail,
    transport: smtpTransport(config.SMTP_URL),
    from: config.SMTP_FROM,
    instanceId: config.INSTANCE_ID,
    log,
    metrics,
    retryMinMs: config.MAIL_RETRY_MIN_MS,
    retryMaxMs: config.MAIL_RETRY_MAX_MS,
    giveUpMs: config.MAIL_GIVE_UP_MS,
  });
  metrics.readMailQueuedFrom(async () => (await storage.mail.countMail()).pending);
  mailer.start();
  return mailer;
}

/** Where large imports and survey files are parsed, off the event loop. */
const importPool = (config: Config, log: Logger, metrics: Metrics) =>
  new JobPool(config.IMPORT_WORKERS, config.IMPORT_QUEUE_LENGTH, log, {
    inProgress: (jobs) => metrics.importsInProgress.set(jobs),
    refused: () => metrics.importsRefused.inc(),
  });

/** One worker folds logs into snapshots: rebuilding a large board stalled every socket. */
const compactionPool = (log: Logger) =>
  new JobPool(1, COMPACTIONS_WAITING, log, { inProgress: () => {}, refused: () => {} });

export async function startServer(
  config: Config,
  parentLog: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
  const log = parentLog.child({ instance: config.INSTANCE_ID });
  // SQLite's file and a generated AUTH_SECRET live here.
  mkdirSync(config.DATA_DIR, { recursive: true });
  const metrics = createMetrics();
  const { storage, bus } = await startBackends(config, log, metrics, options.bus);
  const writer = new UpdateWriter(storage, config.FLUSH_DELAY_MS, log, metrics);
  const compactions = compactionPool(log);
  const registry = createRegistry(config, { storage, writer, bus, compactions, log, metrics });
  const activity = new ActivityRecorder(registry, storage, log);
  const boards = new Boards(storage, registry, unreadableReporter(log, metrics));
  const mailer = startMailer(config, storage, log, metrics);
  const secret = loadSecret(config.AUTH_SECRET, config.DATA_DIR);
  const tokens = new TokenIssuer(secret);
  const inbox = await setUpInbox({
    mode: config.AUTH_MODE,
    storage,
    registry,
    bus,
    log,
    mailer,
    secret,
    mail: {
      publicUrl: config.PUBLIC_URL ?? null,
      digestMs: config.NOTIFY_DIGEST_MS,
      instanceId: config.INSTANCE_ID,
    },
  });
  const accounts = await setUpAccounts(config, {
    notices: inbox.notices,
    storage,
    tokens,
    secret,
    log,
    disconnectUser: (userId, why) => registry.closeConnectionsOf(userId, why),
    disconnectCredential: (credential) => registry.closeConnectionsAdmittedBy(credential),
    mailer,
  });
  const { boardAccess: access, ownership } = accounts;
  const parts = { storage, boards, registry, log, metrics, access, ownership, activity };
  const features = boardFeatures(config, parts);
  inbox.followReviews(features.reviews.events);
  inbox.followMetricAlerts(boards);
  const imports = importPool(config, log, metrics);
  const app = createApp({
    boards,
    storage,
    tokens,
    metrics,
    log,
    adminToken: config.ADMIN_TOKEN,
    createToken: config.CREATE_TOKEN,
    jsonLimitBytes: config.JSON_BODY_LIMIT_BYTES,
    imports,
    images: features.images,
    anonymous: {
      bodyLimitBytes: config.ANONYMOUS_BODY_LIMIT_BYTES,
      limiter: new HourlyLimiter(config.ANONYMOUS_CREATES_PER_HOUR),
    },
    trustProxyHops: config.TRUST_PROXY,
    clientDir: config.CLIENT_DIR,
    bus,
    instanceId: config.INSTANCE_ID,
    activity,
    writesFailing: () => writer.isFailing,
    access,
    ownership,
    mountAccounts: (expressApp) => {
      inbox.mountPublic(expressApp);
      features.mountBeforeAccounts(expressApp);
      accounts.mount(expressApp);
      features.mountLinks(expressApp);
      inbox.mount(expressApp);
      features.mount(expressApp);
    },
  });
  // Host is checked by the app (a JSON 400), not by Node (a bare 400).
  const httpServer = http.createServer({ requireHostHeader: false }, app);
  httpServer.on('clientError', answerClientError);
  const wss = syncSocketServer(httpServer, config.MAX_MESSAGE_BYTES);
  const deps: ConnectionDeps = {
    registry,
    log,
    metrics,
    keepAlive: new KeepAlive(wss, config.PING_INTERVAL_MS),
    access: syncAccessOf(config, accounts, registry, metrics),
    originAllowed: (origin, host) => originAllowed(origin, host, config.ALLOWED_ORIGINS),
    maxConnectionsPerBoard: config.MAX_CONNECTIONS_PER_BOARD,
    maxConnectionsPerIp: config.MAX_CONNECTIONS_PER_IP,
    inbound: {
      docMessagesPerSec: config.RATE_DOC_PER_SEC,
      bytesPerSec: config.RATE_BYTES_PER_SEC,
      burstBytes: config.MAX_MESSAGE_BYTES,
    },
    trustProxyHops: config.TRUST_PROXY,
    perAddress: new Map(),
    retryWrites: () => writer.retryNow(),
  };
  wss.on('connection', (ws, req) => handleConnection(ws, req, deps));
  const port = await listen(httpServer, config.PORT, config.HOST);
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  log.info(
    {
      port,
      host: config.HOST,
      storage: storage.kind,
      ...(storage.kind === 'sqlite' ? { dataDir: config.DATA_DIR } : {}),
      bus: bus ? bus.kind : 'off',
      ...(config.REDIS_URL ? { redis: redactUrl(config.REDIS_URL) } : {}),
      // host:port only: SMTP_URL may carry a user and password.
      mail: mailer ? mailer.where : 'off',
    },
    'listening',
  );

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down: closing connections, writing pending updates');
      httpServer.close();
      deps.keepAlive.stop();
      accounts.close();
      features.close();
      await imports.close();
      registry.closeAll(CloseCode.GOING_AWAY, 'server shutting down');
      for (const ws of wss.clients) ws.terminate();
      try {
        // The mail being sent is finished; pending mail waits in the database.
        await inbox.stop();
        await mailer?.stop();
        // Pending activity entries become updates of their docs, drained with the rest.
        await activity.flushAll();
        await inbox.settled();
        await writer.drain(Date.now() + config.SHUTDOWN_TIMEOUT_MS);
        await registry.settle();
        await compactions.close();
      } finally {
        httpServer.closeAllConnections();
        await bus?.close();
        await storage.close();
      }
      log.info('stopped');
    })());

  return { port, url, stop, reviews: features.reviews.events };
}
