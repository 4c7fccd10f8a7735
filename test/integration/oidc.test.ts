/**
 * Single sign-on end to end, without mocks: the real relying party (server/auth/oidc.ts on
 * openid-client) against a real OpenID Provider (oidc-provider in this process), driven
 * through the provider's login page over HTTP.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  OidcRefusal,
  OidcSignIn,
  openPending,
  sealPending,
  type OidcPending,
} from '../../server/auth/oidc.js';
import { parseOidcConfig, type OidcConfig } from '../../server/auth/oidcConfig.js';
import { freePort } from '../helpers/backends.js';
import {
  ADA,
  ADMIN_GROUP,
  BOB,
  startOidcProvider,
  type TestOidcProvider,
  type TestUser,
} from '../helpers/oidcProvider.js';

const PUBLIC_URL = 'http://journeyboard.test:8080';
const REDIRECT_URI = `${PUBLIC_URL}/auth/oidc/callback`;
const SECRET = new TextEncoder().encode('s'.repeat(40));

function configFor(op: TestOidcProvider, env: Record<string, string> = {}): OidcConfig {
  const config = parseOidcConfig({
    OIDC_ISSUER: op.issuer,
    OIDC_CLIENT_ID: op.clientId,
    OIDC_CLIENT_SECRET: op.clientSecret,
    PUBLIC_URL,
    OIDC_ALLOW_INSECURE: 'true',
    OIDC_SCOPES: 'openid profile email groups',
    OIDC_ADMIN_GROUP: ADMIN_GROUP,
    ...env,
  });
  if (!config) throw new Error('OIDC_ISSUER is set, so there is a config');
  return config;
}

async function refusalOf(promise: Promise<unknown>): Promise<OidcRefusal> {
  const outcome = await promise.then(
    () => new Error('expected a refusal, the sign-in succeeded'),
    (err: unknown) => err,
  );
  if (!(outcome instanceof OidcRefusal)) throw outcome;
  return outcome;
}

/** Starts a sign-in at `rp` and logs `email` in at `op`: the callback and what was kept. */
async function signIn(
  rp: OidcSignIn,
  op: TestOidcProvider,
  email: string,
): Promise<{ callback: URL; pending: OidcPending; redirectUrl: URL }> {
  const { redirectUrl, pending } = await rp.begin('/b/board1234?view=table');
  const callback = await op.login(redirectUrl, email);
  return { callback, pending, redirectUrl: new URL(redirectUrl) };
}

let op: TestOidcProvider;
let rp: OidcSignIn;

beforeAll(async () => {
  op = await startOidcProvider({ redirectUri: REDIRECT_URI });
  rp = new OidcSignIn(configFor(op));
});
afterAll(() => op.close());
afterEach(() => {
  vi.useRealTimers();
});

describe('OIDC sign-in against a real provider', () => {
  it('S44, S45, S46, S51: signs Ada and Bob in with PKCE, state and nonce; Ada is an admin', async () => {
    const before = op.userinfoRequests;
    const ada = await signIn(rp, op, ADA.email);
    const params = ada.redirectUrl.searchParams;
    expect(ada.redirectUrl.origin).toBe(op.issuer);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('code_challenge')).not.toBe(ada.pending.codeVerifier);
    expect(params.get('state')).toBe(ada.pending.state);
    expect(params.get('nonce')).toBe(ada.pending.nonce);
    expect(params.get('scope')).toBe('openid profile email groups');
    expect(ada.pending.returnTo).toBe('/b/board1234?view=table');
    expect(ada.callback.searchParams.get('iss')).toBe(op.issuer);

    const identity = await rp.finish(ada.callback, ada.pending);
    expect(identity).toEqual({
      issuer: op.issuer,
      subject: ADA.sub,
      email: 'ada@example.com',
      emailVerified: true,
      name: 'Ada Admin',
      avatarUrl: `${op.issuer}/avatars/ada.svg`,
      groups: ['journeyboard-admins'],
    });
    expect(rp.isAdmin(identity)).toBe(true);
    // This provider keeps profile and e-mail claims out of the ID token: userinfo was asked.
    expect(op.userinfoRequests).toBe(before + 1);

    const bob = await signIn(rp, op, BOB.email);
    expect(bob.pending.state).not.toBe(ada.pending.state);
    expect(bob.pending.nonce).not.toBe(ada.pending.nonce);
    expect(bob.pending.codeVerifier).not.toBe(ada.pending.codeVerifier);
    const bobIdentity = await rp.finish(bob.callback, bob.pending);
    expect(bobIdentity).toMatchObject({
      subject: BOB.sub,
      email: 'bob@example.com',
      emailVerified: true,
      name: 'Bob Member',
      avatarUrl: null,
      groups: [],
    });
    expect(rp.isAdmin(bobIdentity)).toBe(false);
    expect(new OidcSignIn(configFor(op, { OIDC_ADMIN_GROUP: '' })).isAdmin(identity)).toBe(false);
  });

  it('S44: takes the claims from the ID token alone when it carries them', async () => {
    const rich = await startOidcProvider({ redirectUri: REDIRECT_URI, claimsInIdToken: true });
    try {
      const richRp = new OidcSignIn(configFor(rich));
      const { callback, pending } = await signIn(richRp, rich, ADA.email);
      const identity = await richRp.finish(callback, pending);
      expect(identity).toMatchObject({ email: ADA.email, name: ADA.name, groups: ADA.groups });
      expect(rich.userinfoRequests).toBe(0);
    } finally {
      await rich.close();
    }
  });

  it('the test provider’s login page refuses a wrong password or an unknown user', async () => {
    const { redirectUrl } = await rp.begin('/');
    await expect(op.login(redirectUrl, ADA.email, 'wrong password')).rejects.toThrow(
      /401.*Wrong e-mail or password/s,
    );
    await expect(op.login(redirectUrl, 'nobody@example.com')).rejects.toThrow(/401/);
  });

  it('S44: a public client (no secret) signs in with PKCE alone', async () => {
    const publicRp = new OidcSignIn(
      configFor(op, { OIDC_CLIENT_ID: op.publicClientId, OIDC_CLIENT_SECRET: '' }),
    );
    const { callback, pending } = await signIn(publicRp, op, BOB.email);
    expect((await publicRp.finish(callback, pending)).subject).toBe(BOB.sub);
  });

  it('S44: a code presented with another PKCE verifier is refused', async () => {
    const { callback, pending } = await signIn(rp, op, BOB.email);
    const other = (await rp.begin('/')).pending.codeVerifier;
    const refusal = await refusalOf(rp.finish(callback, { ...pending, codeVerifier: other }));
    expect(refusal.reason).toBe('code-invalid');
    expect(refusal.detail).toContain('invalid_grant');
  });

  it('S47: a code used twice is refused the second time', async () => {
    const { callback, pending } = await signIn(rp, op, ADA.email);
    expect((await rp.finish(callback, pending)).subject).toBe(ADA.sub);
    const refusal = await refusalOf(rp.finish(callback, pending));
    expect(refusal.reason).toBe('code-invalid');
    expect(refusal.status).toBe(400);
    expect(refusal.message).toMatch(/already used or has expired/);
  });

  it('S47: a code the provider let expire is refused', async () => {
    const { callback, pending } = await signIn(rp, op, ADA.email);
    // Only Date is faked: the provider and openid-client both read the clock from it.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 5 * 60_000 });
    const refusal = await refusalOf(rp.finish(callback, pending));
    expect(refusal.reason).toBe('code-invalid');
  });

  it('S45: a callback with another state is refused before its code is redeemed', async () => {
    const { callback, pending } = await signIn(rp, op, ADA.email);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'attacker-chosen-state');
    expect((await refusalOf(rp.finish(forged, pending))).reason).toBe('state-mismatch');
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    expect((await refusalOf(rp.finish(missing, pending))).reason).toBe('state-mismatch');
    // The pending of another sign-in in this browser does not fit either.
    const { pending: other } = await rp.begin('/');
    expect((await refusalOf(rp.finish(callback, { ...other, nonce: pending.nonce }))).reason).toBe(
      'state-mismatch',
    );
    // The code was never redeemed: with its own state the same answer still signs Ada in.
    expect((await rp.finish(callback, pending)).subject).toBe(ADA.sub);
  });

  it('S46: an ID token with another nonce is refused', async () => {
    const { callback, pending } = await signIn(rp, op, BOB.email);
    const refusal = await refusalOf(rp.finish(callback, { ...pending, nonce: 'another-nonce' }));
    expect(refusal.reason).toBe('nonce-mismatch');
  });

  it('S47: an answer from another provider with the same client (mix-up) is refused', async () => {
    // Provider B knows the same client id and redirect URI. The sign-in starts at A (state,
    // nonce, PKCE of A's pending) but the browser is sent to B, which answers with its own
    // code and `iss`: the callback then carries B's issuer where A's is expected.
    const other = await startOidcProvider({
      redirectUri: REDIRECT_URI,
      clientId: op.clientId,
      clientSecret: op.clientSecret,
    });
    try {
      const { redirectUrl, pending } = await rp.begin('/');
      const atB = new URL(redirectUrl);
      atB.host = new URL(other.issuer).host;
      const callback = await other.login(atB, ADA.email);
      expect(callback.searchParams.get('iss')).toBe(other.issuer);
      const refusal = await refusalOf(rp.finish(callback, pending));
      expect(refusal.reason).toBe('issuer-mismatch');
      const withoutIss = new URL(callback);
      withoutIss.searchParams.delete('iss');
      expect((await refusalOf(rp.finish(withoutIss, pending))).reason).toBe('issuer-mismatch');
      // The same answer is sound for B: A refused it for its issuer alone.
      const identity = await new OidcSignIn(configFor(other)).finish(callback, pending);
      expect(identity).toMatchObject({ issuer: other.issuer, subject: ADA.sub });
    } finally {
      await other.close();
    }
  });

  it('S45: the provider’s ?error=access_denied is refused as provider-error, with its state only', async () => {
    const { redirectUrl, pending } = await rp.begin('/b/board1234');
    const callback = await op.deny(redirectUrl);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const refusal = await refusalOf(rp.finish(callback, pending));
    expect(refusal.reason).toBe('provider-error');
    expect(refusal.status).toBe(403);
    expect(refusal.message).toBe(
      'The sign-in was cancelled, or the identity provider did not allow it.',
    );
    const forged = new URL(REDIRECT_URI);
    forged.search = new URLSearchParams({ error: 'access_denied', iss: op.issuer }).toString();
    expect((await refusalOf(rp.finish(forged, pending))).reason).toBe('state-mismatch');
  });

  it('S48: email_verified false is refused; an absent one is accepted as unverified', async () => {
    const eve: TestUser = {
      sub: 'user-eve-0003',
      email: 'eve@example.com',
      name: 'Eve Unverified',
      groups: [],
      emailVerified: false,
    };
    const nat: TestUser = { ...eve, sub: 'user-nat-0004', email: 'nat@example.com', name: 'Nat' };
    op.addUser(eve);
    op.addUser({ ...nat, emailVerified: undefined });
    const first = await signIn(rp, op, eve.email);
    const refusal = await refusalOf(rp.finish(first.callback, first.pending));
    expect(refusal.reason).toBe('email-unverified');
    expect(refusal.status).toBe(403);
    const second = await signIn(rp, op, nat.email);
    expect(await rp.finish(second.callback, second.pending)).toMatchObject({
      email: nat.email,
      emailVerified: false,
    });
  });

  it('S48, S49: OIDC_ALLOWED_DOMAINS admits its domains, verified, and no other', async () => {
    op.addUser({
      sub: 'user-carol-0005',
      email: 'carol@elsewhere.org',
      name: 'Carol Elsewhere',
      groups: [ADMIN_GROUP],
      emailVerified: true,
    });
    op.addUser({
      sub: 'user-dan-0006',
      email: 'Dan@Example.com',
      name: 'Dan',
      groups: [],
      emailVerified: undefined,
    });
    const domainRp = new OidcSignIn(
      configFor(op, { OIDC_ALLOWED_DOMAINS: 'EXAMPLE.com, @corp.example' }),
    );
    const ada = await signIn(domainRp, op, ADA.email);
    expect((await domainRp.finish(ada.callback, ada.pending)).subject).toBe(ADA.sub);
    const carol = await signIn(domainRp, op, 'carol@elsewhere.org');
    const refusal = await refusalOf(domainRp.finish(carol.callback, carol.pending));
    expect(refusal.reason).toBe('domain-not-allowed');
    const dan = await signIn(domainRp, op, 'dan@example.com');
    expect((await refusalOf(domainRp.finish(dan.callback, dan.pending))).reason).toBe(
      'email-unverified',
    );
  });

  it('S50: the token request uses PUBLIC_URL’s redirect URI, whatever host the callback reached', async () => {
    const { callback, pending } = await signIn(rp, op, BOB.email);
    const behindProxy = new URL(`http://10.0.0.7:1234/auth/oidc/callback${callback.search}`);
    expect((await rp.finish(behindProxy, pending)).subject).toBe(BOB.sub);
  });

  it('S52: a sealed pending sign-in started on one instance finishes on another', async () => {
    const { redirectUrl, pending } = await rp.begin('//evil.example/phish');
    expect(pending.returnTo).toBe('/');
    const cookie = await sealPending(pending, SECRET);
    for (const secret of [pending.state, pending.nonce, pending.codeVerifier])
      expect(cookie).not.toContain(secret);
    const callback = await op.login(redirectUrl, ADA.email);
    const otherInstance = new OidcSignIn(configFor(op));
    const opened = await openPending(cookie, SECRET);
    expect(opened).toEqual(pending);
    expect((await otherInstance.finish(callback, opened)).subject).toBe(ADA.sub);
  });
});

describe('OIDC discovery', () => {
  it('S53: an unreachable issuer is a clear refusal, retried once it answers', async () => {
    const port = await freePort();
    const config = configFor(op, { OIDC_ISSUER: `http://127.0.0.1:${port}` });
    const late = new OidcSignIn(config);
    const refusal = await refusalOf(late.begin('/'));
    expect(refusal.reason).toBe('provider-unreachable');
    expect(refusal.status).toBe(502);
    expect(refusal.detail).toContain(`OpenID discovery of http://127.0.0.1:${port} failed`);
    expect(refusal.detail).toMatch(/ECONNREFUSED/);
    await expect(late.ready()).rejects.toBeInstanceOf(OidcRefusal);

    const back = await startOidcProvider({
      redirectUri: REDIRECT_URI,
      port,
      clientId: op.clientId,
      clientSecret: op.clientSecret,
    });
    try {
      await late.ready();
      const { callback, pending } = await signIn(late, back, BOB.email);
      expect((await late.finish(callback, pending)).issuer).toBe(back.issuer);
    } finally {
      await back.close();
    }
  });

  it('S53: a wrong issuer path, and http without OIDC_ALLOW_INSECURE, are misconfigurations', async () => {
    const wrongPath = new OidcSignIn(configFor(op, { OIDC_ISSUER: `${op.issuer}/realms/acme` }));
    const refusal = await refusalOf(wrongPath.ready());
    expect(refusal.reason).toBe('provider-misconfigured');
    expect(refusal.detail).toContain('HTTP 404');
    // Past the config check (which refuses this combination), openid-client refuses it too.
    const insecure = new OidcSignIn({ ...configFor(op), allowInsecure: false });
    const https = await refusalOf(insecure.ready());
    expect(https.reason).toBe('provider-misconfigured');
    expect(https.detail).toMatch(/only requests to HTTPS are allowed/);
  });
});
