import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AUTH_MODES } from './auth/authMode.js';
import {
  OIDC_CONFIG_DOCS,
  oidcEnvSchema,
  OidcConfigError,
  parseOidcConfig,
  type OidcConfig,
} from './auth/oidcConfig.js';
import { IMAGE_CONFIG_DOCS, imageEnvSchema } from './images/imageConfig.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** `name@host` or `Display Name <name@host>` (one address, no line breaks). */
const MAIL_ADDRESS = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

/** Every environment variable the server reads; `CONFIG_DOCS` below says what each is for. */
export const envSchema = z
  .object({
    PORT: int(0, 65535).default(1234),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    FLUSH_DELAY_MS: int(0, 50).default(20),
    ROOM_UNLOAD_GRACE_MS: int(0, 3_600_000).default(30_000),
    PING_INTERVAL_MS: int(100, 600_000).default(30_000),
    COMPACT_AFTER_UPDATES: int(1, 1_000_000).default(500),
    COMPACT_AFTER_BYTES: int(1024, 1 << 30).default(4 << 20),
    MAX_MESSAGE_BYTES: int(1024, 1 << 30).default(16 << 20),
    MAX_AWARENESS_BYTES: int(256, 1 << 24).default(64 << 10),
    MAX_ROOM_AWARENESS_BYTES: int(1024, 1 << 28).default(2 << 20),
    MAX_BOARD_BYTES: int(1 << 16, 1 << 30).default(64 << 20),
    MAX_CONNECTIONS_PER_BOARD: int(1, 1_000_000).default(500),
    MAX_CONNECTIONS_PER_IP: int(1, 1_000_000).default(100),
    RATE_DOC_PER_SEC: int(1, 1_000_000).default(100),
    RATE_BYTES_PER_SEC: int(1024, 1 << 30).default(4 << 20),
    RATE_AWARENESS_PER_SEC: int(1, 1_000_000).default(60),
    AWARENESS_BATCH_MS: int(0, 1000).default(17),
    PRESENCE_OFFSCREEN_MS: int(0, 60_000).default(160),
    PRESENCE_SCREEN_WIDTH: int(100, 100_000).default(2560),
    PRESENCE_SCREEN_HEIGHT: int(100, 100_000).default(1600),
    SLOW_SOCKET_SOFT_BYTES: int(1024, 1 << 30).default(1 << 20),
    SLOW_SOCKET_HARD_BYTES: int(1024, 1 << 30).default(16 << 20),
    AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
    ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
    CREATE_TOKEN: z.string().min(8, 'CREATE_TOKEN must be at least 8 characters').optional(),
    AUTH_MODE: z.enum(AUTH_MODES).default('accounts'),
    SESSION_IDLE_HOURS: int(1, 24 * 365).default(24 * 14),
    SESSION_MAX_DAYS: int(1, 3650).default(30),
    SIGNIN_ATTEMPTS_PER_HOUR: int(1, 100_000).default(20),
    PASSWORD_HASH_COST: int(10, 18).default(17),
    WORKSPACE_CREATION: z.enum(['members', 'admins']).default('members'),
    REVIEW_OVERDUE_CHECK_MS: int(100, 86_400_000).default(900_000),
    REVIEW_REMINDER_DAYS: int(0, 3650).default(90),
    VOTE_CHECK_MS: int(100, 60_000).default(1_000),
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
    ANONYMOUS_BODY_LIMIT_BYTES: int(1024, 1 << 30).default(1 << 20),
    ANONYMOUS_CREATES_PER_HOUR: int(1, 1_000_000).default(30),
    IMPORT_WORKERS: int(1, 16).default(1),
    IMPORT_QUEUE_LENGTH: int(0, 1000).default(4),
    SHUTDOWN_TIMEOUT_MS: int(100, 600_000).default(10_000),
    CLIENT_DIR: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
      .default('public'),
    DATABASE_POOL_SIZE: int(1, 1000).default(10),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only')
      .default('journeyboard'),
    INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits and _ . - only')
      .optional(),
    TRUST_PROXY: int(0, 10).default(0),
    BUS_HEARTBEAT_MS: int(100, 60_000).default(2_000),
    BUS_RESYNC_INTERVAL_MS: int(0, 3_600_000).default(30_000),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
      .refine((v) => URL.canParse(v), 'is not a URL')
      .optional(),
    SMTP_FROM: z
      .string()
      .trim()
      .regex(MAIL_ADDRESS, 'must be an address: `name@host` or `Name <name@host>`')
      .default('journeyboard <journeyboard@localhost>'),
    MAIL_RETRY_MIN_MS: int(10, 3_600_000).default(30_000),
    MAIL_RETRY_MAX_MS: int(10, 86_400_000).default(3_600_000),
    MAIL_GIVE_UP_MS: int(100, 30 * 86_400_000).default(86_400_000),
    RESET_MAILS_PER_HOUR: int(1, 100_000).default(5),
    NOTIFY_DIGEST_MS: int(10, 86_400_000).default(600_000),
  })
  .extend(oidcEnvSchema.shape)
  .extend(imageEnvSchema.shape);

/** What the docs say of one variable; `npm run docs` writes the README and SECURITY.md tables. */
export interface SettingDoc {
  /** One line: what the variable does (its default and accepted range come from the schema). */
  meaning: string;
  /** What an unset variable means, for one without a default value (else "unset"). */
  unset?: string;
  /** For a protective limit: why it is there (SECURITY.md's limits table lists these). */
  why?: string;
}

/** One entry per variable of `envSchema`; the compiler refuses a missing or an unknown one. */
export const CONFIG_DOCS: { readonly [K in keyof typeof envSchema.shape]: SettingDoc } = {
  PORT: { meaning: 'HTTP and WebSocket port (`0` picks a free one)' },
  HOST: { meaning: 'address to bind (`0.0.0.0` to listen on all interfaces, as in containers)' },
  DATA_DIR: {
    meaning:
      'directory of the SQLite database (`journeyboard.db`) and of a generated `auth-secret`',
  },
  LOG_LEVEL: { meaning: 'pino log level; logs are JSON lines on stdout' },
  FLUSH_DELAY_MS: {
    meaning: 'group commit: updates received within this window are written in one transaction',
  },
  ROOM_UNLOAD_GRACE_MS: {
    meaning: 'how long an unused board stays in memory, so a quick reload does not read it again',
  },
  PING_INTERVAL_MS: {
    meaning: 'WebSocket ping; a socket that did not answer the last one is dropped',
  },
  COMPACT_AFTER_UPDATES: {
    meaning: "log entries after which a board's log is folded into a snapshot",
  },
  COMPACT_AFTER_BYTES: { meaning: "log bytes after which a board's log is folded into a snapshot" },
  MAX_MESSAGE_BYTES: {
    meaning:
      'largest WebSocket message accepted; a larger one is refused for good (4413). Our client sends changes in pieces of at most 256 KiB; a stock y-websocket client sends its whole offline backlog as one message',
    why: '`ws` `maxPayload`: a 10 MiB offline backlog of a stock client fits, a memory bomb does not',
  },
  MAX_AWARENESS_BYTES: {
    meaning: 'largest awareness frame, and all the presence states of one connection together',
    why: 'a cursor state is ~200 bytes; a connection may hold up to 8 client ids',
  },
  MAX_ROOM_AWARENESS_BYTES: {
    meaning:
      'all the presence states of one board together; past it new or growing states are dropped',
    why: 'every joiner is sent all of them in one frame, which must stay deliverable',
  },
  MAX_BOARD_BYTES: {
    meaning:
      'encoded size past which a board takes no new content (4513, retry later) until some is deleted; resent copies and deletions still pass, and compaction re-measures it',
    why: 'bounds memory per loaded board and disk per board',
  },
  MAX_CONNECTIONS_PER_BOARD: {
    meaning: 'open sockets per board (both its documents) on one instance',
    why: 'one board cannot take the whole server (4529, retry later)',
  },
  MAX_CONNECTIONS_PER_IP: {
    meaning: 'open sockets per client address on one instance',
    why: 'one address cannot exhaust sockets (4529)',
  },
  RATE_DOC_PER_SEC: {
    meaning:
      'document messages per second per connection, sustained (bursts of 3× pass); past it the socket is read more slowly, never closed',
    why: 'sustained editing is ~10–20 updates/s; a flood is slowed down and loses nothing',
  },
  RATE_BYTES_PER_SEC: {
    meaning:
      'bytes per second per connection, received plus the work they cause (answers to repeated sync requests), bursts of `MAX_MESSAGE_BYTES`; past it the socket is read more slowly',
    why: 'one socket cannot keep the event loop busy with large or costly frames',
  },
  RATE_AWARENESS_PER_SEC: {
    meaning: 'presence messages per second per connection, sustained (bursts of 3× pass)',
    why: 'cursors are sent ≤ 30/s; excess presence is dropped, not fatal',
  },
  AWARENESS_BATCH_MS: {
    meaning:
      'presence changes gathered into one frame per board (`0`: one event-loop turn); 17 keeps a client under 60 presence frames a second however many people move',
  },
  PRESENCE_OFFSCREEN_MS: {
    meaning:
      'how long a cursor or viewport move may wait for a client whose viewport does not show it, always sent as the latest state (W307; `0`: nobody waits)',
  },
  PRESENCE_SCREEN_WIDTH: {
    meaning:
      'CSS px of the screen a published viewport is assumed to fill: a viewport carries a centre and a zoom, not a size (W308)',
  },
  PRESENCE_SCREEN_HEIGHT: { meaning: 'CSS px of the height of that screen (W308)' },
  SLOW_SOCKET_SOFT_BYTES: {
    meaning: 'unsent bytes past which a socket gets no presence until it catches up',
    why: 'a slow reader costs memory; presence is resent whole on the next change',
  },
  SLOW_SOCKET_HARD_BYTES: {
    meaning:
      'unsent bytes (the frame being sent included, the whole-board frames it got on joining not) past which a socket is dropped',
    why: 'a reader that never reads cannot grow memory; its client resyncs on reconnect',
  },
  AUTH_SECRET: {
    meaning: 'signs share links; every instance of a cluster needs the same one',
    unset: 'generated into `DATA_DIR`',
  },
  ADMIN_TOKEN: { meaning: 'lists every board and acts as owner on any' },
  CREATE_TOKEN: {
    meaning: 'when set, creating or importing a board needs it as a Bearer token',
  },
  AUTH_MODE: {
    meaning:
      '`open`: no accounts, share links and typed names (a trusted network, a trial); `accounts`: people sign in (local accounts, plus single sign-on when `OIDC_ISSUER` is set); `oidc`: single sign-on only',
  },
  SESSION_IDLE_HOURS: {
    meaning: 'a session unused this long is signed out',
    why: 'a forgotten browser does not stay signed in',
  },
  SESSION_MAX_DAYS: {
    meaning: 'a session is signed out this long after sign-in, however busy',
    why: 'bounds what a stolen cookie is worth',
  },
  REVIEW_OVERDUE_CHECK_MS: {
    meaning:
      'how often each instance looks for overdue review requests (a reviewer is reminded once, from 09:00 on the day after the due date in their time zone) and for stale maps',
    why: 'a reminder arrives at most this late; each check is one query',
  },
  VOTE_CHECK_MS: {
    meaning:
      'how often each instance looks for timed dot votes past their deadline, ends them and reveals the results (a read of such a vote ends it at once too)',
    why: 'a timed vote is revealed at most this late; each check is one indexed query',
  },
  REVIEW_REMINDER_DAYS: {
    meaning:
      'days without an approved review (or since a board was made) after which its owners get one “last reviewed … ago” inbox item; an owner may change it per board or switch it off; `0`: none by default',
    why: 'journey maps lose relevance within a year; a quarterly look keeps them current',
  },
  SIGNIN_ATTEMPTS_PER_HOUR: {
    meaning:
      'password sign-in attempts per e-mail per hour (and 5× that per address); past it 429 with `Retry-After`, even for the right password',
    why: 'password guessing is slowed to a few tries an hour',
  },
  PASSWORD_HASH_COST: {
    meaning:
      "scrypt work factor of new password hashes, log2 of N (r=8, p=1; 17 is 128 MiB per check); existing hashes keep theirs. Below 17 is under OWASP's floor: for test suites only, and the server warns at start",
    why: 'each guess at a stolen hash costs what a sign-in costs the server',
  },
  WORKSPACE_CREATION: {
    meaning:
      'who may create another workspace (`POST /api/workspaces`): `members`: anyone signed in who is more than a guest somewhere; `admins`: only admins of some workspace',
    why: 'an install can keep one workspace per team, or let only its admins add more',
  },
  ALLOWED_ORIGINS: {
    meaning: 'comma-separated origins whose pages may open the sync socket (`*`: any)',
    unset: 'same origin only',
    why: 'pages on other sites cannot open sockets with a visitor’s links',
  },
  JSON_BODY_LIMIT_BYTES: {
    meaning: 'largest REST request body (imports, survey CSVs)',
    why: 'bounds the memory and parsing time of one request (413 past it)',
  },
  ANONYMOUS_BODY_LIMIT_BYTES: {
    meaning:
      'without `CREATE_TOKEN`: largest create or import body from a request without the admin token (413 past it)',
    why: 'someone without any link cannot make the server parse 10 MB',
  },
  ANONYMOUS_CREATES_PER_HOUR: {
    meaning:
      'without `CREATE_TOKEN`: boards one address may create or import per hour without a token (429 with `Retry-After` past it)',
    why: 'an open server cannot be filled with boards by one address',
  },
  IMPORT_WORKERS: {
    meaning: 'worker threads that parse, validate and build large imports and survey files',
    why: 'large bodies are parsed off the event loop, so no board stalls',
  },
  IMPORT_QUEUE_LENGTH: {
    meaning: 'large imports that may wait for a busy worker; past that, 503 with `Retry-After`',
    why: 'bounds waiting imports and their memory',
  },
  SHUTDOWN_TIMEOUT_MS: { meaning: 'how long a stopping server waits for pending writes' },
  CLIENT_DIR: {
    meaning: 'the built browser client to serve',
    unset: '`dist/client` of this package',
  },
  DATABASE_URL: {
    meaning: '`postgres://user:pass@host:5432/db`: boards in PostgreSQL instead of SQLite',
  },
  DATABASE_SCHEMA: { meaning: "PostgreSQL schema of journeyboard's tables" },
  DATABASE_POOL_SIZE: { meaning: 'PostgreSQL connections per instance' },
  REDIS_URL: {
    meaning: '`redis://host:6379`: instances act as one (needs `DATABASE_URL` and `AUTH_SECRET`)',
  },
  REDIS_PREFIX: {
    meaning: 'prefix of Redis channels and keys, so deployments can share one Redis',
  },
  INSTANCE_ID: {
    meaning: 'names this instance in logs, metrics, `/healthz` and on the bus',
    unset: 'host name + random',
  },
  TRUST_PROXY: {
    meaning: 'proxy hops whose `X-Forwarded-For` names the client (`1` behind the compose `lb`)',
  },
  BUS_HEARTBEAT_MS: {
    meaning: "instances' heartbeat on Redis; one silent for 3 beats is gone (its cursors too)",
  },
  BUS_RESYNC_INTERVAL_MS: {
    meaning: 'how often a board shared by instances checks it missed nothing (`0`: off)',
  },
  SMTP_URL: {
    meaning:
      '`smtp://user:pass@mail:587` (STARTTLS when offered) or `smtps://…:465`: e-mail (password resets, invitations) through this server; only its host and port are ever logged',
    unset: 'no e-mail: reset and invitation links are shown to copy',
  },
  SMTP_FROM: { meaning: 'sender of every e-mail' },
  MAIL_RETRY_MIN_MS: {
    meaning: 'first wait after a failed send; it doubles each time up to `MAIL_RETRY_MAX_MS`',
  },
  MAIL_RETRY_MAX_MS: { meaning: 'longest wait between two attempts to send one e-mail' },
  MAIL_GIVE_UP_MS: {
    meaning: 'an e-mail not sent this long after it was queued is marked failed (default a day)',
  },
  NOTIFY_DIGEST_MS: {
    meaning:
      'a batched notification e-mail waits this long after its first item for others (default 10 minutes)',
  },
  RESET_MAILS_PER_HOUR: {
    meaning:
      '"Forgot password?" requests per e-mail per hour (and 5× that per address); past it 429 with `Retry-After`',
    why: 'nobody can flood a mailbox, or the mail server, with reset links',
  },
  ...OIDC_CONFIG_DOCS,
  ...IMAGE_CONFIG_DOCS,
};

export type Config = Omit<z.infer<typeof envSchema>, 'INSTANCE_ID'> & {
  DATA_DIR: string;
  INSTANCE_ID: string;
  /** Single sign-on, parsed and checked; null without `OIDC_ISSUER`. */
  OIDC: OidcConfig | null;
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
  let oidc: OidcConfig | null = null;
  try {
    oidc = parseOidcConfig(given);
  } catch (err) {
    if (!(err instanceof OidcConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (config.SMTP_URL && !config.PUBLIC_URL)
    problems.push(
      '  PUBLIC_URL: required with SMTP_URL (links in e-mails are built from it, never from a request)',
    );
  if (config.MAIL_RETRY_MAX_MS < config.MAIL_RETRY_MIN_MS)
    problems.push('  MAIL_RETRY_MAX_MS: must be at least MAIL_RETRY_MIN_MS');
  if (config.AUTH_MODE === 'oidc' && !config.OIDC_ISSUER)
    problems.push(
      '  AUTH_MODE: oidc signs people in through OIDC_ISSUER only; set it (and OIDC_CLIENT_ID, PUBLIC_URL)',
    );
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    ...config,
    DATA_DIR: path.resolve(config.DATA_DIR),
    INSTANCE_ID: config.INSTANCE_ID ?? `${os.hostname()}-${randomBytes(3).toString('hex')}`,
    OIDC: oidc,
  };
}
