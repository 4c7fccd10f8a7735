/**
 * Issue 15's acceptance in Chromium against the real server with accounts: the admin of a
 * fresh install makes a map and invites a colleague by link; the colleague signs up, opens the
 * map from their boards page (no share link) and both work on it live, seeing each other's
 * real names on the avatars and on comments, whatever name each browser had typed before.
 * Then single sign-on: the sign-in page's button goes through a real OpenID Provider's login
 * page and lands on the workspace home.
 */
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { freePort } from '../helpers/backends.js';
import { ADMIN_GROUP, BOB, startOidcProvider, TEST_PASSWORD } from '../helpers/oidcProvider.js';
import {
  boardState,
  cardScreenPoint,
  expectNoPageErrors,
  newPage,
  reachable,
  saveScreenshot,
  waitConnected,
} from './browser.js';
import { setUpAdminInBrowser } from './accountPages.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

const ADA = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const BEN = {
  name: 'Ben Colleague',
  email: 'ben@example.com',
  password: 'rainy tuesday in Austin',
};

const avatarOf = (name: string) => `[data-testid=avatar][data-user="${name}"]`;

async function accountsServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = Number(env.PORT ?? (await freePort()));
  return suite.extraServer({
    AUTH_MODE: 'accounts',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
  });
}

describe('colleagues with accounts', { timeout: 150_000 }, () => {
  it('an invited colleague signs up, opens the map without a link, and both see real names', async () => {
    const server = await accountsServer();
    // What each browser typed before counts for nothing: the server says who they are.
    const ada = await newPage(await suite.person('Somebody'));
    await setUpAdminInBrowser(ada, server.url, ADA);

    await ada.click('[data-testid=new-board]');
    await ada.click('[data-testid=template-current-state]');
    await ada.fill('[data-testid=board-title-input]', 'Claims journey');
    await ada.click('[data-testid=create-board-submit]');
    await ada.waitForURL(/\/b\/[A-Za-z0-9_-]{8,64}/, { timeout: 10_000 });
    await waitConnected(ada);
    const boardId = new URL(ada.url()).pathname.split('/')[2]!;

    // The workspace page makes an invitation link.
    const admin = await newPage(ada.context());
    await admin.goto(`${server.url}/workspace`);
    await admin.getByTestId('invite-section').waitFor({ timeout: 10_000 });
    await admin.getByTestId('invite-submit').click();
    const invitation = await admin.getByTestId('invitation-link').inputValue();
    expect(invitation).toMatch(new RegExp(`^${server.url}/signup#invite=[\\w-]{40,}$`));
    await saveScreenshot(admin, 'accounts-invitation');

    // The colleague signs up through it and finds the map on their boards page.
    const ben = await newPage(await suite.person('Mallory'));
    await ben.goto(invitation);
    await ben.getByLabel('Your name', { exact: true }).fill(BEN.name);
    await ben.getByLabel('E-mail', { exact: true }).fill(BEN.email);
    await ben.getByLabel('Password', { exact: true }).fill(BEN.password);
    await ben.getByTestId('signup-submit').click();
    await ben.waitForURL(`${server.url}/`, { timeout: 10_000 });
    const card = ben.locator(`[data-board-id="${boardId}"]`);
    await card.waitFor({ timeout: 10_000 });
    await card.locator('a').first().click();
    await ben.waitForURL(`${server.url}/b/${boardId}`, { timeout: 10_000 });
    await waitConnected(ben);
    expect(new URL(ben.url()).hash).toBe(''); // no share link: the session opens it
    // A member edits the workspace's maps: the full toolbar, no read-only pill.
    expect(await ben.locator('[data-testid=role-pill]').count()).toBe(0);
    const tools = await ben.locator('.toolbar [data-testid^=tool-]').count();
    expect(tools).toBeGreaterThan(3);

    // Live, under the names the server knows.
    await ada.waitForSelector(avatarOf(BEN.name), { timeout: 15_000 });
    await ben.waitForSelector(avatarOf(ADA.name), { timeout: 15_000 });
    expect(await ada.locator(avatarOf('Mallory')).count()).toBe(0);
    expect(await ben.locator(avatarOf('Somebody')).count()).toBe(0);

    // Ben comments on a card; Ada reads it under Ben's name.
    const target = (await boardState(ben)).cards.find((c) => c.text)!;
    await ben.click('[data-testid=tool-comment]');
    const spot = await reachable(ben, () => cardScreenPoint(ben, target.id));
    await ben.mouse.click(spot.x, spot.y);
    await ben.waitForSelector('[data-testid=comment-new]', { timeout: 5_000 });
    await ben.click('[data-testid=comment-input]');
    await ben.keyboard.type('Claims take too long here', { delay: 5 });
    await ben.click('[data-testid=comment-post]');
    const posted = ben.locator('[data-testid=comment-thread]');
    await posted.waitFor({ timeout: 5_000 });
    const threadId = (await posted.getAttribute('data-thread-id'))!;
    await ada.click('[data-testid=comments-toggle]');
    const seen = ada.locator(`[data-testid=comment-thread][data-thread-id="${threadId}"]`);
    await seen.waitFor({ timeout: 10_000 });
    const text = await seen.textContent();
    expect(text).toContain('Claims take too long here');
    expect(text).toContain(BEN.name);
    expect(text).not.toContain('Mallory');
    // S61: nothing either browser wrote (people records included) was refused as forged.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^journeyboard_updates_denied_total 0$/m);
    await saveScreenshot(ada, 'accounts-colleague-comment');

    // Removed from the workspace, Ben's open board says so at once.
    const removed = await ada.evaluate(async () => {
      const me = (await (await fetch('/api/me')).json()) as { workspaces: { id: string }[] };
      const workspace = me.workspaces[0]!.id;
      const list = (await (await fetch(`/api/workspaces/${workspace}/members`)).json()) as {
        members: { userId: string; email: string }[];
      };
      const ben = list.members.find((m) => m.email === 'ben@example.com')!;
      return (
        await fetch(`/api/workspaces/${workspace}/members/${ben.userId}`, { method: 'DELETE' })
      ).status;
    });
    expect(removed).toBe(204);
    const gone = ben.getByTestId('no-access');
    await gone.waitFor({ timeout: 10_000 });
    expect(await gone.getAttribute('data-refusal')).toBe('no-longer');
    expect(await gone.locator('h1').textContent()).toBe('You no longer have access to this board');
    expectNoPageErrors(ada, ben, admin);
  });

  it('signs in through the identity provider’s own login page and lands on the workspace home', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const op = await startOidcProvider({ redirectUri: `${publicUrl}/auth/oidc/callback` });
    suite.closeAfterTest({ close: () => op.close() });
    const server = await accountsServer({
      PORT: String(port),
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: op.clientId,
      OIDC_CLIENT_SECRET: op.clientSecret,
      OIDC_ALLOW_INSECURE: 'true',
      OIDC_SCOPES: 'openid profile email groups',
      OIDC_ADMIN_GROUP: ADMIN_GROUP,
      OIDC_BUTTON_LABEL: 'Sign in with Acme',
    });
    const page = await newPage(await suite.person());
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/signin/, { timeout: 10_000 });
    const button = page.getByRole('link', { name: 'Sign in with Acme', exact: true });
    await button.waitFor({ timeout: 10_000 });
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
    await saveScreenshot(page, 'accounts-sso-signin');
    await button.click();

    // The provider's page: its own form, then back to journeyboard signed in.
    await page.waitForURL(new RegExp(`^${op.issuer}/interaction/`), { timeout: 10_000 });
    await page.getByLabel('E-mail').fill(BOB.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`, { timeout: 15_000 });
    await page.getByTestId('user-menu-name').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('user-menu-name').textContent()).toBe(BOB.name);
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ email: BOB.email, kind: 'member' });
    expectNoPageErrors(page);
  });
});
