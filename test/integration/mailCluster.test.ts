/**
 * Two instances sharing one PostgreSQL schema send each mail once (W150): both wake for the
 * same pending mail while the SMTP server refuses, and each mail arrives once when it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, freePort, testSchema } from '../helpers/backends.js';
import { ADMIN, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, spawnServer, tempDataDir, type ServerProcess } from '../helpers/server.js';
import { SmtpCatcher } from '../helpers/smtp.js';

const REQUESTS = 6;

let schema: Awaited<ReturnType<typeof testSchema>>;
let catcher: SmtpCatcher;
let dataDir: string;
const instances: ServerProcess[] = [];

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
      }),
    );
  }
}, 60_000);

afterAll(async () => {
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
