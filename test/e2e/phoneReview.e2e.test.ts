/**
 * A review answered away from the desk: on a phone (390×844) and a tablet (768×1024) with real
 * touch, every control reached by a finger tap that is checked first to be inside the viewport,
 * uncovered at its centre and big enough for a fingertip (`tapInReach`). Ada asks Ben over the
 * REST API; Ben sees the count on the bell, taps it and the item, lands on the board under the
 * review banner, opens the checklist of open threads, answers one in the sheet, approves; Ada
 * finds the review approved and the version "Approved — <date>" saved. One finger still pans
 * and two still pinch on that board.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createThread } from '../../shared/model/comments.js';
import { freePort } from '../helpers/backends.js';
import { disconnectAll, synced } from '../helpers/clients.js';
import { connectAs, inviteAndSignUp, setUpAdmin } from '../helpers/people.js';
import { wsUrlOf } from '../helpers/server.js';
import {
  boardState,
  expectNoPageErrors,
  newContext,
  newPage,
  saveScreenshot,
  settle,
  until,
  waitCanvasReady,
  waitConnected,
} from './browser.js';
import { browserSuite } from './suite.js';
import { canvasBox, expectOneFingerPans, expectPinchZooms, tapInReach } from './touch.js';

const suite = browserSuite();

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };

/**
 * Nothing on the page scrolls sideways, and `part` is in view and uncovered: all of it, or the
 * part of it its scrolling containers show (a thread in a sheet scrolls up and down in it).
 */
async function expectUsable(page: Page, part: Locator, what: string): Promise<void> {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
    'the page does not scroll sideways',
  ).toBeLessThanOrEqual(0);
  const found = await part.evaluate((el) => {
    const box = el.getBoundingClientRect();
    let [top, bottom] = [box.top, box.bottom];
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (!/(auto|scroll)/.test(getComputedStyle(up).overflowY)) continue;
      const clip = up.getBoundingClientRect();
      [top, bottom] = [Math.max(top, clip.top), Math.min(bottom, clip.bottom)];
    }
    const r = {
      left: box.left,
      right: box.right,
      width: box.width,
      top,
      bottom,
      height: bottom - top,
    };
    // Points across the part (inset from its edges): each shows the part, not something over it.
    const covered: string[] = [];
    for (const fx of [0.1, 0.5, 0.9])
      for (const fy of [0.15, 0.5, 0.85]) {
        const hit = document.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy);
        if (!hit || !el.contains(hit)) covered.push(`${fx},${fy}: ${hit?.className ?? 'nothing'}`);
      }
    return {
      overflow: el.scrollWidth - el.clientWidth,
      inside:
        r.height > 40 &&
        r.left >= 0 &&
        r.top >= 0 &&
        r.right <= innerWidth &&
        r.bottom <= innerHeight,
      covered,
    };
  });
  expect(found.overflow, `${what} does not scroll sideways`).toBeLessThanOrEqual(0);
  expect(found.inside, `${what} is inside the viewport`).toBe(true);
  expect(found.covered, `nothing covers ${what}`).toEqual([]);
}

/** Every button and field in `part` is at least 40 px each way (a fingertip). */
async function expectFingerSized(part: Locator, what: string): Promise<void> {
  const small = await part.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('button, textarea, input, select, a[href]')].flatMap(
      (c) => {
        const r = c.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return [];
        return Math.min(r.width, r.height) < 40
          ? [
              `${c.textContent?.trim().slice(0, 30) || c.getAttribute('aria-label')}: ${Math.round(r.width)}×${Math.round(r.height)}`,
            ]
          : [];
      },
    ),
  );
  expect(small, `controls smaller than a fingertip in ${what}`).toEqual([]);
}

/** The lane headers as the canvas draws them: each one's width on screen and its texts. */
function laneHeaders(page: Page): Promise<{ width: number; texts: string[] }[]> {
  return page.evaluate(() => {
    type Node = { getClientRect(): { width: number }; find(s: string): { text(): string }[] };
    const stage = (window as unknown as { Konva: { stages: { find(s: string): Node[] }[] } }).Konva
      .stages[0]!;
    return stage.find('.lane-header').map((g) => ({
      width: g.getClientRect().width,
      texts: g.find('Text').map((t) => t.text()),
    }));
  });
}

/** How far the whole grid, as drawn, sticks out of the canvas on each side (0: it does not). */
function mapOutside(page: Page) {
  return page.evaluate(() => {
    const jb = window.journeyboard!;
    const { width, height } = jb.layout();
    const v = jb.viewport();
    const c = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    const at = (x: number, y: number) => ({
      x: c.left + (x - v.x) * v.zoom,
      y: c.top + (y - v.y) * v.zoom,
    });
    const [a, b] = [at(0, 0), at(width, height)];
    const out = (n: number) => Math.max(0, Math.round(n));
    return {
      left: out(c.left - a.x),
      top: out(c.top - a.y),
      right: out(b.x - c.right),
      bottom: out(b.y - c.bottom),
    };
  });
}

async function reviewByTouch(size: { width: number; height: number }): Promise<void> {
  const port = await freePort();
  const server = await suite.extraServer({
    AUTH_MODE: 'accounts',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const ada = await setUpAdmin(server.url);
  const workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
  const ben = await inviteAndSignUp(ada, workspaceId, {
    name: 'Ben Builder',
    email: 'ben@example.com',
    password: 'seven red kites flying',
  });
  const created = await ada.post('/api/boards', {
    title: 'Claims journey',
    template: 'current-state',
  });
  expect(created.status).toBe(201);
  const boardId = String(created.body.id);
  const adaId = String((await ada.get('/api/me')).body.id);
  const benId = String((await ben.get('/api/me')).body.id);
  // An open thread for the checklist, written as Ada.
  const comments = connectAs(ada, wsUrlOf(server.url), `${boardId}/comments`);
  suite.closeAfterTest({ close: async () => disconnectAll([comments]) });
  await synced(comments);
  const threadId = createThread(comments.doc, {
    anchor: { kind: 'point', x: 620, y: 300 },
    author: { id: adaId, name: 'Ada Admin' },
    body: 'Is the claims hotline step still real?',
  });
  // Ben starts with nothing unread ("added to the workspace" read), then Ada asks him.
  await ben.post('/api/inbox/read', { all: true });
  const asked = await ada.post(`/api/boards/${boardId}/reviews`, {
    reviewerIds: [benId],
    dueDate: '2099-12-11',
    message: 'Ready for sign-off? The claims stage changed a lot.',
  });
  expect(asked.status).toBe(201);
  const reviewId = String(asked.body.id);

  // Ben on his touch device, on his boards page: the bell counts the request.
  const context = await newContext(suite.browser, {
    viewport: size,
    hasTouch: true,
    isMobile: true,
    userName: 'Ben Builder',
  });
  suite.closeAfterTest(context);
  const [name, value] = ben.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await newPage(context);
  await page.goto(`${server.url}/`);
  const bell = page.getByTestId('inbox-bell');
  await expect
    .poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 })
    .toBe('Inbox, 1 unread');
  await tapInReach(bell, 'the inbox bell');
  const inbox = page.getByTestId('inbox-panel');
  const item = page.getByTestId('inbox-item').first();
  await item.waitFor({ timeout: 10_000 });
  expect(await item.textContent()).toContain('Ada Admin asked you to review a map');
  await expectUsable(page, inbox, 'the inbox');
  await expectFingerSized(inbox, 'the inbox');
  await saveScreenshot(page, `review-touch-${size.width}-inbox`);
  await tapInReach(item, 'the inbox item');

  // The board, under the review banner.
  await page.waitForURL(`${server.url}/b/${boardId}`, { timeout: 10_000 });
  await waitConnected(page);
  await waitCanvasReady(page);
  const banner = page.getByTestId('review-banner');
  await banner.waitFor({ timeout: 10_000 });
  expect(await banner.textContent()).toContain('Ada asked you to review this map by Fri 11 Dec');
  await expectUsable(page, banner, 'the review banner');
  await expectFingerSized(banner, 'the review banner');
  // W189: the map was fitted to the canvas before the banner took its room; it still shows whole.
  await settle(page);
  expect(await mapOutside(page)).toEqual({ left: 0, top: 0, right: 0, bottom: 0 });
  // The banner leaves most of the screen to the map.
  expect((await canvasBox(page)).height).toBeGreaterThanOrEqual(size.height * 0.5);
  await saveScreenshot(page, `review-touch-${size.width}-banner`);

  // One finger pans and two pinch on the board under the banner.
  await expectOneFingerPans(page);
  await expectPinchZooms(page);
  await expectOneFingerPans(page);
  // Closer, where a card can be read: W188, the lane headers, folded into a strip on a narrow
  // canvas, still name their lanes.
  await expectPinchZooms(page);
  const lanes = (await boardState(page)).lanes.map((l) => l.name);
  const headers = await laneHeaders(page);
  expect(headers).toHaveLength(lanes.length);
  headers.forEach((h, i) =>
    expect(h.texts.some((t) => t === lanes[i] || t.endsWith(` ${lanes[i]}`))).toBe(true),
  );
  const { width: canvasWidth } = await canvasBox(page);
  const { zoom } = await page.evaluate(() => window.journeyboard!.viewport());
  for (const h of headers)
    if (canvasWidth < 700) expect(h.width).toBeLessThanOrEqual(33);
    else expect(h.width).toBeCloseTo(200 * zoom, 0);
  await saveScreenshot(page, `review-touch-${size.width}-zoomed`);

  // The checklist of open threads, then the thread, answered in the sheet.
  const toggle = banner.getByTestId('review-threads-toggle');
  expect(await toggle.textContent()).toContain('1 open comment thread');
  // Folded on a phone, to leave the map the screen; open where there is room.
  if (size.width < 700) {
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await tapInReach(toggle, 'the open threads checklist');
  } else expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  const list = banner.getByTestId('review-thread-list');
  await list.waitFor();
  await expectUsable(page, banner, 'the review banner with its checklist');
  await expectFingerSized(banner, 'the review banner with its checklist');
  await saveScreenshot(page, `review-touch-${size.width}-checklist`);
  await tapInReach(
    list.getByRole('button', { name: /Is the claims hotline step still real/ }),
    'the thread in the checklist',
  );
  const sheet = page.getByTestId('comments-panel');
  const thread = sheet.locator(`[data-testid=comment-thread][data-thread-id="${threadId}"]`);
  await page.waitForSelector(
    `[data-testid=comment-thread][data-thread-id="${threadId}"][data-expanded=true]`,
    { timeout: 10_000 },
  );
  await tapInReach(thread.getByTestId('reply-input'), 'the reply box');
  await page.keyboard.type('Yes, the hotline is still the first step.', { delay: 5 });
  await saveScreenshot(page, `review-touch-${size.width}-reply`);
  await tapInReach(thread.getByTestId('reply-post'), 'the reply button');
  await until(async () => (await thread.getByTestId('comment-message').count()) === 2, {
    what: 'the reply in the thread',
  });
  await expectUsable(page, thread, 'the thread');
  await expectFingerSized(thread, 'the thread');
  await saveScreenshot(page, `review-touch-${size.width}-thread`);
  // The reply reached the board for everyone (Ada's client sees it).
  await until(
    () => JSON.stringify(comments.doc.toJSON()).includes('the hotline is still the first step'),
    { what: "the reply in Ada's copy" },
  );

  // Approve, from the banner, with the sheet still open.
  await tapInReach(banner.getByTestId('review-approve'), 'Approve');
  await page.locator('.toast', { hasText: 'Everyone approved' }).waitFor({ timeout: 10_000 });
  await banner.waitFor({ state: 'detached', timeout: 10_000 });

  // Ada, over REST: approved, and the version saved under its name.
  const review = (await ada.get(`/api/boards/${boardId}/reviews/${reviewId}`)).body as {
    state: string;
    approvedVersionId: string | null;
    reviewers: { userId: string; status: string }[];
  };
  expect(review.state).toBe('approved');
  expect(review.reviewers).toMatchObject([{ userId: benId, status: 'approved' }]);
  const versions = (await ada.get(`/api/boards/${boardId}/versions`)).body.versions as {
    id: string;
    label: string;
  }[];
  const label = `Approved — ${new Date().toISOString().slice(0, 10)}`;
  expect(versions.find((v) => v.id === review.approvedVersionId)?.label).toBe(label);
  expectNoPageErrors(page);
}

describe('a review by touch', { timeout: 180_000 }, () => {
  it('W187, W188, W189: on a phone: inbox, banner, checklist, thread reply, Approve, by tap', async () => {
    await reviewByTouch(PHONE);
  });

  it('W187, W188, W189: on a tablet: inbox, banner, checklist, thread reply, Approve, by tap', async () => {
    await reviewByTouch(TABLET);
  });
});
