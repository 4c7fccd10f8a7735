/**
 * Shared insights in Chromium against the real server with accounts (W301, W303–W306, S131):
 * a pain point of the "Research" map shared into "Support desk" from its panel through the map
 * picker, the copy marked on the other map's canvas and in its table view, an edit of the origin
 * reaching the open copy live, and the copy's text closed to typing there.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  boardState,
  cardScreenPoint,
  expectNoPageErrors,
  newPage,
  reachable,
  saveScreenshot,
  settle,
  waitCanvasReady,
  zoomTo,
} from './browser.js';
import { accountsServer, newMapInBrowser, setUpAdminInBrowser } from './accountPages.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** Clicks a card on the canvas (panning it into view first). */
async function clickCard(page: Page, cardId: string, count = 1): Promise<void> {
  const p = await reachable(page, () => cardScreenPoint(page, cardId));
  await page.mouse.click(p.x, p.y, { clickCount: count });
}

/** The texts of a card's shared mark on the canvas (W301), or null while it has none. */
function canvasMark(page: Page, cardId: string): Promise<string[] | null> {
  return page.evaluate((id) => {
    interface Node {
      find(selector: string): { text(): string }[];
    }
    const konva = (window as unknown as { Konva: { stages: { findOne(s: string): Node }[] } })
      .Konva;
    const mark = konva.stages[0]?.findOne(`#shared-mark-${id}`);
    return mark ? mark.find('Text').map((t) => t.text()) : null;
  }, cardId);
}

/** Waits until the side panel's body fits the window's width (no sideways scrolling). */
async function panelFits(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const panel = document.querySelector('[data-testid=side-panel]');
    const notice = document.querySelector('[data-testid=shared-copy-notice]');
    if (!panel || !notice) return false;
    const box = notice.getBoundingClientRect();
    return panel.scrollWidth <= panel.clientWidth + 1 && box.right <= window.innerWidth + 0.5;
  });
}

describe('shared insights', { timeout: 180_000 }, () => {
  it('W303–W305: shares a pain point into another map; the copy follows live and is read-only there', async () => {
    const server = await accountsServer(suite);
    const ada = await suite.person('Ada');
    const research = await newPage(ada);
    await setUpAdminInBrowser(research, server.url);
    await newMapInBrowser(research, 'Support desk');
    await research.goto(`${server.url}/`);
    const origin = await newMapInBrowser(research, 'Research');
    await waitCanvasReady(research);

    const state = await boardState(research);
    const laneOf = (kind: string) => state.lanes.find((l) => l.kind === kind)!.id;
    const pain = state.cards.find((c) => c.laneId === laneOf('painPoints'))!;
    const touchpoint = state.cards.find((c) => c.laneId === laneOf('touchpoints'))!;

    // Only pain points and opportunities offer sharing (W303).
    await clickCard(research, touchpoint.id);
    await research.getByTestId('panel-card-text').waitFor();
    expect(await research.getByTestId('panel-share-card').count()).toBe(0);

    // The pain point's panel shares it into a map picked from the workspace's maps.
    await clickCard(research, pain.id);
    await research.getByTestId('panel-share-card').click();
    const picker = research.getByTestId('link-picker');
    await picker.getByText('Share to another map').first().waitFor();
    const choices = research.getByTestId('link-picker-choice');
    await choices.first().waitFor({ timeout: 10_000 });
    expect(await choices.allInnerTexts()).toEqual(['Support desk']);
    await choices.first().click();
    const done = research.getByTestId('share-done');
    await done.filter({ hasText: 'Shared to Support desk' }).waitFor({ timeout: 10_000 });
    const href = (await research.getByTestId('share-open-copy').getAttribute('href'))!;
    const [, target, copyId] = /^\/b\/([\w-]+)\?card=([\w-]+)$/.exec(href)!;
    // The origin's panel lists the map (W306) and its tile carries the origin's mark (W301).
    await research.getByTestId('shared-in').filter({ hasText: 'Support desk' }).waitFor();
    await research.waitForFunction(
      (id) =>
        !!(
          window as unknown as { Konva: { stages: { findOne(s: string): unknown }[] } }
        ).Konva.stages[0]?.findOne(`#shared-mark-${id}`),
      pain.id,
    );
    await saveScreenshot(research, 'shared-origin-panel');

    // The copy opens at its card in the other map: marked, and saying where it comes from.
    const support = await newPage(ada);
    await support.goto(`${server.url}${href}`);
    await waitCanvasReady(support);
    const notice = support.getByTestId('shared-copy-notice');
    await notice.filter({ hasText: 'Shared from Research — edit it there' }).waitFor({
      timeout: 10_000,
    });

    // Sharing the copy back into its origin's map (pasted, as the list leaves that map out) is
    // refused, and the server's reason is shown.
    await support.getByTestId('panel-share-card').click();
    await support.getByTestId('link-picker-search').fill(`${server.url}/b/${origin}`);
    await support.getByRole('button', { name: `Share to another map ${origin}` }).click();
    await support
      .getByTestId('share-error')
      .filter({ hasText: 'the card already stands on that map' })
      .waitFor({ timeout: 10_000 });
    expect(await support.getByTestId('shared-origin-link').getAttribute('href')).toBe(
      `/b/${origin}?card=${pain.id}`,
    );
    expect(await support.getByTestId('panel-card-text').isDisabled()).toBe(true);
    await support.waitForFunction(
      (id) => (window.journeyboard?.layout().cards.get(id)?.card.text ?? '') !== '',
      copyId!,
    );
    expect(await canvasMark(support, copyId!)).toEqual(['⇄ Shared']);
    await saveScreenshot(support, 'shared-copy-panel');

    // An edit of the origin reaches the open copy live (W304).
    await research.getByTestId('panel-card-text').fill('Expense forms ask twice for the IBAN');
    await research.getByTestId('panel-card-text').press('Control+Enter');
    await support.waitForFunction(
      (id) =>
        window.journeyboard?.layout().cards.get(id)?.card.text ===
        'Expense forms ask twice for the IBAN',
      copyId!,
      { timeout: 10_000 },
    );
    await support.waitForFunction(
      () =>
        (document.querySelector('[data-testid=panel-card-text]') as HTMLTextAreaElement | null)
          ?.value === 'Expense forms ask twice for the IBAN',
    );

    // The copy's text does not open for typing on the canvas, by double-click or Enter (W305).
    await clickCard(support, copyId!, 2);
    await support.locator('.toast').filter({ hasText: 'edit it there' }).first().waitFor();
    await support.keyboard.press('Enter');
    await settle(support);
    expect(await support.locator('[data-testid=text-editor]').count()).toBe(0);

    // The panel's layout holds from a phone to a wide screen.
    for (const width of [390, 768, 1024, 1440]) {
      await support.setViewportSize({ width, height: 900 });
      if (!(await notice.isVisible())) {
        await clickCard(support, copyId!);
        if (!(await notice.isVisible()))
          await support.getByRole('button', { name: 'Details panel' }).first().click();
      }
      await notice.waitFor();
      await panelFits(support);
      await saveScreenshot(support, `shared-copy-at-${width}`);
    }

    // The table view marks the copy in words too, and F2 does not open it for typing.
    await support.goto(`${server.url}/b/${target}?view=table`);
    const row = support.locator(`[data-card-id="${copyId}"]`);
    await row.getByTestId('table-shared-mark').waitFor({ timeout: 10_000 });
    await support.waitForFunction(
      (id) =>
        document
          .querySelector(`[data-card-id="${id}"]`)
          ?.getAttribute('aria-label')
          ?.includes('shared copy from Research, read-only') ?? false,
      copyId!,
    );
    await row.focus();
    await support.keyboard.press('F2');
    await settle(support);
    expect(await row.locator('textarea').count()).toBe(0);
    await saveScreenshot(support, 'shared-copy-table');

    // Detach makes it the map's own card: the notice goes and the text can be changed; the
    // editor's undo brings the link back.
    await support.goto(`${server.url}${href}`);
    await notice.waitFor({ timeout: 10_000 });
    await support.getByTestId('panel-detach').click();
    await notice.waitFor({ state: 'detached' });
    expect(await support.getByTestId('panel-card-text').isDisabled()).toBe(false);
    await support.keyboard.press('Control+z');
    await notice.waitFor({ timeout: 5_000 });

    // Far out, the copy is still marked (a violet corner on its tile).
    await support.getByTestId('panel-close').click();
    await support.keyboard.press('Escape');
    await zoomTo(support, 25);
    await saveScreenshot(support, 'shared-copy-zoomed-out');

    // The origin's success notice opens the other map at the copy.
    await research.getByTestId('share-open-copy').click();
    await research.waitForURL(`${server.url}${href}`, { timeout: 10_000 });
    await research.getByTestId('shared-copy-notice').waitFor({ timeout: 10_000 });
    expectNoPageErrors(research, support);
  });
});
