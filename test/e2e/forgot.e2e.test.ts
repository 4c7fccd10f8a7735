/**
 * "Forgot password?" in Chromium against the real server and a real SMTP server (W147): the
 * sign-in page offers it when the server mails resets, the mail arrives, its link opens the
 * reset page, and the new password signs the person in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/backends.js';
import { ADMIN, setUpAdmin } from '../helpers/people.js';
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

describe('forgot password in the browser', { timeout: 120_000 }, () => {
  it('asks for a link, gets it by e-mail, sets a new password and is signed in', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    await suite.extraServer({
      AUTH_MODE: 'accounts',
      PORT: String(port),
      PUBLIC_URL: base,
      SMTP_URL: catcher.url,
    });
    await setUpAdmin(base);
    const page = await newPage(await suite.person());

    await page.goto(`${base}/signin`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const forgot = page.getByRole('button', { name: 'Forgot password?' });
    await forgot.focus();
    await page.keyboard.press('Enter');
    const field = page.getByLabel('Your e-mail');
    await field.waitFor();
    // A wrong address is refused before anything is sent.
    await field.fill('not-an-address');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page
      .getByTestId('forgot-error')
      .or(page.locator('[aria-invalid=true]'))
      .first()
      .waitFor();
    await field.fill(ADMIN.email);
    await field.press('Enter');
    await page.getByTestId('forgot-sent').waitFor();
    expect(await page.getByTestId('forgot-sent').textContent()).toContain(ADMIN.email);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      await saveScreenshot(page, `forgot-sent-${width}`);
    }

    const mail = await catcher.nextMessage();
    expect(mail.envelopeTo).toEqual([ADMIN.email]);
    const link = /http:\/\/\S+\/reset#secret=[A-Za-z0-9_-]+/.exec(mail.parsed.text ?? '')?.[0];
    expect(link?.startsWith(`${base}/reset#secret=`)).toBe(true);

    await page.goto(link!);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password').fill('a fresh passphrase 42');
    await page.getByLabel('New password').press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/reset'), { timeout: 15_000 });
    await page.getByTestId('user-menu-name').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('user-menu-name').textContent()).toBe(ADMIN.name);
    expectNoPageErrors(page);
  });
});
