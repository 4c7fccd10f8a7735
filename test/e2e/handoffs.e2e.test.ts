/**
 * Handoffs and the expectation gap in a real browser against the real server (W281–W285): an
 * editor gives two touchpoints a channel and an owning team in the card panel (the second
 * suggested from the first), the insights panel lists the handoff and focuses its cards, the
 * canvas draws its arrow, and an expectation set by keyboard shows as a gap and as a band.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addLane, addStage, exportBoard, initBoard } from '../../shared/model/index.js';
import { boardTokens, type CreatedBoard } from '../helpers/server.js';
import {
  cardScreenPoint,
  expectNoPageErrors,
  openBoard,
  reachable,
  saveScreenshot,
  settle,
  templateBoard,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

/** Two stages, two touchpoints without channel or team, and an emotion per stage. */
async function journeyBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Billing dispute', mapType: 'current-state' });
  const [onboarding, support] = ['Onboarding', 'Support'].map((name) =>
    addStage(doc, { name }),
  ) as [string, string];
  const touchpoints = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const emotions = addLane(doc, { name: 'Emotions', kind: 'emotions' });
  const chat = addCard(doc, { stageId: onboarding, laneId: touchpoints, text: 'Live chat' });
  const phone = addCard(doc, { stageId: support, laneId: touchpoints, text: 'Phone callback' });
  addCard(doc, { stageId: onboarding, laneId: emotions, text: 'Hopeful', emotion: 1 });
  addCard(doc, { stageId: support, laneId: emotions, text: 'Starts over', emotion: -1 });
  const res = await fetch(`${suite.url}/api/boards/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(exportBoard(doc)),
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as CreatedBoard;
  boardTokens.set(created.id, created.tokens);
  return { boardId: created.id, chat, phone };
}

function selectionOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const state = window.journeyboard!.session.provider.awareness.getLocalState() as {
      selection?: string[];
    } | null;
    return state?.selection ?? [];
  });
}

/** How many nodes of a Konva name the canvas holds. */
function konvaCount(page: Page, name: string): Promise<number> {
  return page.evaluate((selector) => {
    type Node = { find(selector: string): unknown[] };
    const konva = (window as unknown as { Konva: { stages: Node[] } }).Konva;
    return konva.stages[0]?.find(selector).length ?? 0;
  }, `.${name}`);
}

async function openCard(page: Page, cardId: string): Promise<void> {
  const spot = await reachable(page, () => cardScreenPoint(page, cardId));
  await page.mouse.click(spot.x, spot.y);
  await page.waitForSelector(`[data-testid=side-panel][data-panel-kind=card]`);
  await expect.poll(() => selectionOf(page)).toEqual([cardId]);
}

/** Types a team into the card panel and commits it with Enter. */
async function setTeam(page: Page, team: string): Promise<void> {
  const field = page.getByTestId('panel-team');
  await field.fill(team);
  await field.press('Enter');
}

describe('handoffs in the browser', { timeout: 90_000 }, () => {
  it('lists a handoff set in the card panel, focuses it, and draws its arrow and the expectation band', async () => {
    const { boardId, chat, phone } = await journeyBoard();
    const page = await openBoard(await suite.person(), suite.url, boardId, 'editor');
    expect(await konvaCount(page, 'handoff-arrow')).toBe(0);

    await openCard(page, chat);
    await page.selectOption('[data-testid=panel-channel]', 'chat');
    await setTeam(page, 'Tier 1');
    await openCard(page, phone);
    await page.selectOption('[data-testid=panel-channel]', 'phone');
    // Teams already on the board are suggested.
    const suggestions = await page
      .getByTestId('panel-team')
      .evaluate((input) =>
        [...((input as HTMLInputElement).list?.options ?? [])].map((o) => o.value),
      );
    expect(suggestions).toEqual(['Tier 1']);
    await setTeam(page, 'Billing');
    // "Expected" by keyboard: focus the +2 face and press Space.
    await page.getByTestId('panel-expected-2').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('panel-expectation').fill('Solved without repeating myself');
    await page.getByTestId('panel-expectation').press('Control+Enter');
    await expect
      .poll(() => page.evaluate((id) => window.journeyboard!.layout().cards.get(id)?.card, phone))
      .toMatchObject({
        channel: 'phone',
        team: 'Billing',
        expected: 2,
        expectation: 'Solved without repeating myself',
      });

    await page.click('[data-testid=insights-toggle]');
    const panel = page.locator('[data-testid=insights-panel]');
    const handoff = panel.getByTestId('insights-handoff');
    await expect.poll(() => handoff.count()).toBe(1);
    expect(await handoff.innerText()).toContain(
      'Chat → Phone at Onboarding → Support, owned by Tier 1 → Billing: emotion −2',
    );
    const gap = panel.getByTestId('insights-expectation-gap');
    expect(await gap.innerText()).toMatch(/Support: Falls short by 3/);
    expect(await gap.innerText()).toContain('Solved without repeating myself');

    // Each item focuses its card on the canvas.
    await handoff.click();
    await expect.poll(() => selectionOf(page)).toEqual([phone]);
    await panel.getByTestId('insights-handoff-from').click();
    await expect.poll(() => selectionOf(page)).toEqual([chat]);
    // Keyboard: Shift+Tab from the "before" button reaches the item, Enter focuses its card.
    await panel.getByTestId('insights-handoff-from').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => selectionOf(page)).toEqual([phone]);

    await settle(page);
    expect(await konvaCount(page, 'handoff-arrow')).toBe(1);
    expect(await konvaCount(page, 'expectation-band')).toBe(1);
    await saveScreenshot(page, 'handoffs-canvas');

    await page.setViewportSize({ width: 390, height: 844 });
    await handoff.scrollIntoViewIfNeeded();
    expect(await handoff.isVisible()).toBe(true);
    await saveScreenshot(page, 'handoffs-insights-390');
    expectNoPageErrors(page);
  });

  it('a new Current state map shows its handoffs, expectation gaps, arrows and band', async () => {
    const boardId = await templateBoard(suite.url, 'Handoffs template');
    const page = await openBoard(await suite.person(), suite.url, boardId, 'viewer');
    // Seven touchpoints, each changing channel or team from the one before.
    expect(await konvaCount(page, 'handoff-arrow')).toBe(6);
    expect(await konvaCount(page, 'expectation-band')).toBe(1);
    await saveScreenshot(page, 'handoffs-template');
    await page.click('[data-testid=insights-toggle]');
    const panel = page.locator('[data-testid=insights-panel]');
    const first = panel.getByTestId('insights-handoff').first();
    expect(await first.innerText()).toContain(
      'In-app → Chat at Everyday use → Support, owned by Product → Tier 1 support: emotion −3',
    );
    const gaps = panel.getByTestId('insights-expectation-gap');
    expect(await gaps.first().innerText()).toMatch(/^Onboarding: Falls short by 3/);
    expectNoPageErrors(page);
  });
});
