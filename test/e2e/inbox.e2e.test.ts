/**
 * The inbox in Chromium against the real server with accounts (W165, W166): Ada @mentions Bea
 * through a real y-websocket client; Bea's bell, open on her boards page, counts it live;
 * clicking the item opens the board at the thread and the count drops.
 */
import { describe, expect, it } from 'vitest';
import { createThread } from '../../shared/model/comments.js';
import { freePort } from '../helpers/backends.js';
import { synced } from '../helpers/clients.js';
import { connectAs, inviteAndSignUp, setUpAdmin } from '../helpers/people.js';
import { wsUrlOf } from '../helpers/server.js';
import { expectNoPageErrors, newPage, saveScreenshot, waitConnected } from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

describe('inbox', { timeout: 120_000 }, () => {
  it('W165, W166: the bell shows a mention live; the item opens the thread and the count drops', async () => {
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

    const context = await suite.person('Bea Manager');
    const [name, value] = bea.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await newPage(context);
    await page.goto(`${server.url}/`);
    const bell = page.getByTestId('inbox-bell');
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 })
      .toBe('Inbox, no unread items');

    const comments = connectAs(ada, wsUrlOf(server.url), `${boardId}/comments`);
    suite.closeAfterTest({ close: async () => comments.provider.destroy() });
    await synced(comments);
    const threadId = createThread(comments.doc, {
      anchor: { kind: 'point', x: 200, y: 200 },
      author: { id: me.id, name: me.name },
      body: '@Bea Manager can you check the claims step?',
      mentions: [beaId],
    });
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 })
      .toBe('Inbox, 1 unread');
    await expect.poll(() => page.getByTestId('inbox-count').textContent()).toBe('1');

    await bell.click();
    const item = page.getByTestId('inbox-item').first();
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('Ada Admin mentioned you');
    expect(await item.textContent()).toContain('Claims journey');
    await saveScreenshot(page, 'inbox-panel');
    // Keyboard: the arrow keys reach the item, Enter opens it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/b/${boardId}?thread=${threadId}`, { timeout: 10_000 });
    await waitConnected(page);
    const thread = page.locator('[data-testid=comment-thread]', {
      hasText: 'can you check the claims step?',
    });
    await thread.waitFor({ timeout: 10_000 });
    const boardBell = page.getByTestId('inbox-bell');
    await expect
      .poll(() => boardBell.getAttribute('aria-label'), { timeout: 10_000 })
      .toBe('Inbox, no unread items');
    expect((await bea.get('/api/inbox/unread')).body).toEqual({ unread: 0 });
    await saveScreenshot(page, 'inbox-thread-opened');

    // A phone: the panel is a full-screen sheet, and Esc gives the focus back to the bell.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/`);
    await page.getByTestId('inbox-bell').click();
    const sheet = page.getByTestId('inbox-panel');
    await page.getByTestId('inbox-item').first().waitFor({ timeout: 10_000 });
    expect(await sheet.boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    await saveScreenshot(page, 'inbox-phone');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'inbox-bell',
    );
    expectNoPageErrors(page);
  });
});
