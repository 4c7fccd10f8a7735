/**
 * Issue 18's "post a metrics batch over REST and see the card's value, n and sparkline change
 * live in an open browser" in Chromium against the real server with accounts (W258, W263,
 * W265): the page stays open, a script posts with a personal access token, no reload. A fall
 * into the red marks the card on the canvas, in the table and in the panel (W298).
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

interface Drawn {
  value: string;
  n: string | null;
  sparkline: number[] | null;
}

/** What the canvas draws in the card's CSAT badge (null: the card or badge is not drawn). */
function drawnCsat(page: Page, cardId: string): Promise<Drawn | null> {
  return page.evaluate((id) => {
    type Node = {
      findOne(selector: string): Node | undefined;
      text(): string;
      points(): number[];
    };
    const konva = (window as unknown as { Konva: { stages: { findOne(s: string): Node }[] } })
      .Konva;
    const badge = konva.stages[0]?.findOne(`#card-${id}`)?.findOne('.metric-csat');
    if (!badge) return null;
    return {
      value: badge.findOne('.metric-value')!.text(),
      n: badge.findOne('.metric-n')?.text() ?? null,
      sparkline: badge.findOne('.sparkline')?.points() ?? null,
    };
  }, cardId);
}

describe('metrics over time in the browser', { timeout: 120_000 }, () => {
  it("a batch posted over REST changes the card's value, n and sparkline live", async () => {
    const server = await accountsServer(suite);
    const page = await newPage(await suite.person('Ada'));
    await page.setViewportSize({ width: 1440, height: 900 });
    await setUpAdminInBrowser(page, server.url);
    const boardId = await newMapInBrowser(page, 'Onboarding');
    await page.waitForFunction(() => (window.journeyboard?.layout().cards.size ?? 0) > 0);

    // A personal access token for the nightly job, the workspace and a drawn touchpoint card.
    const setup = await metricsFeedOf(page, boardId, 'nightly BI job');
    await page.waitForFunction((id) => {
      const stage = (window as unknown as { Konva: { stages: { findOne(s: string): unknown }[] } })
        .Konva.stages[0];
      return Boolean(stage?.findOne(`#card-${id}`));
    }, setup.card);

    const post = async (rows: object[]) => {
      const res = await fetch(`${server.url}/api/workspaces/${setup.workspace}/metrics`, {
        method: 'POST',
        headers: { authorization: `Bearer ${setup.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rows }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const month = (m: number, value: number, n: number) => ({
      board: boardId,
      touchpoint: setup.card,
      metric: 'csat',
      value,
      n,
      periodStart: `2026-0${m}-01`,
      periodEnd: `2026-0${m}-28`,
      source: 'qualtrics',
    });

    expect(await post([month(1, 62, 180), month(2, 66, 204)])).toEqual({
      status: 200,
      body: { written: 2, unchanged: 0, rejected: [] },
    });
    await page.waitForFunction(
      (id) => window.journeyboard?.layout().cards.get(id)?.card.metrics.csat === 66,
      setup.card,
      { timeout: 10_000 },
    );
    await expect
      .poll(() => drawnCsat(page, setup.card))
      .toMatchObject({
        value: 'CSAT 66% ▲+4',
        n: 'n=204',
      });
    const before = (await drawnCsat(page, setup.card))!.sparkline!;
    expect(before).toHaveLength(4);

    // The next month, lower: the value, its n and the sparkline follow without a reload.
    expect((await post([month(3, 58.5, 231)])).body).toMatchObject({ written: 1 });
    await expect
      .poll(() => drawnCsat(page, setup.card), { timeout: 10_000 })
      .toMatchObject({ value: 'CSAT 59% ▼−7.5', n: 'n=231' });
    // 66 → 58.5 crosses into the red (W297): the badge carries the red "!" (W298).
    await page.waitForFunction((id) => {
      const stage = (window as unknown as { Konva: { stages: { findOne(s: string): unknown }[] } })
        .Konva.stages[0] as { findOne(s: string): { findOne(s: string): unknown } | undefined };
      return Boolean(stage.findOne(`#card-${id}`)?.findOne('.metric-alert'));
    }, setup.card);
    const after = (await drawnCsat(page, setup.card))!.sparkline!;
    expect(after).toHaveLength(6);
    // The newest point is the lowest of the three: drawn at the bottom of the line's box.
    expect(after.at(-1)).toBeGreaterThan(after[1]!);
    const box = await page.evaluate((id) => {
      const card = window.journeyboard!.layout().cards.get(id)!;
      const v = window.journeyboard!.viewport();
      const canvas = document.querySelector('canvas')!.getBoundingClientRect();
      return {
        x: canvas.x + (card.x - v.x) * v.zoom,
        y: canvas.y + (card.y - v.y) * v.zoom,
        width: card.w * v.zoom,
        height: card.h * v.zoom,
      };
    }, setup.card);
    await page.screenshot({
      path: await saveScreenshot(page, 'metrics-live-sparkline'),
      clip: { x: box.x - 4, y: box.y - 4, width: box.width + 8, height: box.height + 8 },
      scale: 'device',
    });

    // The table view shows the latest value with its Δ; selecting the card there opens the
    // panel with the series, newest first, and how CSAT is computed.
    await page.keyboard.press('Alt+2');
    const item = page.locator(`[data-testid=journey-table] [data-card-id="${setup.card}"]`);
    await item.getByText('CSAT 59% ▼−7.5').waitFor({ timeout: 10_000 });
    const why = 'CSAT fell 7.5 points to 59% since the previous period (Feb 2026 → 2026-03-28)';
    expect(await item.getByTestId('table-metric-alert').getAttribute('title')).toBe(why);
    expect(await item.getAttribute('aria-label')).toContain(`alert: ${why}`);
    await item.click();
    const table = page.locator(
      '[data-testid=side-panel][data-panel-kind=card] [data-testid=panel-series-csat]',
    );
    await table.waitFor({ timeout: 10_000 });
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      '2026-03-01 – 2026-03-2859%▼−7.5231qualtrics',
      '2026-02-01 – 2026-02-2866%▲+4204qualtrics',
      '2026-01-01 – 2026-01-2862%—180qualtrics',
    ]);
    expect(await table.locator('caption').textContent()).toContain('% of answers 4 or 5');
    expect(
      await page
        .locator('[data-testid=side-panel][data-panel-kind=card] [data-testid=panel-alerts]')
        .textContent(),
    ).toBe(`! ${why}`);
    await saveScreenshot(page, 'metrics-table-and-panel');
    expectNoPageErrors(page);
  });
});
