/**
 * A review request from request to approval in Chromium against the real server with
 * accounts (W167–W169): Ada asks Ben to review a map; Ben sees the banner, opens a thread from
 * its checklist, approves; Ada sees "approved" and the saved version in the versions panel.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createThread } from '../../shared/model/comments.js';
import { freePort } from '../helpers/backends.js';
import { disconnectAll, synced } from '../helpers/clients.js';
import { connectAs, inviteAndSignUp, setUpAdmin, type Person } from '../helpers/people.js';
import { wsUrlOf } from '../helpers/server.js';
import { expectNoPageErrors, newPage, saveScreenshot, VIEWPORT, waitConnected } from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** A browser page signed in as `person` (their session cookie), on the board. */
async function pageOf(person: Person, url: string, boardId: string): Promise<Page> {
  const context = await suite.person();
  const [name, value] = person.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url }]);
  const page = await newPage(context);
  await page.goto(`${url}/b/${boardId}`);
  await waitConnected(page);
  return page;
}

describe('review requests', { timeout: 150_000 }, () => {
  it('W167–W169, W171: request, banner with the thread checklist, approve, approved version', async () => {
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
    const boardId = String((await ada.post('/api/boards', { title: 'Claims journey' })).body.id);
    const adaId = String((await ada.get('/api/me')).body.id);
    const benId = String((await ben.get('/api/me')).body.id);
    // An open thread for the checklist, written as Ada (the server vouches for authors).
    const comments = connectAs(ada, wsUrlOf(server.url), `${boardId}/comments`);
    suite.closeAfterTest({ close: async () => disconnectAll([comments]) });
    await synced(comments);
    const threadId = createThread(comments.doc, {
      anchor: { kind: 'point', x: 40, y: 40 },
      author: { id: adaId, name: 'Ada Admin' },
      body: 'Is the claims hotline step still real?',
    });

    // Ada asks Ben, by a due date, with a message.
    const adaPage = await pageOf(ada, server.url, boardId);
    // On a phone: the action is in the bar and the dialog fits.
    await adaPage.setViewportSize({ width: 390, height: 844 });
    await adaPage.getByTestId('request-review-button').click();
    const dialog = adaPage.getByTestId('review-request-dialog');
    await dialog.waitFor();
    await dialog.getByTestId(`review-pick-${benId}`).waitFor();
    expect(await dialog.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const submitBox = (await dialog.getByTestId('review-request-submit').boundingBox())!;
    expect(submitBox.x + submitBox.width).toBeLessThanOrEqual(390);
    await saveScreenshot(adaPage, 'review-request-phone');
    await adaPage.setViewportSize(VIEWPORT);
    await dialog.getByTestId('review-request-submit').click();
    await dialog.getByText('Pick at least one reviewer.').waitFor();
    await dialog.getByTestId(`review-pick-${benId}`).check();
    await dialog.getByTestId('review-due-input').fill('2099-12-11');
    await dialog.getByTestId('review-message-input').fill('Ready for sign-off?');
    await dialog.getByTestId('review-request-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const mine = adaPage.getByTestId('review-requester-banner');
    await mine.waitFor();
    expect(await mine.getByTestId('review-reviewer-status').textContent()).toContain(
      'Not answered yet',
    );

    // Ben, on a phone: the banner, the checklist, the thread it opens.
    const benPage = await pageOf(ben, server.url, boardId);
    // W171: the page told the server Ben's time zone, from the browser.
    const zone = await benPage.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await benPage.waitForFunction(
      async (want) => {
        const res = await fetch('/api/me/time-zone');
        return ((await res.json()) as { timeZone: string | null }).timeZone === want;
      },
      zone,
      { timeout: 10_000, polling: 200 },
    );
    await benPage.setViewportSize({ width: 390, height: 844 });
    const banner = benPage.getByTestId('review-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain('Ada asked you to review this map by Fri 11 Dec');
    expect(await banner.textContent()).toContain('Ready for sign-off?');
    const overflow = await banner.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(benPage, 'review-banner-phone');
    await banner.getByRole('button', { name: /Is the claims hotline step still real/ }).click();
    await benPage
      .locator(`[data-testid=comment-thread][data-thread-id="${threadId}"]`)
      .waitFor({ timeout: 10_000 });
    // Changes without a comment are refused in the page, before the server.
    await banner.getByTestId('review-changes').click();
    await banner.getByTestId('review-changes').click();
    await banner.getByTestId('review-answer-error').waitFor();
    // By keyboard: focus Approve, press Enter.
    await banner.getByTestId('review-approve').focus();
    await benPage.keyboard.press('Enter');
    await benPage.locator('.toast', { hasText: 'Everyone approved' }).waitFor({ timeout: 10_000 });
    await banner.waitFor({ state: 'detached', timeout: 10_000 });

    // Ada: approved, and the version in the versions panel with the review history.
    await adaPage.reload();
    await waitConnected(adaPage);
    await adaPage
      .locator('[data-testid=review-requester-banner][data-state=approved]')
      .waitFor({ timeout: 10_000 });
    await adaPage.getByTestId('versions-toggle').click();
    const label = `Approved — ${new Date().toISOString().slice(0, 10)}`;
    await adaPage.getByTestId('version-label').filter({ hasText: label }).waitFor();
    const item = adaPage.getByTestId('review-history-item').first();
    await item.waitFor();
    expect(await item.getAttribute('data-state')).toBe('approved');
    expect(await item.textContent()).toContain('Ben Builder approved');
    await saveScreenshot(adaPage, 'review-history');
    expectNoPageErrors(adaPage, benPage);
  });
});
