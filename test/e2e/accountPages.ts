/**
 * The account steps browser tests share: a server with accounts, the first admin set up through
 * the set-up page, a map made from the boards page, and what a metrics feed of a map needs.
 */
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.js';
import { freePort } from '../helpers/backends.js';
import type { BrowserSuite } from './suite.js';

/** A server of its own with accounts, its public URL its own address (links and mail use it). */
export async function accountsServer(
  suite: BrowserSuite,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  return suite.extraServer({
    AUTH_MODE: 'accounts',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
  });
}

/** The admin the set-up page makes (as `setUpAdmin` in test/helpers/people.ts). */
export const BROWSER_ADMIN = {
  name: 'Ada Admin',
  email: 'ada@example.com',
  password: 'correct horse battery',
  workspace: 'Journey Lab',
};

/** Sets up a fresh install's first admin in the browser; the page ends signed in on `/`. */
export async function setUpAdminInBrowser(
  page: Page,
  url: string,
  admin: Omit<typeof BROWSER_ADMIN, 'workspace'> = BROWSER_ADMIN,
): Promise<void> {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/setup$/, { timeout: 10_000 });
  await page.getByLabel('Your name', { exact: true }).fill(admin.name);
  await page.getByLabel('E-mail', { exact: true }).fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Workspace name', { exact: true }).fill(BROWSER_ADMIN.workspace);
  await page.getByRole('button', { name: 'Create the admin account' }).click();
  await page.waitForURL(`${url}/`, { timeout: 10_000 });
}

/** Makes a current-state map from the boards page; the page ends on it. Its id. */
export async function newMapInBrowser(page: Page, title: string): Promise<string> {
  await page.click('[data-testid=new-board]');
  await page.click('[data-testid=template-current-state]');
  await page.fill('[data-testid=board-title-input]', title);
  await page.click('[data-testid=create-board-submit]');
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]{8,64}/, { timeout: 10_000 });
  return new URL(page.url()).pathname.split('/')[2]!;
}

/**
 * What a metrics feed needs, made through the signed-in page: a personal access token named
 * `tokenName`, the workspace, and the board's touchpoint card in its first stage.
 */
export async function metricsFeedOf(
  page: Page,
  boardId: string,
  tokenName: string,
): Promise<{ workspace: string; token: string; card: string }> {
  return page.evaluate(
    async ({ board, name }) => {
      const me = (await (await fetch('/api/me')).json()) as { workspaces: { id: string }[] };
      const made = (await (
        await fetch('/api/me/tokens', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name }),
        })
      ).json()) as { token: string };
      const json = (await (await fetch(`/api/boards/${board}`)).json()) as {
        lanes: { id: string; kind: string }[];
        cards: { id: string; laneId: string; stageId: string }[];
        stages: { id: string }[];
      };
      const touchpoints = json.lanes.find((l) => l.kind === 'touchpoints')!.id;
      const card = json.cards.find(
        (c) => c.laneId === touchpoints && c.stageId === json.stages[0]!.id,
      )!;
      return { workspace: me.workspaces[0]!.id, token: made.token, card: card.id };
    },
    { board: boardId, name: tokenName },
  );
}
