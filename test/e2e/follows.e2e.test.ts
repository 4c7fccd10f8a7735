/**
 * Following in one click, in Chromium against the real server with accounts (W186, W161): Bea
 * unfollows a thread she wrote in, and Ada's reply there reaches nobody; Bea follows the board
 * (from the "More" menu on a phone), and Ada's new thread reaches her inbox. A refused change
 * turns the button back and says why.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createThread, reply } from '../../shared/model/comments.js';
import { freePort } from '../helpers/backends.js';
import { synced } from '../helpers/clients.js';
import { connectAs, inviteAndSignUp, setUpAdmin, type Person } from '../helpers/people.js';
import { wsUrlOf } from '../helpers/server.js';
import { expectNoPageErrors, newPage, saveScreenshot, waitConnected } from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

interface Item {
  kind: string;
  threadId: string | null;
  excerpt: string;
}

/** What the comments told the person (joining the workspace aside). */
const inboxOf = async (p: Person) =>
  ((await p.get('/api/inbox')).body as unknown as { items: Item[] }).items.filter(
    (i) => i.kind !== 'added-to-workspace',
  );

/** Resolves once the page's follow button (or menu entry) shows the settled state. */
async function settled(page: Page, selector: string, attribute: string, value: string) {
  await expect
    .poll(
      async () =>
        (await page.getAttribute(selector, attribute)) === value &&
        (await page.getAttribute(selector, 'aria-busy')) === null,
      { timeout: 10_000 },
    )
    .toBe(true);
}

describe('follow and unfollow', { timeout: 120_000 }, () => {
  it('W186, W161: unfollowing a thread silences its replies; following the board brings new threads', async () => {
    const port = await freePort();
    const server = await suite.extraServer({
      AUTH_MODE: 'accounts',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    const ada = await setUpAdmin(server.url);
    const me = (await ada.get('/api/me')).body as {
      id: string;
      name: string;
      workspaces: { id: string }[];
    };
    const boardId = String((await ada.post('/api/boards', { title: 'Claims journey' })).body.id);
    const bea = await inviteAndSignUp(ada, me.workspaces[0]!.id, {
      name: 'Bea Manager',
      email: 'bea@example.com',
      password: 'rainy tuesday in Austin',
    });
    const beaId = String((await bea.get('/api/me')).body.id);
    await bea.post('/api/inbox/read', { all: true });

    const comments = connectAs(ada, wsUrlOf(server.url), `${boardId}/comments`);
    suite.closeAfterTest({ close: async () => comments.provider.destroy() });
    await synced(comments);
    const author = { id: me.id, name: me.name };
    const threadId = createThread(comments.doc, {
      anchor: { kind: 'point', x: 200, y: 200 },
      author,
      body: 'Is the claims form step really this slow?',
      mentions: [],
    });

    const context = await suite.person('Bea Manager');
    const [name, value] = bea.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await newPage(context);
    await page.goto(`${server.url}/b/${boardId}?thread=${threadId}`);
    await waitConnected(page);
    const thread = page.locator(`article[data-thread-id="${threadId}"]`);
    const threadButton = `article[data-thread-id="${threadId}"] [data-testid=thread-follow]`;
    await thread.waitFor({ timeout: 10_000 });
    // Not a writer, no follow: she does not follow it yet.
    await settled(page, threadButton, 'data-following', 'false');
    expect(await page.textContent(threadButton)).toBe('Follow thread');

    // Bea replies: writing follows the thread.
    await thread.getByTestId('reply-input').fill('Yes: 40% drop out there.');
    await thread.getByTestId('reply-post').click();
    await settled(page, threadButton, 'data-following', 'true');
    expect(await page.textContent(threadButton)).toBe('Unfollow');

    // One click: unfollowed on screen and on the server.
    await page.click(threadButton);
    await settled(page, threadButton, 'data-following', 'false');
    await expect
      .poll(async () => (await bea.get(`/api/inbox/follows?board=${boardId}`)).body.follows)
      .toEqual([expect.objectContaining({ threadId, following: false })]);
    await saveScreenshot(page, 'follow-thread-unfollowed');

    // Ada replies there: Bea hears nothing. Ada's mention afterwards, handled after the reply
    // (one queue per instance), tells when the reply was handled.
    reply(comments.doc, threadId, { author, body: 'Then let us fix it first.', mentions: [] });
    const later = createThread(comments.doc, {
      anchor: { kind: 'point', x: 400, y: 200 },
      author,
      body: '@Bea Manager see the renewal step too',
      mentions: [beaId],
    });
    await expect
      .poll(async () => (await inboxOf(bea)).map((i) => [i.kind, i.threadId]), {
        timeout: 15_000,
      })
      .toEqual([['mention', later]]);

    // A refused change: the button turns back and says why.
    await page.route('**/api/inbox/follows/**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":"try later"}',
      }),
    );
    const boardButton = page.getByTestId('follow-board');
    await settled(page, '[data-testid=follow-board]', 'aria-pressed', 'false');
    await boardButton.click();
    await page.getByText('Could not follow this board: try later').waitFor({ timeout: 10_000 });
    await settled(page, '[data-testid=follow-board]', 'aria-pressed', 'false');
    await page.unroute('**/api/inbox/follows/**');

    // On a phone the top bar's tools fold into "More": follow the board from there.
    // She taps "More" while the page still waits for her follows: the entry joins the open
    // menu when they arrive (it used to stay out until the menu was opened again).
    await page.setViewportSize({ width: 390, height: 844 });
    let answerFollows!: () => void;
    const menuOpen = new Promise<void>((resolve) => (answerFollows = resolve));
    await page.route('**/api/inbox/follows?*', async (route) => {
      await menuOpen;
      await route.continue();
    });
    await page.goto(`${server.url}/b/${boardId}`);
    await waitConnected(page);
    await page.getByTestId('topbar-more').click();
    await page.getByTestId('topbar-more-list').waitFor();
    answerFollows();
    const entry = page.getByTestId('more-follow-board');
    await entry.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('topbar-more-list').isVisible()).toBe(true);
    await page.unroute('**/api/inbox/follows?*');
    expect(await entry.getAttribute('aria-checked')).toBe('false');
    expect(await entry.textContent()).toContain('Follow board');
    await saveScreenshot(page, 'follow-board-phone-menu');
    await entry.click();
    await expect
      .poll(async () => (await bea.get(`/api/inbox/follows?board=${boardId}`)).body.follows)
      .toEqual(
        expect.arrayContaining([expect.objectContaining({ threadId: null, following: true })]),
      );
    await page.getByTestId('topbar-more').click();
    expect(await page.getByTestId('more-follow-board').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('more-follow-board').textContent()).toContain('Following board');
    await page.keyboard.press('Escape');

    // Ada starts a thread without naming Bea: as a follower of the board, Bea hears of it.
    const fresh = createThread(comments.doc, {
      anchor: { kind: 'point', x: 600, y: 200 },
      author,
      body: 'New idea for the onboarding lane',
      mentions: [],
    });
    await expect
      .poll(async () => (await inboxOf(bea)).map((i) => [i.kind, i.threadId]), {
        timeout: 15_000,
      })
      .toEqual([
        ['reply', fresh],
        ['mention', later],
      ]);
    await expect
      .poll(() => page.getByTestId('inbox-bell').getAttribute('aria-label'), { timeout: 15_000 })
      .toBe('Inbox, 2 unread');
    expectNoPageErrors(page);
  });

  it('W183, W184: the versions panel shows when the map was last reviewed; an owner switches its reminder off', async () => {
    const port = await freePort();
    const server = await suite.extraServer({ AUTH_MODE: 'accounts', PORT: String(port) });
    const ada = await setUpAdmin(server.url);
    const workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    const boardId = String((await ada.post('/api/boards', { title: 'Onboarding map' })).body.id);
    const bea = await inviteAndSignUp(ada, workspaceId, {
      name: 'Bea Manager',
      email: 'bea@example.com',
      password: 'rainy tuesday in Austin',
    });

    const open = async (person: Person, viewport: { width: number; height: number }) => {
      const context = await suite.person();
      const [name, value] = person.cookie!.split('=') as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await newPage(context);
      await page.setViewportSize(viewport);
      // Where a map-stale item leads (W184).
      await page.goto(`${server.url}/b/${boardId}?panel=versions`);
      await waitConnected(page);
      await page.getByTestId('review-reminder').waitFor({ timeout: 10_000 });
      return page;
    };

    const owner = await open(ada, { width: 390, height: 844 });
    expect(await owner.getByTestId('review-last-reviewed').textContent()).toMatch(
      /^Never reviewed; made today/,
    );
    expect(await owner.getByTestId('review-reminder-state').textContent()).toMatch(
      /get a reminder in their inbox if it is not reviewed by/,
    );
    const select = owner.getByTestId('review-reminder-days');
    expect(await select.inputValue()).toBe('default');
    await select.selectOption('0');
    await expect
      .poll(() => owner.getByTestId('review-reminder-state').textContent())
      .toBe('No reminder for this map.');
    expect((await ada.get(`/api/boards/${boardId}/review-settings`)).body.reminderDays).toBe(0);
    await saveScreenshot(owner, 'review-reminder-phone');

    // An editor sees it, and cannot change it.
    const editor = await open(bea, { width: 1024, height: 768 });
    expect(await editor.getByTestId('review-reminder-state').textContent()).toBe(
      'No reminder for this map.',
    );
    expect(await editor.getByTestId('review-reminder-days').count()).toBe(0);
    expectNoPageErrors(owner, editor);
  });
});
