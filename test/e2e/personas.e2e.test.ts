/**
 * Several personas on one map in a real browser against the real server (issue 17), with three
 * participants: a second persona added in the board panel, two emotion cards made its own in the
 * card panel, its curve drawn in its colour for all three and listed in the legend, hidden and
 * shown again there (on that page only), the persona filter
 * dimming the other persona's cards, and a sixth persona refused with a message.
 */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { BoardJson } from '../../shared/model/json.js';
import { FIRST_PERSONA_ID, PERSONA_COLORS } from '../../shared/model/schema.js';
import { authFor } from '../helpers/server.js';
import {
  cardScreenPoint,
  expectNoPageErrors,
  openBoard,
  reachable,
  saveScreenshot,
  settle,
  templateBoard,
  until,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

async function boardJson(boardId: string): Promise<BoardJson> {
  const res = await fetch(`${suite.url}/api/boards/${boardId}`, { headers: authFor(boardId) });
  expect(res.status).toBe(200);
  return (await res.json()) as BoardJson;
}

interface CurveNode {
  id: string;
  stroke: string;
  points: number;
}

/** The emotion curves the canvas draws (Konva nodes), by persona id. */
function curvesOnCanvas(page: Page): Promise<CurveNode[]> {
  return page.evaluate(() => {
    type Node = { id(): string; stroke(): string; points(): number[] };
    const konva = (window as unknown as { Konva: { stages: { find(s: string): Node[] }[] } }).Konva;
    return (konva.stages[0]?.find('.emotion-curve') ?? []).map((n) => ({
      id: n.id().replace('emotion-curve-', ''),
      stroke: n.stroke(),
      points: n.points().length / 2,
    }));
  });
}

/** How opaque the canvas draws a card (the persona filter dims others' cards). */
function cardOpacity(page: Page, cardId: string): Promise<number | null> {
  return page.evaluate((id) => {
    type Node = { opacity(): number };
    const konva = (window as unknown as { Konva: { stages: { findOne(s: string): Node }[] } })
      .Konva;
    return konva.stages[0]?.findOne(`#card-${id}`)?.opacity() ?? null;
  }, cardId);
}

describe('several personas on one map in the browser', { timeout: 90_000 }, () => {
  it("W215, W240: a second persona's curve is drawn, toggled off and on, and filters the cards; its photo shows", async () => {
    const boardId = await templateBoard(suite.url);
    const json = await boardJson(boardId);
    const emotionLane = json.lanes.find((l) => l.kind === 'emotions')!.id;
    const emotionCards = json.cards.filter((c) => c.laneId === emotionLane);
    // Two stages' emotion cards become the second persona's; the rest stay persona 1's.
    const [first, second] = json.stages
      .map((s) => emotionCards.find((c) => c.stageId === s.id))
      .filter((c) => c !== undefined);
    const stays = emotionCards.find((c) => c.stageId !== first!.stageId && c !== second)!;
    expect(first && second && stays).toBeTruthy();

    const page = await openBoard(await suite.person('Fay'), suite.url, boardId, 'editor');
    // Two more participants: a viewer on a phone and a commenter on a tablet.
    const ann = await openBoard(await suite.person('Ann'), suite.url, boardId, 'viewer');
    const bo = await openBoard(await suite.person('Bo'), suite.url, boardId, 'commenter');
    await ann.setViewportSize({ width: 390, height: 844 });
    await bo.setViewportSize({ width: 768, height: 1024 });
    // An old board: one persona, one curve, no legend.
    await until(async () => (await curvesOnCanvas(page)).length === 1, { what: 'one curve' });
    expect((await curvesOnCanvas(page))[0]!.id).toBe(FIRST_PERSONA_ID);
    expect(await page.locator('[data-testid=persona-legend]').count()).toBe(0);

    // Add a second persona in the board panel (nothing selected).
    const add = page.locator('[data-testid=panel-persona-add]');
    await add.waitFor();
    await add.click();
    const name = page.locator('[data-testid=panel-persona-name-2]');
    await name.waitFor();
    await name.fill('Sam Ortiz');
    await name.press('Enter');
    const legend = page.locator('[data-testid=persona-legend]');
    await legend.waitFor();
    const toggle2 = legend.locator('[data-testid=persona-curve-toggle-2]');
    await until(async () => (await toggle2.innerText()).includes('Sam Ortiz'), {
      what: 'the new name in the legend',
    });
    const samId = (await toggle2.getAttribute('data-persona'))!;

    // W240: Sam gets a photo, uploaded from the panel; the panel and the legend show it.
    const photo = new PNG({ width: 40, height: 40 });
    photo.data.fill(200);
    await page
      .locator('[data-testid=panel-persona-photo-pick-2] input[type=file]')
      .setInputFiles({ name: 'sam.png', mimeType: 'image/png', buffer: PNG.sync.write(photo) });
    await page.locator('[data-testid=panel-persona-photo-2] img').waitFor();
    await toggle2.locator('img.persona-legend-photo').waitFor();
    const photoId = await until(
      async () => (await boardJson(boardId)).meta.personas?.find((p) => p.id === samId)?.photo,
      { what: "Sam's photo in the doc" },
    );
    expect(await toggle2.locator('img').getAttribute('data-image-id')).toBe(photoId);

    // Make two emotion cards Sam's, in the card panel.
    for (const card of [first!, second!]) {
      const at = await reachable(page, () => cardScreenPoint(page, card.id));
      await page.mouse.click(at.x, at.y);
      const select = page.locator('[data-testid=panel-card-persona]');
      await select.waitFor();
      expect(await select.inputValue()).toBe(FIRST_PERSONA_ID);
      await select.selectOption(samId);
    }
    await until(
      async () => (await curvesOnCanvas(page)).find((c) => c.id === samId && c.points === 2),
      { what: "Sam's curve through two stages" },
    );
    const curves = await curvesOnCanvas(page);
    expect(curves.find((c) => c.id === samId)!.stroke).toBe(PERSONA_COLORS[1]);
    expect(curves.find((c) => c.id === FIRST_PERSONA_ID)!.stroke).toBe(PERSONA_COLORS[0]);
    await saveScreenshot(page, 'personas-two-curves');
    // The other two draw Sam's curve too, in Sam's colour.
    for (const other of [ann, bo])
      await until(
        async () =>
          (await curvesOnCanvas(other)).find(
            (c) => c.id === samId && c.points === 2 && c.stroke === PERSONA_COLORS[1],
          ),
        { what: "Sam's curve on the other participants' canvases" },
      );

    // The server holds it all: the persona and the cards' tags.
    const saved = await boardJson(boardId);
    expect(saved.meta.personas!.map((p) => p.name)).toEqual(['Dana Whitfield', 'Sam Ortiz']);
    expect(saved.cards.filter((c) => c.persona === samId).map((c) => c.id)).toEqual(
      expect.arrayContaining([first!.id, second!.id]),
    );

    // Hide Sam's curve, then show it again: only this page's view changes.
    await toggle2.click();
    expect(await toggle2.getAttribute('aria-pressed')).toBe('false');
    await until(async () => !(await curvesOnCanvas(page)).some((c) => c.id === samId), {
      what: "Sam's curve hidden",
    });
    expect((await curvesOnCanvas(page)).map((c) => c.id)).toEqual([FIRST_PERSONA_ID]);
    for (const other of [ann, bo])
      expect((await curvesOnCanvas(other)).map((c) => c.id).sort()).toEqual(
        [FIRST_PERSONA_ID, samId].sort(),
      );
    await toggle2.click();
    expect(await toggle2.getAttribute('aria-pressed')).toBe('true');
    await until(async () => (await curvesOnCanvas(page)).some((c) => c.id === samId), {
      what: "Sam's curve shown again",
    });

    // "Show: Sam Ortiz" dims persona 1's emotion cards, not Sam's.
    await page.selectOption('[data-testid=persona-filter]', samId);
    await settle(page);
    await until(async () => (await cardOpacity(page, stays.id)) === 0.3, {
      what: "persona 1's card dimmed",
    });
    expect(await cardOpacity(page, first!.id)).toBe(1);
    await page.selectOption('[data-testid=persona-filter]', '');
    await until(async () => (await cardOpacity(page, stays.id)) === 1, { what: 'all shown' });

    // Five personas at most: the button is disabled and says why.
    await page.keyboard.press('Escape');
    for (let n = 3; n <= 5; n++) {
      await add.click();
      await page.locator(`[data-testid=panel-persona-name-${n}]`).waitFor();
    }
    expect(await add.isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=panel-persona-limit]').innerText()).toBe(
      'A board has at most 5 personas: remove one to add another.',
    );
    expect(await legend.locator('button[aria-pressed]').count()).toBe(5);
    expectNoPageErrors(page, ann, bo);
  });
});
