/**
 * 300 people on one board (issue 17) in a real browser: a Node process plays the crowd over
 * real WebSockets to the real server (test/helpers/crowd.ts), and Chromium shows it. Checks
 * that only the cursors in view are on the cursor layer, that name labels fade when many are,
 * that the avatar stack collapses into "+N" whose list works from the keyboard and on a phone,
 * and that cursor moves render nothing in React.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { labelOpacity } from '../../client/src/board/presence/cursorView.js';
import { boardTokens, wsUrlOf } from '../helpers/server.js';
import { Crowd, type CrowdPerson } from '../helpers/crowd.js';
import { expectNoPageErrors, openBoard, saveScreenshot, templateBoard } from './browser.js';
import { REACT_COMMITS_SCRIPT, drawnCursors, reactCommits } from './cursors.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();
const PEOPLE = 300;
const IN_VIEW = 20;
const DEADLINE = { timeout: 20_000 };

/** Waits until the cursor layer holds exactly these people at these page points (±1 px). */
async function waitDrawn(page: Page, expected: { user: string; x: number; y: number }[]) {
  await page.waitForFunction(
    (expected) => {
      type Node = { getAttr(k: string): unknown; x(): number; y(): number };
      type Layer = {
        name(): string;
        getChildren(): Node[];
        getStage(): { container(): HTMLElement };
      };
      const stages = (window as unknown as { Konva?: { stages: { getLayers(): Layer[] }[] } }).Konva
        ?.stages;
      const layer = stages
        ?.flatMap((s) => s.getLayers())
        .find((l) => l.name() === 'remote-cursors');
      if (!layer) return false;
      const box = layer.getStage().container().getBoundingClientRect();
      const drawn = layer.getChildren();
      return (
        drawn.length === expected.length &&
        expected.every((e) =>
          drawn.some(
            (n) =>
              n.getAttr('user') === e.user &&
              Math.abs(box.x + n.x() - e.x) <= 1 &&
              Math.abs(box.y + n.y() - e.y) <= 1,
          ),
        )
      );
    },
    expected,
    DEADLINE,
  );
}

describe('a crowd of 300 on one board', { timeout: 120_000 }, () => {
  it('W235, W236, W237, W238: culls cursors, fades names, collapses avatars; moves render no React', async () => {
    const boardId = await templateBoard(suite.url);
    const context = await suite.person('Ada');
    await context.addInitScript({ content: REACT_COMMITS_SCRIPT });
    const page = await openBoard(context, suite.url, boardId);
    const canvas = (await page.locator('[data-testid=board-canvas]').boundingBox())!;
    const view = await page.evaluate(() => window.journeyboard!.viewport());
    const toPage = (p: { x: number; y: number }) => ({
      x: canvas.x + (p.x - view.x) * view.zoom,
      y: canvas.y + (p.y - view.y) * view.zoom,
    });
    // The first IN_VIEW people on a grid well inside the view; the rest far off to the left.
    const home = (i: number) =>
      i < IN_VIEW
        ? {
            x: view.x + (canvas.width * (0.15 + 0.7 * ((i % 5) / 4))) / view.zoom,
            y: view.y + (canvas.height * (0.2 + 0.6 * (Math.floor(i / 5) / 3))) / view.zoom,
          }
        : { x: view.x - (20 * canvas.width) / view.zoom - i * 50, y: view.y + i * 10 };
    const crowd = await Crowd.join({
      url: `${wsUrlOf(suite.url)}/${boardId}?token=${boardTokens.get(boardId)!.editor}`,
      count: PEOPLE,
      place: (i) => ({ x: Math.round(home(i).x), y: Math.round(home(i).y) }),
    });
    suite.closeAfterTest(crowd);
    const expectedDrawn = (people: CrowdPerson[]) =>
      people.filter((p) => p.index < IN_VIEW).map((p) => ({ user: p.name, ...toPage(p.cursor!) }));

    // W238: four avatars, then "+296" (300 others).
    await page.waitForFunction(
      () => document.querySelector('[data-testid=avatar-more]')?.textContent === '+296',
      undefined,
      DEADLINE,
    );
    expect(await page.locator('[data-testid=avatar]').count()).toBe(4);

    // W235: only the 20 in view are on the layer, where they point. W237: 20 fade the names.
    await waitDrawn(page, expectedDrawn(crowd.people));
    const drawn = (await drawnCursors(page))!;
    expect(drawn).toHaveLength(IN_VIEW);
    for (const c of drawn) expect(c.label).toBeCloseTo(labelOpacity(IN_VIEW), 5);
    await saveScreenshot(page, 'crowd-cursors');
    expect(labelOpacity(IN_VIEW)).toBeLessThan(1);

    // W236: everyone moving at 30 Hz for 2 s renders nothing in React.
    const before = await reactCommits(page);
    crowd.start(30, (p, tick) => {
      const base = home(p.index);
      p.cursor = {
        x: Math.round(base.x + 30 * Math.cos(tick / 4)),
        y: Math.round(base.y + 30 * Math.sin(tick / 4)),
      };
    });
    await crowd.ticks(60);
    crowd.stop();
    await waitDrawn(page, expectedDrawn(crowd.people));
    const commits = (await reactCommits(page)) - before;
    expect(before, 'the commit counter counts').toBeGreaterThan(0);
    expect(commits, `React commits during 60 ticks of 300 cursors`).toBeLessThanOrEqual(2);

    // Most leave the view: the five left keep full names (W237), the others leave the layer.
    for (const p of crowd.people) if (p.index >= 5 && p.index < IN_VIEW) p.cursor = home(PEOPLE);
    crowd.send();
    await page.waitForFunction(
      () => {
        type Layer = { name(): string; getChildren(): unknown[] };
        const stages = (window as unknown as { Konva?: { stages: { getLayers(): Layer[] }[] } })
          .Konva?.stages;
        const layer = stages
          ?.flatMap((s) => s.getLayers())
          .find((l) => l.name() === 'remote-cursors');
        return layer?.getChildren().length === 5;
      },
      undefined,
      DEADLINE,
    );
    for (const c of (await drawnCursors(page))!) expect(c.label).toBe(1);

    // The "+N" list, by keyboard: everyone in it, scrollable; Enter on a name follows them.
    const more = page.locator('[data-testid=avatar-more]');
    await more.focus();
    await page.keyboard.press('Enter');
    const list = page.locator('[data-testid=people-list]');
    await list.waitFor(DEADLINE);
    expect(await list.locator('[data-testid=people-list-item]').count()).toBe(PEOPLE);
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-user'))).toBe(
      'Crowd 002',
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=follow-banner]', DEADLINE);
    expect(await page.textContent('[data-testid=follow-banner]')).toContain('Crowd 002');
    expect(await list.count()).toBe(0);
    await page.keyboard.press('Escape'); // stops following

    // On a phone the list fits the screen; Esc closes it and gives the focus back.
    await page.setViewportSize({ width: 390, height: 760 });
    await more.click();
    await list.waitFor(DEADLINE);
    const box = (await list.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(760);
    await saveScreenshot(page, 'crowd-people-list-390');
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached', ...DEADLINE });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'avatar-more',
    );
    expect(crowd.open, 'the server kept every crowd socket').toBe(true);
    expectNoPageErrors(page);
  });
});
