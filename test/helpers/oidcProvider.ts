/**
 * A real OpenID Provider for tests: panva's certified `oidc-provider`, in this process, on an
 * ephemeral loopback port over plain http (so the relying party needs OIDC_ALLOW_INSECURE).
 *
 * Its login page is ordinary HTML a browser can use. In Chromium (e2e), on
 * `/interaction/<uid>`: fill the `email` field (label "E-mail") and the `password` field
 * (label "Password", `TEST_PASSWORD` for every user), then click the "Sign in" button;
 * "Cancel" answers the relying party with `error=access_denied`. There is no consent page:
 * signing in grants the requested scopes, as for a first-party application.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, {
  type AccountClaims,
  type AdapterFactory,
  type AdapterPayload,
} from 'oidc-provider';

export const TEST_PASSWORD = 'test-password-1';

export interface TestUser {
  /** The provider's stable id (the `sub` claim). */
  sub: string;
  email: string;
  name: string;
  groups: string[];
  /** `undefined`: the `email_verified` claim is not sent at all. */
  emailVerified: boolean | undefined;
  /** A path on the provider, which serves a small SVG there (so browsers stay offline). */
  picture?: string;
}

export const ADA: TestUser = {
  sub: 'user-ada-0001',
  email: 'ada@example.com',
  name: 'Ada Admin',
  groups: ['journeyboard-admins'],
  emailVerified: true,
  picture: '/avatars/ada.svg',
};
export const BOB: TestUser = {
  sub: 'user-bob-0002',
  email: 'bob@example.com',
  name: 'Bob Member',
  groups: [],
  emailVerified: true,
};
const AVATAR =
  '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><circle cx="16" cy="16" r="16" fill="#6b5bd2"/></svg>';

export const ADMIN_GROUP = 'journeyboard-admins';

export interface OidcProviderOptions {
  /** The relying party's redirect URI, registered for both test clients. */
  redirectUri: string;
  clientId?: string;
  clientSecret?: string;
  /** A port to listen on (to bring a provider back where one was); default: any free one. */
  port?: number;
  /**
   * Put the profile, e-mail and groups claims in the ID token too. By default (as many
   * providers do) they are only at the userinfo endpoint when an access token is issued.
   */
  claimsInIdToken?: boolean;
}

export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>` */
  issuer: string;
  /** The confidential client (client_secret_basic). */
  clientId: string;
  clientSecret: string;
  /** A public client of the same redirect URI: no secret, PKCE only. */
  publicClientId: string;
  /** Requests the userinfo endpoint has answered so far. */
  readonly userinfoRequests: number;
  /** Adds (or replaces, by e-mail) a user who may sign in with `TEST_PASSWORD`. */
  addUser(user: TestUser): void;
  /**
   * Signs `email` in through the login page over HTTP, as a browser would (cookies, redirects,
   * form), starting from the relying party's authorization URL; resolves with the URL the
   * provider sends the browser back to (the callback with `code`, `state` and `iss`), which is
   * not requested. Rejects when the page refuses the login.
   */
  login(authorizeUrl: string | URL, email: string, password?: string): Promise<URL>;
  /** Presses "Cancel" on the login page: the callback carries `error=access_denied`. */
  deny(authorizeUrl: string | URL): Promise<URL>;
  close(): Promise<void>;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  const message = error ? `<p role="alert">${escapeHtml(error)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body>
<h1>Sign in to the test identity provider</h1>
${message}
<form method="post" action="${base}/login">
  <label>E-mail <input type="email" name="email" autocomplete="username" required autofocus></label>
  <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="${base}/abort"><button type="submit">Cancel</button></form>
</body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(html);
}

/** The login page and its two actions, on `/interaction/<uid>[/login|/abort]`. */
async function interaction(
  provider: Provider,
  users: Map<string, TestUser>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const [, uid, action] = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(
    new URL(req.url ?? '/', 'http://x').pathname,
  ) ?? [undefined, undefined, undefined];
  const details = await provider.interactionDetails(req, res);
  if (uid !== details.uid) return send(res, 400, 'Unknown sign-in.');
  if (req.method === 'GET' && !action) return send(res, 200, loginPage(uid));
  if (req.method !== 'POST') return send(res, 405, 'Method not allowed.');
  if (action === 'abort')
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
      { mergeWithLastSubmission: false },
    );
  const form = await readForm(req);
  const user = users.get((form.get('email') ?? '').trim().toLowerCase());
  if (!user || form.get('password') !== TEST_PASSWORD)
    return send(res, 401, loginPage(uid, 'Wrong e-mail or password.'));
  // Signing in grants what the client asked for: no separate consent page.
  const grant = new provider.Grant({
    accountId: user.sub,
    clientId: String(details.params.client_id),
  });
  grant.addOIDCScope(String(details.params.scope ?? 'openid'));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

function claimsOf(user: TestUser, issuer: string): AccountClaims {
  return {
    sub: user.sub,
    email: user.email,
    ...(user.emailVerified === undefined ? {} : { email_verified: user.emailVerified }),
    name: user.name,
    ...(user.picture ? { picture: `${issuer}${user.picture}` } : {}),
    groups: user.groups,
  };
}

async function listen(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'journeyboard-test';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const publicClientId = `${clientId}-public`;
  const users = new Map<string, TestUser>();
  const addUser = (user: TestUser) => users.set(user.email.toLowerCase(), user);
  addUser(ADA);
  addUser(BOB);

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    send(res, 503, 'Starting.');
  let userinfoRequests = 0;
  const server = http.createServer((req, res) => handle(req, res));
  const port = await listen(server, options.port ?? 0);
  const issuer = `http://127.0.0.1:${port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: publicClientId,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'picture'],
      groups: ['groups'],
    },
    conformIdTokenClaims: !options.claimsInIdToken,
    adapter: mapAdapterFactory(),
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, { uid }) => `/interaction/${uid}` },
    findAccount: async (_ctx, sub) => {
      const user = [...users.values()].find((u) => u.sub === sub);
      return user && { accountId: user.sub, claims: () => claimsOf(user, issuer) };
    },
  });
  const callback = provider.callback();
  handle = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path.startsWith('/avatars/')) {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      return res.end(AVATAR);
    }
    if (!path.startsWith('/interaction/')) {
      if (path === '/me') userinfoRequests += 1;
      return callback(req, res);
    }
    interaction(provider, users, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 400, escapeHtml(String(err)));
      else res.end();
    });
  };

  const drive = (authorizeUrl: string | URL, submit: (page: string, at: URL) => Submission) =>
    browse(new URL(authorizeUrl), options.redirectUri, submit);
  return {
    issuer,
    clientId,
    clientSecret,
    publicClientId,
    get userinfoRequests() {
      return userinfoRequests;
    },
    addUser,
    login: (authorizeUrl, email, password = TEST_PASSWORD) =>
      drive(authorizeUrl, (page, at) => ({
        action: formAction(page, at, 'login'),
        form: { email, password },
      })),
    deny: (authorizeUrl) =>
      drive(authorizeUrl, (page, at) => ({ action: formAction(page, at, 'abort'), form: {} })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * oidc-provider's storage, in a Map per provider (its own in-memory adapter warns on every
 * start). Expiry is left to the provider, which checks `exp` on every artifact it reads.
 */
function mapAdapterFactory(): AdapterFactory {
  const entries = new Map<string, AdapterPayload>();
  const uids = new Map<string, string>();
  return (model) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload) {
        entries.set(key(id), payload);
        if (model === 'Session' && typeof payload.uid === 'string') uids.set(payload.uid, id);
      },
      find: async (id) => entries.get(key(id)),
      findByUid: async (uid) => {
        const id = uids.get(uid);
        return id === undefined ? undefined : entries.get(key(id));
      },
      findByUserCode: async () => undefined,
      async consume(id) {
        const payload = entries.get(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const [k, payload] of entries) if (payload.grantId === grantId) entries.delete(k);
      },
    };
  };
}

interface Submission {
  action: URL;
  form: Record<string, string>;
}

/** The URL a form of the page posts to, the one whose action ends in `/<name>`. */
function formAction(page: string, at: URL, name: string): URL {
  for (const [, action] of page.matchAll(/<form[^>]*action="([^"]+)"/g))
    if (action!.endsWith(`/${name}`)) return new URL(action!.replaceAll('&amp;', '&'), at);
  throw new Error(`no ${name} form on the provider's page: ${page.slice(0, 300)}`);
}

/** A browser's cookies for one provider, by name (one host, so paths may be ignored). */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const cut = pair.indexOf('=');
      const name = pair.slice(0, cut).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || cut < 1) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(cut + 1).trim());
    }
  }
}

/**
 * Follows redirects from `start` with a fresh cookie jar; on a page, submits the form `submit`
 * picks, and goes on, until the provider redirects to `redirectUri`.
 */
async function browse(
  start: URL,
  redirectUri: string,
  submit: (page: string, at: URL) => Submission,
): Promise<URL> {
  const jar = new CookieJar();
  const target = new URL(redirectUri);
  let url = start;
  let body: URLSearchParams | undefined;
  let pages = 0;
  for (let hop = 0; hop < 20; hop += 1) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin === target.origin && next.pathname === target.pathname) return next;
      url = next;
      body = undefined;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200 || pages > 0)
      throw new Error(`the provider answered ${response.status}: ${page.slice(0, 300)}`);
    pages += 1;
    const { action, form } = submit(page, url);
    url = action;
    body = new URLSearchParams(form);
  }
  throw new Error('the provider never redirected back to the relying party');
}
