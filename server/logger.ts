import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; anything that could carry a credential is redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'journeyboard' },
    redact: {
      paths: [
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}

/** The path of a request URL without its query string (tokens travel in queries). */
export function pathOnly(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
