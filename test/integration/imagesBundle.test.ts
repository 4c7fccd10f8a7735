/**
 * Pictures beyond one upload (W224–W226, S108): the per-board budget and the per-person rate,
 * the JSON export carrying a board's pictures and an import storing them again through the
 * same checks, and pictures kept across a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import { POLYGLOT_TAIL, bombPng, noisePng, pngOf } from '../helpers/images.js';
import {
  adminAuth,
  authFor,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
} from '../helpers/server.js';

let dataDir: string;
let server: RunningServer | null = null;
let cleanups: (() => Promise<void>)[] = [];

beforeEach(() => {
  dataDir = tempDataDir();
});

afterEach(async () => {
  await server?.stop();
  server = null;
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
  removeDir(dataDir);
});

const start = async (env: Record<string, string> = {}) => {
  server = await startTestServer(dataDir, env);
  return server;
};

const upload = async (url: string, boardId: string, body: Uint8Array) => {
  const res = await fetch(`${url}/api/boards/${boardId}/images`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', ...authFor(boardId) },
    body: new Blob([new Uint8Array(body)]),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Record<string, unknown>,
  };
};

type Picture = { id: string; type: string; width: number; height: number; data: string };
type Exported = Record<string, unknown> & { images?: Picture[] };

const exportOf = async (url: string, boardId: string) =>
  (await (
    await fetch(`${url}/api/boards/${boardId}`, { headers: authFor(boardId, 'viewer') })
  ).json()) as Exported;

const importBoard = async (url: string, file: unknown) => {
  const res = await fetch(`${url}/api/boards/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...adminAuth },
    body: JSON.stringify(file),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const boardCount = async (url: string) =>
  (
    (await (await fetch(`${url}/api/boards`, { headers: adminAuth })).json()) as {
      boards: unknown[];
    }
  ).boards.length;

describe('limits', () => {
  it('S108: a board holds at most IMAGE_BOARD_MAX_BYTES of pictures; others still take theirs', async () => {
    const { url } = await start({ IMAGE_BOARD_MAX_BYTES: String(300 << 10) });
    const board = await createBoard(url);
    const stored: number[] = [];
    let refused: Awaited<ReturnType<typeof upload>> | null = null;
    for (let seed = 1; seed <= 20 && !refused; seed++) {
      const res = await upload(url, board.id, await noisePng(200, 200, seed));
      if (res.status === 201) stored.push(Number(res.body.bytes));
      else refused = res;
    }
    expect(stored.length).toBeGreaterThan(1);
    expect(refused?.status).toBe(413);
    expect(refused?.body).toMatchObject({ reason: 'over-budget' });
    expect(refused?.body.error).toMatch(
      /of the 0\.3 MiB a board may hold \(IMAGE_BOARD_MAX_BYTES\)/,
    );
    expect((await exportOf(url, board.id)).images).toHaveLength(stored.length);
    const other = await createBoard(url);
    expect((await upload(url, other.id, await noisePng(200, 200, 1))).status).toBe(201);
  });

  it('S108: uploads count against IMAGE_UPLOADS_PER_HOUR per link address: 429 with Retry-After', async () => {
    const { url } = await start({ IMAGE_UPLOADS_PER_HOUR: '2' });
    const board = await createBoard(url);
    expect((await upload(url, board.id, await pngOf(10, 10, '#111111'))).status).toBe(201);
    expect((await upload(url, board.id, await pngOf(10, 10, '#222222'))).status).toBe(201);
    const third = await upload(url, board.id, await pngOf(10, 10, '#333333'));
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ reason: 'rate-limited' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('export and import', () => {
  it('W225, W226: the JSON export carries the pictures; importing it keeps them under their ids', async () => {
    const { url } = await start();
    const board = await createBoard(url);
    const plain = await exportOf(url, board.id);
    expect('images' in plain).toBe(false);
    const a = await upload(url, board.id, await pngOf(40, 30, '#ff0000'));
    const b = await upload(url, board.id, await pngOf(50, 20, '#0000ff'));
    const file = await exportOf(url, board.id);
    const byId = (list: unknown[][]) =>
      list.sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(byId(file.images!.map((p) => [p.id, p.type, p.width, p.height]))).toEqual(
      byId([
        [a.body.id, 'image/webp', 40, 30],
        [b.body.id, 'image/webp', 50, 20],
      ]),
    );
    const first = file.images!.find((p) => p.id === a.body.id)!;
    const original = await (
      await fetch(`${url}/api/boards/${board.id}/images/${String(a.body.id)}`, {
        headers: authFor(board.id),
      })
    ).arrayBuffer();
    expect(Buffer.from(first.data, 'base64').equals(Buffer.from(original))).toBe(true);

    const imported = await importBoard(url, file);
    expect(imported.status).toBe(201);
    const copy = imported.body as { id: string; tokens: { viewer: string } };
    for (const picture of file.images!) {
      const res = await fetch(`${url}/api/boards/${copy.id}/images/${picture.id}?size=thumb`, {
        headers: { authorization: `Bearer ${copy.tokens.viewer}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
    }
    const again = (await (
      await fetch(`${url}/api/boards/${copy.id}`, {
        headers: { authorization: `Bearer ${copy.tokens.viewer}` },
      })
    ).json()) as Exported;
    expect(again.images?.map((p) => p.id)).toEqual(file.images?.map((p) => p.id));
    // A file without pictures imports as before.
    expect((await importBoard(url, plain)).status).toBe(201);
  });

  it('W226: a large file (parsed in an import worker) brings its pictures along', async () => {
    const { url } = await start();
    const board = await createBoard(url);
    const big = await upload(url, board.id, await noisePng(300, 300, 7));
    const file = await exportOf(url, board.id);
    expect(JSON.stringify(file).length).toBeGreaterThan(64 << 10);
    const imported = await importBoard(url, file);
    expect(imported.status).toBe(201);
    const copy = imported.body as { id: string; tokens: { viewer: string } };
    const read = await fetch(`${url}/api/boards/${copy.id}/images/${String(big.body.id)}`, {
      headers: { authorization: `Bearer ${copy.tokens.viewer}` },
    });
    expect(read.status).toBe(200);
  });

  it('W226, S108: an import’s pictures are checked like uploads: the item and reason, no board made', async () => {
    const { url } = await start({ IMAGE_MAX_PIXELS: '1000000' });
    const board = await createBoard(url);
    await upload(url, board.id, await pngOf(20, 20));
    const file = await exportOf(url, board.id);
    const good = file.images![0]!;
    const before = await boardCount(url);
    const withItem = (item: Partial<Picture>) => ({
      ...file,
      images: [good, { ...good, id: 'B'.repeat(43), ...item }],
    });

    const html = await importBoard(
      url,
      withItem({ data: Buffer.from('<html><script>x</script>').toString('base64') }),
    );
    expect(html.status).toBe(422);
    expect(html.body).toMatchObject({ path: 'images[1]', index: 1, reason: 'not-an-image' });
    expect(html.body.error).toMatch(/^images\[1\]: this file is not a PNG, JPEG, WebP or GIF/);

    const bomb = await importBoard(url, withItem({ data: bombPng(5000, 5000).toString('base64') }));
    expect(bomb.status).toBe(422);
    expect(bomb.body).toMatchObject({ index: 1, reason: 'too-many-pixels' });

    const broken = await importBoard(url, withItem({ data: 'not base64!' }));
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('invalid board JSON at images[1].data: must be base64');

    const twice = await importBoard(url, { ...file, images: [good, good] });
    expect(twice.status).toBe(400);
    expect(twice.body.error).toMatch(/images\[1\]\.id: duplicate id/);
    expect(await boardCount(url)).toBe(before);

    // A polyglot in a file is cleaned like an upload.
    const polyglot = Buffer.concat([await pngOf(8, 8), POLYGLOT_TAIL]).toString('base64');
    const cleaned = await importBoard(url, withItem({ data: polyglot }));
    expect(cleaned.status).toBe(201);
    const copy = cleaned.body as { id: string; tokens: { viewer: string } };
    const stored = Buffer.from(
      await (
        await fetch(`${url}/api/boards/${copy.id}/images/${'B'.repeat(43)}`, {
          headers: { authorization: `Bearer ${copy.tokens.viewer}` },
        })
      ).arrayBuffer(),
    );
    expect(stored.includes('<script>')).toBe(false);
  });
});

describe('durability', () => {
  it('W224: pictures survive a restart (SQLite) and go with their board', async () => {
    const first = await start();
    const board = await createBoard(first.url);
    const { body } = await upload(first.url, board.id, await pngOf(30, 30, '#abcdef'));
    await first.stop();
    server = null;
    const second = await start();
    const read = await fetch(`${second.url}/api/boards/${board.id}/images/${String(body.id)}`, {
      headers: authFor(board.id, 'viewer'),
    });
    expect(read.status).toBe(200);
    expect((await read.arrayBuffer()).byteLength).toBe(body.bytes);
    const deleted = await fetch(`${second.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: adminAuth,
    });
    expect(deleted.status).toBe(204);
    const gone = await fetch(`${second.url}/api/boards/${board.id}/images/${String(body.id)}`, {
      headers: adminAuth,
    });
    expect(gone.status).toBe(404);
  });

  it('W224: a board duplicated from a version gets its pictures', async () => {
    const { url } = await start();
    const board = await createBoard(url);
    const { body } = await upload(url, board.id, await pngOf(16, 16, '#00ffff'));
    const saved = await fetch(`${url}/api/boards/${board.id}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...adminAuth },
      body: JSON.stringify({ label: 'v1' }),
    });
    const version = (await saved.json()) as { id: string };
    const duplicated = await fetch(
      `${url}/api/boards/${board.id}/versions/${version.id}/duplicate`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...adminAuth },
        body: JSON.stringify({ title: 'Copy' }),
      },
    );
    expect(duplicated.status).toBe(201);
    const copy = (await duplicated.json()) as { id: string };
    const head = await fetch(`${url}/api/boards/${copy.id}/images/${String(body.id)}`, {
      method: 'HEAD',
      headers: adminAuth,
    });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(body.bytes);
  });

  it('W224: a server on PostgreSQL stores and serves pictures the same way', async () => {
    const { schema, drop } = await testSchema();
    cleanups.push(drop);
    const { url } = await start({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema });
    const board = await createBoard(url);
    const png = await pngOf(64, 64, '#ff8800');
    const first = await upload(url, board.id, png);
    expect(first.status).toBe(201);
    expect((await upload(url, board.id, png)).body).toEqual(first.body);
    const read = await fetch(
      `${url}/api/boards/${board.id}/images/${String(first.body.id)}?size=thumb`,
      {
        headers: authFor(board.id, 'viewer'),
      },
    );
    expect(read.status).toBe(200);
    expect((await exportOf(url, board.id)).images).toHaveLength(1);
  });
});
