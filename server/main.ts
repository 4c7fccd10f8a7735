import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`journeyboard: ${err.message}\n`);
  process.exit(1);
}
const log = createLogger(config.LOG_LEVEL);

// Handlers go in before the server starts: a stop request while it starts (an orchestrator
// scaling down, a test) waits for the start, then shuts down cleanly.
const starting = startServer(config, log);
let signals = 0;
const shutdown = (signal: string) => {
  if (++signals > 1) process.exit(1);
  log.info({ signal }, 'signal received');
  starting
    .then((server) => server.stop())
    .then(
      () => process.exit(0),
      (err: unknown) => {
        log.fatal({ err }, 'shutdown could not write every update');
        process.exit(1);
      },
    );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

try {
  const server = await starting;
  // For the person who ran `npm start`; the JSON line above is for log collectors.
  process.stdout.write(`journeyboard is running at ${personUrl(server.port)}\n`);
} catch (err) {
  log.fatal({ err }, 'could not start');
  process.stderr.write(`journeyboard could not start: ${(err as Error).message}\n`);
  process.exit(1);
}

/** An address a browser on this machine opens: a wildcard HOST is not one. */
function personUrl(port: number): string {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
