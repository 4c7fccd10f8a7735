/**
 * A board holding foreign values (a number where a card belongs, a Y.Text where a card belongs,
 * a string where a stage belongs, an evidence item `{}`, a word where an emotion score belongs)
 * still opens, exports, lists and opens versions, diffs both ways and restores: every answer is
 * 200, the rest of the board is intact, and the server reports what it skipped with one warn
 * line per request (no content) and a counter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBoardJson, type BoardJson } from '../../shared/model/index.js';
import type { VersionMeta } from '../../server/storage/storage.js';
import { waitFor } from '../helpers/clients.js';
import { appendToStoredDoc, poisonBoard } from '../helpers/poison.js';
import {
  boardApiCaller,
  createBoard,
  removeDir,
  spawnServer,
  tempDataDir,
  type CreatedBoard,
  type ServerProcess,
} from '../helpers/server.js';

let dataDir: string;
let proc: ServerProcess;
let board: CreatedBoard;
let clean: BoardJson;
let cleanVersion: VersionMeta;
let poisonedVersion: VersionMeta;

const call = boardApiCaller(() => proc.url);

beforeAll(async () => {
  dataDir = tempDataDir();
  proc = await spawnServer(dataDir);
  board = await createBoard(proc.url);
  clean = (await call('GET', '', board.id)).body as BoardJson;
  cleanVersion = (await call('POST', '/versions', board.id, 'editor', { label: 'Clean' }))
    .body as VersionMeta;
  // Behind the server's back, before the board's room is loaded.
  await appendToStoredDoc(dataDir, board.id, board.id, poisonBoard);
}, 30_000);

afterAll(async () => {
  if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
  await proc.exited;
  removeDir(dataDir);
});

const warnings = () => proc.logs.filter((l) => l.msg === 'board holds unreadable records');

/** The process prints a log line around the time it answers: wait for it. */
async function warningsAfter(before: number, count: number) {
  await waitFor(() => warnings().length >= before + count, 5000, `${count} warn lines`);
  return warnings().slice(before);
}

/** journeyboard_unreadable_records_total for one kind of read (0 before the first). */
async function counted(read: string): Promise<number> {
  const metrics = await (await fetch(`${proc.url}/metrics`)).text();
  const match = new RegExp(
    `^journeyboard_unreadable_records_total\\{read="${read}"\\} (\\d+)`,
    'm',
  ).exec(metrics);
  return match ? Number(match[1]) : 0;
}

describe('a board holding foreign values', () => {
  it('W61, W62, S27: exports as valid JSON with everything else intact, and says what it skipped', async () => {
    const before = warnings().length;
    const res = await call('GET', '', board.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const json = res.body as BoardJson;
    expect(parseBoardJson(json).ok).toBe(true);
    expect(json.stages).toEqual(clean.stages);
    expect(json.cards.map((c) => c.id)).toEqual(clean.cards.map((c) => c.id));

    const warned = await warningsAfter(before, 1);
    expect(warned[0]).toMatchObject({ level: 40, boardId: board.id, count: 5, read: 'export' });
    expect(warned[0]!.paths).toEqual(
      expect.arrayContaining(['cards.poisonNumber', 'cards.poisonYText', 'stages.poisonString']),
    );
    // Paths and reasons only: no value written into the board is logged.
    expect(JSON.stringify(warned[0])).not.toContain('not a card');
    expect(JSON.stringify(warned[0])).not.toContain('very sad');
    expect(await counted('export')).toBe(5);
  });

  it('W61: saves, lists, opens and diffs versions both ways', async () => {
    const saved = await call('POST', '/versions', board.id, 'editor', { label: 'Poisoned' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const poisoned = (poisonedVersion = saved.body as VersionMeta);

    const list = await call('GET', '/versions', board.id, 'viewer');
    expect(list.status).toBe(200);

    const beforeOpen = warnings().length;
    const opened = await call('GET', `/versions/${poisoned.id}`, board.id, 'viewer');
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(parseBoardJson((opened.body as { board: unknown }).board).ok).toBe(true);
    // Its warn line, read from the server's output, must be in before the diffs are counted.
    expect((await warningsAfter(beforeOpen, 1)).map((w) => w.read)).toContain('version');

    const before = warnings().length;
    for (const [from, to] of [
      [cleanVersion.id, 'current'],
      ['current', cleanVersion.id],
      [poisoned.id, cleanVersion.id],
    ]) {
      const diff = await call('GET', `/diff?from=${from}&to=${to}`, board.id, 'viewer');
      expect(diff.status, JSON.stringify(diff.body)).toBe(200);
      // The foreign values are skipped, not shown as changes; the bad emotion reads as none.
      const kinds = (diff.body as { changes: { kind: string }[] }).changes.map((c) => c.kind);
      expect(kinds).toEqual(['card-emotion-changed']);
    }
    // One line per request, however many sides held foreign values.
    const warned = await warningsAfter(before, 3);
    expect(warned.map((w) => [w.read, w.count])).toEqual([
      ['diff', 5],
      ['diff', 5],
      ['diff', 5],
    ]);
    expect(await counted('diff')).toBe(15);
  });

  it('W63: restores a version holding foreign values, and a clean one over them', async () => {
    const asRead = (await call('GET', '', board.id)).body as BoardJson;
    const restore = (version: VersionMeta) =>
      call('POST', `/versions/${version.id}/restore`, board.id, 'editor', {});

    // The live board already reads as the poisoned version: nothing to do, nothing lost.
    const same = await restore(poisonedVersion);
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect((await call('GET', '', board.id)).body).toEqual(asRead);

    const restored = await restore(cleanVersion);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    const before = await counted('export');
    const res = await call('GET', '', board.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(clean);
    // The restore replaced the foreign values: nothing is left to skip.
    expect(await counted('export')).toBe(before);

    const back = await restore(poisonedVersion);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect((await call('GET', '', board.id)).body).toEqual(asRead);
  });
});
