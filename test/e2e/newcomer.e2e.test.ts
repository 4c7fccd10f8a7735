/**
 * What a new user ran into in Chromium (issue 13), against the real server: a mistyped board id
 * with a valid link, a refused JSON import with many problems, survey columns named like
 * ordinary questions, and a count that read "1 pain points closed".
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createBoard } from '../helpers/server.js';
import {
  boardState,
  cardScreenPoint,
  expectNoPageErrors,
  newPage,
  openBoard,
  reachable,
  saveScreenshot,
  templateBoard,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** The ids of the boards this browser lists on its home page (its localStorage list). */
function knownIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (JSON.parse(localStorage.getItem('journeyboard:boards') ?? '[]') as { id: string }[]).map(
      (b) => b.id,
    ),
  );
}

/** The same id with its last character changed: a typo. */
const typo = (id: string) => `${id.slice(0, -1)}${id.endsWith('Q') ? 'R' : 'Q'}`;

describe('a new user in the browser', { timeout: 90_000 }, () => {
  it('is told a mistyped board does not exist, and the home list gains no "Untitled map"', async () => {
    const board = await createBoard(suite.url, { title: 'Claims', template: 'current-state' });
    const other = await createBoard(suite.url, { title: 'Renewals', template: 'current-state' });
    const page = await newPage(await suite.person('Nina'));

    // A valid editor link, one character of the id mistyped.
    await page.goto(`${suite.url}/b/${typo(board.id)}#token=${board.tokens.editor}`);
    const missing = page.getByTestId('board-not-found');
    await missing.waitFor({ timeout: 15_000 });
    expect(await missing.locator('h1').textContent()).toBe('This board does not exist');
    expect(await page.getByTestId('no-access').count()).toBe(0);
    await saveScreenshot(page, 'board-not-found');
    expect(await knownIds(page)).toEqual([]);

    // One board's link on another (existing) board's address: said as it is.
    await page.goto(`${suite.url}/b/${other.id}#token=${board.tokens.editor}`);
    const refused = page.getByTestId('no-access');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.getAttribute('data-refusal')).toBe('other-board');
    expect(await refused.locator('h1').textContent()).toBe('This link is for another board');
    expect(await knownIds(page)).toEqual([]);

    // The right link is listed once the server accepts it.
    await page.goto(`${suite.url}/b/${board.id}#token=${board.tokens.editor}`);
    await page.waitForSelector('[data-testid=connection-status][data-state=connected]');
    await expect.poll(() => knownIds(page)).toEqual([board.id]);
    await page.goto(`${suite.url}/`);
    await page.locator(`[data-board-id="${board.id}"]`).waitFor({ timeout: 5_000 });
    expect(await page.locator('.home-card').count()).toBe(1);

    // A listed board that turns out not to exist (deleted elsewhere) leaves the list when opened.
    const removed = await fetch(`${suite.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${board.tokens.owner}` },
    });
    expect(removed.status).toBe(204);
    await page.goto(`${suite.url}/b/${board.id}`);
    await page.getByTestId('board-not-found').waitFor({ timeout: 15_000 });
    await expect.poll(() => knownIds(page)).toEqual([]);
    expectNoPageErrors(page);
  });

  it('lists every problem of a refused JSON import, readable and scrollable', async () => {
    const good = await createBoard(suite.url, { title: 'Source', template: 'current-state' });
    const res = await fetch(`${suite.url}/api/boards/${good.id}`, {
      headers: { authorization: `Bearer ${good.tokens.viewer}` },
    });
    const json = (await res.json()) as { cards: { emotion?: number; stageId: string }[] };
    // 40 bad emotions and one card in a stage that does not exist: 41 problems.
    json.cards.slice(0, 40).forEach((c) => (c.emotion = 9));
    json.cards[40]!.stageId = 'no-such-stage';
    const page = await newPage(await suite.person('Ida'));
    for (const width of [390, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${suite.url}/`);
      await page.setInputFiles('[data-testid=import-board-input]', {
        name: 'broken.journeyboard.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(json)),
      });
      const dialog = page.getByTestId('import-problems');
      await dialog.waitFor({ timeout: 10_000 });
      expect(await dialog.getByRole('heading').first().textContent()).toBe(
        '“broken.journeyboard.json” could not be imported',
      );
      const issues = dialog.getByTestId('import-issue');
      expect(await issues.count()).toBe(41);
      expect(await dialog.textContent()).toContain('41 problems in the file');
      const texts = await issues.allTextContents();
      expect(texts.filter((t) => t.includes('.emotion'))).toHaveLength(40);
      expect(texts.some((t) => t.includes('stageId') && t.includes('no-such-stage'))).toBe(true);
      // The list scrolls inside a dialog that stays in the window.
      const list = dialog.locator('ol');
      expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(800);
      await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
      expect(await issues.last().isVisible()).toBe(true);
      await saveScreenshot(page, `import-problems-${width}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
    expect(await knownIds(page)).toEqual([]);
    expectNoPageErrors(page);
  });

  it('maps ordinary survey questions and warns of metric columns it will not use', async () => {
    const boardId = await templateBoard(suite.url, 'Survey columns');
    const page = await openBoard(await suite.person('Sam'), suite.url, boardId, 'editor');
    const csv = [
      'Touchpoint,Stage,Q1 How satisfied were you? (1-5),Q2 How easy was it? (1-7),How likely are you to recommend us? (0-10)',
      'Kickoff call,Onboarding,4,6,9',
      'Kickoff call,Onboarding,5,7,10',
    ].join('\n');
    await page.getByTestId('insights-toggle').click();
    await page.getByTestId('insights-import-survey').click();
    await page.setInputFiles('[data-testid=survey-file]', {
      name: 'onboarding.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('survey-map-csat').waitFor();
    expect(await page.inputValue('[data-testid=survey-map-csat]')).toBe(
      'Q1 How satisfied were you? (1-5)',
    );
    expect(await page.inputValue('[data-testid=survey-map-ces]')).toBe('Q2 How easy was it? (1-7)');
    // W251: a 0–10 "recommend" question is NPS now, so no metric column is left unused.
    expect(await page.inputValue('[data-testid=survey-map-nps]')).toBe(
      'How likely are you to recommend us? (0-10)',
    );
    const warnings = page.getByTestId('survey-warnings');
    expect(await warnings.locator('li').count()).toBe(0);
    // Leaving CSAT unused is said before anyone imports.
    await page.selectOption('[data-testid=survey-map-csat]', '');
    await expect
      .poll(() => warnings.locator('li[data-metric=csat]').textContent())
      .toContain('CSAT will not be imported');
    await saveScreenshot(page, 'survey-mapping-warnings');
    await page.click('[data-testid=survey-preview-button]');
    await page.getByTestId('survey-preview').waitFor();
    const previewWarnings = page.getByTestId('survey-preview').getByTestId('survey-warnings');
    expect(
      await previewWarnings.locator('li').evaluateAll((els) => els.map((e) => e.dataset.metric)),
    ).toEqual(['csat']);
    expectNoPageErrors(page);
  });

  it('says "1 pain point closed" when one pain point was closed since a version', async () => {
    const boardId = await templateBoard(suite.url, 'Plurals');
    const page = await openBoard(await suite.person('Pia'), suite.url, boardId, 'editor');
    await page.getByTestId('versions-toggle').click();
    await page.getByTestId('version-label-input').fill('Before the workshop');
    await page.getByTestId('version-save').click();
    const saved = page.getByTestId('version-item').filter({ hasText: 'Before the workshop' });
    await saved.waitFor();

    const state = await boardState(page);
    const painLane = state.lanes.find((l) => l.kind === 'painPoints')!;
    const pain = state.cards.find((c) => c.laneId === painLane.id)!;
    const at = await reachable(page, () => cardScreenPoint(page, pain.id));
    await page.mouse.click(at.x, at.y);
    await page.keyboard.press('Delete');
    await expect
      .poll(async () => (await boardState(page)).cards.some((c) => c.id === pain.id))
      .toBe(false);

    await saved.getByTestId('version-compare-now').click();
    const summary = page.getByTestId('change-summary');
    await expect.poll(() => summary.textContent()).toContain('1 pain point closed');
    expect(await summary.textContent()).toContain('0 added · 1 removed');
    expect(await summary.textContent()).not.toContain('pain points');
    expectNoPageErrors(page);
  });
});
