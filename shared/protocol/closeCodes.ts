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
  /** The board could not be loaded or saved right now; try again later. */
  STORAGE_UNAVAILABLE: 4503,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
