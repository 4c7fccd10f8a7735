/**
 * Single sign-on through the whole server: the real relying party routes against a real
 * OpenID Provider (oidc-provider in this process), the provider's login page driven over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { freePort } from '../helpers/backends.js';
import {
  ADA,
  ADMIN_GROUP,
  BOB,
  startOidcProvider,
  type TestOidcProvider,
} from '../helpers/oidcProvider.js';
import { Person } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir } from '../helpers/server.js';

const LABEL = 'Sign in with Acme SSO';

interface Sso {
  op: TestOidcProvider;
  server: RunningServer;
  dataDir: string;
}

async function startSso(env: Record<string, string>): Promise<Sso> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const op = await startOidcProvider({ redirectUri: `${publicUrl}/auth/oidc/callback` });
  const dataDir = tempDataDir();
  const server = await startTestServer(dataDir, {
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    OIDC_ISSUER: op.issuer,
    OIDC_CLIENT_ID: op.clientId,
    OIDC_CLIENT_SECRET: op.clientSecret,
    OIDC_ALLOW_INSECURE: 'true',
    OIDC_SCOPES: 'openid profile email groups',
    OIDC_ADMIN_GROUP: ADMIN_GROUP,
    OIDC_BUTTON_LABEL: LABEL,
    ...env,
  });
  return { op, server, dataDir };
}

async function stopSso({ op, server, dataDir }: Sso) {
  await server.stop();
  await op.close();
  removeDir(dataDir);
}

/** Signs `email` in through the provider; the person holds the session the server set. */
async function ssoSignIn(
  sso: Sso,
  email: string,
  returnTo = '/b/someBoard1',
): Promise<{ person: Person; landed: string | null; status: number }> {
  const person = new Person(sso.server.url);
  const start = await fetch(
    `${sso.server.url}/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
    {
      redirect: 'manual',
    },
  );
  expect(start.status).toBe(302);
  const pending = start.headers.get('set-cookie')!.split(';')[0]!;
  expect(pending).toMatch(/^jb_oidc_pending=./);
  const callback = await sso.op.login(start.headers.get('location')!, email);
  const back = await fetch(callback, { redirect: 'manual', headers: { cookie: pending } });
  const session = back.headers
    .getSetCookie()
    .find((c) => c.startsWith('jb_session='))
    ?.split(';')[0];
  person.cookie = session ?? null;
  return { person, landed: back.headers.get('location'), status: back.status };
}

describe('single sign-on (AUTH_MODE=accounts with OIDC)', () => {
  let sso: Sso;
  beforeAll(async () => {
    sso = await startSso({ AUTH_MODE: 'accounts' });
  });
  afterAll(() => stopSso(sso));

  it('S54: the sign-in page is told the button label; the password form stays', async () => {
    const config = (await new Person(sso.server.url).get('/api/auth/config')).body;
    expect(config).toMatchObject({ oidc: { label: LABEL }, localSignIn: true, needsSetup: true });
  });

  it('W144, S54: the first person through the provider is the admin, lands where they were going, and creates boards', async () => {
    const { person, landed, status } = await ssoSignIn(sso, ADA.email, '/b/someBoard1?view=table');
    expect(status).toBe(302);
    expect(landed).toBe('/b/someBoard1?view=table');
    const me = await person.get('/api/me');
    expect(me.body).toMatchObject({ email: ADA.email, name: ADA.name, kind: 'member' });
    expect((me.body.workspaces as { role: string }[])[0]?.role).toBe('admin');
    const created = await person.post('/api/boards', { title: 'Lifecycle' });
    expect(created.status).toBe(201);
    expect(created.body.id).toEqual(expect.any(String));
  });

  it('S54: a second person joins as a member, once; signing in again finds the same account', async () => {
    const first = await ssoSignIn(sso, BOB.email);
    const me = (await first.person.get('/api/me')).body;
    expect(me).toMatchObject({ email: BOB.email, kind: 'member' });
    expect((me.workspaces as { role: string }[])[0]?.role).toBe('member');
    const again = await ssoSignIn(sso, BOB.email);
    expect((await again.person.get('/api/me')).body.id).toBe(me.id);
  });

  it('S54: a callback without the pending cookie is refused with a page that says so', async () => {
    const start = await fetch(`${sso.server.url}/auth/oidc/login`, { redirect: 'manual' });
    const callback = await sso.op.login(start.headers.get('location')!, BOB.email);
    const back = await fetch(callback, { redirect: 'manual' });
    expect(back.status).toBe(400);
    expect(back.headers.get('set-cookie') ?? '').not.toMatch(/jb_session=[^;]/);
    expect(await back.text()).toMatch(/Sign-in failed/);
  });
});

describe('AUTH_MODE=oidc', () => {
  let sso: Sso;
  beforeAll(async () => {
    sso = await startSso({ AUTH_MODE: 'oidc' });
  });
  afterAll(() => stopSso(sso));

  it('S54: offers no password sign-in, sign-up or setup; single sign-on works', async () => {
    const stranger = new Person(sso.server.url);
    const config = (await stranger.get('/api/auth/config')).body;
    expect(config).toMatchObject({
      mode: 'oidc',
      localSignIn: false,
      needsSetup: false,
      oidc: { label: LABEL },
    });
    expect(
      (await stranger.post('/api/auth/login', { email: ADA.email, password: 'whatever it is' }))
        .status,
    ).toBe(403);
    expect(
      (
        await stranger.post('/api/auth/setup', {
          name: 'X',
          email: 'x@example.com',
          password: 'long enough pw',
          workspaceName: '',
        })
      ).status,
    ).toBe(403);
    const { person } = await ssoSignIn(sso, ADA.email);
    expect((await person.get('/api/me')).body).toMatchObject({ email: ADA.email });
  });
});
