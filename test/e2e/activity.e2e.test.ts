/**
 * The activity feed in a real browser: a person who looked at a board comes back after someone
 * else changed it, is told what changed since they last looked, and is taken to it.
 */
import { describe, expect, it } from 'vitest';
import { authFor } from '../helpers/server.js';
import {
  addCardInCell,
  boardState,
  expectNoPageErrors,
  openBoard,
  saveScreenshot,
  templateBoard,
  until,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

describe('since you last looked', () => {
  it('tells a returning reader who changed what, and shows it on the board', async () => {
    const boardId = await templateBoard(suite.url);
    const benDevice = await suite.person('Ben');
    const anaDevice = await suite.person('Ana');

    // Ben looks at the board: opening the feed counts as looking.
    const first = await openBoard(benDevice, suite.url, boardId, 'viewer');
    await first.click('[data-testid=activity-toggle]');
    await first.waitForSelector('[data-testid=activity-since-empty]');
    expect(await first.textContent('[data-testid=activity-since]')).toMatch(/first visit/i);
    await first.close();

    const ana = await openBoard(anaDevice, suite.url, boardId, 'editor');
    const state = await boardState(ana);
    const lane = state.lanes.find((l) => l.kind === 'touchpoints')!;
    const card = await addCardInCell(ana, state.stages[1]!.id, lane.id, 'Calls the help desk');

    const ben = await openBoard(benDevice, suite.url, boardId, 'viewer');
    const notice = await ben.waitForSelector('[data-testid=activity-notice]');
    expect(await notice.textContent()).toMatch(/1 change since you last looked.*by Ana/);
    await saveScreenshot(ben, 'activity-notice');

    await ben.click('[data-testid=activity-notice-open]');
    const since = await ben.waitForSelector('[data-testid=activity-since-summary]');
    expect(await since.textContent()).toBe('1 change by Ana');
    const entry = ben.locator('[data-testid=activity-since] [data-testid=activity-entry]');
    await expect.poll(() => entry.textContent()).toMatch(/^Ana added 1 card · \d\d:\d\d/);
    const feed = ben.locator('[data-testid=activity-feed] [data-testid=activity-entry]');
    await expect.poll(() => feed.first().textContent()).toMatch(/Ana added 1 card.*New$/);
    await expect.poll(() => ben.isVisible('[data-testid=activity-notice]')).toBe(false);
    await saveScreenshot(ben, 'activity-panel');

    // The entry shows the card: the view centres on it.
    const before = await ben.evaluate(() => window.journeyboard!.viewport());
    await entry.getByRole('button').click();
    const centred = await until(
      async () => {
        const after = await ben.evaluate(() => window.journeyboard!.viewport());
        return after.x !== before.x || after.y !== before.y ? after : undefined;
      },
      { what: 'the view to move to the card' },
    );
    const cardBox = await ben.evaluate(
      (id) => window.journeyboard!.layout().cards.get(id)!,
      card.id,
    );
    expect(cardBox.x).toBeGreaterThanOrEqual(centred.x);

    // Having looked, the next visit has nothing new to tell.
    await ben.close();
    const again = await openBoard(benDevice, suite.url, boardId, 'viewer');
    await again.click('[data-testid=activity-toggle]');
    await again.waitForSelector('[data-testid=activity-since-empty]');
    expect(await again.isVisible('[data-testid=activity-notice]')).toBe(false);
    expectNoPageErrors(ana, again);
  }, 90_000);

  it('pages the feed with Load more and names restores and nameless links', async () => {
    const boardId = await templateBoard(suite.url);
    const post = async (path: string, body: object) => {
      const res = await fetch(`${suite.url}/api/boards/${boardId}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authFor(boardId, 'editor') },
        body: JSON.stringify(body),
      });
      expect(res.ok).toBe(true);
      return (await res.json()) as { id: string };
    };
    const ana = await openBoard(await suite.person('Ana'), suite.url, boardId, 'editor');
    const original = await post('/versions', { label: 'Template' });
    const state = await boardState(ana);
    await addCardInCell(ana, state.stages[0]!.id, state.lanes[0]!.id, 'Asks a colleague');
    const edited = await post('/versions', { label: 'Edited' });
    // Each restore is an entry of its own: 31 of them, plus Ana's edit, make two pages.
    for (let i = 0; i < 31; i++) {
      await post(`/versions/${(i % 2 === 0 ? original : edited).id}/restore`, { author: 'Cara' });
    }

    const reader = await openBoard(await suite.person('Dev'), suite.url, boardId, 'viewer');
    await reader.click('[data-testid=activity-toggle]');
    const entries = reader.locator('[data-testid=activity-feed] [data-testid=activity-entry]');
    await expect.poll(() => entries.count()).toBe(30);
    expect(await entries.first().textContent()).toMatch(/^Cara restored a version \(/);
    await reader.click('[data-testid=activity-more]');
    await expect.poll(() => entries.count()).toBe(32);
    expect(await entries.last().textContent()).toMatch(/^Ana added 1 card/);
    expect(await reader.isVisible('[data-testid=activity-more]')).toBe(false);
    await saveScreenshot(reader, 'activity-feed');
    expectNoPageErrors(ana, reader);
  }, 90_000);
});
