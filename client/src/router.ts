import { useEffect, useState } from 'react';
import { HOME_PATH, safeReturnTo } from '../../shared/protocol/returnTo.js';

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
  /** The unsubscribe token rides in the fragment (`#token=`), never the query (W177). */
  | { page: 'unsubscribe'; token: string | null }
  | { page: 'account' }
  | { page: 'workspace' }
  | { page: 'portfolio' }
  | { page: 'not-found' };

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
    case '/unsubscribe':
      return { page: 'unsubscribe', token: fragmentParam(hash, 'token') };
    case '/account':
      return { page: 'account' };
    case '/workspace':
      return { page: 'workspace' };
    case '/portfolio':
      return { page: 'portfolio' };
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

/** A board's address opening at one card (a search hit, a touchpoint, a shared card's origin). */
export const cardPath = (boardId: string, cardId: string): string =>
  `/b/${encodeURIComponent(boardId)}?card=${encodeURIComponent(cardId)}`;

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
