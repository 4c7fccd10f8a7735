/**
 * E-mail through a real SMTP server (test/helpers/smtp.ts) from the real server process:
 * "Forgot password?" (W147, W148), invitations by e-mail (W149), the outbox surviving an SMTP
 * outage and a restart (W150), and no secret anywhere but the one link (S68, S69).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/backends.js';
import { ADMIN, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, spawnServer, tempDataDir, type ServerProcess } from '../helpers/server.js';
import { SmtpCatcher, type CapturedMail } from '../helpers/smtp.js';

const SMTP_USER = 'mailer-user';
const SMTP_PASS = 'smtp-pass-Zq8v1x';

let dataDir: string;
let port: number;
let catcher: SmtpCatcher;
let proc: ServerProcess;
let admin: Person;
const secrets = new Set<string>([SMTP_PASS]);

const url = () => `http://127.0.0.1:${port}`;

async function start(): Promise<ServerProcess> {
  const started = await spawnServer(dataDir, {
    PORT: String(port),
    PUBLIC_URL: url(),
    AUTH_MODE: 'accounts',
    LOG_LEVEL: 'trace',
    SMTP_URL: catcher.url,
    SMTP_FROM: 'Journeyboard Test <jb@example.test>',
    MAIL_RETRY_MIN_MS: '100',
    MAIL_RETRY_MAX_MS: '400',
    RESET_MAILS_PER_HOUR: '6',
  });
  return started;
}

/** Log lines of the processes stopped so far (the restart test replaces `proc`). */
const earlierLogs: Record<string, unknown>[] = [];

async function stop(): Promise<void> {
  proc.child.kill('SIGTERM');
  await proc.exited;
  earlierLogs.push(...proc.logs);
}

/** The one link of a mail whose URL starts with `prefix`, and its secret (after `key=`). */
function linkIn(mail: CapturedMail, prefix: string, key: string) {
  const match = new RegExp(
    `${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#${key}=([A-Za-z0-9_-]+)`,
  ).exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`no ${prefix} link in: ${mail.parsed.text}`);
  return { link: match[0], secret: match[1]! };
}

/** The secret appears in the mail only inside its link (text and HTML parts, every header). */
function expectSecretOnlyInLink(mail: CapturedMail, link: string, secret: string) {
  const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
  expect(mail.parsed.text?.split(link).join('')).not.toContain(secret);
  expect(html).toContain(link);
  expect(html.split(link).join('')).not.toContain(secret);
  expect(JSON.stringify([...mail.parsed.headers])).not.toContain(secret);
}

/** Waits until the server counts no mail waiting (nothing more will be sent). */
async function outboxEmpty(base: string) {
  for (;;) {
    const text = await (await fetch(`${base}/metrics`)).text();
    if (/^journeyboard_mail_queued 0$/m.test(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const auditActions = async (person: Person) => {
  const me = await person.get('/api/me');
  const workspaceId = (me.body.workspaces as { id: string }[])[0]!.id;
  const audit = await person.get(`/api/workspaces/${workspaceId}/audit`);
  return audit.body.events as {
    action: string;
    actorLabel: string;
    detail: Record<string, unknown>;
  }[];
};

async function auditEvent(person: Person, action: string, label: string) {
  for (;;) {
    const event = (await auditActions(person)).find(
      (e) => e.action === action && e.actorLabel === label,
    );
    if (event) return event;
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  dataDir = tempDataDir();
  port = await freePort();
  catcher = await SmtpCatcher.start({ user: SMTP_USER, pass: SMTP_PASS });
  proc = await start();
  admin = await setUpAdmin(url());
});

afterAll(async () => {
  if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
  await catcher.close();
  removeDir(dataDir);
});

describe('forgot password (W147, W148)', () => {
  it('W147, S69, S70: mails exactly one reset link, with text and HTML parts, that resets and ends old sessions', async () => {
    const before = catcher.messages.length;
    const asked = await new Person(url()).post('/api/auth/forgot', { email: 'ADA@example.com ' });
    expect(asked.status).toBe(202);
    const mail = await catcher.nextMessage();
    expect(mail.envelopeTo).toEqual([ADMIN.email]);
    expect(mail.parsed.from?.text).toContain('jb@example.test');
    expect(mail.parsed.subject).toContain('Acme CX');
    expect(mail.parsed.subject).toContain('journeyboard');
    expect(mail.parsed.text).toBeTruthy();
    expect(typeof mail.parsed.html).toBe('string');
    expect(catcher.logins).toBeGreaterThan(0);
    const { link, secret } = linkIn(mail, `${url()}/reset`, 'secret');
    secrets.add(secret);
    expectSecretOnlyInLink(mail, link, secret);

    // The link works once; the admin's earlier session ends (S70).
    expect((await admin.get('/api/me')).status).toBe(200);
    const resetter = new Person(url());
    const reset = await resetter.post('/api/auth/reset', {
      secret,
      password: 'a brand new passphrase',
    });
    expect(reset.status).toBe(200);
    expect((await resetter.get('/api/me')).status).toBe(200);
    expect((await admin.get('/api/me')).status).toBe(401);
    expect(
      (await new Person(url()).post('/api/auth/reset', { secret, password: 'another one here' }))
        .status,
    ).toBe(410);
    await outboxEmpty(url());
    expect(catcher.messages.length).toBe(before + 1);
    admin = resetter;
  });

  it('W147, S68: answers an unknown address the same, and mails nothing (no enumeration)', async () => {
    const before = catcher.messages.length;
    const unknown = await new Person(url()).post('/api/auth/forgot', {
      email: 'nobody@example.com',
    });
    expect(unknown.status).toBe(202);
    const known = await new Person(url()).post('/api/auth/forgot', { email: ADMIN.email });
    expect(known.body).toEqual(unknown.body);
    // Written after the mail would have been queued: nothing was.
    const event = await auditEvent(admin, 'password-reset-requested', 'nobody@example.com');
    expect(event.detail).toEqual({ mailed: false });
    const mail = await catcher.nextMessage();
    expect(mail.envelopeTo).toEqual([ADMIN.email]);
    await outboxEmpty(url());
    expect(catcher.messages.length).toBe(before + 1);
    expect(catcher.untaken).toBe(0);
  });

  it('W148: limits requests per address: 429 with Retry-After (W148)', async () => {
    const asker = new Person(url());
    for (let i = 0; i < 6; i++)
      expect((await asker.post('/api/auth/forgot', { email: 'limited@example.com' })).status).toBe(
        202,
      );
    const refused = await asker.post('/api/auth/forgot', { email: 'limited@example.com' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const bad = await asker.post('/api/auth/forgot', { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('W147: says on the sign-in config that e-mail resets are offered', async () => {
    const config = await new Person(url()).get('/api/auth/config');
    expect(config.body).toMatchObject({ mail: true, passwordResetByEmail: true });
  });
});

describe('the outbox (W150)', () => {
  it('W150, W151: retries while SMTP refuses connections and delivers once when it is back', async () => {
    const from = proc.logs.length;
    await catcher.refuse();
    const before = catcher.messages.length;
    expect((await new Person(url()).post('/api/auth/forgot', { email: ADMIN.email })).status).toBe(
      202,
    );
    const retry = await proc.logged('mail not sent; will retry', from);
    expect(retry.smtp).toBe(`127.0.0.1:${catcher.port}`);
    expect(JSON.stringify(retry)).not.toContain(SMTP_PASS);
    await catcher.accept();
    const mail = await catcher.nextMessage();
    secrets.add(linkIn(mail, `${url()}/reset`, 'secret').secret);
    await outboxEmpty(url());
    expect(catcher.messages.length).toBe(before + 1);
  });

  it('W150: delivers a mail pending across a restart, once', { timeout: 60_000 }, async () => {
    const from = proc.logs.length;
    await catcher.refuse();
    const before = catcher.messages.length;
    expect((await new Person(url()).post('/api/auth/forgot', { email: ADMIN.email })).status).toBe(
      202,
    );
    await proc.logged('mail not sent; will retry', from);
    await stop();
    await catcher.accept();
    proc = await start();
    const mail = await catcher.nextMessage();
    const { secret } = linkIn(mail, `${url()}/reset`, 'secret');
    secrets.add(secret);
    await outboxEmpty(url());
    expect(catcher.messages.length).toBe(before + 1);
    const reset = await new Person(url()).post('/api/auth/reset', {
      secret,
      password: 'after the restart ok',
    });
    expect(reset.status).toBe(200);
    admin = new Person(url());
    expect(
      (
        await admin.post('/api/auth/login', {
          email: ADMIN.email,
          password: 'after the restart ok',
        })
      ).status,
    ).toBe(200);
  });
});

describe('invitations by e-mail (W149)', () => {
  it('W149: mails the invitation, says so, and its link signs the person up', async () => {
    const me = await admin.get('/api/me');
    const workspaceId = (me.body.workspaces as { id: string }[])[0]!.id;
    const made = await admin.post(`/api/workspaces/${workspaceId}/invitations`, {
      email: 'Newbie@Example.com',
      role: 'member',
    });
    expect(made.status).toBe(201);
    expect(made.body.mailedTo).toBe('newbie@example.com');
    expect(made.body.url).toMatch(/#invite=/);
    const mail = await catcher.nextMessage();
    expect(mail.envelopeTo).toEqual(['newbie@example.com']);
    expect(mail.parsed.subject).toBe(`${ADMIN.name} invited you to Acme CX on journeyboard`);
    const { link, secret } = linkIn(mail, `${url()}/signup`, 'invite');
    secrets.add(secret);
    expect(link).toBe(made.body.url);
    expectSecretOnlyInLink(mail, link, secret);
    const newbie = new Person(url());
    const signedUp = await newbie.post('/api/auth/signup', {
      name: 'Nina Newbie',
      email: 'newbie@example.com',
      password: 'a welcoming passphrase',
      invitation: secret,
    });
    expect(signedUp.status).toBe(201);
    expect((await newbie.get('/api/me')).body.workspaces).toEqual([
      expect.objectContaining({ id: workspaceId, role: 'member' }),
    ]);
  });
});

describe('logs (S69)', () => {
  it('S69: hold no reset or invitation secret, no SMTP password; the mail server by host:port only', async () => {
    const listening = proc.logs.find((l) => l.msg === 'listening');
    expect(listening?.mail).toBe(`127.0.0.1:${catcher.port}`);
    const everything = JSON.stringify([...earlierLogs, ...proc.logs]);
    expect(earlierLogs.length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(4);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
