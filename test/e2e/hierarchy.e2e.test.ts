/**
 * The boards page's Hierarchy view under the page's filters, in Chromium against the real
 * server with accounts (W286–W289): the search box and the map type filter narrow the tree as
 * they narrow the grid, ancestors stay as context, "n of m maps", the empty state's "Clear
 * filters", the WAI-ARIA tree's keys, and the view at 390, 768, 1024 and 1440 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, exportBoard, initBoard, setStageLink } from '../../shared/model/index.js';
import type { MapType } from '../../shared/model/schema.js';
import { expectNoPageErrors, newPage, saveScreenshot } from './browser.js';
import { accountsServer, setUpAdminInBrowser } from './accountPages.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** Imports a one-stage map (its stage linking to `link`) through the page's session. Its id. */
async function importMap(
  page: Page,
  workspaceId: string,
  map: { title: string; mapType: MapType; link?: string },
): Promise<string> {
  const doc = new Y.Doc();
  initBoard(doc, { title: map.title, mapType: map.mapType });
  const stage = addStage(doc, { name: 'Start' });
  if (map.link) setStageLink(doc, stage, map.link);
  const json = exportBoard(doc);
  const made = await page.evaluate(
    async ({ body, ws }) => {
      const res = await fetch(`/api/boards/import?workspaceId=${ws}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { id?: string } };
    },
    { body: json, ws: workspaceId },
  );
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.id!;
}

/** The tree's rows as the eye reads them: "L1 Onboarding", context ones in brackets. */
async function treeRows(page: Page): Promise<string[]> {
  return page.getByTestId('hierarchy-map').evaluateAll((items) =>
    items.map((item) => {
      const text = [...item.querySelectorAll('.hierarchy-level, .hierarchy-title')]
        .map((e) => e.textContent ?? '')
        .join(' ');
      return item.getAttribute('data-context') === 'true' ? `(${text})` : text;
    }),
  );
}

const focusedTitle = (page: Page) =>
  page.evaluate(() => document.activeElement?.querySelector('.hierarchy-title')?.textContent);

describe('the hierarchy under the boards page’s filters', { timeout: 120_000 }, () => {
  it('W286, W287, W288, W289: filters narrow the tree, ancestors stay as context, keys walk it', async () => {
    const server = await accountsServer(suite);
    const page = await newPage(await suite.person('Ada'));
    await setUpAdminInBrowser(page, server.url);
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    const workspaceId = (me as { workspaces: { id: string }[] }).workspaces[0]!.id;
    const details = await importMap(page, workspaceId, {
      title: 'Identity check',
      mapType: 'future-state',
    });
    const onboarding = await importMap(page, workspaceId, {
      title: 'Onboarding',
      mapType: 'current-state',
      link: details,
    });
    await importMap(page, workspaceId, {
      title: 'Customer lifecycle',
      mapType: 'current-state',
      link: onboarding,
    });
    await importMap(page, workspaceId, { title: 'Support desk', mapType: 'service-blueprint' });

    await page.goto(`${server.url}/`);
    await page.getByTestId('hierarchy-toggle').click();
    const count = page.getByTestId('hierarchy-count');
    await count.filter({ hasText: '4 maps' }).waitFor({ timeout: 10_000 });
    expect(await treeRows(page)).toEqual([
      'L0 Customer lifecycle',
      'L1 Onboarding',
      'L2 Identity check',
      'L0 Support desk',
    ]);

    // W286: the search box narrows the tree; the match's ancestors stay, greyed, not counted.
    await page.fill('[data-testid=board-search]', 'identity');
    await count.filter({ hasText: '1 of 4 maps' }).waitFor();
    expect(await treeRows(page)).toEqual([
      '(L0 Customer lifecycle)',
      '(L1 Onboarding)',
      'L2 Identity check',
    ]);
    await saveScreenshot(page, 'hierarchy-filtered-by-text');
    await page.fill('[data-testid=board-search]', '');

    // W286: so does the map type filter, as it does the grid.
    await page.selectOption('[data-testid=filter-map-type]', 'current-state');
    await count.filter({ hasText: '2 of 4 maps' }).waitFor();
    expect(await treeRows(page)).toEqual(['L0 Customer lifecycle', 'L1 Onboarding']);

    // W287: nothing matches: the empty state clears the type filter and the search box.
    await page.fill('[data-testid=board-search]', 'support');
    const empty = page.getByTestId('hierarchy-empty');
    await empty.waitFor();
    expect(await count.innerText()).toBe('0 of 4 maps');
    await saveScreenshot(page, 'hierarchy-no-match');
    await page.getByTestId('hierarchy-clear-filters').click();
    await count.filter({ hasText: /^4 maps$/ }).waitFor();
    expect(await page.inputValue('[data-testid=board-search]')).toBe('');
    expect(await page.inputValue('[data-testid=filter-map-type]')).toBe('');

    // W288: one tab stop; ↓ ↑ ← → Home End per the WAI-ARIA tree pattern.
    const tree = page.getByRole('tree');
    expect(await tree.getByRole('treeitem').count()).toBe(4);
    const tabStops = await page
      .getByTestId('hierarchy-map')
      .evaluateAll((items) => items.filter((i) => i.getAttribute('tabindex') === '0').length);
    expect(tabStops).toBe(1);
    await page.getByTestId('hierarchy-map').first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await focusedTitle(page)).toBe('Onboarding');
    await page.keyboard.press('ArrowLeft');
    const onboardingItem = tree.getByRole('treeitem', { name: /Onboarding/ });
    expect(await onboardingItem.getAttribute('aria-expanded')).toBe('false');
    expect(await treeRows(page)).toEqual([
      'L0 Customer lifecycle',
      'L1 Onboarding',
      'L0 Support desk',
    ]);
    await page.keyboard.press('ArrowRight');
    expect(await onboardingItem.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await focusedTitle(page)).toBe('Identity check');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedTitle(page)).toBe('Onboarding');
    await page.keyboard.press('End');
    expect(await focusedTitle(page)).toBe('Support desk');
    await page.keyboard.press('Home');
    expect(await focusedTitle(page)).toBe('Customer lifecycle');

    // W289: every width shows the filtered tree without sideways scrolling.
    await page.fill('[data-testid=board-search]', 'identity');
    await count.filter({ hasText: '1 of 4 maps' }).waitFor();
    for (const width of [390, 768, 1024, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `sideways scroll at ${width}px`).toBeLessThanOrEqual(0);
      const box = await page.getByTestId('hierarchy-map').last().boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      await saveScreenshot(page, `hierarchy-filtered-at-${width}`);
    }

    // Enter on a row opens its map.
    await page.getByTestId('hierarchy-map').last().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/b/${details}$`), { timeout: 10_000 });
    expectNoPageErrors(page);
  });
});
