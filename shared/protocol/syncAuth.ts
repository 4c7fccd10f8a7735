/**
 * How a client hands its share token to the sync socket without putting it in a URL (URLs end
 * up in proxy access logs and in browser console messages): as a WebSocket subprotocol next to
 * `journeyboard`, which the server selects. `?token=` in the query string works too.
 */
export const SYNC_PROTOCOL = 'journeyboard';
const TOKEN_PROTOCOL_PREFIX = `${SYNC_PROTOCOL}.token.`;

/**
 * The `protocols` a client offers to pass `token` (a JWT or an access token: only
 * subprotocol-safe characters); without one (a signed-in page, whose cookie goes along) only
 * `journeyboard`.
 */
export function tokenProtocols(token: string): string[] {
  return token ? [SYNC_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`] : [SYNC_PROTOCOL];
}

/** The token offered in a `Sec-WebSocket-Protocol` header, if any. */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  for (const entry of header?.split(',') ?? []) {
    const protocol = entry.trim();
    if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX))
      return protocol.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  return undefined;
}
