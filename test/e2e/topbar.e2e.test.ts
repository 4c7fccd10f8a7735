/**
 * The board's top bar at phone, tablet, laptop and desktop widths in a real browser: every
 * control can be reached (in the bar, or in its "More" menu when the bar is full) and works, and
 * the title and persona get the room there is instead of being cut.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createBoard } from '../helpers/server.js';
import { expectNoPageErrors, openBoard, saveScreenshot } from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

const WIDTHS = [360, 390, 768, 1024, 1440] as const;

/** Every control of an editor's top bar, by accessible name. */
const CONTROLS = [
  'All boards',
  'Share',
  'Undo',
  'Redo',
  'Zoom out',
  'Zoom in',
  'Zoom to fit',
  'Dark theme',
  'Keyboard shortcuts',
  'Canvas',
  'Table',
  'Export',
  'Versions',
  'Activity',
  'Insights',
  'Comments',
  'Details panel',
] as const;

/** The right-hand panels and what shows when each is open. */
const PANELS = [
  ['Versions', 'versions-panel'],
  ['Activity', 'activity-panel'],
  ['Insights', 'insights-panel'],
  ['Comments', 'comments-panel'],
] as const;

const MORE = '[data-testid=topbar-more]';

/** An item of the "More" menu by name: an action, a toggle (panel, theme) or a choice (view). */
function menuItem(page: Page, name: string) {
  const list = page.getByTestId('topbar-more-list');
  return list
    .getByRole('menuitem', { name, exact: true })
    .or(list.getByRole('menuitemcheckbox', { name, exact: true }))
    .or(list.getByRole('menuitemradio', { name, exact: true }));
}

/**
 * Where a control can be used: `bar` when it is in the top bar, inside the window and not
 * covered; `more` when it is an item of the bar's "More" menu; null when it cannot be reached.
 */
async function whereIs(page: Page, name: string): Promise<'bar' | 'more' | null> {
  const inBar = await page.evaluate((label) => {
    const bar = document.querySelector('.board-topbar')!;
    const named = [...bar.querySelectorAll<HTMLElement>('button, [role=status]')].filter(
      (el) =>
        !el.closest('[role=menu]') &&
        (el.getAttribute('aria-label') ?? el.textContent?.trim()) === label,
    );
    return named.some((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      if (r.left < 0 || r.right > window.innerWidth + 0.5) return false;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit !== null && (hit === el || el.contains(hit));
    });
  }, name);
  if (inBar) return 'bar';
  const more = page.locator(MORE);
  if (!(await more.isVisible())) return null;
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  const item = menuItem(page, name);
  const found = (await item.count()) === 1 && (await item.isVisible());
  await page.keyboard.press('Escape');
  return found ? 'more' : null;
}

/** Waits until the bar has stopped moving tools in or out of "More" (a few frames alike). */
async function barSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const read = () =>
      [...document.querySelectorAll<HTMLElement>('.board-topbar [data-fit]')]
        .map((el) => `${el.dataset.fit}:${el.hidden}`)
        .join(',');
    let last = read();
    for (let stable = 0, i = 0; stable < 3 && i < 120; i++) {
      await frame();
      const now = read();
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
  });
}

/** Uses a control wherever it is: in the bar, or through the "More" menu. */
async function use(page: Page, name: string): Promise<void> {
  const where = await whereIs(page, name);
  if (where === 'bar') {
    await page.locator('.board-topbar').getByRole('button', { name, exact: true }).click();
  } else if (where === 'more') {
    await page.click(MORE);
    await menuItem(page, name).click();
  } else throw new Error(`"${name}" cannot be reached`);
}

/** Whether an element's text is cut (ellipsis), and whether it lies inside the window. */
function textFits(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector<HTMLElement>(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {
      cut: el.scrollWidth > el.clientWidth + 1,
      inside: r.right <= window.innerWidth + 0.5 && r.width > 0,
    };
  }, selector);
}

/**
 * How an open panel sits: as a bottom sheet over the canvas (narrow windows) or beside it; wholly
 * inside the window with its close button; and the canvas's width with it open.
 */
function panelPlace(page: Page, testId: string) {
  return page.evaluate((id) => {
    const panel = document.querySelector(`[data-testid=${id}]`)!.getBoundingClientRect();
    const canvas = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    const close = document.querySelector(`[data-testid=${id}] .panel-header button[title=Close]`)!;
    const c = close.getBoundingClientRect();
    const hit = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
    return {
      sheet: panel.left === 0 && panel.width === innerWidth && panel.top > canvas.top,
      inside:
        panel.right <= innerWidth + 0.5 && c.right <= innerWidth && !!hit && close.contains(hit),
      canvasWidth: canvas.width,
    };
  }, testId);
}

describe('the top bar at every width', { timeout: 120_000 }, () => {
  it('keeps every control reachable and working, from 360 px up', async () => {
    const board = await createBoard(suite.url, {
      title: 'Expense onboarding',
      template: 'current-state',
      persona: { name: 'Dana Whitfield' },
    });
    const context = await suite.person('Ada');
    const page = await openBoard(context, suite.url, board.id, 'editor');
    const resize = async (width: number) => {
      await page.setViewportSize({ width, height: 820 });
      await page.waitForFunction((w) => window.innerWidth === w, width);
      await barSettled(page);
    };
    const unreachable: Record<number, string[]> = {};
    for (const width of WIDTHS) {
      await resize(width);
      await saveScreenshot(page, `topbar-${width}`);
      unreachable[width] = [];
      for (const name of CONTROLS) {
        if ((await whereIs(page, name)) === null) unreachable[width].push(name);
      }
    }
    expect(unreachable).toEqual({ 360: [], 390: [], 768: [], 1024: [], 1440: [] });

    for (const width of WIDTHS) {
      await resize(width);
      if (await page.locator(MORE).isVisible()) {
        await page.click(MORE);
        await page.getByTestId('topbar-more-list').waitFor();
        await saveScreenshot(page, `topbar-${width}-more`);
        await page.keyboard.press('Escape');
        await page.getByTestId('topbar-more-list').waitFor({ state: 'detached' });
      }
      // Each right-hand panel opens from wherever its button is, and closes again.
      for (const [name, testId] of PANELS) {
        await use(page, name);
        await page.getByTestId(testId).waitFor({ timeout: 5_000 });
        expect(await panelPlace(page, testId), `${name} at ${width} px`).toEqual(
          width < 700
            ? { sheet: true, inside: true, canvasWidth: width }
            : { sheet: false, inside: true, canvasWidth: expect.any(Number) },
        );
        if (name === 'Insights') await saveScreenshot(page, `topbar-${width}-panel`);
        await use(page, name);
        await page.getByTestId(testId).waitFor({ state: 'detached', timeout: 5_000 });
      }
      // The table view and back.
      await use(page, 'Table');
      await page.getByTestId('table-view').waitFor({ timeout: 5_000 });
      await use(page, 'Canvas');
      await page.getByTestId('table-view').waitFor({ state: 'detached', timeout: 5_000 });
    }
    expectNoPageErrors(page);
  });

  it('gives the title and persona the room there is', async () => {
    const board = await createBoard(suite.url, {
      title: 'Expense onboarding for finance leads',
      template: 'current-state',
      persona: { name: 'Dana Whitfield' },
    });
    const page = await openBoard(await suite.person('Ben'), suite.url, board.id, 'editor');
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 820 });
      await page.waitForFunction((w) => window.innerWidth === w, width);
      await barSettled(page);
      expect(await textFits(page, '[data-testid=board-title]'), `title at ${width} px`).toEqual({
        cut: false,
        inside: true,
      });
      expect(await textFits(page, '[data-testid=board-persona]'), `persona at ${width}`).toEqual({
        cut: false,
        inside: true,
      });
    }
    // On a phone the title may shorten, but it keeps a readable width and stays in the window.
    await page.setViewportSize({ width: 390, height: 820 });
    await page.waitForFunction(() => window.innerWidth === 390);
    await barSettled(page);
    const title = await page.getByTestId('board-title').boundingBox();
    expect(title!.width).toBeGreaterThanOrEqual(90);
    expect(title!.x + title!.width).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'topbar-390-long-title');
    expectNoPageErrors(page);
  });
});
