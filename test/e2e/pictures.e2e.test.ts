/**
 * Pictures on the map in Chromium with three participants (W231–W234): Fay (editor) pastes a
 * picture into the storyboard lane; Ann (viewer) and Bo (commenter) see it drawn on their
 * canvases, and the PNG export holds its pixels where the card stands. Ann's own paste is
 * refused with a message, Fay's paste of a text file shows the server's reason, and one undo
 * takes Fay's picture back.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addLane } from '../../shared/model/axes.js';
import { setCardText } from '../../shared/model/cards.js';
import { EXPORT_MARGIN, EXPORT_PIXEL_RATIO } from '../../client/src/board/export/scene.js';
import { NO_PICTURES_MESSAGE } from '../../client/src/board/pictures/uploads.js';
import { connectClient, disconnectAll, synced, whenDoc } from '../helpers/clients.js';
import { authFor, boardTokens, wsUrlOf } from '../helpers/server.js';
import {
  cardScreenPoint,
  cellScreenPoint,
  expectNoPageErrors,
  openBoard,
  reachable,
  saveScreenshot,
  settle,
  templateBoard,
  until,
} from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite({ contextOptions: { acceptDownloads: true } });

/** The pasted picture: one flat colour, so its pixels are easy to find in the export. */
const COLOUR = { r: 214, g: 32, b: 140 };
const SIZE = { w: 160, h: 100 };

/**
 * Pastes a file made in the page (a PNG of COLOUR, or text) as a person pressing Ctrl+V with it
 * on the clipboard: a paste event whose clipboard data holds the file, at the pointer.
 */
async function pasteFile(page: Page, kind: 'png' | 'text', drop?: { x: number; y: number }) {
  await page.evaluate(
    async ({ kind, colour, size, drop }) => {
      let file: File;
      if (kind === 'png') {
        const canvas = document.createElement('canvas');
        canvas.width = size.w;
        canvas.height = size.h;
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = `rgb(${colour.r}, ${colour.g}, ${colour.b})`;
        ctx.fillRect(0, 0, size.w, size.h);
        const blob = await new Promise<Blob>((resolve) =>
          canvas.toBlob((b) => resolve(b!), 'image/png'),
        );
        file = new File([blob], 'till.png', { type: 'image/png' });
      } else file = new File(['not a picture'], 'notes.txt', { type: 'text/plain' });
      const data = new DataTransfer();
      data.items.add(file);
      if (drop) {
        // A file dragged from the desktop and let go over the canvas at this page point.
        const target = document.elementFromPoint(drop.x, drop.y)!;
        const init = { dataTransfer: data, clientX: drop.x, clientY: drop.y, bubbles: true };
        target.dispatchEvent(new DragEvent('dragover', { ...init, cancelable: true }));
        target.dispatchEvent(new DragEvent('drop', { ...init, cancelable: true }));
        return;
      }
      (document.activeElement as HTMLElement | null)?.blur();
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    },
    { kind, colour: COLOUR, size: SIZE, drop },
  );
}

/** Whether the page's canvas draws a loaded picture on the card (not a placeholder). */
function drawsPicture(page: Page, cardId: string): Promise<boolean> {
  return page.evaluate((id) => {
    type Node = { find(selector: string): { image?: () => unknown }[] };
    const konva = (window as unknown as { Konva: { stages: { findOne(s: string): Node }[] } })
      .Konva;
    for (const stage of konva.stages) {
      const node = stage.findOne(`#card-${id}`);
      if (node) return node.find('.picture').some((p) => !!p.image?.());
    }
    return false;
  }, cardId);
}

/** The card of the storyboard lane holding a picture, as the page reads the board. */
async function storyboardCard(page: Page, laneId: string) {
  const card = await page.evaluate((lane) => {
    for (const box of window.journeyboard!.layout().cards.values())
      if (box.card.laneId === lane && box.card.image)
        return { id: box.card.id, image: box.card.image, x: box.x, y: box.y, w: box.w, h: box.h };
    return null;
  }, laneId);
  return card ?? undefined;
}

/** Waits for a new toast and returns its text. */
async function nextToast(page: Page, kind: 'error' | 'info', act: () => Promise<void>) {
  const toasts = page.locator(`.toast-${kind}`);
  const fresh = toasts.nth(await toasts.count());
  await act();
  await fresh.waitFor();
  return (await fresh.textContent()) ?? '';
}

async function downloadPng(page: Page): Promise<Buffer> {
  await page.click('[data-testid=export-menu]');
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 0 }),
    page.click('[data-testid=export-png]'),
  ]);
  expect(await file.failure()).toBeNull();
  return readFileSync((await file.path())!);
}

describe('pictures on the map', { timeout: 180_000 }, () => {
  it('W231, W232, W233, W234, W239, S109: a picture pasted into the storyboard lane shows for the other two, in the PNG export and in the JSON export', async () => {
    const boardId = await templateBoard(suite.url, 'Store visit');
    // The storyboard lane comes from a real client through the model, as another editor would.
    const writer = connectClient(wsUrlOf(suite.url), boardId, new Y.Doc());
    suite.closeAfterTest({ close: async () => disconnectAll([writer]) });
    await synced(writer);
    const laneId = addLane(writer.doc, { name: 'Storyboard', kind: 'storyboard' });

    const fay = await openBoard(await suite.person('Fay'), suite.url, boardId, 'editor');
    const ann = await openBoard(await suite.person('Ann'), suite.url, boardId, 'viewer');
    const bo = await openBoard(await suite.person('Bo'), suite.url, boardId, 'commenter');
    const pages = [fay, ann, bo];
    // Every picture request of Ann's page carries her link in a header, never in its URL (S109).
    const pictureRequests: { url: string; auth: string | undefined }[] = [];
    ann.on('request', (r) => {
      if (r.url().includes('/images/'))
        pictureRequests.push({ url: r.url(), auth: r.headers()['authorization'] });
    });
    for (const page of pages)
      await page.waitForFunction(
        (lane) => window.journeyboard!.layout().rows.some((r) => r.id === lane),
        laneId,
      );
    const stageId = await fay.evaluate(() => window.journeyboard!.layout().columns[1]!.id);

    // Fay points at the storyboard cell of the second stage and pastes a picture there.
    const spot = await reachable(fay, () => cellScreenPoint(fay, stageId, laneId));
    await fay.mouse.move(spot.x, spot.y);
    await pasteFile(fay, 'png');

    // Everyone's canvas draws the picture on a new card in that cell.
    for (const page of pages) {
      const card = await until(() => storyboardCard(page, laneId), {
        timeout: 20_000,
        what: 'the storyboard card with the picture',
      });
      await until(() => drawsPicture(page, card.id), {
        timeout: 20_000,
        what: `the picture drawn on ${page === fay ? 'Fay' : page === ann ? 'Ann' : 'Bo'}'s canvas`,
      });
    }
    const card = (await storyboardCard(fay, laneId))!;
    await whenDoc(writer.doc, () => writer.doc.getMap('cards').has(card.id));
    const stored = writer.doc.getMap<Y.Map<unknown>>('cards').get(card.id)!;
    expect([stored.get('stageId'), stored.get('laneId'), stored.get('image')]).toEqual([
      stageId,
      laneId,
      card.image,
    ]);
    await saveScreenshot(ann, 'pictures-viewer');
    const annToken = boardTokens.get(boardId)!.viewer;
    expect(pictureRequests.length).toBeGreaterThan(0);
    for (const request of pictureRequests) {
      expect(request.auth).toBe(`Bearer ${annToken}`);
      expect(request.url).not.toContain(annToken);
    }

    // Bo's table view shows the picture with its caption (the card's text) as alt text (W234).
    setCardText(writer.doc, card.id, 'At the till');
    await bo.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await bo.keyboard.press('Alt+2');
    const img = bo.locator(`[data-testid=table-card] img[data-image-id="${card.image}"]`);
    await img.and(bo.locator('[alt="At the till"]')).waitFor();
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    // The stored picture is the server's: a viewer link fetches it, full size and thumbnail.
    for (const size of ['', '?size=thumb']) {
      const res = await fetch(`${suite.url}/api/boards/${boardId}/images/${card.image}${size}`, {
        headers: authFor(boardId, 'viewer'),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\//);
    }

    // The PNG export (from Ann, a viewer) has the picture's colour where the card stands.
    const png = PNG.sync.read(await downloadPng(ann));
    const origin = -EXPORT_MARGIN; // the grid starts at (0, 0); nothing lies left of or above it
    const at = (bx: number, by: number) => {
      const px = Math.round((bx - origin) * EXPORT_PIXEL_RATIO);
      const py = Math.round((by - origin) * EXPORT_PIXEL_RATIO);
      const i = (py * png.width + px) * 4;
      return { r: png.data[i]!, g: png.data[i + 1]!, b: png.data[i + 2]! };
    };
    const near = (c: { r: number; g: number; b: number }) =>
      Math.abs(c.r - COLOUR.r) <= 12 &&
      Math.abs(c.g - COLOUR.g) <= 12 &&
      Math.abs(c.b - COLOUR.b) <= 12;
    // The picture fills the card's width above its caption, keeping its 8:5 ratio.
    const centre = { x: card.x + card.w / 2, y: card.y + 8 + (card.h - 52) / 2 };
    expect(at(centre.x, centre.y)).toSatisfy(near);
    expect(at(centre.x - card.w / 2 + 20, centre.y)).toSatisfy(near);
    // …and nowhere else: the card's caption strip and the next stage's cell are not that colour.
    expect(at(centre.x, card.y + card.h - 10)).not.toSatisfy(near);
    expect(at(centre.x + card.w + 40, centre.y)).not.toSatisfy(near);

    // The JSON export (Ann's) carries the picture as data (W239); imported, it serves again.
    await ann.click('[data-testid=export-menu]');
    const [jsonFile] = await Promise.all([
      ann.waitForEvent('download', { timeout: 0 }),
      ann.click('[data-testid=export-json]'),
    ]);
    const exported = JSON.parse(readFileSync((await jsonFile.path())!, 'utf8')) as {
      images?: { id: string; width: number; height: number; data: string }[];
    };
    expect(exported.images?.map((i) => i.id)).toEqual([card.image]);
    expect(exported.images![0]!.width).toBeGreaterThan(0);
    const imported = await fetch(`${suite.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exported),
    });
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as { id: string; tokens: { viewer: string } };
    const served = await fetch(`${suite.url}/api/boards/${copy.id}/images/${card.image}`, {
      headers: { authorization: `Bearer ${copy.tokens.viewer}` },
    });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).toString('base64')).toBe(
      exported.images![0]!.data,
    );

    // One undo takes Fay's picture card back, for everyone.
    await fay.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await fay.keyboard.press('Control+z');
    await whenDoc(writer.doc, () => !writer.doc.getMap('cards').has(card.id));
    for (const page of pages)
      await until(async () => (await storyboardCard(page, laneId)) === undefined, {
        what: 'the picture card gone after undo',
      });
    expectNoPageErrors(...pages);
  });

  it('W232, W234: a viewer cannot add pictures; a refused upload shows the server’s reason; a drop on a card', async () => {
    const boardId = await templateBoard(suite.url, 'Refusals');
    const fay = await openBoard(await suite.person('Fay'), suite.url, boardId, 'editor');
    const ann = await openBoard(await suite.person('Ann'), suite.url, boardId, 'viewer');
    const counts = () =>
      fay.evaluate(() => {
        const { doc } = window.journeyboard!.session;
        return [doc.getMap('cards').size, doc.getMap('shapes').size];
      });
    const before = await counts();

    // Ann (viewer) pastes a picture: told why not, and nothing is sent.
    const uploads: string[] = [];
    ann.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/images')) uploads.push(r.url());
    });
    expect(await nextToast(ann, 'error', () => pasteFile(ann, 'png'))).toBe(NO_PICTURES_MESSAGE);
    expect(uploads).toEqual([]);

    // Fay pastes a text file: the server refuses it, and the toast carries its reason.
    const direct = await fetch(`${suite.url}/api/boards/${boardId}/images`, {
      method: 'POST',
      headers: { ...authFor(boardId, 'editor'), 'content-type': 'text/plain' },
      body: 'not a picture',
    });
    expect(direct.status).toBe(415);
    const { error } = (await direct.json()) as { error: string };
    expect(error).toBeTruthy();
    const box = (await fay.locator('[data-testid=board-canvas]').boundingBox())!;
    await fay.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const shown = await nextToast(fay, 'error', () => pasteFile(fay, 'text'));
    expect(shown).toBe(`Could not add the picture: ${error}`);
    await settle(fay);
    expect(await counts()).toEqual(before);

    // Fay drops a picture file on a card: it becomes that card's picture (W232).
    const target = await fay.evaluate(() => [...window.journeyboard!.layout().cards.keys()][0]!);
    const at = await reachable(fay, () => cardScreenPoint(fay, target));
    await pasteFile(fay, 'png', at);
    await until(
      () =>
        fay.evaluate(
          (id) => window.journeyboard!.layout().cards.get(id)!.card.image !== undefined,
          target,
        ),
      { timeout: 20_000, what: 'the dropped picture on the card' },
    );
    await until(() => drawsPicture(fay, target), { timeout: 20_000, what: 'the card picture' });
    expectNoPageErrors(fay, ann);
  });
});
