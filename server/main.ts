import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

let config;
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
  await starting;
} catch (err) {
  log.fatal({ err }, 'could not start');
  process.exit(1);
}
