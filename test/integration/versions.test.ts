import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addStage,
  addTag,
  deleteCard,
  moveCard,
  readBoard,
  setCardText,
  setEmotion,
  setMetrics,
  toBoardJson,
  type BoardDiff,
  type BoardJson,
} from '../../shared/model/index.js';
import type { RunningServer } from '../../server/server.js';
import type { VersionMeta } from '../../server/storage/storage.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import {
  adminAuth,
  authFor,
  boardApiCaller,
  createBoard,
  type BoardAuth,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
  type CreatedBoard,
} from '../helpers/server.js';

let dataDir: string;
let server: RunningServer;
const clients: Client[] = [];

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
});

afterAll(async () => {
  disconnectAll(clients);
  await server.stop();
  removeDir(dataDir);
});

const call = boardApiCaller(() => server.url);

const save = async (boardId: string, body: object, auth: BoardAuth = 'editor') => {
  const res = await call('POST', '/versions', boardId, auth, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as VersionMeta;
};
const serverJson = async (boardId: string) =>
  (await call('GET', '', boardId, 'admin')).body as BoardJson;
const clientJson = (c: Client): BoardJson => toBoardJson(readBoard(c.doc));

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the server's copy of the board is what the client has. */
const serverHas = (board: CreatedBoard, c: Client) =>
  until(
    async () => JSON.stringify(await serverJson(board.id)) === JSON.stringify(clientJson(c)),
    'the server to have the client’s edits',
  );

async function join(board: CreatedBoard): Promise<Client> {
  const client = connectClient(wsUrlOf(server.url), board.id);
  clients.push(client);
  await whenSynced(client);
  return client;
}

/** A blank board that one client fills: two stages, an actions and a pain-point lane, cards. */
async function journey() {
  const board = await createBoard(server.url, { title: 'Onboarding', mapType: 'current-state' });
  const a = await join(board);
  const doc = a.doc;
  const discover = addStage(doc, { name: 'Discover' });
  const signUp = addStage(doc, { name: 'Sign up' });
  const actions = addLane(doc, { name: 'Actions', kind: 'actions' });
  const pains = addLane(doc, { name: 'Pains', kind: 'painPoints' });
  const cell = (stageId: string, laneId: string) => ({ stageId, laneId });
  const c1 = addCard(doc, { ...cell(discover, actions), text: 'Searches', metrics: { csat: 60 } });
  const c2 = addCard(doc, { ...cell(signUp, actions), text: 'Fills form', emotion: -1 });
  const p1 = addCard(doc, { ...cell(signUp, pains), text: 'Form too long' });
  await serverHas(board, a);
  const b = await join(board);
  return { board, a, b, discover, signUp, actions, pains, c1, c2, p1 };
}

describe('versions API', () => {
  it('W64, W66, W67, W68, W72, W73, W74: saves, lists and opens versions; refuses bad input naming the field', async () => {
    const { board, a, c1 } = await journey();
    const v1 = await save(board.id, { label: ' Q1 2025 ', note: 'Baseline', author: 'Priya' });
    expect(v1).toMatchObject({
      boardId: board.id,
      label: 'Q1 2025',
      note: 'Baseline',
      author: 'Priya',
      trigger: 'manual',
    });
    expect(Date.parse(v1.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const atV1 = await serverJson(board.id);
    setCardText(a.doc, c1, 'Searches on mobile');
    await serverHas(board, a);
    const v2 = await save(board.id, { label: 'Q2' });
    expect(v2.author).toBe('editor');
    const v3 = await save(board.id, { label: 'Review', trigger: 'presenter-ended' }, 'owner');
    expect([v3.author, v3.trigger]).toEqual(['owner', 'presenter-ended']);

    const list = await call('GET', '/versions', board.id, 'viewer');
    expect(list.status).toBe(200);
    expect((list.body as { versions: VersionMeta[] }).versions).toEqual([v3, v2, v1]);
    const opened = await call('GET', `/versions/${v1.id}`, board.id, 'viewer');
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({ version: v1, board: atV1 });
    const second = (await call('GET', `/versions/${v2.id}`, board.id)).body as { board: BoardJson };
    expect(second.board.cards.find((c) => c.id === c1)?.text).toBe('Searches on mobile');

    const bad: [object, string][] = [
      [{ label: '  ' }, 'label'],
      [{}, 'label'],
      [{ label: 'x', trigger: 'restore' }, 'trigger'],
      [{ label: 'x', author: '' }, 'author'],
      [{ label: 'x', note: 'n'.repeat(5001) }, 'note'],
      [{ label: 'x', extra: 1 }, '(body)'],
    ];
    for (const [body, field] of bad) {
      const res = await call('POST', '/versions', board.id, 'editor', body);
      expect(res.status).toBe(400);
      expect((res.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(
        field,
      );
    }
    for (const vid of ['nope-nope-nope', 'bad%20id']) {
      const res = await call('GET', `/versions/${vid}`, board.id);
      expect(res.status).toBe(404);
      expect((res.body as { error: string }).error).toContain('no version');
    }
  });

  it('W69, W75, W76: restores as a change on top: history kept, live clients receive the restored board', async () => {
    const { board, a, b, c1, p1, discover, actions } = await journey();
    const v1 = await save(board.id, { label: 'Q1' });
    const q1Board = (await call('GET', `/versions/${v1.id}`, board.id)).body.board as BoardJson;
    setCardText(a.doc, c1, 'Searches on mobile');
    deleteCard(b.doc, p1);
    addCard(b.doc, { stageId: discover, laneId: actions, text: 'Asks a friend' });
    await waitFor(() => JSON.stringify(clientJson(a)) === JSON.stringify(clientJson(b)));
    await serverHas(board, a);
    const edited = clientJson(a);

    const res = await call('POST', `/versions/${v1.id}/restore`, board.id, 'editor', {
      author: 'Sam',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { restored, backup } = res.body as { restored: VersionMeta; backup: VersionMeta };
    expect(restored).toEqual(v1);
    expect(backup).toMatchObject({
      label: 'Before restoring "Q1"',
      author: 'Sam',
      trigger: 'restore',
    });
    // Both connected clients get the restored board through sync.
    for (const c of [a, b]) {
      await waitFor(() => JSON.stringify(clientJson(c)) === JSON.stringify(q1Board));
    }
    expect(await serverJson(board.id)).toEqual(q1Board);
    // Nothing lost: the version still opens, the state it replaced is a version too.
    expect((await call('GET', `/versions/${v1.id}`, board.id)).body.board).toEqual(q1Board);
    const before = await call('GET', `/versions/${backup.id}`, board.id);
    expect(before.body.board).toEqual(edited);
    const list = (await call('GET', '/versions', board.id)).body as { versions: VersionMeta[] };
    expect(list.versions.map((v) => v.id)).toEqual([backup.id, v1.id]);
    // Restoring the backup brings the edits back, on top again.
    expect((await call('POST', `/versions/${backup.id}/restore`, board.id)).status).toBe(200);
    await waitFor(() => JSON.stringify(clientJson(b)) === JSON.stringify(edited));
    // Restoring what the board already is changes nothing and saves nothing.
    const again = await call('POST', `/versions/${backup.id}/restore`, board.id);
    expect(again.body).toMatchObject({ backup: null });
  });

  it('W69: restores a board nobody has open, durably', async () => {
    const board = await createBoard(server.url, { title: 'Quiet', template: 'current-state' });
    const v1 = await save(board.id, { label: 'Original' });
    const patched = await call('PATCH', '', board.id, 'editor', { title: 'Renamed' });
    expect(patched.status).toBe(200);
    await new Promise((r) => setTimeout(r, 600)); // the room unloads (grace 200 ms)
    const res = await call('POST', `/versions/${v1.id}/restore`, board.id);
    expect(res.status).toBe(200);
    const original = (await call('GET', `/versions/${v1.id}`, board.id)).body.board as BoardJson;
    await new Promise((r) => setTimeout(r, 600));
    expect(await serverJson(board.id)).toEqual(original);
    const late = await join(board);
    expect(clientJson(late)).toEqual(original);
    // The boards listing follows the restored title.
    expect((await call('GET', '/summary', board.id, 'viewer')).body.title).toBe('Quiet');
  });

  it('W71, W80: diffs a version against now after edits by two clients, and two versions', async () => {
    const { board, a, b, c1, c2, p1, discover, signUp, actions } = await journey();
    const v0 = await save(board.id, { label: 'Q1' });
    moveCard(a.doc, c1, { stageId: signUp, laneId: actions });
    setMetrics(a.doc, c1, { csat: 75 });
    const added = addCard(a.doc, { stageId: discover, laneId: actions, text: 'Asks a friend' });
    setCardText(b.doc, c2, 'Fills a short form');
    setEmotion(b.doc, c2, 1);
    addTag(b.doc, p1, 'resolved');
    await waitFor(() => JSON.stringify(clientJson(a)) === JSON.stringify(clientJson(b)));
    await serverHas(board, b);

    const res = await call('GET', `/diff?from=${v0.id}`, board.id, 'viewer');
    expect(res.status).toBe(200);
    const diff = res.body as BoardDiff & { from: VersionMeta; to: { id: string } };
    expect(diff.from).toEqual(v0);
    expect(diff.to.id).toBe('current');
    expect(diff.summary.total).toBe(7);
    expect(diff.summary.byKind).toMatchObject({
      'card-moved': 1,
      'card-metrics-changed': 1,
      'card-added': 1,
      'card-text-changed': 1,
      'card-emotion-changed': 1,
      'card-tags-changed': 1,
      'pain-point-closed': 1,
    });
    const byKind = (kind: string) => diff.changes.find((c) => c.kind === kind)!;
    expect(byKind('card-added')).toMatchObject({ cardId: added, stageId: discover });
    expect(byKind('card-moved')).toMatchObject({ cardId: c1, stageId: signUp });
    expect(byKind('card-metrics-changed')).toMatchObject({
      metrics: [{ key: 'csat', before: 60, after: 75, delta: 15 }],
    });
    expect(byKind('card-emotion-changed')).toMatchObject({ before: -1, after: 1, delta: 2 });
    expect(byKind('pain-point-closed')).toMatchObject({ cardId: p1, reason: 'resolved' });
    expect(diff.stages.map((s) => [s.name, s.changes])).toEqual([
      ['Discover', 1],
      ['Sign up', 6],
    ]);
    // The same edits between two versions; the reverse diff removes the added card.
    const v1 = await save(board.id, { label: 'Q2' });
    const between = (await call('GET', `/diff?from=${v0.id}&to=${v1.id}`, board.id)).body;
    expect(between.changes).toEqual(diff.changes);
    expect(between.to).toEqual(v1);
    const back = (await call('GET', `/diff?from=${v1.id}&to=${v0.id}`, board.id)).body as BoardDiff;
    expect(back.summary.byKind['card-removed']).toBe(1);
    const same = (await call('GET', `/diff?from=current&to=current`, board.id)).body as BoardDiff;
    expect(same.changes).toEqual([]);

    const missing = await call('GET', '/diff', board.id);
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: { path: string }) => i.path)).toContain('from');
    expect((await call('GET', '/diff?from=bad%20id', board.id)).status).toBe(400);
    const unknownFrom = await call('GET', '/diff?from=nope-nope-nope', board.id);
    expect([unknownFrom.status, unknownFrom.body.field]).toEqual([404, 'from']);
    const unknownTo = await call('GET', `/diff?from=${v0.id}&to=nope-nope-nope`, board.id);
    expect([unknownTo.status, unknownTo.body.field]).toEqual([404, 'to']);
  });

  it('W66, W67, W68, W69, W70, W71: refuses what a role may not do', async () => {
    const board = await createBoard(server.url);
    const other = await createBoard(server.url);
    const v = await save(board.id, { label: 'Q1' });
    const paths = {
      list: ['GET', '/versions'],
      open: ['GET', `/versions/${v.id}`],
      diff: ['GET', `/diff?from=${v.id}`],
      save: ['POST', '/versions'],
      restore: ['POST', `/versions/${v.id}/restore`],
      duplicate: ['POST', `/versions/${v.id}/duplicate`],
    } as const;
    const expected: Record<string, Record<keyof typeof paths, number>> = {
      viewer: { list: 200, open: 200, diff: 200, save: 403, restore: 403, duplicate: 403 },
      commenter: { list: 200, open: 200, diff: 200, save: 403, restore: 403, duplicate: 403 },
      editor: { list: 200, open: 200, diff: 200, save: 201, restore: 200, duplicate: 403 },
      none: { list: 401, open: 401, diff: 401, save: 401, restore: 401, duplicate: 401 },
    };
    for (const [who, statuses] of Object.entries(expected)) {
      for (const [name, [method, path]] of Object.entries(paths)) {
        const body = method === 'GET' ? undefined : name === 'save' ? { label: 'x' } : {};
        const res = await call(method, path, board.id, who as BoardAuth, body);
        expect(res.status, `${who} ${name}`).toBe(statuses[name as keyof typeof paths]);
      }
    }
    const foreign = authFor(other.id, 'owner');
    expect((await call('GET', '/versions', board.id, foreign)).status).toBe(403);
    expect((await call('GET', '/versions', 'unknownboard1', 'admin')).status).toBe(404);
  });

  it('W70, W78: duplicates a version as a new board whose cards keep their ids', async () => {
    const { board, a, c1 } = await journey();
    const v = await save(board.id, { label: 'Q1' });
    const atV = (await call('GET', `/versions/${v.id}`, board.id)).body.board as BoardJson;
    setCardText(a.doc, c1, 'Changed after the version');
    await serverHas(board, a);
    const res = await call('POST', `/versions/${v.id}/duplicate`, board.id, 'owner', {
      title: 'Onboarding (future)',
      mapType: 'future-state',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const made = res.body as CreatedBoard;
    expect(made).toMatchObject({ title: 'Onboarding (future)', mapType: 'future-state' });
    expect(res.headers.get('location')).toBe(`/api/boards/${made.id}`);
    expect(made.id).not.toBe(board.id);
    const copy = (await call('GET', '', made.id, { authorization: `Bearer ${made.tokens.viewer}` }))
      .body as BoardJson;
    expect(copy.cards).toEqual(atV.cards);
    expect(copy.stages).toEqual(atV.stages);
    expect(copy.meta.mapType).toBe('future-state');
    const plain = await call('POST', `/versions/${v.id}/duplicate`, board.id, 'owner', {});
    expect(plain.body.title).toBe('Onboarding (Q1)');
    expect((await call('GET', '/versions', made.id, 'admin')).body).toEqual({ versions: [] });
    const bad = await call('POST', `/versions/${v.id}/duplicate`, board.id, 'owner', { title: '' });
    expect([bad.status, bad.body.issues[0].path]).toEqual([400, 'title']);
  });

  it('W54, W79: with CREATE_TOKEN set, duplicating needs the create token like importing', async () => {
    const dir = tempDataDir();
    const gated = await startTestServer(dir, { CREATE_TOKEN: 'create-token-0123' });
    try {
      const createHeaders = { authorization: 'Bearer create-token-0123' };
      const made = await fetch(`${gated.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...createHeaders },
        body: JSON.stringify({ title: 'Gated', template: 'current-state' }),
      });
      const board = (await made.json()) as CreatedBoard;
      const owner = { authorization: `Bearer ${board.tokens.owner}` };
      const v = await call('POST', '/versions', board.id, owner, { label: 'Q1' }, gated.url);
      const dup = (auth: BoardAuth) =>
        call('POST', `/versions/${v.body.id}/duplicate`, board.id, auth, {}, gated.url);
      expect((await dup(owner)).status).toBe(401);
      expect((await dup({ ...owner, 'x-create-token': 'create-token-0124' })).status).toBe(401);
      expect((await dup({ ...owner, 'x-create-token': 'create-token-0123' })).status).toBe(201);
      expect((await dup(adminAuth)).status).toBe(201);
      const editor = { authorization: `Bearer ${board.tokens.editor}` };
      expect((await dup({ ...editor, 'x-create-token': 'create-token-0123' })).status).toBe(403);
    } finally {
      await gated.stop();
      removeDir(dir);
    }
  });

  it('W65: deleting a board deletes its versions', async () => {
    const board = await createBoard(server.url);
    await save(board.id, { label: 'Q1' });
    expect((await call('DELETE', '', board.id, 'owner')).status).toBe(204);
    expect((await call('GET', '/versions', board.id, 'admin')).status).toBe(404);
  });
});
