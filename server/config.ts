import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: int(0, 65535).default(1234),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Group commit: updates received within this window are written in one transaction. */
  FLUSH_DELAY_MS: int(0, 50).default(20),
  /** How long an empty room stays in memory, so a quick reload does not reload from disk. */
  ROOM_UNLOAD_GRACE_MS: int(0, 3_600_000).default(30_000),
  PING_INTERVAL_MS: int(100, 600_000).default(30_000),
  /** Compact a document's update log into a snapshot past either threshold. */
  COMPACT_AFTER_UPDATES: int(1, 1_000_000).default(500),
  COMPACT_AFTER_BYTES: int(1024, 1 << 30).default(4 << 20),
  /** Largest WebSocket frame accepted; a first sync of a big offline board can be several MiB. */
  MAX_MESSAGE_BYTES: int(1024, 1 << 30).default(8 << 20),
  /** Largest awareness frame and largest single awareness state (cursors are ~200 bytes). */
  MAX_AWARENESS_BYTES: int(256, 1 << 24).default(64 << 10),
  /** Largest board kept (bytes of its update log); protects memory and disk. */
  MAX_BOARD_BYTES: int(1 << 16, 1 << 30).default(64 << 20),
  MAX_CONNECTIONS_PER_BOARD: int(1, 1_000_000).default(500),
  MAX_CONNECTIONS_PER_IP: int(1, 1_000_000).default(100),
  /** Token buckets per connection: sustained messages per second (bursts of 3× pass). */
  RATE_DOC_PER_SEC: int(1, 1_000_000).default(100),
  RATE_AWARENESS_PER_SEC: int(1, 1_000_000).default(60),
  /** Presence changes are gathered this long into one frame per room (0: one event-loop turn). */
  AWARENESS_BATCH_MS: int(0, 1000).default(10),
  /** Past the soft cap a slow socket gets no awareness; past the hard cap it is closed. */
  SLOW_SOCKET_SOFT_BYTES: int(1024, 1 << 30).default(1 << 20),
  SLOW_SOCKET_HARD_BYTES: int(1024, 1 << 30).default(16 << 20),
  /** Signs share-link tokens; generated into DATA_DIR when absent (single instance only). */
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  /** Lists every board and acts as owner anywhere; unset = no server-wide listing. */
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  /** When set, creating or importing a board needs it as a Bearer token. */
  CREATE_TOKEN: z.string().min(8, 'CREATE_TOKEN must be at least 8 characters').optional(),
  /** Comma-separated origins allowed to open the sync socket; unset = same origin only. */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean)
        : [],
    ),
  JSON_BODY_LIMIT_BYTES: int(1024, 1 << 30).default(10 << 20),
  SHUTDOWN_TIMEOUT_MS: int(100, 600_000).default(10_000),
  /** The built browser client; defaults to dist/client of this package. */
  CLIENT_DIR: z.string().min(1).optional(),
  /** PostgreSQL storage instead of SQLite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .default('public'),
  DATABASE_POOL_SIZE: int(1, 1000).default(10),
  /** Scale-out: instances relay rooms to each other over Redis pub/sub. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Namespaces channels and keys, so several deployments can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only')
    .default('journeyboard'),
  /** Names this instance in logs, metrics and on the bus; defaults to host name + random. */
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits and _ . - only')
    .optional(),
  /** Reverse-proxy hops in front of the server whose X-Forwarded-For is trusted. */
  TRUST_PROXY: int(0, 10).default(0),
  /** How often an instance tells the others it is alive (3 missed beats = gone). */
  BUS_HEARTBEAT_MS: int(100, 60_000).default(2_000),
  /** Anti-entropy: how often a relayed room asks the others for anything it missed (0 = off). */
  BUS_RESYNC_INTERVAL_MS: int(0, 3_600_000).default(30_000),
});

export type Config = Omit<z.infer<typeof envSchema>, 'INSTANCE_ID'> & {
  DATA_DIR: string;
  INSTANCE_ID: string;
};

export class ConfigError extends Error {}

/** Parses the environment once at start; every problem is named with its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset (compose files pass `ADMIN_TOKEN=` through when .env lacks it).
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(given);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  const problems: string[] = [];
  if (config.REDIS_URL && !config.DATABASE_URL)
    problems.push('  REDIS_URL: scale-out needs shared storage; set DATABASE_URL too');
  if (config.REDIS_URL && !config.AUTH_SECRET)
    problems.push('  AUTH_SECRET: required with REDIS_URL (every instance must sign links alike)');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    ...config,
    DATA_DIR: path.resolve(config.DATA_DIR),
    INSTANCE_ID: config.INSTANCE_ID ?? `${os.hostname()}-${randomBytes(3).toString('hex')}`,
  };
}
