import { describe, expect, it } from 'vitest';
import { ApiError, isLinkGone, type BoardAccess } from '../../../../client/src/api.js';
import type { KnownBoard } from '../../../../client/src/boardLinks.js';
import {
  listedFromKnown,
  mayDelete,
  mayRename,
  parseShareLink,
  withFailure,
  withSummary,
} from '../../../../client/src/boards/knownList.js';
import { ROLE_LABELS } from '../../../../client/src/ui/roleLabels.js';
import { ROLES, type Role } from '../../../../shared/protocol/roles.js';

/** A token shaped like the server's (HS256 JWT); only its payload matters to the client. */
function token(role: string, boardId = 'board-123456'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ b: boardId, r: role, kv: 1 })}.c2lnbmF0dXJl`;
}

const ID = 'board-123456';

function known(tokens: KnownBoard['tokens'], title = 'Onboarding'): KnownBoard {
  return { id: ID, title, tokens, seenAt: 1 };
}

const SUMMARY: BoardAccess = {
  id: ID,
  title: 'Onboarding v2',
  mapType: 'service-blueprint',
  createdAt: '2026-06-01T10:00:00Z',
  updatedAt: '2026-06-10T10:00:00Z',
  role: 'editor',
};

describe('listedFromKnown', () => {
  it('uses the strongest link held and its role, loading until the server answers', () => {
    const entry = listedFromKnown(known({ viewer: token('viewer'), editor: token('editor') }));
    expect(entry).toMatchObject({
      id: ID,
      title: 'Onboarding',
      state: 'loading',
      token: token('editor'),
      role: 'editor',
      updatedAt: '',
    });
  });

  it('marks a board without any link as gone', () => {
    const entry = listedFromKnown(known({}));
    expect(entry.state).toBe('gone');
    expect(entry.token).toBeNull();
    expect(entry.role).toBeNull();
  });

  it('keeps the previous entry for the same link while refreshing', () => {
    const first = withSummary(listedFromKnown(known({ owner: token('owner') })), SUMMARY);
    expect(listedFromKnown(known({ owner: token('owner') }), first)).toBe(first);
  });

  it('starts over when the link changed (links replaced, a stronger one opened)', () => {
    const old = withSummary(listedFromKnown(known({ viewer: token('viewer') })), SUMMARY);
    const next = listedFromKnown(known({ viewer: token('viewer'), owner: token('owner') }), old);
    expect(next.state).toBe('loading');
    expect(next.role).toBe('owner');
  });
});

describe('withSummary and withFailure', () => {
  const loading = listedFromKnown(known({ editor: token('editor') }));

  it('takes title, map type, dates and role from the server', () => {
    const ready = withSummary(loading, { ...SUMMARY, role: 'commenter' });
    expect(ready).toMatchObject({
      state: 'ready',
      title: 'Onboarding v2',
      mapType: 'service-blueprint',
      updatedAt: SUMMARY.updatedAt,
      role: 'commenter',
      token: token('editor'),
    });
    expect(ready.problem).toBeUndefined();
  });

  it.each([401, 403, 404])('treats %i as a dead link', (status) => {
    const gone = withFailure(loading, new ApiError(status, 'the link was replaced'));
    expect(gone.state).toBe('gone');
    expect(gone.problem).toBe('the link was replaced');
    // Also once loaded: a deleted board is gone whatever was shown before.
    expect(withFailure(withSummary(loading, SUMMARY), new ApiError(status, 'x')).state).toBe(
      'gone',
    );
  });

  it('keeps a loaded entry through a network or server failure, and flags a new one', () => {
    const ready = withSummary(loading, SUMMARY);
    expect(withFailure(ready, new ApiError(0, 'offline'))).toBe(ready);
    expect(withFailure(ready, new ApiError(503, 'busy'))).toBe(ready);
    expect(withFailure(loading, new ApiError(0, 'offline'))).toMatchObject({
      state: 'error',
      problem: 'offline',
    });
  });

  it('isLinkGone only for 401, 403 and 404 API errors', () => {
    expect([401, 403, 404].every((s) => isLinkGone(new ApiError(s, '')))).toBe(true);
    expect(isLinkGone(new ApiError(500, ''))).toBe(false);
    expect(isLinkGone(new Error('404'))).toBe(false);
  });
});

describe('what a role may do on the boards page', () => {
  const cases: [Role | null, boolean, boolean][] = [
    ['owner', true, true],
    ['editor', true, false],
    ['commenter', false, false],
    ['viewer', false, false],
    [null, false, false],
  ];
  it.each(cases)('%s: rename %s, delete %s', (role, rename, del) => {
    expect(mayRename(role)).toBe(rename);
    expect(mayDelete(role)).toBe(del);
  });

  it('labels every role', () => {
    for (const role of ROLES) expect(ROLE_LABELS[role]).toBeTruthy();
  });
});

describe('parseShareLink', () => {
  const origin = 'https://maps.example.com';
  const viewer = token('viewer');

  it('reads a full link', () => {
    expect(parseShareLink(`${origin}/b/${ID}#token=${viewer}`, origin)).toEqual({
      ok: true,
      value: { boardId: ID, token: viewer, role: 'viewer' },
    });
  });

  it('reads a path-only link, with surrounding whitespace and a trailing slash', () => {
    const parsed = parseShareLink(`  /b/${ID}/#token=${token('owner')}\n`, origin);
    expect(parsed.ok && parsed.value).toEqual({
      boardId: ID,
      token: token('owner'),
      role: 'owner',
    });
  });

  it('works without an origin to compare with', () => {
    expect(parseShareLink(`http://localhost:8080/b/${ID}#token=${viewer}`).ok).toBe(true);
  });

  it('refuses a link to another server', () => {
    const parsed = parseShareLink(`https://other.example.org/b/${ID}#token=${viewer}`, origin);
    expect(parsed).toEqual({
      ok: false,
      message: expect.stringContaining('other.example.org') as unknown,
    });
  });

  it.each([
    ['', 'Paste a board link'],
    ['not a link at all', 'Paste a board link'],
    [`${origin}/`, 'Paste a board link'],
    [`${origin}/b/short#token=${viewer}`, 'Paste a board link'],
    [`${origin}/b/${ID}`, 'no token'],
    [`${origin}/b/${ID}?token=${viewer}`, 'no token'],
    [`${origin}/b/${ID}#token=abc`, 'damaged'],
    [`${origin}/b/${ID}#token=${token('admin')}`, 'damaged'],
  ])('refuses %j', (text, message) => {
    const parsed = parseShareLink(text, origin);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});
