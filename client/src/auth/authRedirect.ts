/**
 * Where the app sends someone before showing a page, by the server's auth mode and whether they
 * are signed in. Pure, so every case is a unit test.
 */

import { tokenFromHash } from '../boardLinks.js';
import { HOME_PATH } from '../../../shared/protocol/returnTo.js';
import { signInPath, type Route } from '../router.js';
import type { AuthConfig } from './authApi.js';

/** The parts of the address that matter here (the fragment holds share links' tokens). */
export interface Address {
  pathname: string;
  search: string;
  hash: string;
}

const ACCOUNT_PAGES = new Set<Route['page']>([
  'signin',
  'setup',
  'signup',
  'reset',
  'unsubscribe',
  'account',
  'workspace',
  // Not an account page, but one that exists only where there are workspaces.
  'portfolio',
]);

/**
 * Whether a page needs a signed-in person: the boards list, the account pages, and a board
 * opened without a share link in the fragment (a share link opens a board as a guest).
 */
export function needsPerson(route: Route, hash: string): boolean {
  switch (route.page) {
    case 'boards':
    case 'account':
    case 'workspace':
    case 'portfolio':
      return true;
    case 'board':
      return tokenFromHash(hash) === null;
    default:
      return false;
  }
}

/**
 * The path to go to instead of `route`, or null to show it. Open mode is today's app: no account
 * page exists there. A fresh install sets up its admin first (share links still open boards). A page that needs a person sends
 * whoever is not signed in to sign in, coming back afterwards; someone signed in skips sign-in.
 */
export function authRedirect(
  route: Route,
  config: AuthConfig,
  signedIn: boolean,
  address: Address,
): string | null {
  if (config.mode === 'open') return ACCOUNT_PAGES.has(route.page) ? HOME_PATH : null;
  if (config.needsSetup) {
    // A share link made before the upgrade still opens its board as a guest.
    const guestBoard = route.page === 'board' && !needsPerson(route, address.hash);
    return route.page === 'setup' || guestBoard ? null : '/setup';
  }
  if (route.page === 'setup') return signedIn ? HOME_PATH : '/signin';
  if (route.page === 'signin') return signedIn ? route.returnTo : null;
  if (!signedIn && needsPerson(route, address.hash))
    return signInPath(`${address.pathname}${address.search}`);
  return null;
}
