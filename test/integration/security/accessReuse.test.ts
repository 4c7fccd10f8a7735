/**
 * S137: in open mode a join storm's share-link checks are done once and reused for a second,
 * never past a link replacement or a board deletion, and never for a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../../server/server.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../../helpers/server.js';
import { openedClients } from '../../helpers/openedClients.js';
import { closeCodeOf } from './support.js';

const opened = openedClients();
let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
});

afterAll(async () => {
  await server.stop();
  removeDir(dataDir);
});

/** Upgrades whose share link was checked, and those that reused a check (S137). */
async function accessChecks(): Promise<{ checked: number; reused: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const count = (outcome: string) =>
    Number(
      new RegExp(
        `^journeyboard_sync_access_checks_total\\{outcome="${outcome}"\\} (\\d+)$`,
        'm',
      ).exec(text)?.[1] ?? 0,
    );
  return { checked: count('checked'), reused: count('reused') };
}

const ws = () => wsUrlOf(server.url);

describe('reused access checks', () => {
  it('S137: every socket of a join storm with one link is admitted, each by a check or a reused one', async () => {
    const board = await createBoard(server.url);
    const before = await accessChecks();
    const storm = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        opened.raw(ws(), i % 2 ? `${board.id}/comments` : board.id, board.tokens.editor),
      ),
    );
    expect(storm.every((c) => c.closeInfo === null)).toBe(true);
    const after = await accessChecks();
    expect(after.checked - before.checked + (after.reused - before.reused)).toBe(storm.length);
    expect(after.checked).toBeGreaterThan(before.checked);
  });

  it('S137: a replaced link is refused at the next upgrade, though admitted a moment before', async () => {
    const board = await createBoard(server.url);
    const admitted = await Promise.all(
      [1, 2, 3].map(() => opened.raw(ws(), board.id, board.tokens.editor)),
    );
    const res = await fetch(`${server.url}/api/boards/${board.id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.owner}` },
    });
    expect(res.status).toBe(200);
    const { tokens } = (await res.json()) as { tokens: { editor: string } };
    expect(await closeCodeOf(ws(), board.id, board.tokens.editor)).toBe(CloseCode.UNAUTHORIZED);
    expect(await closeCodeOf(ws(), `${board.id}/comments`, board.tokens.editor)).toBe(
      CloseCode.UNAUTHORIZED,
    );
    for (const c of admitted) expect((await c.closed).code).toBe(CloseCode.UNAUTHORIZED);
    const renewed = await opened.raw(ws(), board.id, tokens.editor);
    expect(renewed.closeInfo).toBeNull();
  });

  it('S137: a deleted board refuses the next upgrade (4404), though its link was admitted a moment before', async () => {
    const board = await createBoard(server.url);
    await opened.raw(ws(), board.id, board.tokens.editor);
    const res = await fetch(`${server.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${board.tokens.owner}` },
    });
    expect(res.status).toBe(204);
    expect(await closeCodeOf(ws(), board.id, board.tokens.editor)).toBe(CloseCode.NOT_FOUND);
  });

  it('S137: a refusal is checked again at every upgrade, never reused', async () => {
    const board = await createBoard(server.url);
    const forged = `${board.tokens.editor.slice(0, -4)}AAAA`;
    const before = await accessChecks();
    expect(await closeCodeOf(ws(), board.id, forged)).toBe(CloseCode.UNAUTHORIZED);
    expect(await closeCodeOf(ws(), board.id, forged)).toBe(CloseCode.UNAUTHORIZED);
    const after = await accessChecks();
    expect(after.checked - before.checked).toBe(2);
    expect(after.reused).toBe(before.reused);
  });
});
