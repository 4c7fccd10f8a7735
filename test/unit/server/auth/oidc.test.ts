import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  OidcRefusal,
  openPending,
  sealPending,
  type OidcPending,
} from '../../../../server/auth/oidc.js';
import { safeReturnTo } from '../../../../shared/protocol/returnTo.js';
import { groupsFrom, identityFromClaims } from '../../../../server/auth/oidcIdentity.js';

const SECRET = new TextEncoder().encode('k'.repeat(40));
const PENDING: OidcPending = {
  state: 'state-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  nonce: 'nonce-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
  codeVerifier: 'verifier-CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC',
  returnTo: '/b/board1234?view=table',
};

async function refusalOf(promise: Promise<unknown>): Promise<OidcRefusal> {
  const outcome = await promise.then(
    () => new Error('expected a refusal'),
    (err: unknown) => err,
  );
  if (!(outcome instanceof OidcRefusal)) throw outcome;
  return outcome;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('safeReturnTo', () => {
  it('S50: keeps a path on this site', () => {
    expect(safeReturnTo('/')).toBe('/');
    expect(safeReturnTo('/b/board1234')).toBe('/b/board1234');
    // The fragment stays behind: secrets live there, and this value travels to the server.
    expect(safeReturnTo('/b/board1234?view=table#card-1')).toBe('/b/board1234?view=table');
    expect(safeReturnTo('/workspace/../account')).toBe('/account');
  });

  it('S50: turns anything that could leave the site into /', () => {
    for (const hostile of [
      undefined,
      null,
      42,
      ['/b/x'],
      '',
      'b/board1234',
      'https://evil.example/',
      'javascript:alert(1)',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      '/.//evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      `/${'a'.repeat(2048)}`,
    ])
      expect(safeReturnTo(hostile), String(hostile)).toBe('/');
  });
});

describe('sealPending / openPending', () => {
  it('S52: round-trips, encrypted: nothing of the pending sign-in is readable in the cookie', async () => {
    const sealed = await sealPending(PENDING, SECRET);
    expect(sealed.split('.')).toHaveLength(5);
    const header = JSON.parse(Buffer.from(sealed.split('.')[0]!, 'base64url').toString('utf8'));
    expect(header).toEqual({ alg: 'dir', enc: 'A256GCM' });
    for (const part of sealed.split('.'))
      for (const secret of ['state-', 'nonce-', 'verifier-', 'board1234'])
        expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain(secret);
    expect(await openPending(sealed, SECRET)).toEqual(PENDING);
    expect(await sealPending(PENDING, SECRET)).not.toBe(sealed);
  });

  it('S52: refuses a tampered, truncated, foreign-key or missing cookie as sign-in-expired', async () => {
    const sealed = await sealPending(PENDING, SECRET);
    const parts = sealed.split('.');
    const flipped = (index: number) => {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      return parts.map((p, i) => (i === index ? bytes.toString('base64url') : p)).join('.');
    };
    const otherKey = new TextEncoder().encode('o'.repeat(40));
    for (const bad of [flipped(2), flipped(3), flipped(4), parts.slice(0, 4).join('.'), 'x'])
      expect((await refusalOf(openPending(bad, SECRET))).reason).toBe('sign-in-expired');
    expect((await refusalOf(openPending(sealed, otherKey))).reason).toBe('sign-in-expired');
    const missing = await refusalOf(openPending(undefined, SECRET));
    expect(missing.reason).toBe('sign-in-expired');
    expect(missing.status).toBe(400);
    expect(missing.message).toMatch(/took too long or was started in another browser/);
  });

  it('S52: refuses a sealed pending sign-in after 10 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const sealed = await sealPending(PENDING, SECRET);
    vi.setSystemTime(Date.now() + 9 * 60_000);
    expect((await openPending(sealed, SECRET)).state).toBe(PENDING.state);
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const refusal = await refusalOf(openPending(sealed, SECRET));
    expect(refusal.reason).toBe('sign-in-expired');
    expect(refusal.detail).toContain('ERR_JWT_EXPIRED');
  });

  it('S50, S52: seals only a safe returnTo, and refuses a key shorter than 32 bytes', async () => {
    const sealed = await sealPending({ ...PENDING, returnTo: '//evil.example' }, SECRET);
    expect((await openPending(sealed, SECRET)).returnTo).toBe('/');
    await expect(sealPending(PENDING, new Uint8Array(16))).rejects.toThrow(/at least 32 bytes/);
  });
});

describe('identityFromClaims', () => {
  const config = { allowedDomains: [], groupsClaim: 'groups', allowInsecure: false };
  const claims = {
    sub: 'sub-1',
    email: ' Ada@Example.com ',
    email_verified: true,
    name: 'Ada Admin',
    picture: 'https://img.example/ada.png',
    groups: ['a', 7, 'b'],
  };

  it('reads the identity: trims, keeps string groups, accepts only http(s) pictures', () => {
    expect(identityFromClaims(claims, 'https://id.example', config)).toEqual({
      issuer: 'https://id.example',
      subject: 'sub-1',
      email: 'Ada@Example.com',
      emailVerified: true,
      name: 'Ada Admin',
      avatarUrl: 'https://img.example/ada.png',
      groups: ['a', 'b'],
    });
    const other = { ...claims, picture: 'javascript:alert(1)', name: undefined, groups: 'solo' };
    expect(identityFromClaims(other, 'i', config)).toMatchObject({
      avatarUrl: null,
      name: 'Ada',
      groups: ['solo'],
    });
    const named = { ...claims, name: ' ', given_name: 'Ada', family_name: 'Lovelace' };
    expect(identityFromClaims(named, 'i', config).name).toBe('Ada Lovelace');
    const http = { ...claims, picture: 'http://img.example/a.png' };
    expect(identityFromClaims(http, 'i', config).avatarUrl).toBeNull();
    expect(identityFromClaims(http, 'i', { ...config, allowInsecure: true }).avatarUrl).toBe(
      'http://img.example/a.png',
    );
  });

  it('S48: refuses email_verified false, and accepts an absent one as unverified', () => {
    const reason = (c: Record<string, unknown>, domains: string[] = []) => {
      try {
        identityFromClaims(c, 'i', { ...config, allowedDomains: domains });
        return 'accepted';
      } catch (err) {
        return (err as OidcRefusal).reason;
      }
    };
    expect(reason({ ...claims, email_verified: false })).toBe('email-unverified');
    expect(reason({ ...claims, email_verified: 'false' })).toBe('email-unverified');
    const { email_verified: _, ...absent } = claims;
    expect(reason(absent)).toBe('accepted');
    expect(identityFromClaims(absent, 'i', config).emailVerified).toBe(false);
    expect(
      identityFromClaims({ ...claims, email_verified: 'true' }, 'i', config).emailVerified,
    ).toBe(true);
    expect(reason({ ...claims, email: undefined })).toBe('no-email');
    expect(reason({ ...claims, email: 'not an address' })).toBe('no-email');
    expect(reason({ ...claims, sub: '' })).toBe('token-invalid');
    // S49: with allowed domains, the domain must be listed and the address verified.
    expect(reason(claims, ['example.com'])).toBe('accepted');
    expect(reason(claims, ['other.example'])).toBe('domain-not-allowed');
    expect(reason({ ...claims, email: 'ada@sub.example.com' }, ['example.com'])).toBe(
      'domain-not-allowed',
    );
    expect(reason({ ...claims, email: 'a@evil.example@example.com' }, ['example.com'])).toBe(
      'no-email',
    );
    expect(reason(absent, ['example.com'])).toBe('email-unverified');
  });

  it('finds groups by claim name first, then by dotted path', () => {
    expect(groupsFrom({ realm_access: { roles: ['admins', 1] } }, 'realm_access.roles')).toEqual([
      'admins',
    ]);
    expect(
      groupsFrom({ 'https://corp.example/groups': ['x'] }, 'https://corp.example/groups'),
    ).toEqual(['x']);
    expect(groupsFrom({ groups: { nested: true } }, 'groups')).toEqual([]);
    expect(groupsFrom({}, 'a.b.c')).toEqual([]);
  });
});
