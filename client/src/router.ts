import { useEffect, useState } from 'react';

export type Route =
  | { page: 'boards' }
  | { page: 'board'; boardId: string }
  /** `returnTo` is a same-site path, already made safe to follow. */
  | { page: 'signin'; returnTo: string }
  | { page: 'setup' }
  /** The invitation secret rides in the fragment (`#invite=`), never the query. */
  | { page: 'signup'; invite: string | null }
  /** The one-time reset secret rides in the fragment (`#secret=`), never the query. */
  | { page: 'reset'; secret: string | null }
  | { page: 'account' }
  | { page: 'workspace' }
  | { page: 'not-found' };

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
export function safeReturnTo(raw: string | null | undefined): string {
  if (!raw || raw.length > RETURN_TO_MAX || !raw.startsWith('/')) return HOME_PATH;
  // Browsers read `\` as `/` and drop tabs and newlines, so `/\evil` and `/\t/evil` leave the site.
  if (raw.startsWith('//') || raw.includes('\\') || hasControlCharacter(raw)) return HOME_PATH;
  const base = 'https://journeyboard.invalid';
  let url: URL;
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

/** One value of a fragment written like a query (`#invite=…&x=…`), or null. */
export function fragmentParam(hash: string, name: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(name);
  return value ? value : null;
}

/** The page an address shows. Pure: `search` and `hash` are passed in (with or without ?/#). */
export function parseRoute(pathname: string, search = '', hash = ''): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  switch (path) {
    case '':
    case '/':
      return { page: 'boards' };
    case '/signin':
      return {
        page: 'signin',
        returnTo: safeReturnTo(new URLSearchParams(search).get('returnTo')),
      };
    case '/setup':
      return { page: 'setup' };
    case '/signup':
      return { page: 'signup', invite: fragmentParam(hash, 'invite') };
    case '/reset':
      return { page: 'reset', secret: fragmentParam(hash, 'secret') };
    case '/account':
      return { page: 'account' };
    case '/workspace':
      return { page: 'workspace' };
    default: {
      const match = /^\/b\/([A-Za-z0-9_-]{8,64})$/.exec(path);
      return match ? { page: 'board', boardId: match[1]! } : { page: 'not-found' };
    }
  }
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  const returnTo = safeReturnTo(path);
  return returnTo === HOME_PATH ? '/signin' : `/signin?returnTo=${encodeURIComponent(returnTo)}`;
}

/** Goes to an in-app path; `replace` leaves no history entry (a redirect, not a visit). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

const currentRoute = () => parseRoute(location.pathname, location.search, location.hash);

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    window.addEventListener('popstate', onChange);
    // A pasted invitation or reset link differs from the open one only by its fragment.
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener('hashchange', onChange);
    };
  }, []);
  return route;
}
