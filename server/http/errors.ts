import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';

/** Every error answer has one shape: `{ error: string, ...details }`. */
export function sendError(
  res: Response,
  status: number,
  message: string,
  details: object = {},
): void {
  res.status(status).json({ error: message, ...details });
}

interface HttpError {
  status?: number;
  type?: string;
  message?: string;
}

/** Body-parser errors become 400/413 with their reason; anything else is a 500 without a stack. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: HttpError, req, res, _next) => {
    if (err.type === 'entity.parse.failed')
      return sendError(res, 400, `request body is not valid JSON: ${err.message}`);
    if (err.type === 'entity.too.large') return sendError(res, 413, 'request body is too large');
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return sendError(res, err.status, err.message ?? 'bad request');
    }
    log.error({ err, method: req.method, path: req.path }, 'request failed');
    sendError(res, 500, 'internal error');
  };
}
