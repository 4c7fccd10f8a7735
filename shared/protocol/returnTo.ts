/**
 * Where to go after signing in (`/signin?returnTo=`, single sign-on's `returnTo`): followed only
 * as a path of this site, by the client and by the server alike (S50).
 */

/** The WHATWG URL both sides have (shared/ compiles against the ES lib alone), as far as used. */
declare const URL: new (
  input: string,
  base: string,
) => {
  origin: string;
  pathname: string;
  search: string;
};

/** Where a sign-in goes by default, and where any unsafe `returnTo` is sent instead. */
export const HOME_PATH = '/';
const RETURN_TO_MAX = 2000;
/** Pages a `returnTo` must not lead back to (a loop, or a page that only makes sense once). */
const NO_RETURN = /^\/(signin|setup|signup|reset)\/?$/;

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A `returnTo` reduced to a path on this site (path and query, no fragment: secrets live there
 * and this value may travel to the server); anything else (another origin, `//host`, `/\host`,
 * a scheme, control characters, a sign-in page) becomes `/`.
 */
export function safeReturnTo(value: unknown): string {
  const raw = typeof value === 'string' ? value : '';
  if (!raw || raw.length > RETURN_TO_MAX || !raw.startsWith('/')) return HOME_PATH;
  // Browsers read `\` as `/` and drop tabs and newlines, so `/\evil` and `/\t/evil` leave the site.
  if (raw.startsWith('//') || raw.includes('\\') || hasControlCharacter(raw)) return HOME_PATH;
  const base = 'https://journeyboard.invalid';
  let url;
  try {
    url = new URL(raw, base);
  } catch {
    return HOME_PATH;
  }
  // `/.//host` resolves to the path `//host`, which a browser reads as another site.
  if (url.origin !== base || url.pathname.startsWith('//') || NO_RETURN.test(url.pathname))
    return HOME_PATH;
  return `${url.pathname}${url.search}`;
}
