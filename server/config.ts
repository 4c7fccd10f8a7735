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
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
});

export type Config = Omit<z.infer<typeof envSchema>, 'DATABASE_URL' | 'REDIS_URL'> & {
  DATA_DIR: string;
};

export class ConfigError extends Error {}

/** Parses the environment once at start; every problem is named with its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { DATABASE_URL, REDIS_URL, ...config } = result.data;
  // Refuse rather than silently fall back to single-node storage the operator did not ask for.
  if (DATABASE_URL)
    throw new ConfigError(
      'DATABASE_URL is set, but PostgreSQL storage is not available in this version yet',
    );
  if (REDIS_URL)
    throw new ConfigError(
      'REDIS_URL is set, but Redis scale-out is not available in this version yet',
    );
  return { ...config, DATA_DIR: path.resolve(config.DATA_DIR) };
}
