/**
 * Export and import in a real browser: PNG (whole map, cards outside the view included, and the
 * selection), PDF, CSV and JSON downloads decoded and checked, and a JSON export imported back
 * both through the API and through the menu.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/model/csv.js';
import { CSV_EXPORT_COLUMNS } from '../../shared/model/csvExport.js';
import type { BoardJson } from '../../shared/model/json.js';
import { EXPORT_MARGIN } from '../../client/src/board/export/scene.js';
import { authFor, boardTokens, createBoard, type CreatedBoard } from '../helpers/server.js';
import {
  SCREENSHOT_DIR,
  expectNoPageErrors,
  openBoard,
  reachable,
  cardScreenPoint,
  saveScreenshot,
  settle,
  waitCanvasReady,
  waitConnected,
  zoomTo,
} from './browser.js';
import { browserSuite } from './suite.js';

/** Everyone here accepts downloads: the tests read the exported files. */
const suite = browserSuite({ contextOptions: { acceptDownloads: true } });

async function boardJson(boardId: string): Promise<BoardJson> {
  const res = await fetch(`${suite.url}/api/boards/${boardId}`, { headers: authFor(boardId) });
  expect(res.status).toBe(200);
  return (await res.json()) as BoardJson;
}

async function importJson(json: unknown): Promise<CreatedBoard> {
  const res = await fetch(`${suite.url}/api/boards/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as CreatedBoard;
  boardTokens.set(created.id, created.tokens);
  return created;
}

/**
 * Picks an export from the menu and returns the downloaded file. Waits for the download or an
 * error toast, however long drawing takes (a 2× PDF on a loaded machine can take half a minute):
 * the test's own timeout is the only deadline.
 */
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
  const failure = await file.failure();
  expect(failure).toBeNull();
  const bytes = readFileSync((await file.path())!);
  return { name: file.suggestedFilename(), bytes };
}

const FAR_NOTE = { x: 0, y: 180, w: 220, h: 140, color: '#fde68a' };

describe('export and import', { timeout: 90_000 }, () => {
  it('exports the whole map as a 2× PNG, cards outside the view included, and the selection', async () => {
    // The template plus a sticky note far to the right of the grid, outside the view.
    const template = await createBoard(suite.url, {
      title: 'Expense onboarding',
      template: 'current-state',
    });
    const json = await boardJson(template.id);
    const gridWidth = 200 + json.stages.reduce((w, s) => w + (s.width ?? 280), 0);
    const note = { ...FAR_NOTE, x: gridWidth + 600 };
    json.shapes.push({ id: 'far-note', type: 'note', text: 'Far away', ...note });
    const board = await importJson(json);

    const page = await openBoard(await suite.person(), suite.url, board.id, 'viewer');
    // Zoomed in on the top-left corner, the canvas culls most cards.
    await zoomTo(page, 200);
    const before = await page.evaluate(() => {
      const jb = window.journeyboard!;
      const layout = jb.layout();
      const boxes = [...layout.cards.values()].filter((b) => b.w > 100);
      // The card furthest from the view, and the last one of its cell (empty space below it).
      const far = boxes.reduce((a, b) => (b.x + b.y > a.x + a.y ? b : a));
      const cell = layout.cells.get(`${far.card.stageId}|${far.card.laneId}`)!;
      const last = layout.cards.get(cell[cell.length - 1]!)!;
      const v = jb.viewport();
      const canvas = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
      // visibleCards' margin is 200 board units.
      const culled =
        far.x > v.x + canvas.width / v.zoom + 200 || far.y > v.y + canvas.height / v.zoom + 200;
      return {
        culled,
        viewport: v,
        height: layout.height,
        last: { x: last.x, y: last.y, w: last.w, h: last.h },
      };
    });

    expect(before.culled).toBe(true);
    const map = await download(page, 'png');
    // For a person to look at: the view when exporting, and what was exported.
    await saveScreenshot(page, 'export-board');
    writeTemp(map.bytes, 'export-map.png', SCREENSHOT_DIR);
    expect(map.name).toMatch(/^expense-onboarding-\d{4}-\d{2}-\d{2}\.png$/);
    const png = PNG.sync.read(map.bytes);
    // Content: the grid from (0, 0) and the note beyond it, plus the margin on every side.
    const contentW = note.x + note.w + 2 * EXPORT_MARGIN;
    const contentH = before.height + 2 * EXPORT_MARGIN;
    expect(Math.abs(png.width - 2 * contentW)).toBeLessThanOrEqual(4);
    expect(Math.abs(png.height - 2 * contentH)).toBeLessThanOrEqual(4);

    const pixel = (bx: number, by: number) => {
      const i =
        (Math.round((by + EXPORT_MARGIN) * 2) * png.width + Math.round((bx + EXPORT_MARGIN) * 2)) *
        4;
      return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    };
    let inked = 0;
    for (let i = 0; i < png.data.length; i += 4 * 97) {
      if (png.data[i]! < 240 || png.data[i + 1]! < 240 || png.data[i + 2]! < 240) inked++;
    }
    expect(inked / (png.data.length / 4 / 97)).toBeGreaterThan(0.1);
    expect(pixel(-EXPORT_MARGIN / 2, -EXPORT_MARGIN / 2)).toEqual([255, 255, 255]);
    // The far note is drawn in its own colour…
    expect(pixel(note.x + note.w / 2, note.y + note.h - 20)).toEqual([0xfd, 0xe6, 0x8a]);
    // …and the culled card is drawn: its tile differs from the empty cell under it.
    const { last } = before;
    const onCard = pixel(last.x + last.w / 2, last.y + last.h / 2 + 30);
    const underCard = pixel(last.x + last.w / 2, last.y + last.h + 12);
    expect(onCard).not.toEqual(underCard);
    // Exporting does not move the person's view.
    expect(await page.evaluate(() => window.journeyboard!.viewport())).toEqual(before.viewport);

    // Select one card in view and export just that.
    const cardId = await page.evaluate(() => {
      const jb = window.journeyboard!;
      const v = jb.viewport();
      const box = [...jb.layout().cards.values()].find(
        (b) => b.w > 100 && b.x >= v.x && b.y >= v.y,
      );
      return box!.card.id;
    });
    const spot = await reachable(page, () => cardScreenPoint(page, cardId));
    await page.mouse.click(spot.x, spot.y);
    await settle(page);
    const cardBox = await page.evaluate((id) => {
      const b = window.journeyboard!.layout().cards.get(id)!;
      return { w: b.w, h: b.h };
    }, cardId);
    const selection = await download(page, 'png-selection');
    expect(selection.name).toMatch(/-selection\.png$/);
    const small = PNG.sync.read(selection.bytes);
    expect(Math.abs(small.width - 2 * (cardBox.w + 2 * EXPORT_MARGIN))).toBeLessThanOrEqual(4);
    expect(Math.abs(small.height - 2 * (cardBox.h + 2 * EXPORT_MARGIN))).toBeLessThanOrEqual(4);
    expect(small.width * small.height).toBeLessThan(png.width * png.height);

    // Whoever works in the dark theme still sends stakeholders a map on white.
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    const darkSelection = PNG.sync.read((await download(page, 'png-selection')).bytes);
    expect([...darkSelection.data.subarray(0, 3)]).toEqual([255, 255, 255]);
    expectNoPageErrors(page);
  });

  it('exports a one-page PDF with the title, persona and scenario in its header', async () => {
    const board = await createBoard(suite.url, {
      title: 'Café onboarding review',
      template: 'current-state',
      persona: { name: 'Dana Whitfield' },
      scenario: 'Submits her first expense report',
    });
    const page = await openBoard(await suite.person(), suite.url, board.id, 'commenter');
    const pdf = await download(page, 'pdf');
    expect(pdf.name).toMatch(/^cafe-onboarding-review-\d{4}-\d{2}-\d{2}\.pdf$/);
    const doc = await PDFDocument.load(pdf.bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeGreaterThan(height);
    expect(doc.getTitle()).toBe('Café onboarding review');
    // The header is real text (WinAnsi-encoded in an uncompressed content stream).
    const text = Buffer.from(pdf.bytes).toString('latin1');
    expect(text).toContain('(Café onboarding review) Tj');
    expect(text).toContain('Persona: Dana Whitfield');
    expect(text).toContain('(Scenario: Submits her first expense report) Tj');
    writeTemp(pdf.bytes, 'export-map.pdf', SCREENSHOT_DIR);
    expectNoPageErrors(page);
  });

  it('exports CSV (a row per card) and JSON that imports back, from the API and the menu', async () => {
    const board = await createBoard(suite.url, {
      title: 'Data out',
      template: 'service-blueprint',
    });
    const json = await boardJson(board.id);
    const page = await openBoard(await suite.person(), suite.url, board.id, 'editor');

    const csv = await download(page, 'csv');
    expect(csv.name).toMatch(/^data-out-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const table = parseCsv(text);
    expect(table.problems).toEqual([]);
    expect(table.records[0]!.fields.map((f) => f.value)).toEqual([...CSV_EXPORT_COLUMNS]);
    expect(table.records).toHaveLength(json.cards.length + 1);
    const ids = table.records
      .slice(1)
      .map((r) => r.fields[CSV_EXPORT_COLUMNS.indexOf('card_id')]!.value);
    expect(new Set(ids)).toEqual(new Set(json.cards.map((c) => c.id)));

    const exported = await download(page, 'json');
    expect(exported.name).toMatch(/^data-out-\d{4}-\d{2}-\d{2}\.journeyboard\.json$/);
    expect(exported.bytes.toString('utf8')).toContain('\n  "format": "journeyboard"');
    const reimported = await importJson(JSON.parse(exported.bytes.toString('utf8')));
    expect((await boardJson(reimported.id)).cards).toHaveLength(json.cards.length);

    // A broken file is refused with the path at fault, and the page stays where it is.
    const broken = JSON.parse(exported.bytes.toString('utf8')) as BoardJson;
    broken.cards[2]!.stageId = 'no-such-stage';
    const brokenFile = writeTemp(Buffer.from(JSON.stringify(broken)), 'broken.json');
    await page.setInputFiles('[data-testid=export-import-input]', brokenFile);
    const problems = page.getByTestId('import-problems');
    await problems.getByTestId('import-issue').filter({ hasText: 'cards[2].stageId' }).waitFor({
      timeout: 10_000,
    });
    expect(page.url()).toContain(board.id);
    await page.keyboard.press('Escape');
    await problems.waitFor({ state: 'detached' });

    // The menu's import opens the new board.
    const file = writeTemp(exported.bytes, 'board.journeyboard.json');
    await page.click('[data-testid=export-menu]');
    await page.setInputFiles('[data-testid=export-import-input]', file);
    await page.waitForURL((url) => !url.pathname.endsWith(board.id), { timeout: 10_000 });
    await waitConnected(page);
    await waitCanvasReady(page);
    const opened = await page.evaluate(() => window.journeyboard!.layout().cards.size);
    expect(opened).toBe(json.cards.length);
    expect(page.url()).toMatch(/\/b\/[^/#]+#token=/);
    expectNoPageErrors(page);
  });

  it('runs from the keyboard: arrows skip what cannot be done, Esc closes and gives focus back', async () => {
    const board = await createBoard(suite.url, { title: 'Keys', template: 'current-state' });
    const page = await openBoard(await suite.person(), suite.url, board.id, 'viewer');
    await page.focus('[data-testid=export-menu]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=export-menu-list]');
    await saveScreenshot(page, 'export-menu');
    const focused = () =>
      page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid);
    expect(await focused()).toBe('export-png');
    expect(await page.isDisabled('[data-testid=export-png-selection]')).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('export-pdf');
    await page.keyboard.press('End');
    expect(await focused()).toBe('export-import-json');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('export-png');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=export-menu-list]', { state: 'detached' });
    expect(await focused()).toBe('export-menu');
    expect(await page.getAttribute('[data-testid=export-menu]', 'aria-expanded')).toBe('false');
    expectNoPageErrors(page);
  });
});

function writeTemp(bytes: Uint8Array, name: string, dir = suite.dataDir): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
