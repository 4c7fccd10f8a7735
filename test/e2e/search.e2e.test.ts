/**
 * Issue 18's "find a card by a word of its text and land on it" in Chromium against the real
 * server with accounts: the boards page's search box (Ctrl+K, "/"), full-text results with the
 * word marked, and a click (or ↓ and Enter) that opens the board with that card selected, in
 * view and lit.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addLane, addStage, exportBoard, initBoard } from '../../shared/model/index.js';
import {
  cardScreenRect,
  expectNoPageErrors,
  newPage,
  saveScreenshot,
  waitCanvasReady,
} from './browser.js';
import { accountsServer, setUpAdminInBrowser } from './accountPages.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** A wide map (12 stages) whose one card holding the word sits in the last stage, far right. */
function wideBoard(): { json: unknown; cardId: string } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Lifecycle', mapType: 'current-state' });
  const stages = Array.from({ length: 12 }, (_, i) => addStage(doc, { name: `Stage ${i + 1}` }));
  const lane = addLane(doc, { name: 'Actions', kind: 'actions' });
  for (const [i, stageId] of stages.slice(0, -1).entries())
    addCard(doc, { stageId, laneId: lane, text: `Ordinary step ${i}` });
  const cardId = addCard(doc, {
    stageId: stages.at(-1)!,
    laneId: lane,
    text: 'The courier leaves the parcel with a neighbour',
  });
  return { json: exportBoard(doc), cardId };
}

describe('search', { timeout: 120_000 }, () => {
  it('finds a card by a word of its text and lands on it', async () => {
    const server = await accountsServer(suite);
    const page = await newPage(await suite.person('Ada'));
    await setUpAdminInBrowser(page, server.url);
    const { json, cardId } = wideBoard();
    const imported = await page.request.post(`${server.url}/api/boards/import`, {
      data: json,
      headers: { origin: server.url },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    const boardId = ((await imported.json()) as { id: string }).id;

    await page.goto(`${server.url}/`);
    await page.locator(`[data-board-id="${boardId}"]`).waitFor({ timeout: 10_000 });
    // Ctrl+K puts the caret in the one search box.
    await page.keyboard.press('Control+k');
    const box = page.getByTestId('board-search');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('neighb');
    const hit = page.getByTestId('search-hit').filter({ hasText: 'courier' });
    await hit.waitFor({ timeout: 10_000 });
    expect(await hit.locator('mark').allTextContents()).toEqual(['neighbour']);
    expect(await hit.getAttribute('data-kind')).toBe('card');
    await saveScreenshot(page, 'search-results');

    await hit.click();
    await page.waitForURL(`${server.url}/b/${boardId}?card=${cardId}`, { timeout: 10_000 });
    await waitCanvasReady(page);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const state = window.journeyboard!.session.provider.awareness.getLocalState() as {
            selection?: string[];
          } | null;
          return state?.selection ?? [];
        }),
      )
      .toEqual([cardId]);
    // In view: the card's whole box lies within the canvas, lit for a moment.
    const card = await cardScreenRect(page, cardId);
    const canvas = (await page.getByTestId('board-canvas').boundingBox())!;
    expect(card.x).toBeGreaterThanOrEqual(canvas.x);
    expect(card.y).toBeGreaterThanOrEqual(canvas.y);
    expect(card.x + card.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(card.y + card.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    const flash = page.getByTestId('card-flash');
    expect(await flash.getAttribute('data-card-id')).toBe(cardId);
    const lit = (await flash.boundingBox())!;
    expect(Math.abs(lit.x - card.x)).toBeLessThan(2);
    expect(Math.abs(lit.y - card.y)).toBeLessThan(2);
    await saveScreenshot(page, 'search-landed-on-card');

    // By keyboard alone: "/" to the box, ↓ to the hit, Enter opens it.
    await page.goto(`${server.url}/`);
    await page.locator(`[data-board-id="${boardId}"]`).waitFor({ timeout: 10_000 });
    await page.keyboard.press('/');
    await page.keyboard.type('courier');
    await page.getByTestId('search-hit').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('search-result-0');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/b/${boardId}?card=${cardId}`, { timeout: 10_000 });
    expectNoPageErrors(page);
  });
});
