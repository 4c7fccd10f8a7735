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

/** A connection URL without its password, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
