/**
 * WebSocket close codes of the sync endpoint, one entry per code: the code and what it means
 * (docs/WIRE.md's table is generated from these by `npm run docs`). Refusals accept the upgrade
 * and then close, because browsers hide the HTTP status of a failed upgrade. Keep 4400–4499 for
 * "this will never work": stock y-websocket clients treat them as final (`stockClientRetries`).
 */
const CLOSE_CODES = {
  GOING_AWAY: {
    code: 1001,
    meaning: 'the server is shutting down (reconnect to another instance, or later)',
  },
  BAD_MESSAGE: {
    code: 4400,
    meaning:
      'a frame that is not valid y-websocket protocol (bad encoding, unknown message type, an update that does not decode or fails to apply)',
  },
  UNAUTHORIZED: {
    code: 4401,
    meaning: 'missing, invalid or expired token, or a share link the owner replaced',
  },
  FORBIDDEN: {
    code: 4403,
    meaning: 'a token for another board, or a page from an origin not allowed to connect',
  },
  NOT_FOUND: {
    code: 4404,
    meaning:
      'no such board, an invalid board id or document, or the board was deleted (rooms are never created by connecting)',
  },
  TOO_LARGE: {
    code: 4413,
    meaning:
      'a message larger than the server accepts (`MAX_MESSAGE_BYTES`); the client would send it again on every connect, so this is final',
  },
  STORAGE_UNAVAILABLE: {
    code: 4503,
    meaning: 'the board could not be loaded or saved right now, or is being reloaded; try again',
  },
  BOARD_FULL: {
    code: 4513,
    meaning:
      'the board is at its size limit (`MAX_BOARD_BYTES`) and takes no new content until some is deleted; deletions and resent copies still pass, and the client keeps its changes and retries',
  },
  IDENTITY_CHANGED: {
    code: 4509,
    meaning:
      'the signed-in person behind the connection changed (their name, or their role in the workspace); reconnecting carries the change',
  },
  SLOW_CONSUMER: {
    code: 4508,
    meaning:
      'the socket did not read what it was sent; reconnecting resyncs it (today such a socket is cut off without a close frame, so its client sees 1006)',
  },
  TOO_MANY_CONNECTIONS: {
    code: 4529,
    meaning: 'too many connections to this board or from this address; try again later',
  },
} as const satisfies Record<string, { code: number; meaning: string }>;

type CloseCodes = typeof CLOSE_CODES;

/** `CloseCode.NOT_FOUND` is 4404, and so on. */
export const CloseCode = Object.fromEntries(
  Object.entries(CLOSE_CODES).map(([name, { code }]) => [name, code]),
) as { readonly [K in keyof CloseCodes]: CloseCodes[K]['code'] };

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Every close code with its constant's name and meaning, in numeric order. */
export const closeCodeList = (): { name: keyof CloseCodes; code: CloseCode; meaning: string }[] =>
  (Object.keys(CLOSE_CODES) as (keyof CloseCodes)[])
    .map((name) => ({ name, ...CLOSE_CODES[name] }))
    .sort((a, b) => a.code - b.code);

/** What a stock y-websocket 3.1 client does on this close: 4400–4499 are final, it retries the rest. */
export const stockClientRetries = (code: number): boolean => !(code >= 4400 && code < 4500);
