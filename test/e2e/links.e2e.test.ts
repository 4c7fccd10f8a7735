/**
 * Issue 18's linked maps in Chromium against the real server with accounts: the lifecycle map's
 * Onboarding stage linked to the detailed Onboarding map from the stage's panel, its chip on
 * the canvas opening the child with a breadcrumb, the breadcrumb leading back (W241, W244).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  boardState,
  expectNoPageErrors,
  newPage,
  saveScreenshot,
  waitCanvasReady,
} from './browser.js';
import { accountsServer, newMapInBrowser, setUpAdminInBrowser } from './accountPages.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** Page coordinates of the centre of a Konva node (by selector), once it is drawn. */
async function nodeCentre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const find = (sel: string) => {
    interface Node {
      getClientRect(): { x: number; y: number; width: number; height: number };
    }
    const konva = (
      window as unknown as {
        Konva: { stages: { findOne(s: string): Node | undefined; container(): HTMLElement }[] };
      }
    ).Konva;
    const stage = konva.stages[0];
    const node = stage?.findOne(sel);
    if (!stage || !node) return null;
    const r = node.getClientRect();
    const c = stage.container().getBoundingClientRect();
    return { x: c.left + r.x + r.width / 2, y: c.top + r.y + r.height / 2 };
  };
  await page.waitForFunction(find, selector, { timeout: 10_000 });
  return (await page.evaluate(find, selector))!;
}

describe('linked maps', { timeout: 120_000 }, () => {
  it('drills from the lifecycle map into Onboarding by its chip and back by the breadcrumb', async () => {
    const server = await accountsServer(suite);
    const page = await newPage(await suite.person('Ada'));
    await setUpAdminInBrowser(page, server.url);
    const child = await newMapInBrowser(page, 'Onboarding');
    await page.goto(`${server.url}/`);
    const parent = await newMapInBrowser(page, 'Customer lifecycle');
    await waitCanvasReady(page);

    // The lifecycle map's first stage becomes "Onboarding" and links to the child map.
    const stageId = (await boardState(page)).stages[0]!.id;
    const header = await nodeCentre(page, `#stage-header-${stageId}`);
    await page.mouse.click(header.x, header.y);
    const name = page.locator('[data-testid=panel-stage-name]');
    await name.fill('Onboarding');
    await name.press('Enter');
    await page.click('[data-testid=panel-link-to-map]');
    await page.getByTestId('link-picker').waitFor();
    await page.fill('[data-testid=link-picker-search]', 'onbo');
    await page.getByTestId('link-picker-choice').filter({ hasText: 'Onboarding' }).click();
    await page.getByTestId('link-picker').waitFor({ state: 'detached' });
    const panelChip = page.getByTestId('panel-link-chip');
    await panelChip.filter({ hasText: 'Onboarding' }).waitFor({ timeout: 10_000 });
    await saveScreenshot(page, 'links-stage-linked');

    // A card links to the child too: its tile shows the chip with the child's title.
    const card = (await boardState(page)).cards.find((c) => c.stageId === stageId)!;
    const tile = await nodeCentre(page, `#card-${card.id}`);
    await page.mouse.click(tile.x, tile.y);
    await page.click('[data-testid=panel-link-to-map]');
    await page.getByTestId('link-picker-choice').filter({ hasText: 'Onboarding' }).click();
    await panelChip.filter({ hasText: 'Onboarding' }).waitFor({ timeout: 10_000 });
    await nodeCentre(page, `#link-chip-${card.id}`);
    const chipText = await page.evaluate((id) => {
      const konva = (
        window as unknown as {
          Konva: { stages: { findOne(s: string): { findOne(s: string): { text(): string } } }[] };
        }
      ).Konva;
      return konva.stages[0]!.findOne(`#link-chip-${id}`).findOne('Text').text();
    }, card.id);
    expect(chipText).toBe('↗ Onboarding');

    // In the table view, Enter on the card's chip opens the child.
    await page.goto(`${server.url}/b/${parent}?view=table`);
    const tableChip = page.locator(`[data-card-id="${card.id}"] [data-testid=table-link-chip]`);
    await tableChip.filter({ hasText: 'Onboarding' }).waitFor({ timeout: 10_000 });
    await tableChip.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/b/${child}`), { timeout: 10_000 });
    await page.goto(`${server.url}/b/${parent}?view=canvas`);
    await waitCanvasReady(page);

    // The chip on the stage's header opens the child, which shows where it came from.
    const chip = await nodeCentre(page, `#link-chip-${stageId}`);
    await page.mouse.click(chip.x, chip.y);
    await page.waitForURL(new RegExp(`/b/${child}$`), { timeout: 10_000 });
    const crumbs = page.getByTestId('board-breadcrumbs');
    await crumbs.filter({ hasText: 'Customer lifecycle' }).waitFor({ timeout: 10_000 });
    expect((await crumbs.innerText()).replace(/\s+/g, ' ')).toBe('Customer lifecycle › Onboarding');
    await saveScreenshot(page, 'links-child-breadcrumbs');

    // Used in: the child's details name the lifecycle map's stage.
    await page.getByTestId('used-in').filter({ hasText: 'Customer lifecycle' }).waitFor();

    await page.getByTestId('breadcrumb').filter({ hasText: 'Customer lifecycle' }).click();
    await page.waitForURL(new RegExp(`/b/${parent}$`), { timeout: 10_000 });
    await page.getByTestId('board-title').filter({ hasText: 'Customer lifecycle' }).waitFor();

    // At a phone's width the breadcrumb still leads back, by keyboard too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/b/${child}`);
    const back = page.getByTestId('breadcrumb').filter({ hasText: 'Customer lifecycle' });
    await back.waitFor({ timeout: 10_000 });
    await saveScreenshot(page, 'links-at-390');
    await back.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/b/${parent}$`), { timeout: 10_000 });
    await page.getByTestId('board-title').filter({ hasText: 'Customer lifecycle' }).waitFor();

    // The boards page's Hierarchy view: the lifecycle map at L0, Onboarding under it at L1.
    await page.goto(`${server.url}/`);
    await page.getByTestId('hierarchy-toggle').click();
    const tree = page.getByTestId('hierarchy');
    await tree.waitFor({ timeout: 10_000 });
    const items = page.getByTestId('hierarchy-map');
    await items.nth(1).waitFor();
    expect((await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
      'L0 Customer lifecycle',
      'L1 Onboarding',
    ]);
    await saveScreenshot(page, 'links-hierarchy-at-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await saveScreenshot(page, 'links-hierarchy-at-1440');
    await items.nth(1).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/b/${child}$`), { timeout: 10_000 });
    expectNoPageErrors(page);
  });
});
