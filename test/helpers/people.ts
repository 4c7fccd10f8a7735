import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/server.js';
import type { Client } from './clients.js';
import { removeDir, startTestServer, tempDataDir } from './server.js';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/**
 * A person at a browser, without the browser: keeps the session cookie the server sets and
 * sends a same-site Origin with every request, as a browser's fetch does.
 */
export class Person {
  cookie: string | null = null;

  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        origin: this.baseUrl,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.get('set-cookie');
    if (set?.startsWith('jb_session=')) {
      const value = set.split(';')[0]!;
      this.cookie = value === 'jb_session=' ? null : value;
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    return { status: res.status, body: parsed, headers: res.headers } satisfies Answer;
  }

  get = (path: string, headers?: Record<string, string>) =>
    this.call('GET', path, undefined, headers);
  post = (path: string, body: unknown = {}, headers?: Record<string, string>) =>
    this.call('POST', path, body, headers);
  patch = (path: string, body: unknown) => this.call('PATCH', path, body);
  delete = (path: string) => this.call('DELETE', path);
}

export const ADMIN = {
  name: 'Ada Admin',
  email: 'ada@example.com',
  password: 'correct horse battery',
};

/** Creates the first admin of a fresh install; the person is signed in. */
export async function setUpAdmin(baseUrl: string, workspaceName = 'Acme CX'): Promise<Person> {
  const admin = new Person(baseUrl);
  const { status, body } = await admin.post('/api/auth/setup', { ...ADMIN, workspaceName });
  if (status !== 201) throw new Error(`setup answered ${status}: ${JSON.stringify(body)}`);
  return admin;
}

/** Invites someone by link and signs them up through it; the new person is signed in. */
export async function inviteAndSignUp(
  admin: Person,
  workspaceId: string,
  who: { name: string; email: string; password: string },
  role: 'admin' | 'member' | 'guest' = 'member',
): Promise<Person> {
  const invited = await admin.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  if (invited.status !== 201) throw new Error(`invitation answered ${invited.status}`);
  const secret = new URL(String(invited.body.url)).hash.replace('#invite=', '');
  const person = new Person(admin.baseUrl);
  const signedUp = await person.post('/api/auth/signup', { ...who, invitation: secret });
  if (signedUp.status !== 201)
    throw new Error(`sign-up answered ${signedUp.status}: ${JSON.stringify(signedUp.body)}`);
  return person;
}

/**
 * A stock y-websocket provider that opens its socket with the person's session cookie and
 * their page's Origin, as a browser does (no token at all).
 */
export function connectAs(person: Person, wsUrl: string, room: string, doc = new Y.Doc()): Client {
  const headers = { origin: person.baseUrl, ...(person.cookie ? { cookie: person.cookie } : {}) };
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const closed = new Promise<number>((resolve) =>
    provider.on('closed', (event) => resolve(event.code)),
  );
  return { doc, provider, closed };
}

/** A server with accounts, its admin Ada (holding a personal access token) and a member Bob. */
export interface TwoPeople {
  server: RunningServer;
  ada: Person;
  bob: Person;
  workspaceId: string;
  adaToken: string;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

export async function twoPeople(env: Record<string, string> = {}): Promise<TwoPeople> {
  const dataDir = tempDataDir();
  const server = await startTestServer(dataDir, { AUTH_MODE: 'accounts', ...env });
  const ada = await setUpAdmin(server.url, 'Acme');
  const workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
  const bob = await inviteAndSignUp(ada, workspaceId, {
    name: 'Bob',
    email: 'bob@example.com',
    password: 'a long enough password',
  });
  const adaToken = String((await ada.post('/api/me/tokens', { name: 'bi job' })).body.token);
  const stop = async () => {
    await server.stop();
    removeDir(dataDir);
  };
  return { server, ada, bob, workspaceId, adaToken, stop };
}
