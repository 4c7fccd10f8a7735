import { describe, expect, it } from 'vitest';
import { fragmentParam, parseRoute, signInPath } from '../../../client/src/router.js';
import { safeReturnTo } from '../../../shared/protocol/returnTo.js';

const BOARD = 'board-123456';

describe('parseRoute', () => {
  it('reads the boards page and a board, with or without a trailing slash', () => {
    expect(parseRoute('/')).toEqual({ page: 'boards' });
    expect(parseRoute('')).toEqual({ page: 'boards' });
    expect(parseRoute(`/b/${BOARD}`)).toEqual({ page: 'board', boardId: BOARD });
    expect(parseRoute(`/b/${BOARD}/`, '', '#token=a.b.c')).toEqual({
      page: 'board',
      boardId: BOARD,
    });
  });

  it('refuses board ids the server would refuse (W5) and unknown paths', () => {
    expect(parseRoute('/b/short')).toEqual({ page: 'not-found' });
    expect(parseRoute(`/b/${'x'.repeat(65)}`)).toEqual({ page: 'not-found' });
    expect(parseRoute('/b/has.dot.in.it')).toEqual({ page: 'not-found' });
    expect(parseRoute('/nope')).toEqual({ page: 'not-found' });
    expect(parseRoute('/signin/extra')).toEqual({ page: 'not-found' });
  });

  it('reads the account pages', () => {
    expect(parseRoute('/setup')).toEqual({ page: 'setup' });
    expect(parseRoute('/account')).toEqual({ page: 'account' });
    expect(parseRoute('/account/')).toEqual({ page: 'account' });
    expect(parseRoute('/workspace')).toEqual({ page: 'workspace' });
    expect(parseRoute('/portfolio')).toEqual({ page: 'portfolio' });
  });

  it('reads sign-in with a safe returnTo, home when none or unsafe', () => {
    expect(parseRoute('/signin')).toEqual({ page: 'signin', returnTo: '/' });
    expect(parseRoute('/signin', `?returnTo=${encodeURIComponent(`/b/${BOARD}`)}`)).toEqual({
      page: 'signin',
      returnTo: `/b/${BOARD}`,
    });
    expect(parseRoute('/signin', '?returnTo=https://evil.example/')).toEqual({
      page: 'signin',
      returnTo: '/',
    });
  });

  it('S4: reads the invitation and reset secrets from the fragment, never the query', () => {
    expect(parseRoute('/signup', '', '#invite=s3cr3t')).toEqual({
      page: 'signup',
      invite: 's3cr3t',
    });
    expect(parseRoute('/signup', '?invite=s3cr3t', '')).toEqual({ page: 'signup', invite: null });
    expect(parseRoute('/reset', '', '#secret=abc-DEF_1')).toEqual({
      page: 'reset',
      secret: 'abc-DEF_1',
    });
    expect(parseRoute('/reset', '?secret=abc', '#')).toEqual({ page: 'reset', secret: null });
    expect(parseRoute('/reset', '', '#secret=')).toEqual({ page: 'reset', secret: null });
  });
});

describe('safeReturnTo', () => {
  it('keeps a same-site path and its query, drops the fragment', () => {
    expect(safeReturnTo('/')).toBe('/');
    expect(safeReturnTo(`/b/${BOARD}`)).toBe(`/b/${BOARD}`);
    expect(safeReturnTo('/account?tab=tokens')).toBe('/account?tab=tokens');
    expect(safeReturnTo(`/b/${BOARD}#token=a.b.c`)).toBe(`/b/${BOARD}`);
    expect(safeReturnTo('/a/../workspace')).toBe('/workspace');
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['https://evil.example/'],
    ['http:/evil.example'],
    ['javascript:alert(1)'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['b/relative'],
    ['%2F%2Fevil.example'],
    ['/.//evil.example'],
    ['/%2e//evil.example'],
    ['/a/..//evil.example'],
    ['/./\\evil.example'],
    [`/${'a'.repeat(2001)}`],
  ])('sends %j home', (raw) => {
    expect(safeReturnTo(raw)).toBe('/');
  });

  it('never returns to a sign-in page (a loop)', () => {
    for (const page of ['/signin', '/signin/', '/setup', '/signup', '/reset'])
      expect(safeReturnTo(page)).toBe('/');
    expect(safeReturnTo('/signin?returnTo=/signin')).toBe('/');
  });
});

describe('signInPath', () => {
  it('carries where to come back to, and nothing for home', () => {
    expect(signInPath('/')).toBe('/signin');
    expect(signInPath(`/b/${BOARD}`)).toBe(`/signin?returnTo=${encodeURIComponent(`/b/${BOARD}`)}`);
    expect(signInPath('//evil.example')).toBe('/signin');
  });
});

describe('fragmentParam', () => {
  it('reads one value of a query-like fragment', () => {
    expect(fragmentParam('#invite=a&x=1', 'invite')).toBe('a');
    expect(fragmentParam('invite=a', 'invite')).toBe('a');
    expect(fragmentParam('#x=1', 'invite')).toBeNull();
    expect(fragmentParam('', 'invite')).toBeNull();
  });
});
