/**
 * What read-only links (viewers, commenters) see, as a new user found it (issue 13): they
 * cannot start presenting (which takes over everyone's view), and the details panel and the
 * table view read as values, without save hints or edit-only buttons.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  boardState,
  cardScreenPoint,
  expectNoPageErrors,
  openBoard,
  reachable,
  saveScreenshot,
  settle,
  templateBoard,
  until,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** What this page publishes as its own `presenting` in awareness. */
function ownPresenting(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const awareness = window.journeyboard!.session.provider.awareness;
    return (awareness.getLocalState() as { presenting?: unknown } | null)?.presenting;
  });
}

/** Selects the template's "Security review…" pain point (it has tags, evidence, a colour). */
async function selectPainPoint(page: Page): Promise<void> {
  const card = (await boardState(page)).cards.find((c) => c.text.startsWith('Security review'))!;
  const spot = await reachable(page, () => cardScreenPoint(page, card.id));
  await page.mouse.click(spot.x, spot.y);
  await page.waitForSelector('[data-testid=side-panel][data-panel-kind=card]', { timeout: 5_000 });
}

describe('read-only links', { timeout: 90_000 }, () => {
  it('offers Present to editors and owners only', async () => {
    const boardId = await templateBoard(suite.url);
    const owner = await openBoard(await suite.person('Olga'), suite.url, boardId, 'owner');
    const editor = await openBoard(await suite.person('Eddie'), suite.url, boardId, 'editor');
    const viewer = await openBoard(await suite.person('Vic'), suite.url, boardId, 'viewer');
    const commenter = await openBoard(await suite.person('Cam'), suite.url, boardId, 'commenter');

    for (const page of [owner, editor])
      expect(await page.locator('[data-testid=present-toggle]').count()).toBe(1);
    for (const page of [viewer, commenter]) {
      await page.waitForSelector('[data-testid=avatar][data-user="Olga"]', { timeout: 5_000 });
      expect(await page.locator('[data-testid=present-toggle]').count()).toBe(0);
      expect(await ownPresenting(page)).toBe(false);
    }
    await saveScreenshot(viewer, 'viewer-no-present');

    // An editor still presents, and the read-only links follow.
    await editor.click('[data-testid=present-toggle]');
    await viewer.waitForSelector('[data-testid=follow-banner]', { timeout: 5_000 });
    expect(await viewer.textContent('[data-testid=follow-banner]')).toContain(
      'Eddie is presenting',
    );
    expectNoPageErrors(owner, editor, viewer, commenter);
  });

  it('shows a viewer the details panel and table view as read-only, without save hints', async () => {
    const boardId = await templateBoard(suite.url);
    const editor = await openBoard(await suite.person('Eddie'), suite.url, boardId, 'editor');
    await selectPainPoint(editor);
    const editorPanel = editor.locator('[data-testid=side-panel]');
    expect(await editorPanel.textContent()).toContain('Saved when you leave the field');

    for (const size of [
      { width: 768, height: 1024 },
      { width: 1024, height: 768 },
      { width: 1440, height: 900 },
    ]) {
      const viewer = await openBoard(await suite.person('Vic'), suite.url, boardId, 'viewer');
      await viewer.setViewportSize(size);
      await settle(viewer);
      await selectPainPoint(viewer);
      const panel = viewer.locator('[data-testid=side-panel]');
      const text = (await panel.innerText()).replace(/\s+/g, ' ');
      expect(text).not.toContain('Saved when');
      expect(await panel.locator('[data-testid=panel-card-text]').inputValue()).toContain(
        'Security review takes five weeks',
      );
      for (const label of ['Delete card', 'Clear', 'Add evidence'])
        expect(await panel.getByRole('button', { name: label }).count(), label).toBe(0);
      expect(await panel.locator('[data-testid=panel-tag-input]').isVisible()).toBe(false);
      // Fields read as values: no border or box around them, "—" where nothing is set.
      const look = await viewer.evaluate(() => {
        const field = document.querySelector('[data-testid=panel-card-text]')!;
        const style = getComputedStyle(field);
        const csat = document.querySelector<HTMLInputElement>(
          '[data-testid=side-panel] input[type=number]',
        )!;
        return {
          border: style.borderTopColor,
          background: style.backgroundColor,
          empty: csat.value === '' ? csat.placeholder : 'not empty',
        };
      });
      expect(look.border).toBe('rgba(0, 0, 0, 0)');
      expect(look.background).toBe('rgba(0, 0, 0, 0)');
      expect(look.empty).toBe('—');
      await saveScreenshot(viewer, `viewer-panel-${size.width}`);

      await viewer.keyboard.press('Alt+2');
      await viewer.waitForSelector('[data-testid=journey-table]', { timeout: 5_000 });
      await until(async () => (await viewer.textContent('.table-help'))?.includes('Arrow keys'), {
        what: 'the table help line',
      });
      expect(await viewer.textContent('.table-help')).not.toMatch(/edits|Saved/);
      expect((await panel.innerText()).includes('Saved when')).toBe(false);
      await saveScreenshot(viewer, `viewer-table-${size.width}`);
      expectNoPageErrors(viewer);
      await viewer.close();
    }
    expectNoPageErrors(editor);
  });
});
