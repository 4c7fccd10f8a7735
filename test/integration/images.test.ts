/**
 * Pictures on the map over real HTTP (W220–W224, S103–S108): uploads are re-encoded (metadata
 * and trailing payloads gone), refused with a reason when they are too large, not images or
 * bombs, served with caching headers only to readers of their board, and kept across a restart.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import {
  POLYGLOT_TAIL,
  bombPng,
  jpegWithGps,
  pixelAt,
  pngOf,
  twoFrameGif,
  twoFrameWebp,
  webpOf,
} from '../helpers/images.js';
import {
  adminAuth,
  authFor,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  type Role,
} from '../helpers/server.js';

const MAX_BYTES = 256 << 10;
let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, {
    IMAGE_MAX_BYTES: String(MAX_BYTES),
    IMAGE_MAX_PIXELS: '10000000',
  });
});

afterAll(async () => {
  await server?.stop();
  removeDir(dataDir);
});

const upload = async (
  boardId: string,
  body: Uint8Array | string,
  role: Role | Record<string, string> = 'editor',
  type = 'image/png',
) => {
  const res = await fetch(`${server.url}/api/boards/${boardId}/images`, {
    method: 'POST',
    headers: {
      'content-type': type,
      ...(typeof role === 'string' ? authFor(boardId, role) : role),
    },
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const read = (
  boardId: string,
  path: string,
  headers: Record<string, string> = authFor(boardId, 'viewer'),
) => fetch(`${server.url}/api/boards/${boardId}/images/${path}`, { headers });

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

/** The board's pictures as its JSON export carries them (none: no `images` at all). */
async function exported(boardId: string): Promise<{ id: string; data: string }[] | undefined> {
  const res = await fetch(`${server.url}/api/boards/${boardId}`, { headers: adminAuth });
  return ((await res.json()) as { images?: { id: string; data: string }[] }).images;
}

describe('uploads', () => {
  it('W220, W222: a PNG, JPEG, WebP and GIF each come back as WebP with id, size and type', async () => {
    const board = await createBoard(server.url);
    const inputs: [string, Buffer, number, number][] = [
      ['image/png', await pngOf(64, 48), 64, 48],
      ['image/jpeg', await jpegWithGps(120, 80), 120, 80],
      ['image/webp', await webpOf(50, 40), 50, 40],
      ['image/gif', await twoFrameGif(30, 20), 30, 20],
    ];
    for (const [type, bytes, width, height] of inputs) {
      const res = await upload(board.id, bytes, 'editor', type);
      expect(res.status, type).toBe(201);
      expect(res.body).toMatchObject({ width, height, type: 'image/webp' });
      expect(res.body.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const served = await read(board.id, String(res.body.id));
      expect(served.status).toBe(200);
      const stored = await bytesOf(served);
      expect(stored.byteLength).toBe(res.body.bytes);
      expect((await sharp(stored).metadata()).format).toBe('webp');
    }
    expect(await exported(board.id)).toHaveLength(4);
  });

  it('W222: an animated GIF or WebP keeps only its first frame; a large picture is scaled to 2560 px', async () => {
    const board = await createBoard(server.url);
    for (const animated of [await twoFrameGif(), await twoFrameWebp()]) {
      expect((await sharp(animated, { pages: -1 }).metadata()).pages).toBe(2);
      const res = await upload(board.id, animated, 'editor', 'image/gif');
      expect(res.body).toMatchObject({ width: 30, height: 20 });
      const stored = await bytesOf(await read(board.id, String(res.body.id)));
      expect((await sharp(stored, { pages: -1 }).metadata()).pages ?? 1).toBe(1);
      const [r, g] = await pixelAt(stored);
      expect(g).toBeGreaterThan(200);
      expect(r).toBeLessThan(50);
    }
    const wide = await upload(board.id, await pngOf(3000, 300));
    expect(wide.body).toMatchObject({ width: 2560, height: 256 });
  });

  it('S103: EXIF and GPS are stripped and the orientation applied', async () => {
    const board = await createBoard(server.url);
    const input = await jpegWithGps();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    expect(input.includes('SecretCam')).toBe(true);
    const res = await upload(board.id, input, 'editor', 'image/jpeg');
    for (const size of ['', '?size=thumb']) {
      const stored = await bytesOf(await read(board.id, `${String(res.body.id)}${size}`));
      const meta = await sharp(stored).metadata();
      expect([meta.exif, meta.xmp, meta.icc, meta.iptc]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(Buffer.from(stored).includes('SecretCam')).toBe(false);
      expect(Buffer.from(stored).includes('Jane Secret')).toBe(false);
    }
    // EXIF orientation 6 (turned 90°): stored upright, so width and height swap.
    const turned = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#123456' },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await upload(board.id, turned, 'editor', 'image/jpeg')).body).toMatchObject({
      width: 30,
      height: 40,
    });
  });

  it('S103: a polyglot (PNG + script + ZIP) is stored without its payload', async () => {
    const board = await createBoard(server.url);
    const polyglot = Buffer.concat([await pngOf(20, 20, '#ff00ff'), POLYGLOT_TAIL]);
    const res = await upload(board.id, polyglot);
    expect(res.status).toBe(201);
    const stored = Buffer.from(await bytesOf(await read(board.id, String(res.body.id))));
    expect(stored.includes('<script>')).toBe(false);
    expect(stored.includes('PK\x03\x04', 0, 'latin1')).toBe(false);
    expect(stored.includes('payload')).toBe(false);
    expect((await sharp(stored).metadata()).format).toBe('webp');
  });

  it('W220: the same picture uploaded twice is stored once, under one id', async () => {
    const board = await createBoard(server.url);
    const png = await pngOf(33, 22, '#00aa00');
    const first = await upload(board.id, png);
    const again = await upload(board.id, png);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await exported(board.id)).toHaveLength(1);
  });
});

describe('at once', () => {
  it('W220, S105: uploads arriving together wait their turn and all get stored', async () => {
    const board = await createBoard(server.url);
    const colors = ['#ff0000', '#00ff00', '#0000ff', '#ffff00', '#00ffff', '#ff00ff', '#808080'];
    const files = await Promise.all(colors.map((c) => pngOf(900, 700, c)));
    const answers = await Promise.all(files.map((f) => upload(board.id, f)));
    expect(answers.map((a) => a.status)).toEqual(colors.map(() => 201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(colors.length);
  });
});

describe('refusals', () => {
  it('W221, S105: a file past IMAGE_MAX_BYTES is refused with 413, declared or streamed; nothing stored', async () => {
    const board = await createBoard(server.url);
    const big = Buffer.concat([await pngOf(), Buffer.alloc(MAX_BYTES)]);
    const declared = await upload(board.id, big);
    expect(declared.status).toBe(413);
    expect(declared.body).toMatchObject({ reason: 'too-large' });
    expect(declared.body.error).toMatch(/larger than 0\.3 MiB \(IMAGE_MAX_BYTES\)/);
    // Without a length: counted as it streams in.
    const streamed = await fetch(`${server.url}/api/boards/${board.id}/images`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', ...authFor(board.id) },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(64 << 10));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await exported(board.id)).toBeUndefined();
  });

  it('W221, S104: text, HTML, SVG and an empty body are 415, whatever their Content-Type says', async () => {
    const board = await createBoard(server.url);
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    for (const [body, type] of [
      ['just some text', 'image/png'],
      ['<!doctype html><script>alert(1)</script>', 'image/png'],
      [svg, 'image/svg+xml'],
      [svg, 'image/png'],
      ['', 'image/png'],
      ['%PDF-1.4\n1 0 obj', 'image/png'],
    ] as const) {
      const res = await upload(board.id, body, 'editor', type);
      expect(res.status, body).toBe(415);
      expect(res.body.error).toMatch(/not a PNG, JPEG, WebP or GIF|empty/);
    }
    // Formats sharp could decode but the server does not take.
    const tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .tiff()
      .toBuffer();
    expect((await upload(board.id, tiff, 'editor', 'image/tiff')).status).toBe(415);
    expect(await exported(board.id)).toBeUndefined();
  });

  it('W221, S105: a decompression bomb and truncated data are 422, nothing stored', async () => {
    const board = await createBoard(server.url);
    const bomb = bombPng(20_000, 20_000);
    expect(bomb.byteLength).toBeLessThan(MAX_BYTES);
    const bombed = await upload(board.id, bomb);
    expect(bombed.status).toBe(422);
    expect(bombed.body).toMatchObject({ reason: 'too-many-pixels' });
    expect(bombed.body.error).toMatch(
      /20000×20000 pixels \(400 megapixels\); at most 10 megapixels/,
    );
    const jpeg = await jpegWithGps(400, 300);
    const truncated = await upload(
      board.id,
      jpeg.subarray(0, jpeg.length >> 1),
      'editor',
      'image/jpeg',
    );
    expect(truncated.status).toBe(422);
    expect(truncated.body.error).toMatch(/could not be decoded/);
    expect(await exported(board.id)).toBeUndefined();
  });

  it('S106: viewers and commenters may not upload (403); an unknown board is 404', async () => {
    const board = await createBoard(server.url);
    const png = await pngOf();
    for (const role of ['viewer', 'commenter'] as const) {
      const res = await upload(board.id, png, role);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatch(/needs the editor role/);
    }
    expect((await upload('NoSuchBoard0000000000', png, adminAuth)).status).toBe(404);
    expect(await exported(board.id)).toBeUndefined();
  });
});

describe('reading', () => {
  it('W223, S106: a picture is read by its board only: another board’s readers get 404', async () => {
    const a = await createBoard(server.url);
    const b = await createBoard(server.url);
    const { body } = await upload(a.id, await pngOf());
    const id = String(body.id);
    expect((await read(a.id, id, authFor(a.id, 'viewer'))).status).toBe(200);
    // b's reader asks b for a's picture: not on b.
    const elsewhere = await read(b.id, id, authFor(b.id, 'viewer'));
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as { error: string }).error).toMatch(/no picture/);
    // b's link on a's board: refused by the board's access check, never the bytes.
    const foreign = await read(a.id, id, authFor(b.id, 'viewer'));
    expect([401, 403, 404]).toContain(foreign.status);
    expect(foreign.headers.get('content-type')).toMatch(/json/);
    expect((await read(a.id, id, {})).status).toBe(401);
    expect((await read(a.id, 'A'.repeat(43))).status).toBe(404);
  });

  it('W223, S107: caching headers, ETag and 304; the thumbnail is at most 320 px', async () => {
    const board = await createBoard(server.url);
    const { body } = await upload(board.id, await pngOf(1200, 900));
    const full = await read(board.id, String(body.id));
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/webp');
    expect(full.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    expect(full.headers.get('content-disposition')).toBe('inline');
    expect(full.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    const etag = full.headers.get('etag')!;
    expect(etag).toBe(`"${String(body.id)}"`);
    const fullBytes = await bytesOf(full);
    const again = await read(board.id, String(body.id), {
      ...authFor(board.id, 'viewer'),
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const thumb = await read(board.id, `${String(body.id)}?size=thumb`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('etag')).not.toBe(etag);
    const thumbBytes = await bytesOf(thumb);
    expect(thumbBytes.byteLength).toBeLessThan(fullBytes.byteLength);
    expect(await sharp(thumbBytes).metadata()).toMatchObject({ width: 320, height: 240 });
    expect((await read(board.id, `${String(body.id)}?size=huge`)).status).toBe(400);
  });

  it('W221: uploads and refusals are counted by outcome and reason', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/journeyboard_image_uploads_total\{outcome="stored",reason=""\} [1-9]/);
    expect(text).toMatch(
      /journeyboard_image_uploads_total\{outcome="refused",reason="not-an-image"\} [1-9]/,
    );
    expect(text).toMatch(
      /journeyboard_image_uploads_total\{outcome="refused",reason="too-many-pixels"\} [1-9]/,
    );
    expect(text).toMatch(/journeyboard_image_bytes_stored_total [1-9]/);
  });
});
