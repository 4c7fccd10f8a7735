/**
 * Versions (review cycles) in a real browser against the real server: save a version, edit,
 * compare with now (change list and canvas overlay, live), focus a change, restore; what a
 * viewer may do; the version saved when a presentation ends; duplicating as a new board.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { authFor } from '../helpers/server.js';
import {
  addCardInCell,
  boardState,
  cardScreenPoint,
  expectNoPageErrors,
  openBoard,
  reachable,
  saveScreenshot,
  templateBoard,
  typeAndCommit,
  until,
  type BoardState,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

function idOf(list: { id: string; name: string }[], name: string): string {
  const found = list.find((x) => x.name === name);
  if (!found) throw new Error(`no '${name}' in ${list.map((x) => x.name).join(', ')}`);
  return found.id;
}

function cardIn(state: BoardState, stage: string, lane: string) {
  const [stageId, laneId] = [idOf(state.stages, stage), idOf(state.lanes, lane)];
  const card = state.cards.find((c) => c.stageId === stageId && c.laneId === laneId);
  if (!card) throw new Error(`no card in ${stage} / ${lane}`);
  return card;
}

async function openVersions(page: Page): Promise<void> {
  await page.getByTestId('versions-toggle').click();
  await page.getByTestId('versions-panel').waitFor();
}

/** The selection this page publishes to others (what the canvas has selected). */
function selectionOf(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      (window.journeyboard!.session.provider.awareness.getLocalState()?.selection as
        string[] | undefined) ?? [],
  );
}

describe('versions panel', () => {
  it('saves a version, compares it with now live, focuses a change and restores', async () => {
    const boardId = await templateBoard(suite.url);
    const page = await openBoard(await suite.person('Ada Editor'), suite.url, boardId, 'editor');
    await openVersions(page);
    await page.getByTestId('versions-empty').waitFor();

    // A label is required; then the version is listed with its author and trigger.
    await page.getByTestId('version-save').click();
    await expect.poll(() => page.locator('[aria-invalid=true]').count()).toBe(1);
    await page.getByTestId('version-label-input').fill('Q3 review');
    await page.getByTestId('version-note-input').fill('Before the workshop');
    await page.getByTestId('version-save').click();
    await page.getByTestId('version-item').filter({ hasText: 'Q3 review' }).waitFor();
    const savedId = (await page.getByTestId('version-item').getAttribute('data-version-id'))!;
    const saved = page.locator(`[data-testid=version-item][data-version-id="${savedId}"]`);
    expect(await saved.getAttribute('data-trigger')).toBe('manual');
    expect(await saved.textContent()).toContain('Ada Editor');

    // Edit one card's text and add another, on the canvas.
    const before = await boardState(page);
    const edited = cardIn(before, 'Awareness', 'Touchpoints');
    const spot = await reachable(page, () => cardScreenPoint(page, edited.id));
    await page.mouse.dblclick(spot.x, spot.y);
    await typeAndCommit(page, 'Podcast ad');
    const added = await addCardInCell(
      page,
      idOf(before.stages, 'Purchase'),
      idOf(before.lanes, 'Touchpoints'),
      'Chat with an agent',
    );

    await saved.getByTestId('version-compare-now').click();
    const list = page.getByTestId('change-list');
    await list.waitFor();
    const textChange = list.getByTestId('change-item').filter({ hasText: 'Card text changed' });
    await expect.poll(() => textChange.textContent()).toContain('"Podcast ad"');
    await list
      .getByTestId('change-item')
      .filter({ hasText: 'Card "Chat with an agent" added' })
      .waitFor();
    expect(await page.getByTestId('change-summary').textContent()).toContain('1 added');

    // The overlay marks both cards on the canvas.
    await page.getByTestId('diff-overlay').waitFor();
    // Read without waiting, so a missing mark fails the poll instead of hanging it.
    const toneOf = (id: string) =>
      page.evaluate(
        (cardId) =>
          document
            .querySelector(`[data-testid=diff-mark][data-card-id="${cardId}"]`)
            ?.getAttribute('data-tone') ?? null,
        id,
      );
    await expect.poll(() => toneOf(edited.id)).toBe('changed');
    await expect.poll(() => toneOf(added.id)).toBe('added');
    expect(await page.getByTestId('diff-legend').textContent()).toContain('Q3 review');
    await saveScreenshot(page, 'versions-compare');

    // Clicking a change selects its card on the canvas.
    await textChange.getByRole('button').click();
    await expect.poll(() => selectionOf(page)).toEqual([edited.id]);

    // Live: another edit shows up in the comparison without asking the server again.
    const second = await addCardInCell(
      page,
      idOf(before.stages, 'Purchase'),
      idOf(before.lanes, 'Touchpoints'),
      'Store visit',
    );
    await expect.poll(() => toneOf(second.id), { timeout: 3_000 }).toBe('added');
    expect(await page.getByTestId('change-summary').textContent()).toContain('2 added');

    // Esc closes the overlay and the comparison.
    await page.keyboard.press('Escape');
    await page.getByTestId('diff-overlay').waitFor({ state: 'detached' });
    await page.getByTestId('version-list').waitFor();

    // Restore: the old text is back, the added cards are gone, the backup is listed.
    await saved.getByTestId('version-restore').click();
    const dialog = page.getByTestId('restore-dialog');
    expect(await dialog.textContent()).toContain('new change on top');
    await dialog.getByTestId('restore-confirm').click();
    await until(
      async () => {
        const state = await boardState(page);
        const text = state.cards.find((c) => c.id === edited.id)?.text;
        return text === edited.text && !state.cards.some((c) => c.id === added.id);
      },
      { timeout: 5_000, what: 'the restored board on the canvas' },
    );
    const backup = page.getByTestId('version-item').filter({ hasText: 'Before restoring' });
    await backup.waitFor();
    expect(await backup.getAttribute('data-trigger')).toBe('restore');
    expect(await page.getByTestId('version-item').count()).toBe(2);
    await saveScreenshot(page, 'versions-restored');

    // Compare two saved versions: the backup holds the edits the restore undid.
    await backup.getByTestId('version-compare-with').click();
    await backup.getByTestId('version-compare-pick').selectOption(savedId);
    await backup.getByTestId('version-compare-go').click();
    await list.getByTestId('change-item').filter({ hasText: '"Store visit"' }).waitFor();
    expect(await page.getByTestId('diff-legend').textContent()).toContain('Q3 review');
    expect(await page.getByTestId('diff-legend').textContent()).not.toContain('(live)');
    await page.getByTestId('compare-back').click();
    await page.getByTestId('diff-overlay').waitFor({ state: 'detached' });
    expectNoPageErrors(page);
  }, 60_000);

  it('lets a viewer list, compare and open versions, but not save or restore', async () => {
    const boardId = await templateBoard(suite.url);
    const res = await fetch(`${suite.url}/api/boards/${boardId}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authFor(boardId, 'editor') },
      body: JSON.stringify({ label: 'Baseline', author: 'Lead' }),
    });
    expect(res.status).toBe(201);

    const page = await openBoard(await suite.person('Vic Viewer'), suite.url, boardId, 'viewer');
    await openVersions(page);
    const item = page.getByTestId('version-item').filter({ hasText: 'Baseline' });
    await item.waitFor();
    expect(await page.getByTestId('version-save-form').count()).toBe(0);
    expect(await item.getByTestId('version-restore').count()).toBe(0);
    expect(await item.getByTestId('version-duplicate').count()).toBe(0);

    await item.getByTestId('version-compare-now').click();
    await page.getByTestId('change-empty').waitFor();
    await page.getByTestId('diff-close').click();
    await page.getByTestId('diff-overlay').waitFor({ state: 'detached' });

    await item.getByTestId('version-open').click();
    const viewer = page.getByTestId('version-viewer');
    await viewer.locator('canvas').first().waitFor();
    expect(await viewer.textContent()).toContain('Baseline (read-only)');
    await saveScreenshot(page, 'versions-viewer');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expectNoPageErrors(page);
  }, 40_000);

  it('saves a version when a presentation ends, and duplicates one as a new board', async () => {
    const boardId = await templateBoard(suite.url);
    const page = await openBoard(await suite.person('Olga Owner'), suite.url, boardId, 'owner');
    const cardIds = (await boardState(page)).cards.map((c) => c.id).sort();
    await openVersions(page);
    await page.getByTestId('versions-empty').waitFor();

    await page.getByTestId('present-toggle').click();
    await page.getByTestId('present-toggle').click();
    const presented = page.getByTestId('version-item').filter({ hasText: 'Presentation ended' });
    await presented.waitFor();
    expect(await presented.getAttribute('data-trigger')).toBe('presenter-ended');

    await presented.getByTestId('version-duplicate').click();
    const dialog = page.getByTestId('duplicate-dialog');
    await dialog.getByTestId('duplicate-title').fill('Future state');
    // A current-state map branches into the future state by default.
    expect(await dialog.getByTestId('duplicate-map-type').inputValue()).toBe('future-state');
    await dialog.getByTestId('duplicate-confirm').click();
    await until(() => !page.url().includes(boardId) && page.url().includes('#token='), {
      what: 'the new board to open',
    });
    await page.waitForSelector('[data-testid=connection-status][data-state=connected]');
    await until(async () => (await boardState(page)).cards.length === cardIds.length, {
      timeout: 10_000,
      what: 'the duplicated cards',
    });
    expect((await boardState(page)).cards.map((c) => c.id).sort()).toEqual(cardIds);
    expect(await page.title()).toContain('Future state');
    await page.locator('.board-subtitle .pill-future-state').waitFor();
    expectNoPageErrors(page);
  }, 40_000);
});
