/**
 * The board editor in a real browser (Debian Chromium through playwright-core) against the real
 * server and the client built by ./setup.ts: creating a board, editing on the canvas with the
 * mouse and keyboard, undo/redo, two users live, and offline editing through a reload.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentState } from '../../shared/model/templates/current-state.js';
import { ROOT, adminAuth } from '../helpers/server.js';
import {
  CONNECTED,
  addCardInCell,
  boardState,
  cardScreenPoint,
  dragCardToCell,
  newPage,
  offlineCopyFlushed,
  openBoard,
  panTo,
  reachable,
  saveScreenshot,
  settle,
  typeAndCommit,
  until,
  waitCanvasReady,
  waitConnected,
  waitServiceWorker,
  zoomTo,
  type BoardState,
  type CardState,
  expectNoPageErrors,
  templateBoard,
} from './browser.js';
import { createLink, goOffline, goOnline } from './network.js';
import { browserSuite } from './suite.js';

/** How long a change may take to reach another open browser. */
const SYNC_DEADLINE_MS = 2_000;

const suite = browserSuite();

function stageId(state: BoardState, name: string): string {
  const stage = state.stages.find((s) => s.name === name);
  if (!stage)
    throw new Error(`no stage '${name}' in ${state.stages.map((s) => s.name).join(', ')}`);
  return stage.id;
}

function laneId(state: BoardState, name: string): string {
  const lane = state.lanes.find((l) => l.name === name);
  if (!lane) throw new Error(`no lane '${name}' in ${state.lanes.map((l) => l.name).join(', ')}`);
  return lane.id;
}

function cardIn(state: BoardState, id: string): CardState | undefined {
  return state.cards.find((c) => c.id === id);
}

/** Polls another page until `check` holds, and fails if that took longer than the deadline. */
async function seenWithin<T>(
  page: Page,
  check: (state: BoardState) => T | undefined | false,
  what: string,
  deadline = SYNC_DEADLINE_MS,
): Promise<T> {
  const started = Date.now();
  const value = await until(async () => check(await boardState(page)), {
    timeout: deadline,
    interval: 25,
    what,
  });
  expect(Date.now() - started, what).toBeLessThanOrEqual(deadline);
  return value;
}

/** Presses a shortcut until the card is in the expected cell (at most `max` presses). */
async function pressUntilIn(
  page: Page,
  key: string,
  cardId: string,
  cell: { stageId: string; laneId: string },
  max = 3,
): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(key);
    const card = await until(
      async () => {
        await settle(page);
        return cardIn(await boardState(page), cardId) ?? false;
      },
      { timeout: 2_000, what: `card ${cardId} after ${key}` },
    ).catch(() => undefined);
    if (card && card.stageId === cell.stageId && card.laneId === cell.laneId) return presses;
  }
  const now = cardIn(await boardState(page), cardId);
  throw new Error(
    `card not back in ${JSON.stringify(cell)} after ${max} × ${key}; it is ${JSON.stringify(now)}`,
  );
}

describe('board editor in the browser', { timeout: 60_000 }, () => {
  it('creates a board from the Current state template through the dialog', async () => {
    const page = await newPage(await suite.person());
    await page.goto(`${suite.url}/`);
    await page.click('[data-testid=new-board]');
    await page.click('[data-testid=template-current-state]');
    await page.fill('[data-testid=board-title-input]', 'Expense onboarding, Q3 research');
    await page.fill('[data-testid=persona-name-input]', 'Priya Raman');
    await saveScreenshot(page, 'new-board-dialog');
    await page.click('[data-testid=create-board-submit]');

    // The new board opens with its owner link, the token in the fragment only.
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{8,64}#token=[\w-]+\.[\w-]+\.[\w-]+$/, {
      timeout: 10_000,
    });
    const url = new URL(page.url());
    const boardId = url.pathname.split('/')[2]!;
    const ownerToken = new URLSearchParams(url.hash.slice(1)).get('token')!;
    await waitConnected(page);
    await waitCanvasReady(page);

    const state = await boardState(page);
    expect(state.stages.map((s) => s.name)).toEqual(currentState.stages);
    expect(state.lanes.map((l) => l.name)).toEqual(currentState.lanes.map((l) => l.name));
    expect(state.cards.length).toBeGreaterThan(20);
    await expect
      .poll(() => page.textContent('[data-testid=board-title]'))
      .toBe('Expense onboarding, Q3 research');
    expect(await page.textContent('.board-topbar')).toContain('Priya Raman');
    expect(await page.title()).toContain('Expense onboarding, Q3 research');

    const summary = await fetch(`${suite.url}/api/boards/${boardId}/summary`, {
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    expect(summary.status).toBe(200);
    expect(await summary.json()).toMatchObject({
      id: boardId,
      title: 'Expense onboarding, Q3 research',
      role: 'owner',
    });
    expectNoPageErrors(page);
  });

  it('adds a stage and a card through the canvas', async () => {
    const boardId = await templateBoard(suite.url);
    const page = await openBoard(await suite.person(), suite.url, boardId);
    const before = await boardState(page);

    await page.click('[data-testid=add-stage]');
    await typeAndCommit(page, 'Win-back');
    const withStage = await until(
      async () => {
        const s = await boardState(page);
        return s.stages.length === before.stages.length + 1 && s;
      },
      { what: 'the new stage' },
    );
    expect(withStage.stages.map((s) => s.name)).toEqual([...currentState.stages, 'Win-back']);

    const stage = stageId(before, 'Purchase');
    const lane = laneId(before, 'Pain points');
    const card = await addCardInCell(page, stage, lane, 'Checkout fails on mobile');
    expect(card).toMatchObject({ text: 'Checkout fails on mobile', stageId: stage, laneId: lane });
    const after = await boardState(page);
    expect(after.cards).toHaveLength(before.cards.length + 1);

    // Written to the server, not only drawn.
    await until(
      async () => {
        const json = (await (
          await fetch(`${suite.url}/api/boards/${boardId}`, { headers: adminAuth })
        ).json()) as {
          stages: { name: string }[];
          cards: { id: string; text: string }[];
        };
        return (
          json.stages.some((s) => s.name === 'Win-back') &&
          json.cards.some((c) => c.id === card.id && c.text === 'Checkout fails on mobile')
        );
      },
      { what: 'the server to have the new stage and card' },
    );
    await settle(page);
    await saveScreenshot(page, 'after-edits-light');
    expectNoPageErrors(page);
  });

  it('moves a card to another cell by dragging it', async () => {
    const boardId = await templateBoard(suite.url);
    const page = await openBoard(await suite.person(), suite.url, boardId);
    const state = await boardState(page);
    const from = { stageId: stageId(state, 'Purchase'), laneId: laneId(state, 'Pain points') };
    const to = { stageId: stageId(state, 'Onboarding'), laneId: laneId(state, 'Opportunities') };
    const card = await addCardInCell(page, from.stageId, from.laneId, 'Checkout fails on mobile');

    await dragCardToCell(page, card.id, to.stageId, to.laneId);
    const moved = await until(
      async () => {
        const c = cardIn(await boardState(page), card.id);
        return c && c.stageId !== from.stageId && c;
      },
      { what: 'the card to leave its cell' },
    );
    expect(moved).toEqual({ ...card, ...to });
    expect((await boardState(page)).cards).toHaveLength(state.cards.length + 1);
    expectNoPageErrors(page);
  });

  it("undoes and redoes a move, and undo never touches another user's card", async () => {
    const boardId = await templateBoard(suite.url);
    const pageA = await openBoard(await suite.person(), suite.url, boardId);
    const pageB = await openBoard(await suite.person(), suite.url, boardId);
    const state = await boardState(pageA);
    const from = { stageId: stageId(state, 'Purchase'), laneId: laneId(state, 'Pain points') };
    const to = { stageId: stageId(state, 'Onboarding'), laneId: laneId(state, 'Opportunities') };

    const mine = await addCardInCell(pageA, from.stageId, from.laneId, 'Checkout fails on mobile');
    // A pause, as a person makes: edits closer than the undo capture window (500 ms) merge.
    await pageA.waitForTimeout(700);
    await dragCardToCell(pageA, mine.id, to.stageId, to.laneId);
    await until(async () => cardIn(await boardState(pageA), mine.id)?.stageId === to.stageId, {
      what: 'the drag to land',
    });

    // B adds a card of their own meanwhile; A sees it.
    const theirs = await addCardInCell(
      pageB,
      stageId(state, 'Support'),
      laneId(state, 'Customer goals'),
      'Added by B',
    );
    await seenWithin(pageA, (s) => cardIn(s, theirs.id)?.text === 'Added by B', "B's card in A");
    await pageA.waitForTimeout(600);

    const undos = await pressUntilIn(pageA, 'Control+z', mine.id, from);
    expect(undos, 'one Ctrl+Z undoes the move').toBe(1);
    expect(cardIn(await boardState(pageA), mine.id)).toEqual(mine);
    expect(cardIn(await boardState(pageA), theirs.id)).toEqual(theirs);

    const redos = await pressUntilIn(pageA, 'Control+Shift+z', mine.id, to);
    expect(redos, 'one Ctrl+Shift+Z redoes the move').toBe(1);
    expect(cardIn(await boardState(pageA), mine.id)).toEqual({ ...mine, ...to });
    await seenWithin(pageB, (s) => cardIn(s, mine.id)?.stageId === to.stageId, 'the redo in B');

    // Undo everything A did: A's card goes, B's card stays, in both browsers.
    for (let i = 0; i < 20 && (await pageA.isEnabled('[data-testid=undo]')); i++) {
      await pageA.keyboard.press('Control+z');
      await settle(pageA);
    }
    expect(await pageA.isEnabled('[data-testid=undo]')).toBe(false);
    const finalA = await boardState(pageA);
    expect(cardIn(finalA, mine.id)).toBeUndefined();
    expect(cardIn(finalA, theirs.id)).toEqual(theirs);
    expect(finalA.cards).toHaveLength(state.cards.length + 1);
    await seenWithin(pageB, (s) => !cardIn(s, mine.id), "A's undone card gone in B");
    expect(cardIn(await boardState(pageB), theirs.id)).toEqual(theirs);
    expectNoPageErrors(pageA, pageB);
  });

  it('shows every change made in one browser in another within 2 s', async () => {
    const boardId = await templateBoard(suite.url);
    const pageA = await openBoard(await suite.person(), suite.url, boardId);
    const pageB = await openBoard(await suite.person(), suite.url, boardId);
    const state = await boardState(pageA);
    const from = { stageId: stageId(state, 'Consideration'), laneId: laneId(state, 'Touchpoints') };
    const to = { stageId: stageId(state, 'Everyday use'), laneId: laneId(state, 'Pain points') };

    const card = await addCardInCell(pageA, from.stageId, from.laneId, 'Pricing page confuses');
    await seenWithin(
      pageB,
      (s) => cardIn(s, card.id)?.text === 'Pricing page confuses',
      'the new card in B',
    );
    expect(cardIn(await boardState(pageB), card.id)).toEqual(card);

    // Edit an existing card's text: double-click it, type over the selected text.
    const existing = state.cards.find(
      (c) => c.stageId === stageId(state, 'Awareness') && c.laneId === laneId(state, 'Touchpoints'),
    )!;
    const spot = await reachable(pageA, () => cardScreenPoint(pageA, existing.id));
    await pageA.mouse.dblclick(spot.x, spot.y);
    await typeAndCommit(pageA, 'Found us through a podcast');
    expect(cardIn(await boardState(pageA), existing.id)?.text).toBe('Found us through a podcast');
    await seenWithin(
      pageB,
      (s) => cardIn(s, existing.id)?.text === 'Found us through a podcast',
      'the edited text in B',
    );

    await dragCardToCell(pageA, card.id, to.stageId, to.laneId);
    await until(async () => cardIn(await boardState(pageA), card.id)?.stageId === to.stageId, {
      what: 'the drag to land in A',
    });
    await seenWithin(
      pageB,
      (s) => {
        const c = cardIn(s, card.id);
        return c?.stageId === to.stageId && c.laneId === to.laneId;
      },
      'the move in B',
    );

    await pageA.click('[data-testid=add-stage]');
    await typeAndCommit(pageA, 'Advocacy');
    await seenWithin(pageB, (s) => s.stages.at(-1)?.name === 'Advocacy', 'the new stage in B');
    expectNoPageErrors(pageA, pageB);
  });

  it('keeps offline edits through a reload and syncs them when the connection returns', async () => {
    const boardId = await templateBoard(suite.url);
    const link = await createLink(suite.url);
    suite.closeAfterTest(link);
    const contextA = await suite.person();
    const pageA = await openBoard(contextA, link.url, boardId);
    const pageB = await openBoard(await suite.person(), suite.url, boardId);

    await waitServiceWorker(pageA);
    await waitConnected(pageA);
    await waitCanvasReady(pageA);
    const state = await boardState(pageA);
    const cell = { stageId: stageId(state, 'Renewal'), laneId: laneId(state, 'Pain points') };

    await goOffline(contextA, link);
    await pageA.waitForSelector(`[data-testid=connection-status]:not([data-state=connected])`, {
      timeout: 5_000,
    });
    expect(await pageA.getAttribute('[data-testid=connection-status]', 'data-state')).toBe(
      'offline',
    );

    const offlineCard = await addCardInCell(pageA, cell.stageId, cell.laneId, 'Added offline');
    await pageA.waitForSelector('[data-testid=unsynced-count]', { timeout: 5_000 });
    expect(await pageA.textContent('[data-testid=unsynced-count]')).toMatch(/^[1-9]\d* unsynced$/);
    // B keeps working online meanwhile: nothing of either side may be lost.
    const onlineCard = await addCardInCell(
      pageB,
      stageId(state, 'Awareness'),
      laneId(state, 'Opportunities'),
      'Added online meanwhile',
    );
    await pageA.waitForTimeout(300);
    expect(cardIn(await boardState(pageB), offlineCard.id), 'offline edit leaked').toBeUndefined();

    // Reload without a network: the service worker serves the app, IndexedDB the board.
    await offlineCopyFlushed(pageA, boardId);
    await pageA.reload();
    await waitCanvasReady(pageA);
    await until(async () => cardIn(await boardState(pageA), offlineCard.id), {
      what: 'the offline card after the offline reload',
    });
    const reloaded = await boardState(pageA);
    expect(cardIn(reloaded, offlineCard.id)).toEqual(offlineCard);
    expect(reloaded.cards).toHaveLength(state.cards.length + 1);
    // The badge starts as 'connecting' and turns 'offline' at the first failed reconnect.
    await pageA.waitForSelector('[data-testid=connection-status][data-state=offline]', {
      timeout: 3_000,
    });
    await saveScreenshot(pageA, 'offline-after-reload');

    await goOnline(contextA, link);
    await pageA.waitForSelector(CONNECTED, { timeout: 15_000 });
    await seenWithin(
      pageB,
      (s) => cardIn(s, offlineCard.id)?.text === 'Added offline',
      'the offline card in B after reconnecting',
      5_000,
    );
    await seenWithin(pageA, (s) => cardIn(s, onlineCard.id), "B's card in A after reconnecting");
    const finalA = await boardState(pageA);
    const finalB = await boardState(pageB);
    expect(finalA.cards).toHaveLength(state.cards.length + 2);
    expect(finalB.cards).toHaveLength(state.cards.length + 2);
    expect(new Set(finalA.cards.map((c) => c.id))).toEqual(new Set(finalB.cards.map((c) => c.id)));
    expect(cardIn(finalB, offlineCard.id)).toEqual(offlineCard);
    expect(cardIn(finalA, onlineCard.id)).toEqual(onlineCard);
    expect(await pageA.$('[data-testid=unsynced-count]')).toBeNull();
    expectNoPageErrors(pageA, pageB);
  });

  it('counts edits as unsynced as soon as the browser reports being offline', async () => {
    // Offline emulation alone: navigator.onLine turns false, new connections fail, but the open
    // WebSocket is neither closed nor delivering (like a half-open socket after a network loss,
    // which the client only notices after its 30 s message timeout). Edits made now have not
    // reached the server and must be shown as waiting.
    const boardId = await templateBoard(suite.url);
    const contextA = await suite.person();
    const pageA = await openBoard(contextA, suite.url, boardId);
    const pageB = await openBoard(await suite.person(), suite.url, boardId);
    const state = await boardState(pageA);

    await contextA.setOffline(true);
    await pageA.waitForSelector('[data-testid=connection-status][data-state=offline]', {
      timeout: 5_000,
    });
    const card = await addCardInCell(
      pageA,
      stageId(state, 'Support'),
      laneId(state, 'Opportunities'),
      'Typed while the browser is offline',
    );
    const counted = await pageA
      .waitForSelector('[data-testid=unsynced-count]', { timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    // Soft, so the reconnect below is still checked when this fails.
    expect
      .soft(
        counted,
        'the badge says Offline, but an edit made while offline is not counted as unsynced',
      )
      .toBe(true);

    await contextA.setOffline(false);
    await pageA.waitForSelector(CONNECTED, { timeout: 15_000 });
    await seenWithin(pageB, (s) => cardIn(s, card.id), 'the card in B once back online', 5_000);
    expect(await pageA.$('[data-testid=unsynced-count]')).toBeNull();
    expectNoPageErrors(pageA, pageB);
  });

  it('renders the template board in light and dark themes (screenshots)', async () => {
    const boardId = await templateBoard(suite.url, 'Expense onboarding, current state');
    const page = await openBoard(await suite.person(), suite.url, boardId);
    const state = await boardState(page);
    const painPoint = state.cards.find((c) => c.text.startsWith('Security review takes'))!;

    /** The whole map at fit zoom, then a close-up with a card's details in the side panel. */
    const shoot = async (theme: string) => {
      await page.evaluate(() => document.fonts.ready);
      await settle(page);
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme);
      const overview = await saveScreenshot(page, `template-${theme}`);
      const spot = await reachable(page, () => cardScreenPoint(page, painPoint.id));
      await page.mouse.click(spot.x, spot.y);
      await page.waitForSelector('[data-testid=side-panel] >> text=Pain points card');
      await zoomTo(page, 75);
      // Scrolled so the sticky stage header sits exactly over the first lane.
      const secondLaneTop = await page.evaluate(() => window.journeyboard!.layout().rows[1]!.y);
      await panTo(page, -90, secondLaneTop - 56);
      const detail = await saveScreenshot(page, `template-${theme}-detail`);
      return { overview, detail };
    };

    const light = await shoot('light');
    // `UPDATE_SCREENSHOT=1 npx vitest run test/e2e` refreshes the README's picture on purpose;
    // ordinary runs leave the tracked file alone.
    if (process.env.UPDATE_SCREENSHOT === '1') {
      mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
      copyFileSync(light.detail, path.join(ROOT, 'docs', 'screenshot.png'));
    }

    await page.evaluate(() => localStorage.setItem('journeyboard:theme', 'dark'));
    await page.reload();
    await waitConnected(page);
    await waitCanvasReady(page);
    await shoot('dark');
    expectNoPageErrors(page);
  });
});
