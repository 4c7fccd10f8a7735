/**
 * The Share dialog's "People with access" (signed in) in Chromium against the real server with
 * accounts: the admin, owner of a map, sees an invited colleague there with the workspace's
 * default role, makes them a viewer of this map alone, and the colleague's open page turns
 * read-only without a reload; the colleague sees the list without a way to change it; the
 * workspace default comes back the same way. The dialog fits a 390 px wide phone.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { freePort } from '../helpers/backends.js';
import { expectNoPageErrors, newPage, saveScreenshot, waitConnected } from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

const ADA = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const BEN = { name: 'Ben Colleague', email: 'ben@example.com', password: 'rainy tuesday' };

async function accountsServer(): Promise<RunningServer> {
  const port = await freePort();
  return suite.extraServer({
    AUTH_MODE: 'accounts',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
}

/** The fresh install's admin, through the setup page; then a new map, open. */
async function adminWithBoard(page: Page, url: string): Promise<string> {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/setup$/, { timeout: 10_000 });
  await page.getByLabel('Your name', { exact: true }).fill(ADA.name);
  await page.getByLabel('E-mail', { exact: true }).fill(ADA.email);
  await page.getByLabel('Password', { exact: true }).fill(ADA.password);
  await page.getByLabel('Workspace name', { exact: true }).fill('Journey Lab');
  await page.getByRole('button', { name: 'Create the admin account' }).click();
  await page.waitForURL(`${url}/`, { timeout: 10_000 });
  await page.click('[data-testid=new-board]');
  await page.click('[data-testid=template-current-state]');
  await page.fill('[data-testid=board-title-input]', 'Claims journey');
  await page.click('[data-testid=create-board-submit]');
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]{8,64}/, { timeout: 10_000 });
  await waitConnected(page);
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** A member invited by link signs up (workspace role: member). */
async function signUpColleague(admin: Page, colleague: Page, url: string): Promise<void> {
  await admin.goto(`${url}/workspace`);
  await admin.getByTestId('invite-section').waitFor({ timeout: 10_000 });
  await admin.getByTestId('invite-submit').click();
  const invitation = await admin.getByTestId('invitation-link').inputValue();
  await colleague.goto(invitation);
  await colleague.getByLabel('Your name', { exact: true }).fill(BEN.name);
  await colleague.getByLabel('E-mail', { exact: true }).fill(BEN.email);
  await colleague.getByLabel('Password', { exact: true }).fill(BEN.password);
  await colleague.getByTestId('signup-submit').click();
  await colleague.waitForURL(`${url}/`, { timeout: 10_000 });
}

/** Opens the Share dialog and waits for its list of people. */
async function openPeople(page: Page): Promise<Locator> {
  await page.click('[data-testid=share-button]');
  const people = page.locator('[data-testid=share-dialog] [data-testid=board-people]');
  await people.locator('[data-testid=board-person]').first().waitFor({ timeout: 10_000 });
  return people;
}

const rowOf = (people: Locator, email: string) =>
  people.locator(`[data-testid=board-person][data-email="${email}"]`);

/** Waits until `locator`'s text is `text` (it changes after a server round trip). */
async function waitText(locator: Locator, text: string): Promise<void> {
  await locator
    .page()
    .waitForFunction(
      ([el, want]) => el?.textContent?.trim() === want,
      [await locator.elementHandle({ timeout: 10_000 }), text] as const,
      { timeout: 10_000 },
    );
}

describe('people with access to a board', { timeout: 150_000 }, () => {
  it('W145: the owner makes a colleague a viewer of this map; their open page follows without a reload', async () => {
    const server = await accountsServer();
    const ada = await newPage(await suite.person());
    const boardId = await adminWithBoard(ada, server.url);
    const admin = await newPage(ada.context());
    const ben = await newPage(await suite.person());
    await signUpColleague(admin, ben, server.url);
    await ben.goto(`${server.url}/b/${boardId}`);
    await waitConnected(ben);
    expect(await ben.locator('[data-testid=role-pill]').count()).toBe(0);

    // The owner's list: herself read-only, the colleague as the workspace made him.
    const people = await openPeople(ada);
    expect(await people.locator('h3').textContent()).toBe('People with access');
    const self = rowOf(people, ADA.email);
    expect(await self.textContent()).toContain(`${ADA.name}You`);
    expect(await self.getByTestId('person-role').textContent()).toBe('Owner');
    expect(await self.locator('select').count()).toBe(0);
    const row = rowOf(people, BEN.email);
    expect(await row.textContent()).toContain(BEN.name);
    const select = row.getByRole('combobox', { name: `Role of ${BEN.name} on this map` });
    expect(await select.inputValue()).toBe('editor');
    expect(await select.locator('option:checked').textContent()).toBe('Can edit');
    expect(await row.getByTestId('person-role-source').textContent()).toBe('From the workspace');

    // View only, on this map alone: the colleague's page turns read-only as it is.
    await select.selectOption({ label: 'View only' });
    await ada
      .locator('.toast', { hasText: `${BEN.name} can now only view this map` })
      .waitFor({ timeout: 10_000 });
    await waitText(row.getByTestId('person-role-source'), 'Set on this map');
    expect(await select.inputValue()).toBe('viewer');
    expect(await people.getByRole('alert').count()).toBe(0);
    const pill = ben.getByTestId('role-pill');
    await pill.waitFor({ timeout: 15_000 });
    expect(await pill.textContent()).toBe('View only');
    // Ben's page was in front: Ada's would show a stale frame.
    await ada.bringToFront();
    await saveScreenshot(ada, 'board-people-owner');

    // A 390 px phone: nothing sticks out of the dialog, the select stays on screen.
    await ada.setViewportSize({ width: 390, height: 844 });
    const dialog = ada.getByTestId('share-dialog');
    const overflow = await dialog.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = (await select.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await saveScreenshot(ada, 'board-people-phone');

    // The colleague sees the same list, read-only.
    const seenByBen = await openPeople(ben);
    const benRow = rowOf(seenByBen, BEN.email);
    expect(await benRow.getByTestId('person-role').textContent()).toBe('View only');
    expect(await benRow.getByTestId('person-role-source').textContent()).toBe('Set on this map');
    expect(await rowOf(seenByBen, ADA.email).getByTestId('person-role').textContent()).toBe(
      'Owner',
    );
    expect(await seenByBen.locator('select').count()).toBe(0);
    await ben.click('[data-testid=share-dialog] >> text=Done');

    // The workspace's default again: the colleague edits once more.
    await select.selectOption({ label: 'Workspace default' });
    await ada
      .locator('.toast', { hasText: `${BEN.name} has the workspace’s role again: can edit` })
      .waitFor({ timeout: 10_000 });
    await waitText(row.getByTestId('person-role-source'), 'From the workspace');
    expect(await select.inputValue()).toBe('editor');
    await pill.waitFor({ state: 'detached', timeout: 15_000 });
    expectNoPageErrors(ada, admin, ben);
  });
});
