/**
 * Dot voting in Chromium with three participants (W199, W207, W209): Fay (editor, 1440 px)
 * starts a timed, named vote; Ann (viewer, on a 390 px phone, by keyboard) and Bo (commenter,
 * 768 px) place dots. Nobody's page shows anyone else's dots until Fay ends the vote, and a raw
 * y-websocket client on the board doc never sees a ballot. Then every page shows the ranked
 * results and the counts on the cards, and the CSV export downloads.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readVoteMarker } from '../../shared/model/vote.js';
import { connectClient, disconnectAll, synced, whenDoc } from '../helpers/clients.js';
import { boardTokens, wsUrlOf } from '../helpers/server.js';
import {
  boardState,
  expectNoPageErrors,
  openBoard,
  saveScreenshot,
  templateBoard,
  until,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite({ contextOptions: { acceptDownloads: true } });

const card = (id: string) => `[data-testid=vote-card][data-card-id="${id}"]`;
const mine = (id: string) => `[data-testid=vote-mine][data-card-id="${id}"]`;

/** My dots per card as the page shows them. */
const dotsShown = (page: Page) =>
  page.$$eval('[data-testid=vote-mine]', (els) =>
    Object.fromEntries(
      els.map((el) => [el.getAttribute('data-card-id'), Number(el.getAttribute('data-count'))]),
    ),
  );

describe('dot voting', { timeout: 180_000 }, () => {
  it('W199, W207, W209: three people vote; none sees the others’ dots until the reveal; ranked results', async () => {
    const boardId = await templateBoard(suite.url, 'Claims workshop');
    const listener = connectClient(
      wsUrlOf(suite.url),
      boardId,
      new Y.Doc(),
      boardTokens.get(boardId)!.viewer,
    );
    suite.closeAfterTest({ close: async () => disconnectAll([listener]) });
    await synced(listener);

    const fay = await openBoard(await suite.person('Fay'), suite.url, boardId, 'editor');
    const ann = await openBoard(await suite.person('Ann'), suite.url, boardId, 'viewer');
    const bo = await openBoard(await suite.person('Bo'), suite.url, boardId, 'commenter');
    await ann.setViewportSize({ width: 390, height: 844 });
    await bo.setViewportSize({ width: 768, height: 1024 });
    const { cards, lanes } = await boardState(fay);
    const pains = cards.filter((c) => c.laneId === lanes.find((l) => l.kind === 'painPoints')!.id);
    const [x, y] = [pains[0]!.id, pains[1]!.id];

    // Fay starts a named vote with a time limit on the pain points and opportunities.
    await fay.click('[data-testid=vote-button]');
    await fay.fill('[data-testid=vote-title]', 'Top pain points');
    await fay.uncheck('[data-testid=vote-anonymous]');
    await fay.selectOption('[data-testid=vote-limit]', '10');
    await fay.click('[data-testid=vote-start]');
    for (const page of [fay, ann, bo]) await page.waitForSelector('[data-testid=vote-bar]');
    await fay.waitForSelector('[data-testid=vote-time-left]');
    expect(await ann.textContent('[data-testid=vote-remaining]')).toBe('3 votes left of 3');
    // The viewer on a phone sees the bar and may not end it.
    expect(await ann.$('[data-testid=vote-end]')).toBeNull();

    // Ann, by keyboard: two dots on x. Bo clicks y twice and takes one back with Alt-click.
    // Fay clicks x.
    for (let i = 0; i < 2; i++) {
      await ann.focus(card(x));
      await ann.keyboard.press('Enter');
      await ann.waitForSelector(`${mine(x)}[data-count="${i + 1}"]`);
    }
    await bo.click(card(y));
    await bo.waitForSelector(`${mine(y)}[data-count="1"]`);
    await bo.click(card(y));
    await bo.waitForSelector(`${mine(y)}[data-count="2"]`);
    await bo.click(card(y), { modifiers: ['Alt'] });
    await bo.waitForSelector(`${mine(y)}[data-count="1"]`);
    await fay.click(card(x));
    await fay.waitForSelector(`${mine(x)}[data-count="1"]`);
    // ✕ takes one back, and it goes on again.
    await fay.click(`${mine(x)} [data-testid=vote-remove]`);
    await fay.waitForSelector(mine(x), { state: 'detached' });
    await fay.click(card(x));
    await fay.waitForSelector(`${mine(x)}[data-count="1"]`);
    expect(await ann.textContent('[data-testid=vote-remaining]')).toBe('1 vote left of 3');

    // Each page shows its own dots only, and no totals anywhere.
    expect(await dotsShown(fay)).toEqual({ [x]: 1 });
    expect(await dotsShown(ann)).toEqual({ [x]: 2 });
    expect(await dotsShown(bo)).toEqual({ [y]: 1 });
    for (const page of [fay, ann, bo]) {
      expect(await page.$$('[data-testid=vote-total]')).toEqual([]);
      expect(await page.$('[data-testid=vote-results]')).toBeNull();
    }
    // The board doc carries the marker only.
    expect(Object.keys(listener.doc.getMap('vote').toJSON()).sort()).toEqual([
      'endsAt',
      'id',
      'status',
      'title',
    ]);
    expect(JSON.stringify(listener.doc.toJSON())).not.toMatch(/"(Ann|Bo)"/);
    await saveScreenshot(fay, 'vote-running-1440');

    // Fay ends it: every page shows the ranked results and the counts on the cards.
    await fay.click('[data-testid=vote-end]');
    await whenDoc(listener.doc, () => readVoteMarker(listener.doc)?.status === 'ended');
    for (const page of [fay, ann, bo]) {
      await page.waitForSelector('[data-testid=vote-ranking]');
      const ranked = await page.$$eval('[data-testid=vote-ranked]', (els) =>
        els.map((el) => [
          el.getAttribute('data-card-id'),
          el.querySelector('[data-testid=vote-ranked-count]')?.textContent,
        ]),
      );
      expect(ranked).toEqual([
        [x, '3 votes'],
        [y, '1 vote'],
      ]);
      await until(async () => (await page.$$('[data-testid=vote-total]')).length > 0, {
        what: 'counts on cards',
      });
      expect(await page.textContent(`[data-testid=vote-total][data-card-id="${x}"]`)).toBe('3');
      expect(await page.$$('[data-testid=vote-card]')).toEqual([]);
    }
    expect(await fay.textContent('[data-testid=vote-ranking]')).toContain('Ann, Fay');
    await saveScreenshot(fay, 'vote-reveal-1440');
    await saveScreenshot(ann, 'vote-reveal-390');

    // Exported as CSV; "Show on map" keeps the page working.
    const [download] = await Promise.all([
      fay.waitForEvent('download'),
      fay.click('[data-testid=vote-export-csv]'),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('rank,card_id,stage,lane,text,votes,voters');
    expect(csv.split('\r\n')[1]).toContain(x);
    await fay.click('[data-testid=vote-ranked] >> text=Show on map');
    // At 1024 px the bar and its actions still fit.
    await fay.setViewportSize({ width: 1024, height: 768 });
    const bar = await fay.$('[data-testid=vote-results]');
    expect((await bar!.boundingBox())!.width).toBeLessThanOrEqual(1024);
    // The past votes list names it.
    await bo.click('[data-testid=vote-button]');
    await bo.waitForSelector('[data-testid=vote-past] >> text=Top pain points');
    expectNoPageErrors(fay, ann, bo);
  });
});
