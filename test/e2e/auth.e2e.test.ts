/**
 * Accounts in a real browser against the real server (issue 15): a fresh install in `accounts`
 * mode sends its first visitor to create the admin account, who lands on the boards page signed
 * in, creates a map, signs out and signs in again; pages that need a person send others to sign
 * in and back. In `open` mode the app is today's, with its banner. Needs the server's auth
 * routes (/api/auth/*, /api/me) and the app shell served on the account pages' paths.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { freePort } from '../helpers/backends.js';
import { expectNoPageErrors, newPage, saveScreenshot, waitConnected } from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

const WIDTHS = [390, 768, 1024, 1440] as const;
const ADMIN = {
  name: 'Ada Admin',
  email: 'ada@example.com',
  password: 'correct horse battery',
  workspace: 'Journey Lab',
};

/** A server of its own on a fresh data directory, its public URL the one the browser uses. */
async function serverInMode(mode: 'accounts' | 'open'): Promise<RunningServer> {
  const port = await freePort();
  return suite.extraServer({
    AUTH_MODE: mode,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
}

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/** Nothing sticks out sideways: the page fits the window at this width. */
async function expectFitsWidth(page: Page, width: number, what: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${what} is wider than ${width} px`).toBeLessThanOrEqual(width);
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  // The e-mail field has the focus, and Enter sends the form.
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
  await page.keyboard.type(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
}

/** The name the signed-in menu of the boards page shows. */
async function menuName(page: Page): Promise<string | null> {
  const name = page.getByTestId('user-menu-name');
  await name.waitFor({ timeout: 10_000 });
  return name.textContent();
}

describe('accounts in the browser', { timeout: 120_000 }, () => {
  it('sets up the admin, who creates a map, signs out and signs in again', async () => {
    const server = await serverInMode('accounts');
    const page = await newPage(await suite.person());

    // A fresh install: the boards page sends the first visitor to set up the admin account.
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/setup$/, { timeout: 10_000 });
    await page.getByRole('heading', { name: 'Create the admin account' }).waitFor();
    expect(await page.getByTestId('setup-page').textContent()).toContain('administrator');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectFitsWidth(page, width, 'the set-up page');
      await saveScreenshot(page, `auth-setup-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    // A password under the server's rule is refused before anything is sent.
    await page.getByLabel('Your name', { exact: true }).fill(ADMIN.name);
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Workspace name', { exact: true }).fill(ADMIN.workspace);
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/^Use at least \d+ characters/);
    expect(pathOf(page)).toBe('/setup');

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the admin account' }).click();

    // Signed in on the boards page, the admin's name in the menu; no open-mode banner.
    await page.waitForURL(`${server.url}/`, { timeout: 10_000 });
    expect(await menuName(page)).toBe(ADMIN.name);
    expect(await page.getByTestId('open-mode-banner').count()).toBe(0);
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ name: ADMIN.name, email: ADMIN.email, kind: 'member' });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectFitsWidth(page, width, 'the boards page');
      expect(await page.getByTestId('user-menu').isVisible()).toBe(true);
      await saveScreenshot(page, `auth-boards-signed-in-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    // The usual new-map flow works for the signed-in admin.
    await page.click('[data-testid=new-board]');
    await page.click('[data-testid=template-current-state]');
    await page.fill('[data-testid=board-title-input]', 'Onboarding journey');
    await page.click('[data-testid=create-board-submit]');
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{8,64}/, { timeout: 10_000 });
    await waitConnected(page);
    // Connected comes before the first sync has filled the page on a busy machine.
    await expect
      .poll(() => page.getByTestId('board-title').textContent())
      .toBe('Onboarding journey');
    const boardPath = new URL(page.url()).pathname;

    // Sign out from the menu: the sign-in page, and the boards page is closed to no one.
    await page.goto(`${server.url}/`);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Account' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Workspace' }).count()).toBe(1);
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin$/, { timeout: 10_000 });
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/signin$/, { timeout: 10_000 });
    // No provider configured: no single sign-on button, and sign-up is by invitation.
    expect(await page.getByTestId('sso-sign-in').count()).toBe(0);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectFitsWidth(page, width, 'the sign-in page');
      await saveScreenshot(page, `auth-signin-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    // A wrong password: the server's sentence, said as an alert; still on sign-in.
    await signIn(page, ADMIN.email, 'not the password');
    const refused = page.getByTestId('signin-error');
    await refused.waitFor({ timeout: 10_000 });
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(await refused.textContent()).toBe('Wrong e-mail or password.');
    expect(pathOf(page)).toBe('/signin');

    // A board's address without a link: sign in first, then back to the board.
    await page.goto(`${server.url}${boardPath}`);
    await page.waitForURL(/\/signin\?returnTo=/, { timeout: 10_000 });
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe(boardPath);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(`${server.url}${boardPath}`, { timeout: 10_000 });
    await page.goto(`${server.url}/`);
    expect(await menuName(page)).toBe(ADMIN.name);
    expectNoPageErrors(page);
  });

  it('keeps an unsafe returnTo on this site', async () => {
    const server = await serverInMode('accounts');
    const page = await newPage(await suite.person());
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/setup$/, { timeout: 10_000 });
    await page.getByLabel('Your name', { exact: true }).fill(ADMIN.name);
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Workspace name', { exact: true }).fill(ADMIN.workspace);
    await page.getByLabel('Workspace name', { exact: true }).press('Enter');
    await page.waitForURL(`${server.url}/`, { timeout: 10_000 });

    // Signed in, sign-in goes straight on to returnTo, and only to a path of this site.
    await page.goto(`${server.url}/signin?returnTo=${encodeURIComponent('/.//example.com/')}`);
    await page.waitForURL(`${server.url}/`, { timeout: 10_000 });
    await page.goto(`${server.url}/signin?returnTo=${encodeURIComponent('/account')}`);
    await page.waitForURL(`${server.url}/account`, { timeout: 10_000 });
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(await page.getByTestId('account-email').textContent()).toBe(ADMIN.email);
    expectNoPageErrors(page);
  });
});

describe('open mode in the browser', { timeout: 60_000 }, () => {
  it('is today’s boards page, with its banner and no account pages', async () => {
    const server = await serverInMode('open');
    const page = await newPage(await suite.person());
    await page.goto(`${server.url}/`);
    const banner = page.getByTestId('open-mode-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toBe(
      'Open mode: anyone who can reach this server can create boards.',
    );
    expect(pathOf(page)).toBe('/');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectFitsWidth(page, width, 'the boards page in open mode');
    }
    await page.goto(`${server.url}/signin`);
    await page.waitForURL(`${server.url}/`, { timeout: 10_000 });
    await banner.waitFor();
    expectNoPageErrors(page);
  });
});
