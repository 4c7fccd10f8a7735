/**
 * Browsers send an Origin with every WebSocket handshake; a page of another site must not
 * open sockets with a visitor's token. Same origin (the Origin's host is the Host the request
 * came to) is allowed, plus ALLOWED_ORIGINS. No Origin at all means a non-browser client.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return true;
  if (allowed.includes(origin) || allowed.includes('*')) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
