/**
 * The PowerPoint export in a real browser: the deck is downloaded, opened as a zip and read back
 * slide by slide (text, notes, the stage pictures), and pptxgenjs is fetched only on export.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { BoardJson } from '../../shared/model/json.js';
import { GRID } from '../../client/src/board/core/layout.js';
import { readDeck } from '../helpers/pptx.js';
import { authFor, createBoard } from '../helpers/server.js';
import { SCREENSHOT_DIR, expectNoPageErrors, openBoard } from './browser.js';
import { browserSuite } from './suite.js';

/** No service worker, so a test can cut the network off for one file (W276). */
const suite = browserSuite({ contextOptions: { acceptDownloads: true, serviceWorkers: 'block' } });

async function boardJson(boardId: string): Promise<BoardJson> {
  const res = await fetch(`${suite.url}/api/boards/${boardId}`, { headers: authFor(boardId) });
  expect(res.status).toBe(200);
  return (await res.json()) as BoardJson;
}

/** As in export.e2e.test.ts: the downloaded file, or the error toast's text as a failure. */
async function download(page: Page, item: string) {
  await page.click('[data-testid=export-menu]');
  const newError = page.locator('.toast-error').nth(await page.locator('.toast-error').count());
  const failed = newError.waitFor({ timeout: 0 }).then(async () => {
    throw new Error(`export-${item} failed: ${await newError.textContent()}`);
  });
  const [file] = await Promise.all([
    Promise.race([page.waitForEvent('download', { timeout: 0 }), failed]),
    page.click(`[data-testid=export-${item}]`),
  ]);
  expect(await file.failure()).toBeNull();
  const bytes = readFileSync((await file.path())!);
  return { name: file.suggestedFilename(), bytes };
}

/** Script files the page has fetched so far. */
const scripts = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => name.endsWith('.js')),
  );

describe('PowerPoint export', { timeout: 120_000 }, () => {
  it('downloads a deck with a title, a summary and a slide per stage with its picture', async () => {
    const title = 'Stakeholder deck <Q4> & "review" 🎉';
    const board = await createBoard(suite.url, {
      title,
      template: 'current-state',
      persona: { name: 'Dana Whitfield' },
      scenario: 'Submits her first expense report',
    });
    const json = await boardJson(board.id);
    const page = await openBoard(await suite.person(), suite.url, board.id, 'viewer');
    const before = await scripts(page);
    expect(before.some((name) => /\/deck-[^/]*\.js$/.test(name))).toBe(false);

    // Every label the export button shows while it works, in order.
    await page.evaluate(() => {
      const button = document.querySelector('[data-testid=export-menu]')!;
      const seen: string[] = [];
      (window as unknown as { exportLabels: string[] }).exportLabels = seen;
      new MutationObserver(() => {
        const label = button.textContent ?? '';
        if (seen.at(-1) !== label) seen.push(label);
      }).observe(button, { subtree: true, childList: true, characterData: true });
    });
    const file = await download(page, 'pptx');
    const labels = await page.evaluate(
      () => (window as unknown as { exportLabels: string[] }).exportLabels,
    );
    expect(labels).toContain('Drawing the map…');
    expect(labels.some((l) => /^Drawing stage \d+ of 7…$/.test(l))).toBe(true);
    expect(labels).toContain('Writing the slides…');
    expect(labels.at(-1)).toBe('Export');
    expect(file.name).toMatch(/^stakeholder-deck-q4-review-\d{4}-\d{2}-\d{2}\.pptx$/);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(path.join(SCREENSHOT_DIR, 'export-deck.pptx'), file.bytes);
    // The builder (and pptxgenjs with it) came in its own file, on demand.
    const after = await scripts(page);
    expect(after.filter((name) => !before.includes(name)).join(' ')).toMatch(/\/deck-[^/]*\.js/);
    await page.getByText(`Exported ${file.name}`).waitFor();

    const deck = await readDeck(new Uint8Array(file.bytes));
    const stages = json.stages;
    expect(deck.slides).toHaveLength(2 + stages.length);
    const [first, summary, ...stageSlides] = deck.slides;
    expect(first!.paragraphs[0]).toBe(title);
    expect(first!.text).toContain('Persona: Dana Whitfield');
    expect(first!.text).toContain('Scenario: Submits her first expense report');
    expect(summary!.paragraphs[0]).toBe('Summary');
    stageSlides.forEach((slide, i) => {
      const stage = stages[i]!;
      expect(slide.paragraphs[0]).toBe(stage.name);
      for (const card of json.cards.filter((c) => c.stageId === stage.id && c.text.length < 150))
        expect(slide.paragraphs.some((p) => p.startsWith(card.text))).toBe(true);
      expect(slide.images).toHaveLength(1);
    });

    // Each picture is the lane headers beside the stage's column, as tall as the map (at most
    // 2400 px), and drawn on.
    const zip = await JSZip.loadAsync(file.bytes);
    const png = PNG.sync.read(
      Buffer.from(await zip.file(stageSlides[0]!.images[0]!)!.async('uint8array')),
    );
    const mapH = await page.evaluate(() => window.journeyboard!.layout().height);
    const columnW = stages[0]!.width ?? GRID.colW;
    const scale = Math.min(2, 2400 / mapH);
    expect(Math.abs(png.width - scale * (GRID.headerW + columnW))).toBeLessThanOrEqual(2);
    expect(Math.abs(png.height - scale * mapH)).toBeLessThanOrEqual(2);
    let inked = 0;
    for (let i = 0; i < png.data.length; i += 4 * 31)
      if (png.data[i]! < 230 || png.data[i + 1]! < 230 || png.data[i + 2]! < 230) inked++;
    expect(inked / (png.data.length / 4 / 31)).toBeGreaterThan(0.05);
    // Pictures of different stages differ.
    const second = await zip.file(stageSlides[1]!.images[0]!)!.async('base64');
    expect(second).not.toBe(await zip.file(stageSlides[0]!.images[0]!)!.async('base64'));
    expectNoPageErrors(page);
  });

  it('says clearly when the deck cannot be made, and the menu works again', async () => {
    const board = await createBoard(suite.url, {
      title: 'Offline deck',
      template: 'current-state',
    });
    const page = await openBoard(await suite.person(), suite.url, board.id, 'editor');
    // The slide maker's file cannot be fetched (a dropped connection, or a deploy replaced it).
    await page.route(/\/assets\/deck-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
    await page.click('[data-testid=export-menu]');
    await page.click('[data-testid=export-pptx]');
    const error = page.locator('.toast-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(
      'Could not export PowerPoint: the slide maker could not be loaded; check the connection',
    );
    await page.waitForSelector('[data-testid=export-menu]:not([aria-busy])');
    expect(await page.textContent('[data-testid=export-menu]')).toBe('Export');
    // Back online, the same menu item makes the deck.
    await page.unroute(/\/assets\/deck-[^/]*\.js$/);
    const file = await download(page, 'pptx');
    const deck = await readDeck(new Uint8Array(file.bytes));
    expect(deck.slides[0]!.paragraphs[0]).toBe('Offline deck');
    expectNoPageErrors(page);
  });
});
