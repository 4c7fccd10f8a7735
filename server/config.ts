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
  MAX_MESSAGE_BYTES: int(1024, 1 << 30).default(16 << 20),
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
