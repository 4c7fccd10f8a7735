/**
 * Presence and review comments in a real browser (Debian Chromium through playwright-core)
 * against the real server and the client built by ./setup.ts: live cursors, selection outlines,
 * follow and presenter modes, comment threads with @mentions between two people, and the
 * first-visit name dialog.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  VIEWPORT,
  boardState,
  cardScreenPoint,
  cardScreenRect,
  openBoard,
  pageToBoard,
  reachable,
  saveScreenshot,
  settle,
  until,
  waitCanvasReady,
  waitConnected,
  type BoardState,
  type CardState,
  type Point,
  expectNoPageErrors,
  templateBoard,
} from './browser.js';
import { drawnCursor, waitForCursor } from './cursors.js';
import { browserSuite } from './suite.js';

/**
 * How long to wait for a cursor, a followed viewport, a selection or a comment to reach the
 * other browser. Generous: these tests check that it arrives and where, not how fast (cursor
 * latency is measured by `npm run bench`, W1); a loaded CI machine must not fail them.
 */
const CURSOR_DEADLINE_MS = 15_000;
const SYNC_DEADLINE_MS = 15_000;

const BANNER = '[data-testid=follow-banner]';
const avatarOf = (name: string) => `[data-testid=avatar][data-user="${name}"]`;
const threadSel = (id: string) => `[data-testid=comment-thread][data-thread-id="${id}"]`;
const pinSel = (id: string) => `[data-testid=comment-pin][data-thread-id="${id}"]`;

const suite = browserSuite();

/** Ada and Ben on the same fresh board. */
async function adaAndBen() {
  const boardId = await templateBoard(suite.url);
  const pageA = await openBoard(await suite.person('Ada'), suite.url, boardId);
  const pageB = await openBoard(await suite.person('Ben'), suite.url, boardId);
  // Both know of each other before anything is measured.
  await pageA.waitForSelector(avatarOf('Ben'), { timeout: SYNC_DEADLINE_MS });
  await pageB.waitForSelector(avatarOf('Ada'), { timeout: SYNC_DEADLINE_MS });
  return { boardId, pageA, pageB };
}

/** The template's card in a stage and lane (its first one). */
function cardAt(state: BoardState, stage: string, lane: string): CardState {
  const stageId = state.stages.find((s) => s.name === stage)?.id;
  const laneId = state.lanes.find((l) => l.name === lane)?.id;
  const card = state.cards.find((c) => c.stageId === stageId && c.laneId === laneId);
  if (!card) throw new Error(`no card in ${stage} / ${lane}`);
  return card;
}

/** How the comments panel names a card anchor: "Card: " and the first 40 characters. */
function cardAnchorLabel(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return `Card: ${line.length > 40 ? `${line.slice(0, 40).trimEnd()}…` : line}`;
}

interface View {
  x: number;
  y: number;
  zoom: number;
}

/** The centre of what a page shows, in board coordinates, and its zoom. */
function viewCentre(page: Page): Promise<View> {
  return page.evaluate(() => {
    const v = window.journeyboard!.viewport();
    const r = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    return { x: v.x + r.width / 2 / v.zoom, y: v.y + r.height / 2 / v.zoom, zoom: v.zoom };
  });
}

/** The viewport (centre and zoom) a page has received from the person called `name`. */
function receivedViewport(page: Page, name: string): Promise<View | null> {
  return page.evaluate((who) => {
    const awareness = window.journeyboard!.session.provider.awareness;
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const s = state as { user?: { name?: string }; viewport?: View };
      if (s.user?.name === who && s.viewport) return s.viewport;
    }
    return null;
  }, name);
}

/** Same centre (within `tolerance` board units) and zoom. */
function sameView(a: View, b: View, tolerance = 1.5): boolean {
  return (
    Math.abs(a.x - b.x) <= tolerance &&
    Math.abs(a.y - b.y) <= tolerance &&
    Math.abs(a.zoom - b.zoom) <= 0.001
  );
}

/** Pans with the mouse wheel over the middle of the canvas, as a user scrolls. */
async function wheelPan(page: Page, dx: number, dy: number): Promise<void> {
  const box = (await page.locator('[data-testid=board-canvas]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(dx, dy);
  await settle(page);
}

/**
 * Polls `read` until `ok` holds or the timeout passes; returns the last value read and how long
 * it took, so the caller asserts on real numbers rather than on a bare timeout.
 */
async function converge<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeout: number,
): Promise<{ value: T; ms: number; ok: boolean }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return { value, ms: Date.now() - started, ok: true };
    if (Date.now() - started > timeout) return { value, ms: Date.now() - started, ok: false };
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Page point where a board point is drawn on a page. */
function boardToPagePoint(page: Page, p: Point): Promise<Point> {
  return page.evaluate(({ x, y }) => {
    const v = window.journeyboard!.viewport();
    const r = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    return { x: r.left + (x - v.x) * v.zoom, y: r.top + (y - v.y) * v.zoom };
  }, p);
}

/** Where a peer's cursor (its tip) is on the page, if drawn. */
async function cursorPagePoint(page: Page, name: string): Promise<Point | null> {
  const drawn = await drawnCursor(page, name);
  return drawn && { x: drawn.x, y: drawn.y };
}

const close = (a: Point | null, b: Point, tolerance: number) =>
  !!a && Math.abs(a.x - b.x) <= tolerance && Math.abs(a.y - b.y) <= tolerance;

describe('presence and comments in the browser', { timeout: 60_000 }, () => {
  it("shows A's live cursor to B where A's pointer is on the board", async () => {
    const { pageA, pageB } = await adaAndBen();
    expect(await drawnCursor(pageB, 'Ada'), 'no cursor before A moves').toBeNull();

    const canvas = (await pageA.locator('[data-testid=board-canvas]').boundingBox())!;
    const spot = { x: canvas.x + canvas.width * 0.45, y: canvas.y + canvas.height * 0.4 };
    await pageA.mouse.move(spot.x, spot.y, { steps: 4 });
    await waitForCursor(pageB, 'Ada', { timeout: CURSOR_DEADLINE_MS });

    // Same board point: A's pointer in board units, drawn through B's own viewport.
    const boardPoint = await pageToBoard(pageA, spot);
    const expected = await boardToPagePoint(pageB, boardPoint);
    const placed = await converge(
      () => cursorPagePoint(pageB, 'Ada'),
      (p) => close(p, expected, 1.5),
      CURSOR_DEADLINE_MS,
    );
    expect(
      placed.ok,
      `A's pointer is at board ${JSON.stringify(boardPoint)}, drawn at ${JSON.stringify(expected)} ` +
        `in B; B's cursor is at ${JSON.stringify(placed.value)}`,
    ).toBe(true);
    expect((await drawnCursor(pageB, 'Ada'))?.label, "A's name shows in full").toBe(1);

    // It follows the pointer across the board (B scrolled elsewhere: board coordinates count).
    await wheelPan(pageB, 120, 80);
    const next = { x: canvas.x + canvas.width * 0.6, y: canvas.y + canvas.height * 0.55 };
    await pageA.mouse.move(next.x, next.y, { steps: 6 });
    const nextExpected = await boardToPagePoint(pageB, await pageToBoard(pageA, next));
    const moved = await converge(
      () => cursorPagePoint(pageB, 'Ada'),
      (p) => close(p, nextExpected, 1.5),
      CURSOR_DEADLINE_MS,
    );
    expect(
      moved.ok,
      `cursor at ${JSON.stringify(moved.value)}, want ${JSON.stringify(nextExpected)}`,
    ).toBe(true);

    // A scrolls the board under a still pointer: the pointer is now over another board point,
    // and that is where B should see A's cursor. Soft, so the rest is still checked.
    await pageA.mouse.wheel(200, 120);
    await settle(pageA);
    const scrolledExpected = await boardToPagePoint(pageB, await pageToBoard(pageA, next));
    const scrolled = await converge(
      () => cursorPagePoint(pageB, 'Ada'),
      (p) => close(p, scrolledExpected, 1.5),
      CURSOR_DEADLINE_MS,
    );
    expect
      .soft(
        scrolled.ok,
        `after A scrolled under a still pointer, B shows A's cursor at ` +
          `${JSON.stringify(scrolled.value)}; A's pointer is over the board point drawn at ` +
          `${JSON.stringify(scrolledExpected)} in B`,
      )
      .toBe(true);

    // The pointer leaves the canvas (up to the top bar): the cursor goes away in B.
    const title = (await pageA.locator('[data-testid=board-title]').boundingBox())!;
    const leftAt = Date.now();
    await pageA.mouse.move(title.x + title.width / 2, title.y + title.height / 2, { steps: 6 });
    await waitForCursor(pageB, 'Ada', { gone: true, timeout: SYNC_DEADLINE_MS });
    expect(Date.now() - leftAt, "A's cursor gone in B").toBeLessThanOrEqual(SYNC_DEADLINE_MS);
    expectNoPageErrors(pageA, pageB);
  });

  it("outlines the card A selected in B, tagged with A's name", async () => {
    const { pageA, pageB } = await adaAndBen();
    const card = cardAt(await boardState(pageA), 'Purchase', 'Customer goals');

    const spot = await reachable(pageA, () => cardScreenPoint(pageA, card.id));
    await pageA.mouse.click(spot.x, spot.y);
    await pageA.waitForSelector('[data-testid=side-panel] >> text=Customer goals card', {
      timeout: 5_000,
    });

    const outline = pageB.locator('.peer-selection', {
      has: pageB.locator('.peer-tag', { hasText: /^Ada$/ }),
    });
    const started = Date.now();
    await outline.waitFor({ timeout: SYNC_DEADLINE_MS });
    expect(Date.now() - started, "A's selection shown in B").toBeLessThanOrEqual(SYNC_DEADLINE_MS);
    expect(await outline.count()).toBe(1);
    expect(await pageB.locator('.peer-selection').count(), 'only the one card').toBe(1);

    // Around the card as B draws it: 3 px out on every side.
    await settle(pageB);
    const rect = await cardScreenRect(pageB, card.id);
    const box = (await outline.boundingBox())!;
    expect(box.x).toBeCloseTo(rect.x - 3, 0);
    expect(box.y).toBeCloseTo(rect.y - 3, 0);
    expect(box.width).toBeCloseTo(rect.width + 6, 0);
    expect(box.height).toBeCloseTo(rect.height + 6, 0);
    const colours = await pageB.evaluate(
      ([sel]) => {
        const el = document.querySelector<HTMLElement>(sel!)!;
        const avatar = document.querySelector<HTMLElement>('[data-testid=avatar][data-user=Ada]')!;
        return [getComputedStyle(el).borderTopColor, getComputedStyle(avatar).backgroundColor];
      },
      ['.peer-selection'] as const,
    );
    expect(colours[0], "the outline is in A's colour").toBe(colours[1]);

    // A clears the selection: the outline goes.
    await pageA.keyboard.press('Escape');
    await pageB.waitForSelector('.peer-selection', {
      state: 'detached',
      timeout: SYNC_DEADLINE_MS,
    });
    expectNoPageErrors(pageA, pageB);
  });

  it("follows A's view after clicking A's avatar, until B pans", async () => {
    const { pageA, pageB } = await adaAndBen();
    await wheelPan(pageB, -150, -90); // B starts somewhere else.

    await pageB.click(avatarOf('Ada'));
    await pageB.waitForSelector(BANNER, { timeout: SYNC_DEADLINE_MS });
    expect(await pageB.textContent(BANNER)).toContain('Following Ada');
    expect(await pageB.getAttribute(avatarOf('Ada'), 'aria-pressed')).toBe('true');
    const a0 = await viewCentre(pageA);
    const joined = await converge(
      () => viewCentre(pageB),
      (v) => sameView(v, a0),
      SYNC_DEADLINE_MS,
    );
    expect(joined.ok, `B's centre ${JSON.stringify(joined.value)}, A's ${JSON.stringify(a0)}`).toBe(
      true,
    );

    await wheelPan(pageA, 320, 180);
    const a1 = await viewCentre(pageA);
    expect(sameView(a1, a0), 'A has panned').toBe(false);
    const tracked = await converge(
      () => viewCentre(pageB),
      (v) => sameView(v, a1),
      SYNC_DEADLINE_MS,
    );
    expect(
      tracked.ok,
      `B's centre ${JSON.stringify(tracked.value)} after ${tracked.ms} ms, A's ${JSON.stringify(a1)}`,
    ).toBe(true);
    expect(tracked.ms).toBeLessThanOrEqual(SYNC_DEADLINE_MS);

    // B scrolls on its own: following ends.
    await wheelPan(pageB, 0, 200);
    await pageB.waitForSelector(BANNER, { state: 'detached', timeout: SYNC_DEADLINE_MS });
    expect(await pageB.getAttribute(avatarOf('Ada'), 'aria-pressed')).toBe('false');
    const own = await viewCentre(pageB);

    // A pans again; B receives A's viewport but stays where it scrolled to.
    await wheelPan(pageA, -400, 0);
    const a2 = await viewCentre(pageA);
    const received = await converge(
      () => receivedViewport(pageB, 'Ada'),
      (v) => !!v && sameView(v, a2),
      SYNC_DEADLINE_MS,
    );
    expect(received.ok, "A's new viewport reached B").toBe(true);
    await settle(pageB);
    expect(sameView(await viewCentre(pageB), own, 0.01), 'B no longer follows A').toBe(true);
    expectNoPageErrors(pageA, pageB);
  });

  it('makes everyone follow a presenter, until they opt out', async () => {
    const { pageA, pageB } = await adaAndBen();
    await wheelPan(pageB, 200, 120);

    await pageA.click('[data-testid=present-toggle]');
    expect(await pageA.getAttribute('[data-testid=present-toggle]', 'aria-pressed')).toBe('true');
    await pageB.waitForSelector(BANNER, { timeout: SYNC_DEADLINE_MS });
    expect(await pageB.textContent(BANNER)).toContain('Ada is presenting');
    const a0 = await viewCentre(pageA);
    const joined = await converge(
      () => viewCentre(pageB),
      (v) => sameView(v, a0),
      SYNC_DEADLINE_MS,
    );
    expect(joined.ok, `B's centre ${JSON.stringify(joined.value)}, A's ${JSON.stringify(a0)}`).toBe(
      true,
    );

    await wheelPan(pageA, -260, 140);
    const a1 = await viewCentre(pageA);
    const tracked = await converge(
      () => viewCentre(pageB),
      (v) => sameView(v, a1),
      SYNC_DEADLINE_MS,
    );
    expect(
      tracked.ok,
      `B's centre ${JSON.stringify(tracked.value)} after ${tracked.ms} ms, A's ${JSON.stringify(a1)}`,
    ).toBe(true);

    // B opts out of this presentation.
    await pageB.click('[data-testid=stop-following]');
    await pageB.waitForSelector(BANNER, { state: 'detached', timeout: SYNC_DEADLINE_MS });
    const own = await viewCentre(pageB);
    await wheelPan(pageA, 300, -100);
    const a2 = await viewCentre(pageA);
    const received = await converge(
      () => receivedViewport(pageB, 'Ada'),
      (v) => !!v && sameView(v, a2),
      SYNC_DEADLINE_MS,
    );
    expect(received.ok, "A's new viewport reached B").toBe(true);
    await settle(pageB);
    expect(sameView(await viewCentre(pageB), own, 0.01), 'B no longer tracks A').toBe(true);
    expect(await pageB.locator(BANNER).count(), 'the banner stays away').toBe(0);

    // A stops presenting.
    await pageA.click('[data-testid=present-toggle]');
    expect(await pageA.getAttribute('[data-testid=present-toggle]', 'aria-pressed')).toBe('false');
    expect(await pageA.textContent('[data-testid=present-toggle]')).toBe('Present');
    expect(await pageA.locator('.follow-banner').count(), "A's own banner gone").toBe(0);
    await until(
      () =>
        pageB.evaluate(() => {
          const awareness = window.journeyboard!.session.provider.awareness;
          return [...awareness.getStates()].some(
            ([id, s]) =>
              id !== awareness.clientID &&
              (s as { user?: { name?: string } }).user?.name === 'Ada' &&
              (s as { presenting?: boolean }).presenting === false,
          );
        }),
      { timeout: SYNC_DEADLINE_MS, what: 'B to hear that A stopped presenting' },
    );
    expect(await pageB.locator(BANNER).count()).toBe(0);
    expectNoPageErrors(pageA, pageB);
  });

  it('discusses a card in a comment thread with @mentions, resolves it, and keeps it', async () => {
    const QUESTION = 'Is this still true after the Q3 redesign?';
    const REPLY = '@Ben yes, see the NPS data';
    const { pageA, pageB } = await adaAndBen();
    const card = cardAt(await boardState(pageB), 'Onboarding', 'Customer goals');
    const anchor = cardAnchorLabel(card.text);

    // B: comment tool (M), click the card, type, post.
    await pageB.keyboard.press('m');
    expect(await pageB.getAttribute('[data-testid=tool-comment]', 'aria-pressed')).toBe('true');
    const spot = await reachable(pageB, () => cardScreenPoint(pageB, card.id));
    await pageB.mouse.click(spot.x, spot.y);
    await pageB.waitForSelector('[data-testid=comments-panel] [data-testid=comment-new]', {
      timeout: 5_000,
    });
    expect(await pageB.textContent('[data-testid=comment-new] .comment-new-where')).toBe(anchor);
    // The composer takes the focus, so the comment can be typed straight away. Soft, so the
    // rest of the conversation is still checked when this fails.
    const focused = await pageB
      .waitForFunction(
        () => (document.activeElement as HTMLElement | null)?.dataset.testid === 'comment-input',
        undefined,
        { timeout: 1_000 },
      )
      .then(() => true)
      .catch(() => false);
    expect
      .soft(
        focused,
        'the new-comment box is not focused after picking a card with the comment tool ' +
          `(focus is on ${await pageB.evaluate(() => document.activeElement?.tagName)})`,
      )
      .toBe(true);
    if (!focused) await pageB.click('[data-testid=comment-input]');
    await pageB.keyboard.type(QUESTION, { delay: 5 });
    await pageB.click('[data-testid=comment-post]');
    await pageB.waitForSelector('[data-testid=comment-new]', { state: 'detached', timeout: 5_000 });
    const threadB = pageB.locator('[data-testid=comment-thread]');
    await threadB.waitFor({ timeout: 5_000 });
    const threadId = (await threadB.getAttribute('data-thread-id'))!;
    expect(threadId).toBeTruthy();

    // A: an unread badge on the comments button, and a pin on the card.
    const badge = pageA.locator('[data-testid=comments-toggle] .badge-count');
    await badge.waitFor({ timeout: SYNC_DEADLINE_MS });
    expect(await badge.textContent()).toBe('1');
    expect(await pageA.getAttribute('[data-testid=comments-toggle]', 'aria-label')).toBe(
      'Comments, 1 unread',
    );
    await pageA.waitForSelector(pinSel(threadId), { timeout: SYNC_DEADLINE_MS });

    await pageA.click('[data-testid=comments-toggle]');
    const threadA = pageA.locator(threadSel(threadId));
    await threadA.waitFor({ timeout: 5_000 });
    expect(await threadA.getAttribute('data-unread')).toBe('true');
    expect(await threadA.locator('[data-testid=comment-anchor]').textContent()).toBe(anchor);
    expect(await threadA.textContent()).toContain(QUESTION);
    expect(await threadA.textContent()).toContain('Ben');

    // The screenshot: B's cursor next to the pin on A's board, the thread in A's panel.
    await settle(pageA);
    const pin = (await pageA.locator(pinSel(threadId)).boundingBox())!;
    const pinBoard = await pageToBoard(pageA, { x: pin.x, y: pin.y + pin.height });
    const near = await boardToPagePoint(pageB, { x: pinBoard.x + 40, y: pinBoard.y + 50 });
    await pageB.mouse.move(near.x, near.y, { steps: 4 });
    await waitForCursor(pageA, 'Ben', { timeout: CURSOR_DEADLINE_MS });
    expect(await pageA.locator(pinSel(threadId)).isVisible()).toBe(true);
    await saveScreenshot(pageA, 'presence');

    // A opens the thread (it is seen: the badge goes) and replies, picking Ben from the list.
    await threadA.locator('[data-testid=comment-expand]').click();
    await pageA.waitForSelector(`${threadSel(threadId)}[data-expanded=true]`, { timeout: 5_000 });
    await badge.waitFor({ state: 'detached', timeout: 5_000 });
    const replyInput = threadA.locator('[data-testid=reply-input]');
    await replyInput.click();
    await pageA.keyboard.type('@Be', { delay: 5 });
    const option = pageA.locator('[data-testid=mention-list] [data-testid=mention-option]', {
      hasText: 'Ben',
    });
    await option.waitFor({ timeout: 5_000 });
    expect(
      await pageA.locator('[data-testid=mention-option]').allTextContents(),
      'Ada is not offered to herself',
    ).toEqual(['Ben']);
    await option.click();
    await pageA.waitForSelector('[data-testid=mention-list]', {
      state: 'detached',
      timeout: 5_000,
    });
    expect(await replyInput.inputValue()).toBe('@Ben ');
    await pageA.keyboard.type('yes, see the NPS data', { delay: 5 });
    expect(await replyInput.inputValue()).toBe(REPLY);
    await threadA.locator('[data-testid=reply-post]').click();
    await until(
      async () => (await threadA.locator('[data-testid=comment-message]').count()) === 2,
      {
        what: 'the reply in A',
      },
    );
    expect(await replyInput.inputValue()).toBe('');

    // B sees the reply, the mention of B highlighted as "me".
    const replyB = pageB.locator(`${threadSel(threadId)} [data-testid=comment-message]`, {
      hasText: 'yes, see the NPS data',
    });
    await replyB.waitFor({ timeout: SYNC_DEADLINE_MS });
    expect(await replyB.locator('.comment-body').textContent()).toBe(REPLY);
    expect(await replyB.locator('.comment-mention').textContent()).toBe('@Ben');
    expect(await replyB.locator('.comment-mention').getAttribute('data-me')).toBe('true');
    expect(await replyB.locator('.comment-author').textContent()).toBe('Ada');
    expect(await pageB.textContent('[data-testid=comments-filter-mentions]')).toContain('1');

    // A resolves: B lists it under Resolved; A's pin for it is gone.
    await threadA.locator('[data-testid=comment-resolve]').click();
    await pageA.waitForSelector(`${threadSel(threadId)}[data-resolved=true]`, { timeout: 5_000 });
    expect(await threadA.locator('[data-testid=comment-resolve]').textContent()).toBe('Reopen');
    await pageA.waitForSelector(pinSel(threadId), { state: 'detached', timeout: 5_000 });
    await pageB.click('[data-testid=comments-filter-resolved]');
    await pageB.waitForSelector(`${threadSel(threadId)}[data-resolved=true]`, {
      timeout: SYNC_DEADLINE_MS,
    });
    expect(await pageB.textContent(threadSel(threadId))).toContain('Resolved by Ada');

    // B reloads: the thread, both messages and its resolved state are still there.
    await pageB.reload();
    await waitConnected(pageB);
    await waitCanvasReady(pageB);
    await pageB.click('[data-testid=comments-toggle]');
    await pageB.waitForSelector('[data-testid=comments-panel]', { timeout: 5_000 });
    await pageB.waitForSelector('[data-testid=comments-empty]', { timeout: 5_000 });
    expect(await pageB.locator('[data-testid=comment-thread]').count(), 'none open').toBe(0);
    await pageB.click('[data-testid=comments-filter-resolved]');
    const reloaded = pageB.locator(threadSel(threadId));
    await reloaded.waitFor({ timeout: 5_000 });
    expect(await reloaded.getAttribute('data-resolved')).toBe('true');
    expect(await reloaded.locator('[data-testid=comment-anchor]').textContent()).toBe(anchor);
    await reloaded.locator('[data-testid=comment-expand]').click();
    await until(
      async () => (await reloaded.locator('[data-testid=comment-message]').count()) === 2,
      {
        what: 'both messages after the reload',
      },
    );
    expect(await reloaded.locator('.comment-body').allTextContents()).toEqual([QUESTION, REPLY]);
    expect(await pageB.locator(pinSel(threadId)).count(), 'no pin for a resolved thread').toBe(0);
    expectNoPageErrors(pageA, pageB);
  });

  it('asks a first-time visitor for a name and shows it to others', async () => {
    const boardId = await templateBoard(suite.url);
    const pageA = await openBoard(await suite.person('Ada'), suite.url, boardId);

    // No name stored in this profile.
    const fresh = await suite.browser.newContext({
      viewport: VIEWPORT,
      deviceScaleFactor: 1,
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    suite.closeAfterTest(fresh);
    const page = await openBoard(fresh, suite.url, boardId);
    await page.waitForSelector('[data-testid=name-dialog]', { timeout: 5_000 });
    expect(await page.isDisabled('[data-testid=name-save]'), 'no empty name').toBe(true);
    await page.waitForFunction(
      () => (document.activeElement as HTMLElement | null)?.dataset.testid === 'name-input',
      undefined,
      { timeout: 5_000 },
    );
    await page.keyboard.type('Cleo', { delay: 5 });
    await page.click('[data-testid=name-save]');
    await page.waitForSelector('[data-testid=name-dialog]', { state: 'detached', timeout: 5_000 });

    const started = Date.now();
    await pageA.waitForSelector(avatarOf('Cleo'), { timeout: SYNC_DEADLINE_MS });
    expect(Date.now() - started, "Cleo's avatar in A").toBeLessThanOrEqual(SYNC_DEADLINE_MS);
    expect(await pageA.getAttribute(avatarOf('Cleo'), 'title')).toBe('Follow Cleo');
    expect(await pageA.textContent(avatarOf('Cleo'))).toBe('C');
    expect(await pageA.locator(avatarOf('Guest')).count(), 'no stale Guest avatar').toBe(0);
    expect(await pageA.locator('[data-testid=avatar]').count(), 'one other person').toBe(1);

    // The name is remembered on this device: no dialog on the next visit.
    await page.reload();
    await waitConnected(page);
    await waitCanvasReady(page);
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid=name-dialog]').count()).toBe(0);
    await pageA.waitForSelector(avatarOf('Cleo'), { timeout: SYNC_DEADLINE_MS });
    expectNoPageErrors(pageA, page);
  });
});
