/**
 * The board's CES method in Chromium against the real server (W246, W248): CES points of both
 * methods posted over the metrics API, then the setting switched in the board panel; the card
 * on the canvas and in the table shows the method's figure and says which, live, no reload;
 * a version compared with now lists the series points that arrived since (W274).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoPageErrors, newPage, saveScreenshot } from './browser.js';
import {
  accountsServer,
  metricsFeedOf,
  newMapInBrowser,
  setUpAdminInBrowser,
} from './accountPages.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** The text of the card's CES badge on the canvas (null: not drawn). */
function drawnCes(page: Page, cardId: string): Promise<string | null> {
  return page.evaluate((id) => {
    type Node = { findOne(selector: string): Node | undefined; text(): string };
    const konva = (window as unknown as { Konva: { stages: { findOne(s: string): Node }[] } })
      .Konva;
    const badge = konva.stages[0]?.findOne(`#card-${id}`)?.findOne('.metric-ces');
    return badge?.findOne('.metric-value')?.text() ?? null;
  }, cardId);
}

describe('CES method in the browser', { timeout: 120_000 }, () => {
  it('switching the board to top-2-box changes what the card shows, and back', async () => {
    const server = await accountsServer(suite);
    const page = await newPage(await suite.person('Ada'));
    await page.setViewportSize({ width: 1440, height: 900 });
    await setUpAdminInBrowser(page, server.url);
    const boardId = await newMapInBrowser(page, 'Effort');
    await page.waitForFunction(() => (window.journeyboard?.layout().cards.size ?? 0) > 0);

    const setup = await metricsFeedOf(page, boardId, 'survey feed');

    const ces = (m: number, value: number, method: 'mean' | 'top2box') => ({
      board: boardId,
      touchpoint: setup.card,
      metric: 'ces',
      method,
      value,
      n: 90,
      periodStart: `2026-0${m}-01`,
      periodEnd: `2026-0${m}-28`,
      source: 'medallia',
    });
    const res = await fetch(`${server.url}/api/workspaces/${setup.workspace}/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${setup.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rows: [
          ces(1, 5.1, 'mean'),
          ces(2, 5.6, 'mean'),
          ces(1, 60, 'top2box'),
          ces(2, 72, 'top2box'),
        ],
      }),
    });
    expect(await res.json()).toEqual({ written: 4, unchanged: 0, rejected: [] });

    // A mean board shows the mean and its change, as always.
    await expect.poll(() => drawnCes(page, setup.card), { timeout: 10_000 }).toBe('CES 5.6 ▲+0.5');

    // The board panel (nothing selected) holds the setting and the formulas.
    await page.keyboard.press('Escape');
    const panel = page.locator('[data-testid=side-panel][data-panel-kind=board]');
    if (!(await panel.isVisible()))
      await page.getByRole('button', { name: 'Details panel' }).click();
    await panel.waitFor({ timeout: 10_000 });
    const hint = panel.getByTestId('panel-ces-method-hint');
    expect(await hint.textContent()).toContain('the mean of the answers on a 1–7 scale');
    await panel.getByTestId('panel-ces-method').selectOption('top2box');
    await expect.poll(() => hint.textContent()).toContain('% of answers 6 or 7');
    expect(await panel.getByTestId('panel-metric-formulas').textContent()).toContain(
      'CSAT: % of answers 4 or 5',
    );

    // The card now shows its top-2-box series: its latest %, its Δ against the top-2 before it.
    await expect
      .poll(() => drawnCes(page, setup.card), { timeout: 10_000 })
      .toBe('CES 72% top-2 ▲+12');
    await saveScreenshot(page, 'ces-top2box-card');
    // The setting is the board's: it reached the server (the open JSON carries it).
    await expect
      .poll(async () => {
        const json = (await page.evaluate(
          async (board) => (await fetch(`/api/boards/${board}`)).json(),
          boardId,
        )) as { meta: { cesMethod?: string } };
        return json.meta.cesMethod;
      })
      .toBe('top2box');

    // The table view says it the same way.
    await page.keyboard.press('Alt+2');
    const item = page.locator(`[data-testid=journey-table] [data-card-id="${setup.card}"]`);
    await item.getByText('CES 72% top-2 ▲+12').waitFor({ timeout: 10_000 });
    expect(await item.getAttribute('aria-label')).toContain(
      'CES 72% top-2 ▲+12 since the previous period (good)',
    );

    // Back to the mean: the old points are read as they were written.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Escape');
    if (!(await panel.isVisible()))
      await page.getByRole('button', { name: 'Details panel' }).click();
    await panel.getByTestId('panel-ces-method').selectOption('mean');
    await expect.poll(() => drawnCes(page, setup.card), { timeout: 10_000 }).toBe('CES 5.6 ▲+0.5');

    // W274: a version saved now, a March feed after it: the comparison lists the new points.
    const version = await page.evaluate(async (board) => {
      const res = await fetch(`/api/boards/${board}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ label: 'Before March' }),
      });
      return ((await res.json()) as { id: string }).id;
    }, boardId);
    const march = await fetch(`${server.url}/api/workspaces/${setup.workspace}/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${setup.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [ces(3, 5.9, 'mean'), ces(3, 78, 'top2box')] }),
    });
    expect(((await march.json()) as { written: number }).written).toBe(2);
    await page.getByTestId('versions-toggle').click();
    const saved = page.locator(`[data-testid=version-item][data-version-id="${version}"]`);
    await saved.getByTestId('version-compare-now').click();
    const change = page
      .getByTestId('change-list')
      .locator('[data-testid=change-item][data-kind=card-series-changed]');
    // March ends on the 28th here, so the period is named by its last day.
    await expect
      .poll(() => change.textContent(), { timeout: 10_000 })
      .toContain(': CES +1 point (2026-03-28); CES top-2 +1 point (2026-03-28)');
    await saveScreenshot(page, 'ces-series-diff');
    expectNoPageErrors(page);
  });
});
