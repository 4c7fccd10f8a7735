/**
 * Workshops in real browsers: a timer two people see alike although one clock is 2 minutes
 * off, its controls (pause, +1 minute, stop) reaching the other, its end announced, a viewer
 * without controls; "Bring everyone here" moving two others' views once; quiet mode hiding
 * cursors.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoPageErrors, openBoard, settle, templateBoard, until } from './browser.js';
import { drawnCursors, waitForCursor } from './cursors.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();
const SKEW_MS = 2 * 60_000;
const DEADLINE = { timeout: 5_000 };

/** Every Date in the page runs `ms` ahead of the real clock (the machine's clock is off). */
async function shiftClock(context: BrowserContext, ms: number): Promise<void> {
  await context.addInitScript((offset: number) => {
    const Real = Date;
    class Shifted extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(Real.now() + offset);
        else super(...(args as [number]));
      }
      static override now() {
        return Real.now() + offset;
      }
    }
    globalThis.Date = Shifted as DateConstructor;
  }, ms);
}

const leftMs = (page: Page) =>
  page
    .locator('[data-testid=timer-left]')
    .getAttribute('data-left-ms')
    .then((v) => Number(v));

async function openPanel(page: Page): Promise<void> {
  if (await page.locator('[data-testid=workshop-panel]').isVisible()) return;
  await page.click('[data-testid=workshop-button]');
  await page.waitForSelector('[data-testid=workshop-panel]', DEADLINE);
}

/** The centre of what a page shows, in board coordinates, and its zoom. */
function viewCentre(page: Page) {
  return page.evaluate(() => {
    const v = window.journeyboard!.viewport();
    const r = document.querySelector('[data-testid=board-canvas]')!.getBoundingClientRect();
    return { x: v.x + r.width / 2 / v.zoom, y: v.y + r.height / 2 / v.zoom, zoom: v.zoom };
  });
}
type View = Awaited<ReturnType<typeof viewCentre>>;
const sameView = (a: View, b: View) =>
  Math.abs(a.x - b.x) <= 1.5 && Math.abs(a.y - b.y) <= 1.5 && Math.abs(a.zoom - b.zoom) <= 0.001;

describe('workshop timer', () => {
  it('W193: two clocks 2 minutes apart show the same time left; pause, +1 min and stop reach the other; the end is announced; a viewer has no controls', async () => {
    const boardId = await templateBoard(suite.url);
    const ada = await openBoard(await suite.person('Ada'), suite.url, boardId);
    const benContext = await suite.person('Ben');
    await shiftClock(benContext, SKEW_MS);
    const ben = await openBoard(benContext, suite.url, boardId);
    // Ben is on a phone: the top bar folds, the time left stays in it.
    await ben.setViewportSize({ width: 390, height: 844 });
    const skew = (await ben.evaluate(() => Date.now())) - Date.now();
    expect(Math.abs(skew - SKEW_MS)).toBeLessThan(5_000);

    await openPanel(ada);
    await ada.click('[data-testid=timer-preset-5]');
    await ben.waitForSelector('[data-testid=timer-left]', DEADLINE);
    const gap = await until(
      async () => {
        const [a, b] = await Promise.all([leftMs(ada), leftMs(ben)]);
        return Math.abs(a - b) < 1_000 && { a, b };
      },
      { what: 'the same time left on both pages', timeout: 5_000 },
    );
    expect(gap.a).toBeGreaterThan(290_000);
    expect(gap.a).toBeLessThanOrEqual(300_000);
    await expect(ben.locator('[data-testid=timer-left]').isVisible()).resolves.toBe(true);
    expect(await ben.textContent('[data-testid=timer-left]')).toMatch(/^[45]:\d\d$/);

    // Ben (clock off) pauses: both show the same frozen time.
    await openPanel(ben);
    await ben.click('[data-testid=timer-pause]');
    await ada.waitForSelector('[data-testid=timer-left][data-state=paused]', DEADLINE);
    const paused = await leftMs(ada);
    await until(async () => (await leftMs(ben)) === paused, { what: 'Ben paused alike' });
    // Ada adds a minute: exactly a minute more on Ben's page.
    await ada.click('[data-testid=timer-add-minute]');
    await until(async () => (await leftMs(ben)) === paused + 60_000, { what: '+1 min at Ben' });
    await ada.click('[data-testid=timer-resume]');
    await ben.waitForSelector('[data-testid=timer-left][data-state=running]', DEADLINE);
    await ada.click('[data-testid=timer-stop]');
    await ben.waitForSelector('[data-testid=timer-left]', { state: 'detached', ...DEADLINE });

    // A viewer sees the time but no timer or gather controls.
    const cy = await openBoard(await suite.person('Cy'), suite.url, boardId, 'viewer');
    await ada.fill('[data-testid=timer-custom-minutes]', '0.05');
    await ada.click('[data-testid=timer-custom-start]');
    await cy.waitForSelector('[data-testid=timer-left]', DEADLINE);
    await openPanel(cy);
    for (const control of [
      'timer-preset-2',
      'timer-custom-start',
      'timer-pause',
      'summon-everyone',
      'quiet-everyone',
    ])
      expect(await cy.locator(`[data-testid=${control}]`).count(), control).toBe(0);
    expect(await cy.locator('[data-testid=hide-cursors-mine]').count()).toBe(1);
    // Three seconds later it is up, for everyone, whatever their clock.
    for (const page of [ada, ben, cy])
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid=timer-announcement]')?.textContent === 'Time is up',
        undefined,
        { timeout: 8_000 },
      );
    expect(await ben.textContent('[data-testid=timer-left]')).toBe('0:00');

    // The time left stays in the bar at every width.
    for (const width of [390, 768, 1024, 1440]) {
      await ada.setViewportSize({ width, height: 800 });
      await settle(ada);
      const box = await ada.locator('[data-testid=timer-left]').boundingBox();
      expect(box, `time left at ${width} px`).not.toBeNull();
      expect(box!.x + box!.width, `inside the window at ${width} px`).toBeLessThanOrEqual(width);
    }
    expectNoPageErrors(ada, ben, cy);
  }, 120_000);
});

describe('gather everyone', () => {
  it('W194, W195: Bring everyone here moves both others once, with a way back; quiet mode hides cursors', async () => {
    const boardId = await templateBoard(suite.url);
    const ada = await openBoard(await suite.person('Ada'), suite.url, boardId);
    const ben = await openBoard(await suite.person('Ben'), suite.url, boardId);
    const cy = await openBoard(await suite.person('Cy'), suite.url, boardId, 'commenter');
    for (const page of [ada, ben, cy])
      await page.waitForFunction(
        () => window.journeyboard!.session.provider.awareness.getStates().size >= 3,
        undefined,
        DEADLINE,
      );
    const benBefore = await viewCentre(ben);
    // Ada pans far off and zooms in.
    const box = (await ada.locator('[data-testid=board-canvas]').boundingBox())!;
    await ada.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await ada.mouse.wheel(900, 400);
    await ada.keyboard.press('+');
    await settle(ada);
    const target = await viewCentre(ada);
    expect(sameView(target, benBefore)).toBe(false);

    await openPanel(ada);
    await ada.click('[data-testid=summon-everyone]');
    for (const page of [ben, cy]) {
      const seen = await until(
        async () => {
          const v = await viewCentre(page);
          return sameView(v, target) && v;
        },
        { what: 'the summoned view', ...DEADLINE },
      );
      expect(seen.zoom).toBeCloseTo(target.zoom, 3);
      await page.waitForSelector('[data-testid=summon-notice]', DEADLINE);
      expect(await page.textContent('[data-testid=summon-notice]')).toContain(
        'Ada brought everyone here',
      );
    }
    // Once: Ben pans away and stays away; Go back returns Cy to where she was.
    await ben.mouse.move(box.x + 300, box.y + 300);
    await ben.mouse.wheel(-500, 0);
    await settle(ben);
    const benMoved = await viewCentre(ben);
    expect(sameView(benMoved, target)).toBe(false);
    await settle(ben);
    expect(sameView(await viewCentre(ben), benMoved)).toBe(true);
    const cyBefore = benBefore; // both opened the same board at the same size: the same first fit
    await cy.click('[data-testid=summon-go-back]');
    await until(async () => sameView(await viewCentre(cy), cyBefore), { what: 'Cy back' });

    // Quiet mode: Ben's cursor shows on Cy's page, then not while quiet, then again.
    await ben.mouse.move(box.x + 400, box.y + 300, { steps: 3 });
    await waitForCursor(cy, 'Ben', DEADLINE);
    await ada.click('[data-testid=workshop-button]'); // the panel closed after the summon
    await ada.waitForSelector('[data-testid=workshop-panel]', DEADLINE);
    await ada.click('[data-testid=quiet-everyone]');
    for (const page of [ben, cy]) await page.waitForSelector('[data-testid=quiet-badge]', DEADLINE);
    await waitForCursor(cy, 'Ben', { gone: true, ...DEADLINE });
    await ben.mouse.move(box.x + 500, box.y + 350, { steps: 3 });
    await ada.waitForFunction(() => {
      const states = [...window.journeyboard!.session.provider.awareness.getStates().values()];
      return states.some((s) => (s as { cursor?: { x: number } }).cursor?.x !== undefined);
    });
    expect(await drawnCursors(cy)).toEqual([]);
    expect(await drawnCursors(ada)).toEqual([]);
    await ada.click('[data-testid=quiet-everyone]');
    await waitForCursor(cy, 'Ben', DEADLINE);
    // Each person may still hide them for themselves.
    await openPanel(cy);
    await cy.click('[data-testid=hide-cursors-mine]');
    await waitForCursor(cy, 'Ben', { gone: true, ...DEADLINE });
    expect(await ben.locator('[data-testid=quiet-badge]').count()).toBe(0);
    expectNoPageErrors(ada, ben, cy);
  }, 120_000);
});
