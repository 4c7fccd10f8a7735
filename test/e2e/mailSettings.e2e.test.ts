/**
 * Notification e-mail in Chromium (W174, W177): a person changes what reaches them by e-mail on
 * the account page; a mention e-mail arrives through a real SMTP server; its unsubscribe link
 * opens a page that works signed out, at every width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread } from '../../shared/model/comments.js';
import { freePort } from '../helpers/backends.js';
import { synced } from '../helpers/clients.js';
import { connectAs, inviteAndSignUp, setUpAdmin } from '../helpers/people.js';
import { wsUrlOf } from '../helpers/server.js';
import { SmtpCatcher } from '../helpers/smtp.js';
import { expectNoPageErrors, newPage, saveScreenshot } from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();
const WIDTHS = [390, 768, 1024, 1440] as const;

let catcher: SmtpCatcher;

beforeAll(async () => {
  catcher = await SmtpCatcher.start();
});

afterAll(async () => {
  await catcher.close();
});

describe('notification e-mail settings', { timeout: 120_000 }, () => {
  it('W174, W177: settings save per group; the e-mail’s unsubscribe page works signed out', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await suite.extraServer({
      AUTH_MODE: 'accounts',
      PORT: String(port),
      PUBLIC_URL: base,
      SMTP_URL: catcher.url,
      NOTIFY_DIGEST_MS: '300',
    });
    const ada = await setUpAdmin(server.url);
    const me = (await ada.get('/api/me')).body as {
      id: string;
      name: string;
      workspaces: { id: string }[];
    };
    const bea = await inviteAndSignUp(ada, me.workspaces[0]!.id, {
      name: 'Bea Manager',
      email: 'bea@example.com',
      password: 'rainy tuesday in Austin',
    });
    const beaId = String((await bea.get('/api/me')).body.id);

    const context = await suite.person('Bea Manager');
    const [name, value] = bea.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await newPage(context);
    await page.goto(`${base}/account#notifications`);
    const mentions = page.getByTestId('mail-mode-mentions');
    await expect.poll(() => mentions.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await mentions.inputValue()).toBe('digest');
    await page.getByTestId('mail-mode-replies').selectOption('daily');
    await expect
      .poll(
        async () => ((await bea.get('/api/me/mail-preferences')).body.modes as never)['replies'],
      )
      .toBe('daily');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      await saveScreenshot(page, `mail-settings-${width}`);
    }
    await page.reload();
    await expect
      .poll(() => page.getByTestId('mail-mode-replies').inputValue(), { timeout: 15_000 })
      .toBe('daily');

    // A mention by e-mail; its unsubscribe link, opened where nobody is signed in.
    const boardId = String((await ada.post('/api/boards', { title: 'Claims' })).body.id);
    const doc = connectAs(ada, wsUrlOf(server.url), `${boardId}/comments`);
    suite.closeAfterTest({ close: async () => doc.provider.destroy() });
    await synced(doc);
    createThread(doc.doc, {
      anchor: { kind: 'point', x: 1, y: 1 },
      author: { id: me.id, name: me.name },
      body: '@Bea Manager look here',
      mentions: [beaId],
    });
    let link: string | undefined;
    await expect
      .poll(
        () =>
          (link = catcher.messages
            .filter((m) => m.envelopeTo.includes('bea@example.com'))
            .map((m) => /http:\/\/\S+\/unsubscribe#token=[\w.-]+/.exec(m.parsed.text ?? '')?.[0])
            .find(Boolean)),
        { timeout: 20_000 },
      )
      .toBeTruthy();
    expect(link!.startsWith(`${base}/unsubscribe#token=`)).toBe(true);

    const stranger = await newPage(await suite.person());
    await stranger.setViewportSize({ width: 390, height: 844 });
    await stranger.goto(link!);
    await stranger.getByRole('heading', { name: 'Stop notification e-mails?' }).waitFor();
    await saveScreenshot(stranger, 'unsubscribe-390');
    await stranger.getByTestId('unsubscribe-confirm').click();
    await stranger.getByTestId('unsubscribe-done').waitFor({ timeout: 10_000 });
    const modes = (await bea.get('/api/me/mail-preferences')).body.modes as Record<string, string>;
    expect(Object.values(modes).every((m) => m === 'never')).toBe(true);
    // A link with its token cut off says so instead of failing silently.
    const cut = await newPage(await suite.person());
    await cut.goto(`${base}/unsubscribe#token=abc`);
    await cut.getByTestId('unsubscribe-confirm').click();
    await cut.getByTestId('unsubscribe-error').waitFor();
    expect(await cut.getByTestId('unsubscribe-error').textContent()).toContain('not valid');

    await page.reload();
    await expect
      .poll(() => page.getByTestId('mail-mode-mentions').inputValue(), { timeout: 15_000 })
      .toBe('never');
    expectNoPageErrors(page);
    expectNoPageErrors(stranger, cut);
  });
});
