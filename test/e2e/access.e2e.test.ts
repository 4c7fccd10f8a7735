/**
 * Share links and roles in a real browser (Debian Chromium through playwright-core) against the
 * real server and the client built by ./setup.ts: the boards page lists the boards this browser
 * holds links for, viewers and commenters cannot change the map, the owner shares and replaces
 * links, and tokens travel in the URL fragment and the Authorization header only.
 */
import http from 'node:http';
import net from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createBoard } from '../helpers/server.js';
import {
  addCardInCell,
  boardState,
  cardScreenPoint,
  cellScreenPoint,
  dragCardToCell,
  newPage,
  openBoard,
  reachable,
  saveScreenshot,
  settle,
  until,
  waitCanvasReady,
  waitConnected,
  type BoardState,
  expectNoPageErrors,
} from './browser.js';
import { browserSuite } from './suite.js';

type Role = 'owner' | 'editor' | 'commenter' | 'viewer';

const suite = browserSuite();

/** The board's JSON as the server has it, read with the owner's link. */
async function serverBoard(baseUrl: string, boardId: string, ownerToken: string) {
  const res = await fetch(`${baseUrl}/api/boards/${boardId}`, {
    headers: { authorization: `Bearer ${ownerToken}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { cards: { id: string }[] } & Record<string, unknown>;
}

/** The token in a link's fragment (`…#token=…`). */
function tokenOf(link: string): string | null {
  return new URLSearchParams(new URL(link).hash.slice(1)).get('token');
}

/** The token in a page's URL fragment. */
function fragmentToken(page: Page): string | null {
  return tokenOf(page.url());
}

/**
 * Creates a board through the boards page's dialog and waits for it to open; returns its id
 * and the owner token the page landed with.
 */
async function createThroughUi(
  page: Page,
  baseUrl: string,
  title: string,
): Promise<{ boardId: string; ownerToken: string }> {
  await page.goto(`${baseUrl}/`);
  await page.click('[data-testid=new-board]');
  await page.click('[data-testid=template-current-state]');
  await page.fill('[data-testid=board-title-input]', title);
  await page.click('[data-testid=create-board-submit]');
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]{8,64}#token=[\w-]+\.[\w-]+\.[\w-]+$/, {
    timeout: 10_000,
  });
  await waitConnected(page);
  await waitCanvasReady(page);
  const boardId = new URL(page.url()).pathname.split('/')[2]!;
  return { boardId, ownerToken: fragmentToken(page)! };
}

const cardSel = (boardId: string) => `[data-testid=board-card][data-board-id="${boardId}"]`;

/** Waits for the board's card on the boards page to be refreshed from the server. */
async function listedCard(page: Page, boardId: string, state = 'ready') {
  const card = page.locator(`${cardSel(boardId)}[data-state=${state}]`);
  await card.waitFor({ timeout: 10_000 });
  return card;
}

/** An empty spot in a cell and a card in another cell of the template board. */
function targets(state: BoardState) {
  const card = state.cards.find((c) => c.text)!;
  const otherStage = state.stages.find((s) => s.id !== card.stageId)!;
  return { card, otherStage };
}

/** Tries every way of changing the map a pointer and keyboard have; none may work. */
async function tryToChangeTheMap(page: Page): Promise<void> {
  const before = await boardState(page);
  const { card, otherStage } = targets(before);

  // Double-click in an empty spot of a cell: no new card, no text editor.
  const spot = await reachable(page, () => cellScreenPoint(page, card.stageId, card.laneId));
  await page.mouse.dblclick(spot.x, spot.y);
  // Drag a card to another stage.
  await dragCardToCell(page, card.id, otherStage.id, card.laneId);
  // Select the card, then Delete, Backspace, "new card", duplicate, paste and undo.
  const at = await reachable(page, () => cardScreenPoint(page, card.id));
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Delete');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('c');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+d');
  await page.keyboard.press('Control+z');
  // The shape tools' shortcuts do not switch tools either.
  await page.keyboard.press('n');
  expect(await page.locator('[data-testid=text-editor]').count()).toBe(0);
  await page.waitForTimeout(500);
  await settle(page);

  const after = await boardState(page);
  expect(after.cards).toEqual(before.cards);
  expect(after.stages).toEqual(before.stages);
  expect(await page.locator('[data-testid=text-editor]').count()).toBe(0);
}

describe('share links and roles in the browser', { timeout: 90_000 }, () => {
  it('lists a board created on the boards page, with its role, also after a reload', async () => {
    const page = await newPage(await suite.person('Olivia'));
    const { boardId, ownerToken } = await createThroughUi(page, suite.url, 'Claims journey');
    expect(page.url()).toContain(`/b/${boardId}#token=`);
    // The owner has no role pill and can undo.
    expect(await page.locator('[data-testid=role-pill]').count()).toBe(0);
    expect(await page.locator('[data-testid=undo]').count()).toBe(1);

    await page.click('[aria-label="All boards"]');
    await page.waitForURL(`${suite.url}/`);
    for (const pass of ['after going back', 'after a reload']) {
      const card = await listedCard(page, boardId);
      expect(await card.locator('.home-card-title').textContent(), pass).toBe('Claims journey');
      expect(await card.locator('[data-testid=board-role]').getAttribute('data-role')).toBe(
        'owner',
      );
      expect(await card.locator('[data-testid=board-role]').textContent()).toBe('Owner');
      expect(await card.locator('[data-testid=rename-board]').count()).toBe(1);
      expect(await card.locator('[data-testid=delete-board]').count()).toBe(1);
      if (pass === 'after going back') await page.reload();
    }
    await saveScreenshot(page, 'boards-known');

    // Opening it from the list carries the best (owner) link in the fragment.
    await page.click(`${cardSel(boardId)} [data-testid=open-board]`);
    await page.waitForURL(`${suite.url}/b/${boardId}#token=${ownerToken}`);
    await waitConnected(page);

    // A board someone only shared as "view only" shows as such, without rename or delete.
    const shared = await createBoard(suite.url, { title: 'Shared with me' });
    const viewerPage = await openBoard(page.context(), suite.url, shared.id, 'viewer');
    await viewerPage.goto(`${suite.url}/`);
    const viewerCard = await listedCard(viewerPage, shared.id);
    expect(await viewerCard.locator('[data-testid=board-role]').textContent()).toBe('View only');
    expect(await viewerCard.locator('[data-testid=rename-board]').count()).toBe(0);
    expect(await viewerCard.locator('[data-testid=delete-board]').count()).toBe(0);
    expectNoPageErrors(page, viewerPage);
  });

  it('renames with an editor link and deletes with the owner link', async () => {
    const context = await suite.person('Owen');
    const page = await newPage(context);
    const { boardId } = await createThroughUi(page, suite.url, 'Renewal journey');
    await page.goto(`${suite.url}/`);
    const card = await listedCard(page, boardId);

    await card.locator('[data-testid=rename-board]').click();
    await page.fill('[data-testid=rename-board-input]', 'Renewal journey v2');
    await page.keyboard.press('Enter');
    await until(
      async () =>
        (await card.locator('.home-card-title').textContent()) === 'Renewal journey v2' || false,
      { what: 'the new title on the card' },
    );

    await card.locator('[data-testid=delete-board]').click();
    await page.click('[data-testid=confirm-delete]');
    await page.locator(cardSel(boardId)).waitFor({ state: 'detached', timeout: 5_000 });
    // Forgotten by this browser too: not back after a reload.
    await page.reload();
    await page.waitForSelector('[data-testid=boards-empty]', { timeout: 5_000 });
    expectNoPageErrors(page);
  });

  it('lets a viewer look around but not change the map', async () => {
    const board = await createBoard(suite.url, {
      title: 'Viewer board',
      template: 'current-state',
    });
    const before = await serverBoard(suite.url, board.id, board.tokens.owner);
    const page = await openBoard(await suite.person('Vera'), suite.url, board.id, 'viewer');

    expect(await page.textContent('[data-testid=role-pill]')).toBe('View only');
    expect(await page.locator('[data-testid=undo]').count()).toBe(0);
    const tools = await page
      .locator('.toolbar [data-testid^=tool-]')
      .evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.testid));
    expect(tools).toEqual(['tool-select', 'tool-hand']);
    expect(await page.locator('[data-testid=add-card]').count()).toBe(0);
    // The details panel shows everything in a disabled fieldset.
    expect(await page.locator('[data-testid=side-panel] fieldset[disabled]').count()).toBe(1);

    await tryToChangeTheMap(page);
    // Selecting still works.
    const { card } = targets(await boardState(page));
    const at = await reachable(page, () => cardScreenPoint(page, card.id));
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('[data-testid=side-panel][data-panel-kind=card]', {
      timeout: 5_000,
    });
    expect(
      await page.evaluate(() =>
        [
          ...document.querySelectorAll('[data-testid=side-panel] :is(input, textarea, select)'),
        ].every((field) => field.matches(':disabled')),
      ),
    ).toBe(true);

    // Comments can be read but not written.
    await page.keyboard.press('m');
    expect(await page.getAttribute('[data-testid=tool-select]', 'aria-pressed')).toBe('true');
    await page.click('[data-testid=comments-toggle]');
    await page.waitForSelector('[data-testid=comments-panel][data-can-comment=false]');
    await saveScreenshot(page, 'viewer');

    expect(await serverBoard(suite.url, board.id, board.tokens.owner)).toEqual(before);
    expectNoPageErrors(page);
  });

  it('lets a commenter start a comment thread but not change the map', async () => {
    const board = await createBoard(suite.url, { title: 'Review me', template: 'current-state' });
    const before = await serverBoard(suite.url, board.id, board.tokens.owner);
    const owner = await openBoard(await suite.person('Omar'), suite.url, board.id, 'owner');
    const page = await openBoard(await suite.person('Cleo'), suite.url, board.id, 'commenter');

    expect(await page.textContent('[data-testid=role-pill]')).toBe('Can comment');
    const tools = await page
      .locator('.toolbar [data-testid^=tool-]')
      .evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.testid));
    expect(tools).toEqual(['tool-select', 'tool-hand', 'tool-comment']);

    await tryToChangeTheMap(page);

    const { card } = targets(await boardState(page));
    await page.click('[data-testid=tool-comment]');
    const spot = await reachable(page, () => cardScreenPoint(page, card.id));
    await page.mouse.click(spot.x, spot.y);
    await page.waitForSelector('[data-testid=comment-new]', { timeout: 5_000 });
    await page.click('[data-testid=comment-input]');
    await page.keyboard.type('Is this step still needed?', { delay: 5 });
    await page.click('[data-testid=comment-post]');
    const thread = page.locator('[data-testid=comment-thread]');
    await thread.waitFor({ timeout: 5_000 });
    const threadId = (await thread.getAttribute('data-thread-id'))!;

    // Through the server: the owner sees the thread.
    await owner.click('[data-testid=comments-toggle]');
    const ownersView = owner.locator(`[data-testid=comment-thread][data-thread-id="${threadId}"]`);
    await ownersView.waitFor({ timeout: 5_000 });
    expect(await ownersView.textContent()).toContain('Is this step still needed?');

    expect(await serverBoard(suite.url, board.id, board.tokens.owner)).toEqual(before);
    expectNoPageErrors(page, owner);
  });

  it('shares links, and replacing them locks out the old ones', async () => {
    const ownerContext = await suite.person('Ana');
    await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: suite.url,
    });
    const owner = await newPage(ownerContext);
    const { boardId, ownerToken } = await createThroughUi(owner, suite.url, 'Rotation');

    await owner.click('[data-testid=share-button]');
    const dialog = owner.locator('[data-testid=share-dialog]');
    await dialog.waitFor({ timeout: 5_000 });
    const links = {} as Record<Role, string>;
    for (const role of ['owner', 'editor', 'commenter', 'viewer'] as const) {
      links[role] = await dialog.locator(`[data-testid=link-${role}]`).inputValue();
      expect(links[role]).toMatch(new RegExp(`^${suite.url}/b/${boardId}#token=[\\w.-]+$`));
    }
    expect(links.owner).toBe(`${suite.url}/b/${boardId}#token=${ownerToken}`);
    expect(new Set(Object.values(links)).size).toBe(4);
    await dialog.locator('[data-testid=copy-link-editor]').click();
    await owner.locator('.toast', { hasText: 'Link copied' }).waitFor({ timeout: 5_000 });
    expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(links.editor);
    await saveScreenshot(owner, 'share-dialog');

    // Someone opens the editor link.
    const editorContext = await suite.person('Eli');
    const editor = await newPage(editorContext);
    await editor.goto(links.editor);
    await waitConnected(editor);
    await waitCanvasReady(editor);

    // The owner also has the board open in a second tab.
    const ownerTab = await newPage(ownerContext);
    await ownerTab.goto(owner.url());
    await waitConnected(ownerTab);
    // Background tabs get no animation frames (Playwright's clicks and settle() wait for them).
    await owner.bringToFront();

    // The owner replaces every link.
    await dialog.locator('[data-testid=rotate-links]').click();
    await dialog.locator('[data-testid=confirm-rotate]').click();
    await owner.locator('.toast', { hasText: 'Links replaced' }).waitFor({ timeout: 5_000 });
    const fresh = await until(
      async () => {
        const value = await dialog.locator('[data-testid=link-editor]').inputValue();
        return value !== links.editor && value;
      },
      { what: 'a new editor link in the dialog' },
    );

    // The old link stops working for the person who had it open.
    await editor.waitForSelector('[data-testid=no-access]', { timeout: 5_000 });
    expect(await editor.textContent('[data-testid=no-access] h1')).toBe(
      'This link no longer works',
    );
    await saveScreenshot(editor, 'link-replaced');

    // The owner's other tab offers the new link this browser now holds.
    await ownerTab.bringToFront();
    await ownerTab.click('[data-testid=open-newer-link]', { timeout: 5_000 });
    await waitConnected(ownerTab);
    expect(fragmentToken(ownerTab)).toBe(fragmentToken(owner));
    await ownerTab.close();
    await owner.bringToFront();

    // The owner stays on the board, reconnected with the new owner link, also after a reload.
    await owner.click('[data-testid=share-dialog] >> text=Done');
    await waitConnected(owner);
    const newOwnerToken = fragmentToken(owner);
    expect(newOwnerToken).not.toBe(ownerToken);
    expect(await dialog.count()).toBe(0);
    await owner.reload();
    await waitConnected(owner);
    await waitCanvasReady(owner);

    // Old links fail over REST too.
    const stale = await fetch(`${suite.url}/api/boards/${boardId}/summary`, {
      headers: { authorization: `Bearer ${tokenOf(links.viewer)}` },
    });
    expect(stale.status).toBe(401);

    // The person with the old link: their list says so; they forget it and open the new one.
    await editor.click('[data-testid=no-access-home]');
    await editor.waitForURL(`${suite.url}/`);
    const gone = await listedCard(editor, boardId, 'gone');
    expect(await gone.locator('[data-testid=board-gone]').textContent()).toContain(
      'Link no longer valid / board deleted',
    );
    await saveScreenshot(editor, 'board-link-gone');
    await gone.locator('[data-testid=forget-board]').click();
    await editor.locator(cardSel(boardId)).waitFor({ state: 'detached', timeout: 5_000 });

    await editor.click('[data-testid=open-link]');
    await editor.fill('[data-testid=share-link-input]', fresh);
    await editor.click('[data-testid=open-link-submit]');
    await editor.waitForURL(fresh);
    await waitConnected(editor);
    await waitCanvasReady(editor);
    expect(await editor.locator('[data-testid=role-pill]').count()).toBe(0);
    const state = await boardState(editor);
    const { card } = targets(state);
    const added = await addCardInCell(editor, card.stageId, card.laneId, 'Still works');
    await until(async () => (await boardState(owner)).cards.some((c) => c.id === added.id), {
      what: 'the new editor’s card on the owner’s board',
    });
    expectNoPageErrors(owner, ownerTab, editor);
  });

  it('asks for the server’s create token only when the server wants one', async () => {
    const guarded = await suite.extraServer({ CREATE_TOKEN: 'let-me-create-123' });
    const page = await newPage(await suite.person('Cora'));
    await page.goto(`${guarded.url}/`);
    await page.click('[data-testid=new-board]');
    expect(await page.locator('[data-testid=create-token-input]').count()).toBe(0);
    await page.fill('[data-testid=board-title-input]', 'Guarded');
    await page.click('[data-testid=create-board-submit]');
    await page.waitForSelector('[data-testid=create-token-input]', { timeout: 5_000 });
    expect(await page.textContent('[data-testid=create-board-error]')).toContain('create token');
    await page.fill('[data-testid=create-token-input]', 'let-me-create-123');
    await page.click('[data-testid=create-board-submit]');
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{8,64}#token=/, { timeout: 10_000 });
    await waitConnected(page);
    // Remembered on this device for the next board.
    expect(await page.evaluate(() => localStorage.getItem('journeyboard:create-token'))).toBe(
      'let-me-create-123',
    );
    expectNoPageErrors(page);
  });

  it('never sends a token in a URL path or query string, not even to the sync socket', async () => {
    const recorder = await recordingProxy(suite.url);
    suite.closeAfterTest(recorder);
    const owner = await newPage(await suite.person('Ines'));
    const { boardId } = await createThroughUi(owner, recorder.url, 'Private map');
    await owner.click('[data-testid=share-button]');
    const viewerLink = await owner.locator('[data-testid=link-viewer]').inputValue();
    const commenterLink = await owner.locator('[data-testid=link-commenter]').inputValue();
    // The boards page asks about every known board (with Authorization).
    await owner.goto(`${recorder.url}/`);
    await listedCard(owner, boardId);

    // Others open the links someone sent them, reload, and look at their list.
    for (const link of [viewerLink, commenterLink]) {
      const page = await newPage(await suite.person('Guest'));
      await page.goto(link);
      await waitConnected(page);
      await page.reload();
      await waitConnected(page);
      await page.goto(`${recorder.url}/`);
      await listedCard(page, boardId);
    }

    const tokens = [viewerLink, commenterLink].map((link) => tokenOf(link)!);
    const leaks = recorder.requests.filter(
      (url) =>
        /token/i.test(url) ||
        /eyJ[\w-]+\.[\w-]+\.[\w-]+/.test(url) ||
        tokens.some((t) => url.includes(t)),
    );
    expect(leaks).toEqual([]);
    // The recorder did see the traffic: REST with the token in a header, sockets with it in a
    // subprotocol (browsers cannot set other headers on a WebSocket).
    expect(recorder.requests).toContain(`/api/boards/${boardId}/summary`);
    expect(recorder.requests).toContain(`/b/${boardId}`);
    // The board socket's only query is the presence-moves opt-in (W327).
    expect(recorder.requests).toContain(`/sync/${boardId}?presence=moves`);
    expect(recorder.requests).toContain(`/sync/${boardId}/comments`);
  });
});

/**
 * An HTTP proxy in front of the server that records the request target (path and query) of
 * every request and WebSocket upgrade: what the server, its logs and any proxy would see.
 */
async function recordingProxy(
  targetUrl: string,
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const target = new URL(targetUrl);
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const proxy = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  proxy.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  proxy.on('upgrade', (req, socket: net.Socket, head: Buffer) => {
    requests.push(req.url ?? '');
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      let raw = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        raw += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      }
      upstream.write(`${raw}\r\n`);
      if (head.length) upstream.write(head);
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
    sockets.add(upstream);
    const cut = () => {
      socket.destroy();
      upstream.destroy();
      sockets.delete(upstream);
    };
    socket.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = proxy.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}
