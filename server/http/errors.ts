import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, Response } from 'express';
import type { ZodType } from 'zod';
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

/** A 400 naming the first field at fault, with every issue listed. */
export function refuse(res: Response, issues: { path: string; message: string }[]): void {
  sendError(res, 400, `invalid ${issues[0]?.path}: ${issues[0]?.message}`, { issues });
}

/** Zod's issues as `{ path, message }`, the path dotted (`(body)` for the body itself). */
export function fieldIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  return issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
}

/** Parses a body, answering 400 with the field at fault (and undefined) when it does not fit. */
export function parseBody<T>(schema: ZodType<T>, input: unknown, res: Response): T | undefined {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  refuse(res, fieldIssues(parsed.error.issues));
  return undefined;
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

/** Parser errors Node's HTTP server reports before any route runs, and their statuses. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADERS_TIMEOUT: 408,
};

/**
 * The HTTP server's `clientError` handler: a request Node could not parse (NUL in the path,
 * broken Content-Length, a missing Host, headers past 16 KiB) gets the same JSON error shape
 * as every other refusal instead of a bare 400, and the socket is closed.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[err.code ?? ''] ?? 400;
  endWithError(socket, status, `malformed request (${err.code ?? 'parse error'})`);
}

/** Answers on a bare socket (no response object: a parse error, a refused upgrade) and closes it. */
export function endWithError(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
