/**
 * Issue 15's "one install holds one or more workspaces" in Chromium against the real server
 * with accounts: a second workspace made from the boards page's switcher, a map made in it, and
 * the boards page following the switch (W153–W155). Also the page at a phone's width.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoPageErrors, newPage, saveScreenshot } from './browser.js';
import { accountsServer, newMapInBrowser, setUpAdminInBrowser } from './accountPages.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** The switcher is in the top bar from 1024 px, over the page's heading below that. */
const at = (page: Page, testId: string) =>
  `${testId}${page.viewportSize()!.width >= 1024 ? '' : '-page'}`;
const current = (page: Page) => page.getByTestId(at(page, 'workspace-current'));

async function switchTo(page: Page, name: string): Promise<void> {
  await page.getByTestId(at(page, 'workspace-switcher')).click();
  await page.getByRole('menuitemradio', { name: new RegExp(`^${name}`) }).click();
  await current(page).filter({ hasText: name }).waitFor();
}

describe('workspaces', { timeout: 120_000 }, () => {
  it('a second workspace from the switcher holds its own maps', async () => {
    const server = await accountsServer(suite);
    const page = await newPage(await suite.person('Ada'));
    await page.setViewportSize({ width: 390, height: 844 });
    await setUpAdminInBrowser(page, server.url);
    expect(await current(page).textContent()).toBe('Journey Lab');
    const labMap = await newMapInBrowser(page, 'Lab map');
    await page.goto(`${server.url}/`);

    // New workspace…: an empty name is refused in the dialog, then it is made by keyboard.
    await page.getByTestId(at(page, 'workspace-switcher')).click();
    await page.click('[data-testid=new-workspace]');
    const dialog = page.getByTestId('new-workspace-dialog');
    await dialog.waitFor();
    await page.click('[data-testid=new-workspace-submit]');
    await dialog.getByText('Give the workspace a name.').waitFor();
    await page.fill('[data-testid=new-workspace-name]', 'Research');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await current(page).filter({ hasText: 'Research' }).waitFor();
    await saveScreenshot(page, 'workspaces-new-at-390');
    // A fresh workspace has no maps yet: the lab's map is not listed here.
    await page.locator(`[data-board-id="${labMap}"]`).waitFor({ state: 'detached' });

    await page.setViewportSize({ width: 1440, height: 900 });
    const researchMap = await newMapInBrowser(page, 'Research map');
    await page.goto(`${server.url}/`);
    await page.locator(`[data-board-id="${researchMap}"]`).waitFor({ timeout: 10_000 });
    expect(await current(page).textContent()).toBe('Research');

    // By keyboard: ↓ on the switcher opens it on the first workspace, Enter picks it.
    await page.getByTestId('workspace-switcher').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menuitemradio', { name: /^Journey Lab/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Journey Lab/);
    await page.keyboard.press('Enter');
    await current(page).filter({ hasText: 'Journey Lab' }).waitFor();
    await page.locator(`[data-board-id="${labMap}"]`).waitFor({ timeout: 10_000 });
    expect(await page.locator(`[data-board-id="${researchMap}"]`).count()).toBe(0);

    // The server agrees: the map is in the second workspace.
    const placed = await page.evaluate(async () => {
      const res = await fetch('/api/boards');
      return ((await res.json()) as { boards: { title: string; workspace: { name: string } }[] })
        .boards;
    });
    expect(placed.find((b) => b.title === 'Research map')?.workspace.name).toBe('Research');

    await switchTo(page, 'Research');
    await page.locator(`[data-board-id="${researchMap}"]`).waitFor({ timeout: 10_000 });
    expect(await page.locator(`[data-board-id="${labMap}"]`).count()).toBe(0);
    // Remembered by this browser: a reload stays in Research.
    await page.reload();
    await current(page).filter({ hasText: 'Research' }).waitFor();
    for (const width of [390, 768, 1024, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      // The current workspace's name is on screen at every width, not only to screen readers.
      expect(await current(page).isVisible()).toBe(true);
      // Nothing of the bar overlaps: its buttons sit right of the brand (and the switcher).
      const brand = (await page.locator('.home-brand').boundingBox())!;
      const switcher = (await page.getByTestId(at(page, 'workspace-switcher')).boundingBox())!;
      const actions = (await page.locator('.home-topbar-actions').boundingBox())!;
      const leftPart = width >= 1024 ? switcher : brand;
      expect(leftPart.x + leftPart.width).toBeLessThanOrEqual(actions.x);
      expect(actions.x + actions.width).toBeLessThanOrEqual(width);
      await saveScreenshot(page, `workspaces-home-at-${width}`);
    }
    expectNoPageErrors(page);
  });

  it('someone signed in joins another workspace by its invitation link (W157)', async () => {
    const server = await accountsServer(suite);
    const ada = await newPage(await suite.person('Ada'));
    await setUpAdminInBrowser(ada, server.url);
    const links = await ada.evaluate(async () => {
      const post = async (path: string, body: unknown) =>
        (await (
          await fetch(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).json()) as { id: string; url: string };
      const me = (await (await fetch('/api/me')).json()) as { workspaces: { id: string }[] };
      const lab = await post(`/api/workspaces/${me.workspaces[0]!.id}/invitations`, {});
      const research = await post('/api/workspaces', { name: 'Research' });
      const invite = await post(`/api/workspaces/${research.id}/invitations`, { role: 'guest' });
      return { lab: lab.url, research: invite.url };
    });

    const ben = await newPage(await suite.person('Ben'));
    await ben.setViewportSize({ width: 768, height: 1024 });
    await ben.goto(links.lab);
    await ben.getByLabel('Your name', { exact: true }).fill('Ben Colleague');
    await ben.getByLabel('E-mail', { exact: true }).fill('ben@example.com');
    await ben.getByLabel('Password', { exact: true }).fill('rainy tuesday in Austin');
    await ben.getByTestId('signup-submit').click();
    await ben.waitForURL(`${server.url}/`, { timeout: 10_000 });
    await current(ben).filter({ hasText: 'Journey Lab' }).waitFor();

    await ben.goto(links.research);
    await ben.getByTestId('join-workspace-page').waitFor({ timeout: 10_000 });
    expect(await ben.getByTestId('join-workspace-page').textContent()).toContain(
      'Join Research as a guest',
    );
    await ben.getByTestId('join-workspace-submit').click();
    await ben.waitForURL(`${server.url}/`, { timeout: 10_000 });
    await current(ben).filter({ hasText: 'Research' }).waitFor();
    await ben.getByTestId(at(ben, 'workspace-switcher')).click();
    const options = await ben.getByTestId('workspace-option').allTextContents();
    expect(options).toEqual(['Journey LabMember', 'ResearchGuest']);
    await ben.keyboard.press('Escape');
    await saveScreenshot(ben, 'workspaces-joined-at-768');
    expectNoPageErrors(ada, ben);
  });
});
