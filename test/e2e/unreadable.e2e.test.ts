/**
 * A board holding data another client stored that this version cannot read (a number where a
 * card belongs, a Y.Text where a card belongs, a string where a stage belongs, an evidence item
 * `{}`, a word where an emotion score belongs, a number where a card's tags belong, a number
 * where a comment thread belongs) opens in Chromium: the rest of the map is drawn, a polite
 * notice says how many items were left out, a write the malformed field refuses becomes a
 * toast, and no error reaches the page. The data goes into storage behind the server's back
 * (as boards written before the server refused it at the door look).
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readBoardChecked, type BoardJson } from '../../shared/model/index.js';
import { appendToStoredDoc, poisonBoard } from '../helpers/poison.js';
import { authFor } from '../helpers/server.js';
import {
  boardState,
  cardScreenPoint,
  expectNoPageErrors,
  openBoard,
  reachable,
  saveScreenshot,
  templateBoard,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

describe('a board holding foreign data', () => {
  it('opens with a notice, keeps working, and turns a refused write into a toast', async () => {
    const boardId = await templateBoard(suite.url);
    const res = await fetch(`${suite.url}/api/boards/${boardId}`, { headers: authFor(boardId) });
    const clean = (await res.json()) as BoardJson;
    const touchpointLanes = new Set(
      clean.lanes.filter((l) => l.kind === 'touchpoints').map((l) => l.id),
    );
    const target = clean.cards.find((c) => touchpointLanes.has(c.laneId))!;

    let unreadable = 0;
    await appendToStoredDoc(suite.dataDir, boardId, boardId, (doc) => {
      poisonBoard(doc);
      (doc.getMap('cards').get(target.id) as Y.Map<unknown>).set('tags', 42);
      unreadable = readBoardChecked(doc).unreadable.length;
    });
    await appendToStoredDoc(suite.dataDir, boardId, `${boardId}/comments`, (doc) => {
      doc.getMap('threads').set('poisonThread', 42);
    });
    unreadable += 1;
    expect(unreadable).toBeGreaterThanOrEqual(5);

    const page = await openBoard(await suite.person('Ada Editor'), suite.url, boardId, 'editor');
    const notice = page.getByTestId('unreadable-notice');
    await notice.waitFor();
    expect(await page.getByTestId('unreadable-count').textContent()).toBe(
      `${unreadable} items could not be read`,
    );
    // Everything readable is on the map.
    const state = await boardState(page);
    expect(state.cards.map((c) => c.id).sort()).toEqual(clean.cards.map((c) => c.id).sort());
    expect(state.stages.map((s) => s.id)).toEqual(clean.stages.map((s) => s.id));
    await saveScreenshot(page, 'unreadable-notice');

    // Adding a tag where another client stored a number is refused with a message, not a crash.
    const spot = await reachable(page, () => cardScreenPoint(page, target.id));
    await page.mouse.click(spot.x, spot.y);
    await page.waitForSelector('[data-testid=side-panel][data-panel-kind=card]');
    await page.getByTestId('panel-tag-input').fill('urgent');
    await page.getByTestId('panel-tag-input').press('Enter');
    await page.locator('.toast-error', { hasText: 'cannot be changed' }).waitFor();

    await page.getByTestId('unreadable-dismiss').click();
    await notice.waitFor({ state: 'detached' });
    expectNoPageErrors(page);
  });
});
