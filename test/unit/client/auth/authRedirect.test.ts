import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../../../../client/src/auth/authApi.js';
import { authRedirect, type Address } from '../../../../client/src/auth/authRedirect.js';
import { parseRoute } from '../../../../client/src/router.js';

const BOARD = 'board-123456';

function config(patch: Partial<AuthConfig> = {}): AuthConfig {
  return {
    mode: 'accounts',
    needsSetup: false,
    localSignIn: true,
    openSignup: false,
    oidc: null,
    passwordRules: { minLength: 10 },
    ...patch,
  };
}

/** Where the app goes from `href` (null: it shows the page). */
function redirect(href: string, cfg: AuthConfig, signedIn: boolean): string | null {
  const url = new URL(href, 'http://localhost');
  const address: Address = { pathname: url.pathname, search: url.search, hash: url.hash };
  return authRedirect(parseRoute(url.pathname, url.search, url.hash), cfg, signedIn, address);
}

describe('authRedirect in open mode', () => {
  const open = config({ mode: 'open', localSignIn: false });

  it('shows the boards page and boards exactly as before accounts', () => {
    expect(redirect('/', open, false)).toBeNull();
    expect(redirect(`/b/${BOARD}`, open, false)).toBeNull();
    expect(redirect(`/b/${BOARD}#token=a.b.c`, open, false)).toBeNull();
    expect(redirect('/nope', open, false)).toBeNull();
  });

  it('has no account pages: they lead home', () => {
    for (const page of [
      '/signin',
      '/setup',
      '/signup#invite=x',
      '/reset',
      '/account',
      '/workspace',
    ])
      expect(redirect(page, open, false)).toBe('/');
  });
});

describe('authRedirect in accounts and oidc modes', () => {
  for (const mode of ['accounts', 'oidc'] as const) {
    const cfg = config({ mode, localSignIn: mode === 'accounts' });

    it(`${mode}: sends whoever is not signed in from a page that needs a person to sign in`, () => {
      expect(redirect('/', cfg, false)).toBe('/signin');
      expect(redirect('/account', cfg, false)).toBe('/signin?returnTo=%2Faccount');
      expect(redirect('/workspace', cfg, false)).toBe('/signin?returnTo=%2Fworkspace');
      expect(redirect(`/b/${BOARD}`, cfg, false)).toBe(
        `/signin?returnTo=${encodeURIComponent(`/b/${BOARD}`)}`,
      );
    });

    it(`${mode}: lets a share link open its board without signing in (a guest)`, () => {
      expect(redirect(`/b/${BOARD}#token=a.b.c`, cfg, false)).toBeNull();
    });

    it(`${mode}: shows the pages that need a person to someone signed in`, () => {
      for (const page of ['/', '/account', '/workspace', `/b/${BOARD}`])
        expect(redirect(page, cfg, true)).toBeNull();
    });

    it(`${mode}: signed in, sign-in goes on to returnTo, and only a safe one`, () => {
      expect(redirect(`/signin?returnTo=${encodeURIComponent(`/b/${BOARD}`)}`, cfg, true)).toBe(
        `/b/${BOARD}`,
      );
      expect(redirect('/signin?returnTo=https%3A%2F%2Fevil.example', cfg, true)).toBe('/');
      expect(redirect('/signin', cfg, false)).toBeNull();
    });

    it(`${mode}: sign-up and reset links open whoever holds them`, () => {
      expect(redirect('/signup#invite=abc', cfg, false)).toBeNull();
      expect(redirect('/reset#secret=abc', cfg, false)).toBeNull();
    });
  }

  it('keeps the query of the page to come back to, never the fragment', () => {
    const cfg = config();
    expect(redirect('/account?tab=tokens#x=1', cfg, false)).toBe(
      `/signin?returnTo=${encodeURIComponent('/account?tab=tokens')}`,
    );
  });

  it('never redirects a page to itself (no redirect loop)', () => {
    const pages = ['/', '/signin', '/setup', '/signup', '/reset', '/account', '/workspace'];
    for (const needsSetup of [false, true])
      for (const signedIn of [false, true])
        for (const page of pages) {
          const target = redirect(page, config({ needsSetup }), signedIn);
          if (target !== null)
            expect(redirect(target, config({ needsSetup }), signedIn)).toBeNull();
        }
  });
});

describe('authRedirect on a fresh install', () => {
  const fresh = config({ needsSetup: true });

  it('sends every page to the admin set-up', () => {
    for (const page of ['/', '/signin', '/account', '/workspace', '/signup', `/b/${BOARD}`])
      expect(redirect(page, fresh, false)).toBe('/setup');
    expect(redirect('/setup', fresh, false)).toBeNull();
  });

  it('still opens a board by its share link (made before the upgrade)', () => {
    expect(redirect(`/b/${BOARD}#token=a.b.c`, fresh, false)).toBeNull();
  });

  it('once set up, the set-up page is gone', () => {
    expect(redirect('/setup', config(), true)).toBe('/');
    expect(redirect('/setup', config(), false)).toBe('/signin');
  });
});
