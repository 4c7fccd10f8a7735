/**
 * The board on a phone (390×844) and a tablet (768×1024) with real touch (`hasTouch`,
 * `isMobile`, fingers through the DevTools protocol): one finger pans, two fingers pinch-zoom
 * about their midpoint, a long press selects a card without moving it, a finger drags a card
 * when the link may edit (and pans when it may not), a comment is started, opened from its pin
 * and answered in the bottom sheet, and a panel never squeezes the canvas.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  boardState,
  cardScreenPoint,
  cardScreenRect,
  cellScreenPoint,
  expectNoPageErrors,
  newContext,
  openBoard,
  reachable,
  saveScreenshot,
  settle,
  templateBoard,
  until,
  zoomTo,
  type BoardState,
  type CardState,
  type Point,
} from './browser.js';
import { browserSuite } from './suite.js';
import {
  canvasBox,
  expectOneFingerPans,
  expectPinchZooms,
  fingersDown,
  fingersMove,
  fingersUp,
  itemUnder,
  swipe,
  viewportOf,
} from './touch.js';

const suite = browserSuite();

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };

/** A touch device of the given size for one person; closed after the test. */
async function device(size: { width: number; height: number }, name: string) {
  const context: BrowserContext = await newContext(suite.browser, {
    viewport: size,
    hasTouch: true,
    isMobile: true,
    userName: name,
  });
  suite.closeAfterTest(context);
  return context;
}

/**
 * A page point on the card, in view and not under the lane headers (which stay on the left of
 * the canvas): the finger must land on the card itself.
 */
async function onCard(page: Page, cardId: string): Promise<Point> {
  const at = await reachable(page, () => cardScreenPoint(page, cardId));
  expect(await itemUnder(page, at), 'the card is under the finger').toBe(cardId);
  return at;
}

/** Opens the comments: from the top bar, or from its "More" menu when the bar keeps it there. */
async function openComments(page: Page): Promise<void> {
  if (await page.getByTestId('comments-toggle').isVisible())
    await page.getByTestId('comments-toggle').tap();
  else {
    await page.getByTestId('topbar-more').tap();
    await page
      .getByTestId('topbar-more-list')
      .getByRole('menuitemcheckbox', { name: /^Comments/ })
      .tap();
  }
}

function cardAt(state: BoardState, stage: string, lane: string): CardState {
  const stageId = state.stages.find((s) => s.name === stage)?.id;
  const laneId = state.lanes.find((l) => l.name === lane)?.id;
  const card = state.cards.find((c) => c.stageId === stageId && c.laneId === laneId);
  if (!card) throw new Error(`no card in ${stage} / ${lane}`);
  return card;
}

describe('the board by touch', { timeout: 150_000 }, () => {
  it('pans with one finger and pinch-zooms with two, on a phone and a tablet', async () => {
    const boardId = await templateBoard(suite.url, 'Claims on the go');
    for (const size of [PHONE, TABLET]) {
      const page = await openBoard(await device(size, `Pat ${size.width}`), suite.url, boardId);
      await expectOneFingerPans(page);
      await expectPinchZooms(page);
      // After the pinch, one finger still pans (nothing was left half-pressed).
      await expectOneFingerPans(page);
      await saveScreenshot(page, `touch-${size.width}-pinched`);
      expectNoPageErrors(page);
    }
  });

  it('selects a card by a long press without moving it, and moves it by a drag', async () => {
    const boardId = await templateBoard(suite.url);
    const page = await openBoard(await device(PHONE, 'Lee'), suite.url, boardId, 'editor');
    await zoomTo(page, 50);
    const card = cardAt(await boardState(page), 'Onboarding', 'Customer goals');
    const at = await onCard(page, card.id);

    await fingersDown(page, [at]);
    // Selected while the finger is still down, the details sheet open on it.
    await page.waitForSelector('[data-testid=side-panel][data-panel-kind=card]', {
      timeout: 3_000,
    });
    await fingersUp(page);
    // The view moved the card into sight above the sheet.
    await settle(page);
    const sheet = (await page.getByTestId('side-panel').boundingBox())!;
    const shown = await cardScreenRect(page, card.id);
    expect(shown.y + shown.height, 'the card is above the sheet').toBeLessThanOrEqual(sheet.y);
    expect(shown.y).toBeGreaterThanOrEqual((await canvasBox(page)).y);
    const afterPress = (await boardState(page)).cards.find((c) => c.id === card.id)!;
    expect({ stage: afterPress.stageId, lane: afterPress.laneId }).toEqual({
      stage: card.stageId,
      lane: card.laneId,
    });
    await saveScreenshot(page, 'touch-390-long-press');
    // The sheet leaves the canvas its full width.
    expect((await canvasBox(page)).width).toBe(PHONE.width);
    await page.getByTestId('panel-close').tap();
    await page.getByTestId('side-panel').waitFor({ state: 'detached' });

    // A drag to the next stage's cell of the same lane moves it there.
    const state = await boardState(page);
    const stages = state.stages.map((s) => s.id);
    const target = stages[stages.indexOf(card.stageId) + 1]!;
    const from = await onCard(page, card.id);
    const to = await cellScreenPoint(page, target, card.laneId);
    await fingersDown(page, [from]);
    await fingersMove(page, [from], [{ x: from.x + 4, y: from.y + 4 }], 2);
    await fingersMove(page, [{ x: from.x + 4, y: from.y + 4 }], [to], 16);
    await fingersUp(page);
    await until(
      async () => (await boardState(page)).cards.find((c) => c.id === card.id)?.stageId === target,
      { what: 'the card in the next stage' },
    );
    expectNoPageErrors(page);
  });

  it('pans instead of moving a card when the link may not edit', async () => {
    const boardId = await templateBoard(suite.url);
    const page = await openBoard(await device(PHONE, 'Vic'), suite.url, boardId, 'viewer');
    await zoomTo(page, 50);
    const card = cardAt(await boardState(page), 'Onboarding', 'Customer goals');
    const from = await onCard(page, card.id);
    const before = await viewportOf(page);
    const box = await canvasBox(page);
    const dx = from.x < box.x + box.width / 2 ? 80 : -80;
    await swipe(page, from, { x: from.x + dx, y: from.y });
    await settle(page);
    expect((await viewportOf(page)).x).toBeCloseTo(before.x - dx / before.zoom, 0);
    const after = (await boardState(page)).cards.find((c) => c.id === card.id)!;
    expect(after.stageId).toBe(card.stageId);
    expectNoPageErrors(page);
  });

  it('starts a thread, opens it from its pin and replies, all by touch on a phone', async () => {
    const boardId = await templateBoard(suite.url);
    const page = await openBoard(await device(PHONE, 'Rae'), suite.url, boardId, 'commenter');
    await zoomTo(page, 50);
    const card = cardAt(await boardState(page), 'Onboarding', 'Customer goals');

    await page.getByTestId('tool-comment').tap();
    const at = await onCard(page, card.id);
    await page.touchscreen.tap(at.x, at.y);
    const composer = page.locator('[data-testid=comments-panel] [data-testid=comment-new]');
    await composer.waitFor({ timeout: 5_000 });
    await page.getByTestId('comment-input').tap();
    await page.keyboard.type('Does this hold for claims over 5k?', { delay: 5 });
    await page.getByTestId('comment-post').tap();
    await composer.waitFor({ state: 'detached' });
    const threadId = (await page.getByTestId('comment-thread').getAttribute('data-thread-id'))!;
    await page.getByTestId('comments-close').tap();
    await page.getByTestId('comments-panel').waitFor({ state: 'detached' });

    // The pin opens the thread in the sheet; the reply box is in sight and takes a reply.
    await page.locator(`[data-testid=comment-pin][data-thread-id="${threadId}"]`).tap();
    const thread = page.locator(`[data-testid=comment-thread][data-thread-id="${threadId}"]`);
    await thread.waitFor({ timeout: 5_000 });
    await page.waitForSelector(
      `[data-testid=comment-thread][data-thread-id="${threadId}"][data-expanded=true]`,
      { timeout: 5_000 },
    );
    const reply = thread.getByTestId('reply-input');
    await reply.tap();
    const inSight = await reply.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const v = window.visualViewport!;
      return r.top >= v.offsetTop && r.bottom <= v.offsetTop + v.height;
    });
    expect(inSight, 'the reply box is inside the visible viewport').toBe(true);
    await page.keyboard.type('Yes, same flow', { delay: 5 });
    await thread.getByTestId('reply-post').tap();
    await until(async () => (await thread.getByTestId('comment-message').count()) === 2, {
      what: 'the reply in the thread',
    });
    const sheet = (await page.getByTestId('comments-panel').boundingBox())!;
    expect(sheet.x).toBe(0);
    expect(sheet.width).toBe(PHONE.width);
    expect((await canvasBox(page)).width).toBe(PHONE.width);
    await saveScreenshot(page, 'touch-390-thread');
    expectNoPageErrors(page);
  });

  it('makes a sheet taller with a tap on its grip and closes it when dragged down', async () => {
    const boardId = await templateBoard(suite.url);
    const page = await openBoard(await device(PHONE, 'Gus'), suite.url, boardId, 'editor');
    await openComments(page);
    const sheet = page.getByTestId('comments-panel');
    await sheet.waitFor();
    const half = (await sheet.boundingBox())!;
    const grip = page.getByTestId('sheet-grip');
    await grip.tap();
    await until(async () => (await sheet.boundingBox())!.height > half.height + 100, {
      what: 'a taller sheet',
    });
    expect(await grip.getAttribute('aria-expanded')).toBe('true');
    const g = (await grip.boundingBox())!;
    const from = { x: g.x + g.width / 2, y: g.y + g.height / 2 };
    await swipe(page, from, { x: from.x, y: PHONE.height - 20 });
    await sheet.waitFor({ state: 'detached', timeout: 5_000 });
    expectNoPageErrors(page);
  });

  it('keeps most of a tablet canvas beside an open panel', async () => {
    const boardId = await templateBoard(suite.url);
    const page = await openBoard(await device(TABLET, 'Tam'), suite.url, boardId, 'editor');
    await openComments(page);
    await page.getByTestId('comments-panel').waitFor();
    const canvas = await canvasBox(page);
    expect(canvas.width).toBeGreaterThanOrEqual(TABLET.width * 0.55);
    await saveScreenshot(page, 'touch-768-panel');
    expectNoPageErrors(page);
  });

  it('keeps every tool in reach on small and sideways phones', async () => {
    const boardId = await templateBoard(suite.url);
    for (const size of [
      { width: 360, height: 640 },
      { width: 640, height: 360 },
    ]) {
      const page = await openBoard(await device(size, `Sol ${size.width}`), suite.url, boardId);
      const out = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.toolbar button')].flatMap((button) => {
          const r = button.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          const inside = r.bottom <= innerHeight && r.right <= innerWidth && r.width > 0;
          return inside && hit && button.contains(hit) ? [] : [button.getAttribute('aria-label')];
        }),
      );
      expect(out, `tools out of reach at ${size.width}×${size.height}`).toEqual([]);
      await saveScreenshot(page, `touch-${size.width}x${size.height}`);
      expectNoPageErrors(page);
    }
  });
});
