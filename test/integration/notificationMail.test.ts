/**
 * Notification e-mail end to end: the real server (AUTH_MODE=accounts, SQLite) mails inbox items
 * through a real SMTP server (test/helpers/smtp.ts), read back with mailparser. People write
 * comments through y-websocket; the server alone decides who is mailed, when and how often.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createThread, reply } from '../../shared/model/comments.js';
import type { RunningServer } from '../../server/server.js';
import { disconnectAll, synced, waitForAsync, type Client } from '../helpers/clients.js';
import { connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir, wsUrlOf } from '../helpers/server.js';
import { SmtpCatcher, type CapturedMail } from '../helpers/smtp.js';

const PUBLIC_URL = 'http://jb.example.test';
const DIGEST_MS = 2_000;
const POINT = { kind: 'point', x: 1, y: 1 } as const;

describe('notification e-mail (AUTH_MODE=accounts, real SMTP)', { timeout: 60_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let catcher: SmtpCatcher;
  let ada: Person;
  let bea: Person;
  let cy: Person;
  const ids: Record<string, { id: string; name: string }> = {};
  const clients: Client[] = [];
  /** Mails to each address already looked at: `nextMailTo` returns the ones after. */
  const seen = new Map<string, number>();

  const mailsTo = (address: string) =>
    catcher.messages.filter((m) => m.envelopeTo.includes(address));
  /** The next mail to `address` after the ones returned before. */
  async function nextMailTo(address: string): Promise<CapturedMail> {
    const from = seen.get(address) ?? 0;
    await waitForAsync(
      () => Promise.resolve(mailsTo(address).length > from),
      20_000,
      `a mail to ${address}`,
    );
    seen.set(address, from + 1);
    return mailsTo(address)[from]!;
  }

  /** A header as sent (unfolded); mailparser turns List-* headers into objects. */
  const header = (mail: CapturedMail, name: string) =>
    new RegExp(`^${name}: (.*)$`, 'im').exec(
      mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' '),
    )?.[1];

  const comments = async (person: Person, boardId: string) => {
    const client = connectAs(person, wsUrlOf(server.url), `${boardId}/comments`);
    clients.push(client);
    await synced(client);
    return client.doc;
  };
  const newBoard = async (title: string) =>
    String((await ada.post('/api/boards', { title })).body.id);
  const mention = (doc: Y.Doc, ...people: string[]) =>
    createThread(doc, {
      anchor: POINT,
      author: ids.ada!,
      body: `${people.map((p) => `@${ids[p]!.name}`).join(' ')} please check this step`,
      mentions: people.map((p) => ids[p]!.id),
    });

  beforeAll(async () => {
    catcher = await SmtpCatcher.start();
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      AUTH_MODE: 'accounts',
      PUBLIC_URL,
      SMTP_URL: catcher.url,
      SMTP_FROM: 'journeyboard <jb@example.test>',
      NOTIFY_DIGEST_MS: String(DIGEST_MS),
      MAIL_RETRY_MIN_MS: '100',
      MAIL_RETRY_MAX_MS: '200',
      MAIL_GIVE_UP_MS: '1500',
    });
    ada = await setUpAdmin(server.url);
    const workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const invite = (name: string) =>
      inviteAndSignUp(ada, workspaceId, {
        name,
        email: `${name.toLowerCase()}@example.com`,
        password: 'someone walks the long quiet harbour',
      });
    [bea, cy] = [await invite('Bea'), await invite('Cy')];
    for (const [key, person] of Object.entries({ ada, bea, cy })) {
      const me = (await person.get('/api/me')).body as { id: string; name: string };
      ids[key] = { id: me.id, name: me.name };
    }
    // Each was told of joining (W164): that item's e-mail goes first, then the tests start.
    for (const address of ['bea@example.com', 'cy@example.com']) {
      await waitForAsync(
        () => Promise.resolve(mailsTo(address).some((m) => /added you/.test(m.parsed.text ?? ''))),
        20_000,
        `the joining e-mail to ${address}`,
      );
      seen.set(address, mailsTo(address).length);
    }
    // Two sign-ups (password hashing) and two digest windows: slow on a loaded machine.
  }, 90_000);

  afterAll(async () => {
    disconnectAll(clients);
    await server?.stop();
    await catcher?.close();
    removeDir(dataDir);
  });

  it('W175: a mention is one e-mail after NOTIFY_DIGEST_MS, with the workspace, both parts and a link to the thread', async () => {
    const boardId = await newBoard('Claims');
    const threadId = mention(await comments(ada, boardId), 'bea');
    const mail = await nextMailTo('bea@example.com');
    expect(mail.parsed.subject).toBe('[Acme CX] Ada Admin mentioned you on Claims');
    const link = `${PUBLIC_URL}/b/${boardId}?thread=${threadId}`;
    expect(mail.parsed.text).toContain(link);
    expect(mail.parsed.text).toContain('“@Bea please check this step”');
    expect(mail.parsed.html).toContain(`href="${link}"`);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // The inbox shows it went out.
    await waitForAsync(
      async () =>
        ((await bea.get(`/api/inbox?board=${boardId}`)).body.items as { emailState: string }[])[0]
          ?.emailState === 'sent',
      20_000,
      'the item marked e-mailed',
    );
  });

  it('W175: ten replies in a burst are one e-mail listing each, and the next item is its own', async () => {
    const boardId = await newBoard('Returns');
    const beas = await comments(bea, boardId);
    const threadId = createThread(beas, { anchor: POINT, author: ids.bea!, body: 'Why here?' });
    const adas = await comments(ada, boardId);
    await waitForAsync(
      () => Promise.resolve(adas.getMap('threads').has(threadId)),
      10_000,
      'thread',
    );
    adas.transact(() => {
      for (let i = 1; i <= 10; i++)
        reply(adas, threadId, { author: ids.ada!, body: `Answer ${i}` });
    });
    const digest = await nextMailTo('bea@example.com');
    expect(digest.parsed.subject).toBe('[Acme CX] 10 new updates on Returns');
    for (let i = 1; i <= 10; i++) expect(digest.parsed.text).toContain(`“Answer ${i}”`);
    mention(adas, 'bea');
    const next = await nextMailTo('bea@example.com');
    expect(next.parsed.subject).toBe('[Acme CX] Ada Admin mentioned you on Returns');
  });

  it('W176: an item read in the app before its e-mail is due is never mailed', async () => {
    const boardId = await newBoard('Onboarding');
    const doc = await comments(ada, boardId);
    const readFirst = mention(doc, 'bea');
    await waitForAsync(
      async () =>
        ((await bea.get(`/api/inbox?board=${boardId}`)).body.items as unknown[]).length === 1,
      10_000,
      'the item',
    );
    expect((await bea.post('/api/inbox/read', { threadId: readFirst, boardId })).status).toBe(200);
    const later = mention(doc, 'bea');
    const mail = await nextMailTo('bea@example.com');
    expect(mail.parsed.text).toContain(`thread=${later}`);
    expect(mail.parsed.text).not.toContain(`thread=${readFirst}`);
  });

  it('W174: a person reads and changes their own e-mail preferences', async () => {
    expect((await new Person(server.url).get('/api/me/mail-preferences')).status).toBe(401);
    const mine = await cy.get('/api/me/mail-preferences');
    expect(mine.body).toMatchObject({ mailing: true, timeZone: null });
    expect((mine.body.modes as Record<string, string>).mentions).toBe('digest');
    const changed = await cy.call('PUT', '/api/me/mail-preferences', {
      modes: { replies: 'daily' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.modes).toMatchObject({ replies: 'daily', mentions: 'digest' });
    const wrong = await cy.call('PUT', '/api/me/mail-preferences', {
      modes: { replies: 'hourly' },
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('replies');
    expect((await cy.get('/api/me/mail-preferences')).body.modes).toMatchObject({
      replies: 'daily',
    });
    await cy.call('PUT', '/api/me/mail-preferences', { modes: { replies: 'digest' } });
  });

  it('W177, S88: the e-mail’s one-click unsubscribe works without a session; forged links do nothing', async () => {
    const created = (await ada.post('/api/boards', { title: 'Billing' })).body;
    const boardId = String(created.id);
    const doc = await comments(ada, boardId);
    mention(doc, 'bea');
    const mail = await nextMailTo('bea@example.com');
    const oneClick = /^<(.+)>$/.exec(header(mail, 'List-Unsubscribe') ?? '')![1]!;
    expect(oneClick.startsWith(`${PUBLIC_URL}/api/mail/unsubscribe?token=`)).toBe(true);
    const path = oneClick.slice(PUBLIC_URL.length);
    const token = new URL(oneClick).searchParams.get('token')!;
    expect(mail.parsed.text).toContain(`${PUBLIC_URL}/unsubscribe#token=${token}`);

    const post = (p: string, body: string, type: string) =>
      fetch(`${server.url}${p}`, { method: 'POST', headers: { 'content-type': type }, body });
    // Refused: a forged token, a token altered, a board's share-link token.
    const shareToken = (created.tokens as Record<string, string>).editor!;
    for (const bad of ['nope', `${token.slice(0, -2)}xx`, shareToken]) {
      const res = await post(
        '/api/mail/unsubscribe',
        JSON.stringify({ token: bad }),
        'application/json',
      );
      expect(res.status).toBe(400);
    }
    expect((await bea.get('/api/me/mail-preferences')).body.modes).toMatchObject({
      mentions: 'digest',
    });
    // A browser that opens the header's address is shown the page, which asks first.
    const opened = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/unsubscribe#token=${token}`);
    // RFC 8058: the mail client's POST, no cookie, no Origin.
    const res = await post(path, 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    const modes = (await bea.get('/api/me/mail-preferences')).body.modes as Record<string, string>;
    expect(Object.values(modes).every((m) => m === 'never')).toBe(true);

    // Bea and Cy are mentioned; once a later round mailed Cy again, Bea's item was decided.
    mention(doc, 'bea', 'cy');
    await nextMailTo('cy@example.com');
    mention(doc, 'cy');
    await nextMailTo('cy@example.com');
    expect(mailsTo('bea@example.com')).toHaveLength(seen.get('bea@example.com')!);
  });

  it('W176: an e-mail the mail server never takes leaves its item marked “e-mail failed”', async () => {
    const boardId = await newBoard('Outage');
    const doc = await comments(ada, boardId);
    await catcher.refuse();
    try {
      mention(doc, 'cy');
      await waitForAsync(
        async () =>
          ((await cy.get(`/api/inbox?board=${boardId}`)).body.items as { emailState: string }[])[0]
            ?.emailState === 'failed',
        20_000,
        'the item marked e-mail failed',
      );
    } finally {
      await catcher.accept();
    }
    // The board and the inbox kept working; the next e-mail goes out.
    mention(doc, 'cy');
    const next = await nextMailTo('cy@example.com');
    expect(next.parsed.subject).toBe('[Acme CX] Ada Admin mentioned you on Outage');
  });
});
