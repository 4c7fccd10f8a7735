/**
 * WebSocket close codes of the sync endpoint. Refusals accept the upgrade and then close,
 * because browsers hide the HTTP status of a failed upgrade. y-websocket 3.1 stops
 * reconnecting on 4400–4499 (final) and retries on everything else (45xx: retry later).
 */
export const CloseCode = {
  /** Server shutting down; the client reconnects (to another instance, later). */
  GOING_AWAY: 1001,
  /** A frame that is not valid y-websocket protocol. */
  BAD_MESSAGE: 4400,
  /** Missing, invalid or expired token. */
  UNAUTHORIZED: 4401,
  /** Token for another board. */
  FORBIDDEN: 4403,
  /** No such board (rooms are never created by connecting), or it was deleted. */
  NOT_FOUND: 4404,
  /** The board would grow past the largest size this server keeps. */
  TOO_LARGE: 4413,
  /** The connection sent more than its message budget. */
  RATE_LIMITED: 4429,
  /** The board could not be loaded or saved right now; try again later. */
  STORAGE_UNAVAILABLE: 4503,
  /** The socket did not read what it was sent; reconnecting resyncs it. */
  SLOW_CONSUMER: 4508,
  /** Too many connections to this board or from this address; try again later. */
  TOO_MANY_CONNECTIONS: 4529,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
