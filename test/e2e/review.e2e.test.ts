/**
 * Issue 8's acceptance, end to end in one run: a CX lead runs a quarterly review. Last
 * quarter's state is a saved version; this quarter a colleague edits the map live and the lead
 * imports the new survey CSV; the lead opens last quarter's version, compares it with today
 * (every change and metric delta, on the canvas and in the list) and exports the PDF for
 * stakeholders.
 */
import type { Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authFor } from '../helpers/server.js';
import {
  addCardInCell,
  boardState,
  expectNoPageErrors,
  openBoard,
  saveScreenshot,
  templateBoard,
  until,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite({ contextOptions: { acceptDownloads: true } });

const LAST_QUARTER = [
  'touchpoint,stage,csat,date',
  ...[3, 3, 4, 5].map((csat) => `Kickoff call,Onboarding,${csat},2026-08-20`),
].join('\n');

// Other headers than last quarter's: the dialog suggests the mapping from their names.
const THIS_QUARTER = [
  'Touchpoint,Journey stage,Q4 satisfaction,Effort,Resolved first contact,Response date',
  'Kickoff call,Onboarding,4,5,yes,2026-11-20',
  'Kickoff call,Onboarding,5,6,yes,2026-11-21',
  'Kickoff call,Onboarding,4,4,no,2026-11-22',
  'Kickoff call,Onboarding,2,3,no,2026-11-23',
].join('\n');

async function importLastQuarter(boardId: string): Promise<void> {
  const res = await fetch(`${suite.url}/api/boards/${boardId}/survey/import`, {
    method: 'POST',
    headers: { ...authFor(boardId), 'content-type': 'application/json' },
    body: JSON.stringify({
      csv: LAST_QUARTER,
      mapping: { touchpoint: 'touchpoint', stage: 'stage', csat: 'csat', date: 'date' },
      source: 'Onboarding survey Q3',
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function saveVersion(page: Page, label: string): Promise<void> {
  await page.getByTestId('versions-toggle').click();
  await page.getByTestId('versions-panel').waitFor();
  await page.getByTestId('version-label-input').fill(label);
  await page.getByTestId('version-save').click();
  await page.getByTestId('version-item').filter({ hasText: label }).waitFor();
}

async function importThisQuarter(page: Page): Promise<void> {
  await page.getByTestId('insights-toggle').click();
  await page.click('[data-testid=insights-import-survey]');
  await page.setInputFiles('[data-testid=survey-file]', {
    name: 'onboarding-survey-q4.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(THIS_QUARTER),
  });
  expect(await page.inputValue('[data-testid=survey-map-csat]')).toBe('Q4 satisfaction');
  await page.click('[data-testid=survey-preview-button]');
  await page.locator('[data-testid=survey-matches]').waitFor();
  await page.click('[data-testid=survey-import-button]');
  await page.locator('[data-testid=survey-report]').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=survey-dialog]').waitFor({ state: 'detached' });
}

describe('a quarterly review', { timeout: 120_000 }, () => {
  it('compares last quarter with today, metric deltas included, and exports the PDF', async () => {
    const boardId = await templateBoard(suite.url, 'Expense onboarding review');
    await importLastQuarter(boardId);
    const lead = await openBoard(await suite.person('Lena Lead'), suite.url, boardId, 'editor');
    await saveVersion(lead, 'Q3 review');

    // This quarter: a colleague adds a touchpoint live, the lead imports the new survey.
    const colleague = await openBoard(await suite.person('Cai Colleague'), suite.url, boardId);
    const { stages, lanes } = await boardState(colleague);
    const support = stages.find((s) => s.name === 'Support')!;
    const touchpoints = lanes.find((l) => l.kind === 'touchpoints')!;
    await addCardInCell(colleague, support.id, touchpoints.id, 'Community forum');
    await importThisQuarter(lead);

    // Last quarter's map, read-only, as it was.
    await lead.getByTestId('versions-toggle').click();
    const saved = lead.getByTestId('version-item').filter({ hasText: 'Q3 review' });
    await saved.getByTestId('version-open').click();
    await lead.getByTestId('version-viewer-canvas').waitFor();
    await lead.keyboard.press('Escape');
    await lead.getByTestId('version-viewer').waitFor({ state: 'detached' });

    // Every change since, in the list grouped by stage and on the canvas.
    await saved.getByTestId('version-compare-now').click();
    const list = lead.getByTestId('change-list');
    await list.getByTestId('change-item').filter({ hasText: 'Community forum' }).waitFor();
    const metrics = list.getByTestId('change-item').filter({ hasText: 'Metrics of' });
    await until(async () => (await metrics.count()) === 1, { what: 'the metric change listed' });
    expect(await metrics.innerText()).toContain('CSAT 50 → 75 (+25)');
    await lead.getByTestId('diff-overlay').waitFor();
    expect(await lead.getByTestId('diff-legend').textContent()).toContain('Q3 review');
    await saveScreenshot(lead, 'review-compare');

    // The result for stakeholders: one PDF page headed with the board's title.
    await lead.click('[data-testid=export-menu]');
    const [file] = await Promise.all([
      lead.waitForEvent('download', { timeout: 30_000 }),
      lead.click('[data-testid=export-pdf]'),
    ]);
    const pdf = await PDFDocument.load(readFileSync((await file.path())!));
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Expense onboarding review');
    expectNoPageErrors(lead, colleague);
  });
});
