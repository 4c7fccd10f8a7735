/**
 * Two instances sharing one PostgreSQL schema send each mail once (W150): both wake for the
 * same pending mail while the SMTP server refuses, and each mail arrives once when it is back.
 * Both run notification e-mail rounds too (W176): each item is mailed once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, freePort, testSchema } from '../helpers/backends.js';
import { createThread } from '../../shared/model/comments.js';
import { disconnectAll, synced, waitForAsync, type Client } from '../helpers/clients.js';
import { ADMIN, connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import {
  removeDir,
  spawnServer,
  tempDataDir,
  wsUrlOf,
  type ServerProcess,
} from '../helpers/server.js';
import { SmtpCatcher } from '../helpers/smtp.js';

const REQUESTS = 6;

let schema: Awaited<ReturnType<typeof testSchema>>;
let catcher: SmtpCatcher;
let dataDir: string;
const instances: ServerProcess[] = [];
const clients: Client[] = [];

/** A counter or gauge of one instance's /metrics. */
async function metric(proc: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${proc.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? NaN);
}

beforeAll(async () => {
  schema = await testSchema();
  catcher = await SmtpCatcher.start();
  dataDir = tempDataDir();
  const publicPort = await freePort();
  for (const id of ['mail1', 'mail2']) {
    const port = id === 'mail1' ? publicPort : await freePort();
    instances.push(
      await spawnServer(`${dataDir}/${id}`, {
        PORT: String(port),
        INSTANCE_ID: id,
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema.schema,
        AUTH_SECRET: 'mail-cluster-secret-0123456789abcdef',
        AUTH_MODE: 'accounts',
        PUBLIC_URL: `http://127.0.0.1:${publicPort}`,
        SMTP_URL: catcher.url,
        MAIL_RETRY_MIN_MS: '50',
        MAIL_RETRY_MAX_MS: '100',
        RESET_MAILS_PER_HOUR: '100',
        NOTIFY_DIGEST_MS: '300',
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  disconnectAll(clients);
  for (const proc of instances) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
  await Promise.all(instances.map((p) => p.exited));
  await catcher.close();
  await schema.drop();
  removeDir(dataDir);
});

describe('mail from two instances on PostgreSQL (W150)', () => {
  it(
    'W150, S71: sends every mail once, though both instances try to',
    { timeout: 60_000 },
    async () => {
      const [one, two] = instances as [ServerProcess, ServerProcess];
      await setUpAdmin(one.url);
      await catcher.refuse();
      for (let i = 0; i < REQUESTS; i++) {
        const via = i % 2 ? two : one;
        const asked = await new Person(via.url).post('/api/auth/forgot', { email: ADMIN.email });
        expect(asked.status).toBe(202);
      }
      // Both have tried (and failed) to send: they contend for the same rows from now on.
      await one.logged('mail not sent; will retry');
      await two.logged('mail not sent; will retry');
      await catcher.accept();
      const mails = [];
      for (let i = 0; i < REQUESTS; i++) mails.push(await catcher.nextMessage());
      for (;;) {
        const queued =
          (await metric(one, 'journeyboard_mail_queued')) +
          (await metric(two, 'journeyboard_mail_queued'));
        if (queued === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const sent =
        (await metric(one, 'journeyboard_mail_sent_total')) +
        (await metric(two, 'journeyboard_mail_sent_total'));
      expect(sent).toBe(REQUESTS);
      expect(catcher.messages.length).toBe(REQUESTS);
      const links = mails.map((m) => /#secret=([A-Za-z0-9_-]+)/.exec(m.parsed.text ?? '')?.[1]);
      expect(new Set(links).size).toBe(REQUESTS);
    },
  );
});

describe('notification e-mail from two instances on PostgreSQL (W176)', () => {
  it('W176: both run rounds; each item is mailed once', { timeout: 60_000 }, async () => {
    const [one, two] = instances as [ServerProcess, ServerProcess];
    const ada = new Person(one.url);
    expect((await ada.post('/api/auth/login', ADMIN)).status).toBe(200);
    const me = (await ada.get('/api/me')).body as {
      id: string;
      name: string;
      workspaces: { id: string }[];
    };
    const people = ['Bea', 'Cy'];
    const ids: Record<string, string> = {};
    for (const name of people) {
      const person = await inviteAndSignUp(ada, me.workspaces[0]!.id, {
        name,
        email: `${name.toLowerCase()}@example.com`,
        password: 'someone walks the long quiet harbour',
      });
      ids[name] = String((await person.get('/api/me')).body.id);
    }
    const to = (name: string, pattern: RegExp) =>
      catcher.messages.filter(
        (m) =>
          m.envelopeTo.includes(`${name.toLowerCase()}@example.com`) &&
          pattern.test(m.parsed.text ?? ''),
      );
    const arrived = (name: string, pattern: RegExp, count: number) =>
      waitForAsync(
        () => Promise.resolve(to(name, pattern).length >= count),
        30_000,
        `${count} mail(s) to ${name}`,
      );
    for (const name of people) await arrived(name, /added you/, 1);

    // Ada writes through both instances at once: each mentions both people on its own board.
    const boards = await Promise.all(
      [one, two].map(async (via, i) => {
        const id = String((await ada.post('/api/boards', { title: `Board ${i}` })).body.id);
        const there = new Person(via.url);
        there.cookie = ada.cookie;
        const client = connectAs(there, wsUrlOf(via.url), `${id}/comments`);
        clients.push(client);
        await synced(client);
        return client.doc;
      }),
    );
    for (const doc of boards)
      createThread(doc, {
        anchor: { kind: 'point', x: 1, y: 1 },
        author: { id: me.id, name: me.name },
        body: 'See this',
        mentions: Object.values(ids),
      });
    for (const name of people) await arrived(name, /mentioned you/, 1);
    // A later item on each instance: once it is mailed, the rounds before it are over.
    createThread(boards[1]!, {
      anchor: { kind: 'point', x: 2, y: 2 },
      author: { id: me.id, name: me.name },
      body: 'And this',
      mentions: Object.values(ids),
    });
    for (const name of people) await arrived(name, /And this/, 1);
    for (const name of people) {
      expect(to(name, /added you/)).toHaveLength(1);
      const mentions = to(name, /See this/);
      // One e-mail for both boards' items (the same batch), or one each: never a repeat.
      const listed = mentions.flatMap((m) => (m.parsed.text ?? '').match(/See this/g) ?? []);
      expect(listed).toHaveLength(2);
      expect(to(name, /And this/)).toHaveLength(1);
    }
  });
});
