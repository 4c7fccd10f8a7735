/**
 * The portfolio page (issue 18) in Chromium against a server with accounts: the worst
 * touchpoint across maps comes first and a click lands on its card; the maps table sorts,
 * filters and exports; the page fits a phone.
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addLane, addStage } from '../../shared/model/axes.js';
import { initBoard } from '../../shared/model/board.js';
import { addCard, setMetrics } from '../../shared/model/cards.js';
import { exportBoard } from '../../shared/model/json.js';
import type { PortfolioView } from '../../shared/protocol/portfolio.js';
import { waitForAsync } from '../helpers/clients.js';
import { ADMIN, setUpAdmin } from '../helpers/people.js';
import { expectNoPageErrors, newPage, saveScreenshot } from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite({ contextOptions: { acceptDownloads: true } });

/** A map as open JSON: one stage of touchpoints with these CSAT scores. */
function mapJson(title: string, csats: number[]) {
  const doc = new Y.Doc();
  initBoard(doc, { title, mapType: 'current-state' });
  const stageId = addStage(doc, { name: 'Support' });
  const laneId = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const ids = csats.map((csat, i) => {
    const id = addCard(doc, { stageId, laneId, text: `${title} step ${i + 1}` });
    setMetrics(doc, id, { csat, volume: 50 });
    return id;
  });
  return { json: exportBoard(doc), ids };
}

describe('portfolio', { timeout: 120_000 }, () => {
  it('W292, W294: ranks the worst touchpoint first and lands on its card; the table sorts, filters and exports', async () => {
    const server = await suite.extraServer({ AUTH_MODE: 'accounts' });
    const ada = await setUpAdmin(server.url);
    const workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const imported: Record<string, { id: string; cards: string[] }> = {};
    for (const [title, csats] of [
      ['Renewal', [77, 58]],
      ['Claims', [83, 31, 66]],
      ['Onboarding', [92]],
    ] as const) {
      const { json, ids } = mapJson(title, [...csats]);
      const made = await ada.post(`/api/boards/import?workspaceId=${workspaceId}`, json);
      expect(made.status).toBe(201);
      imported[title] = { id: String(made.body.id), cards: ids };
    }
    await waitForAsync(
      async () => {
        const view = (await ada.get(`/api/workspaces/${workspaceId}/portfolio`))
          .body as unknown as PortfolioView;
        return view.worst.csat.length === 6;
      },
      30_000,
      'three maps digested',
    );

    const page = await newPage(await suite.person('Ada'));
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.waitForURL(`${server.url}/`);
    await page.click('[data-testid=open-portfolio]');
    await page.waitForURL(`${server.url}/portfolio`);
    const worst = page.getByTestId('worst-touchpoint');
    await worst.first().waitFor();
    expect(await worst.allTextContents()).toEqual([
      '31%Claims step 2Claims › Support',
      '58%Renewal step 2Renewal › Support',
      '66%Claims step 3Claims › Support',
      '77%Renewal step 1Renewal › Support',
      '83%Claims step 1Claims › Support',
      '92%Onboarding step 1Onboarding › Support',
    ]);

    // The maps table: sorted by title on a click, filtered by a word, exported as shown.
    const titles = () => page.locator('[data-testid=portfolio-maps] tbody th').allTextContents();
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    expect(await titles()).toEqual(['Claims', 'Onboarding', 'Renewal']);
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    expect(await titles()).toEqual(['Renewal', 'Onboarding', 'Claims']);
    await page.fill('[data-testid=portfolio-filter-text]', 'claims');
    expect(await titles()).toEqual(['Claims']);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=portfolio-csv]'),
    ]);
    const csv = readFileSync((await file.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[0]).toMatch(/^title,map type,persona,owner,last reviewed,review,overdue/);
    expect(csv[1]).toMatch(/^Claims,Current state,/);
    expect(csv[1]).toContain(`/b/${imported.Claims!.id}`);
    await page.fill('[data-testid=portfolio-filter-text]', '');

    // At a phone's width nothing spills sideways but the table's own scroller.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'portfolio-at-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await saveScreenshot(page, 'portfolio-at-1440');

    await worst.first().click();
    const claims = imported.Claims!;
    await page.waitForURL(`${server.url}/b/${claims.id}?card=${claims.cards[1]}`);
    expectNoPageErrors(page);
  });
});
