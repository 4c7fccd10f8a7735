/**
 * Insights and survey import in a real browser against the real server: the insights panel of
 * the Current state template (hotspots, ranked pain points, focusing them on the canvas), stale
 * evidence with its remembered age and clock badges on the canvas, and the survey CSV dialog
 * (a bad line named and import refused, a corrected file previewed and imported, metric deltas
 * reported and the card's metrics changed on the board).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BoardJson } from '../../shared/model/json.js';
import type { Metrics } from '../../shared/model/schema.js';
import { authFor } from '../helpers/server.js';
import {
  expectNoPageErrors,
  openBoard,
  saveScreenshot,
  settle,
  templateBoard,
  until,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

const HEADER =
  'Touchpoint,Journey stage,Q1 satisfaction,Effort,Resolved first contact,Response date,Verbatim';
function thisQuarter(badCsat?: number): string {
  const recent = daysAgo(5);
  return [
    HEADER,
    `Kickoff call,Onboarding,4,5,yes,${recent},"The kickoff call made the category mapping clear."`,
    `Kickoff call,Onboarding,${badCsat ?? 5},6,yes,${recent},`,
    `Kickoff call,Onboarding,4,4,no,${daysAgo(12)},`,
    `Kickoff call,Onboarding,2,3,no,${daysAgo(12)},"Still unsure about the VAT codes"`,
    `Chatbot,Support,2,2,no,${recent},"The bot could not see my account."`,
    `Chatbot,Support,1,2,no,${recent},`,
    `Fax machine,Support,3,,,${recent},`,
  ].join('\n');
}

async function boardJson(boardId: string): Promise<BoardJson> {
  const res = await fetch(`${suite.url}/api/boards/${boardId}`, { headers: authFor(boardId) });
  expect(res.status).toBe(200);
  return (await res.json()) as BoardJson;
}

/** Last quarter's survey, imported through the API: Kickoff call at 50 % CSAT, 120 days ago. */
async function importLastQuarter(boardId: string): Promise<void> {
  const date = daysAgo(120);
  const csv = [
    'touchpoint,stage,csat,date',
    ...[3, 3, 4, 5].map((csat) => `Kickoff call,Onboarding,${csat},${date}`),
  ].join('\n');
  const res = await fetch(`${suite.url}/api/boards/${boardId}/survey/import`, {
    method: 'POST',
    headers: { ...authFor(boardId), 'content-type': 'application/json' },
    body: JSON.stringify({
      csv,
      mapping: { touchpoint: 'touchpoint', stage: 'stage', csat: 'csat', date: 'date' },
      source: 'Onboarding survey Q2',
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** An old support survey (400 days ago) on the Chatbot card: dates evidence, sets no metric. */
async function importOldSupportSurvey(boardId: string): Promise<void> {
  const date = daysAgo(400);
  const csv = ['touchpoint,stage,date', `Chatbot,Support,${date}`, `Chatbot,Support,${date}`];
  const res = await fetch(`${suite.url}/api/boards/${boardId}/survey/import`, {
    method: 'POST',
    headers: { ...authFor(boardId), 'content-type': 'application/json' },
    body: JSON.stringify({
      csv: csv.join('\n'),
      mapping: { touchpoint: 'touchpoint', stage: 'stage', date: 'date' },
      source: 'Support survey last year',
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** What this page has selected, as it tells the others (awareness). */
function selectionOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const state = window.journeyboard!.session.provider.awareness.getLocalState() as {
      selection?: string[];
    } | null;
    return state?.selection ?? [];
  });
}

/** A card's metrics as the page's board snapshot reads them. */
function metricsOnPage(page: Page, cardId: string): Promise<Metrics | null> {
  return page.evaluate(
    (id) => window.journeyboard!.layout().cards.get(id)?.card.metrics ?? null,
    cardId,
  );
}

/** Whether the canvas draws the card with the stale clock badge (null: card not drawn). */
function hasStaleBadge(page: Page, cardId: string): Promise<boolean | null> {
  return page.evaluate((id) => {
    type Node = { find(selector: string): unknown[] };
    const konva = (window as unknown as { Konva: { stages: { findOne(s: string): Node }[] } })
      .Konva;
    const node = konva.stages[0]?.findOne(`#card-${id}`);
    return node ? node.find('.stale-badge').length > 0 : null;
  }, cardId);
}

describe('insights and survey import in the browser', { timeout: 90_000 }, () => {
  it('ranks hotspots and pain points, marks stale cards, and imports a survey CSV', async () => {
    const boardId = await templateBoard(suite.url);
    await importLastQuarter(boardId);
    await importOldSupportSurvey(boardId);
    const json = await boardJson(boardId);
    const stage = (name: string) => json.stages.find((s) => s.name === name)!.id;
    const lane = (kind: string) => json.lanes.find((l) => l.kind === kind)!.id;
    const card = (laneKind: string, start: string) =>
      json.cards.find((c) => c.laneId === lane(laneKind) && c.text.startsWith(start))!;
    const kickoff = card('touchpoints', 'Welcome email series');
    const mapping = card('painPoints', 'Mapping categories');
    const chatbot = json.cards.find(
      (c) =>
        c.laneId === lane('touchpoints') &&
        /chatbot/i.test(c.text) &&
        c.stageId === stage('Support'),
    )!;
    expect(kickoff.metrics?.csat).toBe(50);
    // Four survey responses are no contacts: the card gets no volume from them.
    expect(kickoff.metrics?.volume).toBeUndefined();

    const page = await openBoard(await suite.person(), suite.url, boardId, 'editor');
    await page.click('[data-testid=insights-toggle]');
    const panel = page.locator('[data-testid=insights-panel]');
    await panel.waitFor();

    // Hotspots with their reasons; the top pain point is onboarding’s category mapping (its
    // stage's contact volume is the template's 1,850, not 1,854 with the 4 survey responses).
    const hotspots = panel.locator('[data-testid=insights-hotspot]');
    await expect.poll(() => hotspots.count()).toBe(3);
    const onboarding = hotspots.filter({ hasText: 'Onboarding' });
    expect(await onboarding.innerText()).toMatch(/39% of all contact volume/);
    const painPoints = panel.locator('[data-testid=insights-pain-point]');
    expect(await painPoints.first().getAttribute('data-id')).toBe(mapping.id);
    expect(await painPoints.first().innerText()).toMatch(/1,850 contacts in its stage/);

    // Clicking an item selects it on the canvas.
    await onboarding.click();
    await expect.poll(() => selectionOf(page)).toEqual([stage('Onboarding')]);
    await painPoints.first().click();
    await expect.poll(() => selectionOf(page)).toEqual([mapping.id]);

    // Stale evidence: last year's survey is stale at the default 6 months, the 120-day-old survey
    // summary only once the age is 3 months; the template's own sample evidence never (it is
    // dated from the day the board was made); the choice is remembered for this board.
    const staleIds = () =>
      panel
        .locator('[data-testid=insights-stale-card]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(await page.inputValue('[data-testid=insights-stale-age]')).toBe('180');
    expect(await staleIds()).toEqual([chatbot.id]);
    await settle(page);
    expect(await hasStaleBadge(page, chatbot.id)).toBe(true);
    expect(await hasStaleBadge(page, kickoff.id)).toBe(false);
    expect(await hasStaleBadge(page, mapping.id)).toBe(false);
    await page.selectOption('[data-testid=insights-stale-age]', '90');
    await expect.poll(staleIds).toEqual([chatbot.id, kickoff.id]);
    await expect.poll(() => hasStaleBadge(page, kickoff.id)).toBe(true);
    await saveScreenshot(page, 'insights-panel');

    // The survey dialog: a file with one bad line is refused, naming line and column.
    await page.click('[data-testid=insights-import-survey]');
    const dialog = page.locator('[data-testid=survey-dialog]');
    await dialog.waitFor();
    // Keyboard first: the file picker has focus when the dialog opens.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'survey-file',
    );
    await saveScreenshot(page, 'survey-dialog-file');
    await page.setInputFiles('[data-testid=survey-file]', {
      name: 'onboarding-survey-q4.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(thisQuarter(7)),
    });
    await page.locator('[data-testid=survey-map-csat]').waitFor();
    expect(await page.inputValue('[data-testid=survey-map-touchpoint]')).toBe('Touchpoint');
    expect(await page.inputValue('[data-testid=survey-map-csat]')).toBe('Q1 satisfaction');
    expect(await page.inputValue('[data-testid=survey-source]')).toBe('onboarding-survey-q4');
    await saveScreenshot(page, 'survey-dialog-mapping');
    await page.click('[data-testid=survey-preview-button]');
    const errors = dialog.locator('[data-testid=survey-errors]');
    await errors.waitFor();
    expect(await errors.innerText()).toContain(
      'Line 3, column "Q1 satisfaction": 7 is not between 1 and 5',
    );
    expect(await page.isDisabled('[data-testid=survey-import-button]')).toBe(true);
    await saveScreenshot(page, 'survey-dialog-errors');

    // The corrected file keeps the mapping, previews the matches and imports.
    await page.setInputFiles('[data-testid=survey-replace-file]', {
      name: 'onboarding-survey-q4.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(thisQuarter()),
    });
    await errors.waitFor({ state: 'detached' });
    const matches = dialog.locator('[data-testid=survey-matches]');
    await matches.waitFor();
    const kickoffRow = matches.locator(`tr[data-card-id="${kickoff.id}"]`);
    expect(await kickoffRow.locator('[data-metric=csat]').innerText()).toMatch(
      /50% → 75%\s*\+25 pts/,
    );
    expect(await dialog.locator('[data-testid=survey-unmatched]').innerText()).toContain(
      'Fax machine',
    );
    expect(await page.isEnabled('[data-testid=survey-import-button]')).toBe(true);
    await page.click('[data-testid=survey-import-button]');
    const report = dialog.locator('[data-testid=survey-report]');
    await report.waitFor();
    expect(await report.innerText()).toMatch(
      /Imported 6 of 7 rows from “onboarding-survey-q4”: 2 cards updated/,
    );
    const reported = report.locator(`tr[data-card-id="${kickoff.id}"] [data-metric=csat]`);
    expect(await reported.innerText()).toMatch(/50% → 75%\s*\+25 pts/);
    expect(await reported.locator('.survey-delta-better').count()).toBe(1);
    await saveScreenshot(page, 'survey-dialog-report');

    // The card's metrics changed on this page's board, and its evidence is fresh again.
    await expect
      .poll(() => metricsOnPage(page, kickoff.id))
      .toEqual({ csat: 75, ces: 4.5, fcr: 50 });
    await report.locator(`tr[data-card-id="${kickoff.id}"] [data-testid=survey-show-card]`).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => selectionOf(page)).toEqual([kickoff.id]);
    await expect.poll(staleIds).not.toContain(kickoff.id);
    await settle(page);
    await expect.poll(() => hasStaleBadge(page, kickoff.id)).toBe(false);

    // The stale age is remembered for this board.
    await page.reload();
    await page.click('[data-testid=insights-toggle]');
    expect(await page.inputValue('[data-testid=insights-stale-age]')).toBe('90');
    expectNoPageErrors(page);
  });

  it('explains a file too large for the server, and Esc closes the dialog', async () => {
    const small = await suite.extraServer({ JSON_BODY_LIMIT_BYTES: '2048' });
    const boardId = await templateBoard(small.url, 'Small server');
    const page = await openBoard(await suite.person(), small.url, boardId, 'editor');
    await page.click('[data-testid=insights-toggle]');
    await page.click('[data-testid=insights-import-survey]');
    // Pasted text works like a file (it is small enough for this server).
    await page.click('text=Or paste CSV text');
    await page.fill('textarea[aria-label="CSV text"]', 'touchpoint,csat\nKickoff call,4\n');
    await page.click('text=Use pasted text');
    await page.locator('[data-testid=survey-map-touchpoint]').waitFor();
    expect(await page.inputValue('[data-testid=survey-source]')).toMatch(
      /^Pasted survey \d{4}-\d{2}-\d{2}$/,
    );
    await page.click('text=Back');
    const rows = Array.from({ length: 200 }, (_, i) => `Kickoff call,Onboarding,4,row ${i}`);
    await page.setInputFiles('[data-testid=survey-file]', {
      name: 'all-responses.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['touchpoint,stage,csat,comment', ...rows].join('\n')),
    });
    const failure = page.locator('[data-testid=survey-failure]');
    await failure.waitFor();
    expect(await failure.innerText()).toMatch(/too large to send.*Split it into smaller files/);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=survey-dialog]').waitFor({ state: 'detached' });
    expectNoPageErrors(page);
  });

  it('shows a viewer every insight but no import button', async () => {
    const boardId = await templateBoard(suite.url, 'Viewer insights');
    const page = await openBoard(await suite.person(), suite.url, boardId, 'viewer');
    await page.click('[data-testid=insights-toggle]');
    const panel = page.locator('[data-testid=insights-panel]');
    await panel.waitFor();
    await until(async () => (await panel.locator('[data-testid=insights-hotspot]').count()) === 3);
    expect(await panel.locator('[data-testid=insights-pain-point]').count()).toBeGreaterThan(0);
    expect(await panel.locator('[data-testid=insights-import-survey]').count()).toBe(0);
    expect(await panel.innerText()).toContain('Editors can import survey data');
    expectNoPageErrors(page);
  });
});
