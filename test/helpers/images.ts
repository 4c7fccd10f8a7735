import zlib from 'node:zlib';
import sharp from 'sharp';

/** Test pictures made on the spot: real encoders (sharp) and hand-made PNG chunks for bombs. */

const solid = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } });

export const pngOf = (width = 64, height = 48, color = '#3366cc') =>
  solid(width, height, color).png().toBuffer();
export const webpOf = (width = 64, height = 48, color = '#3366cc') =>
  solid(width, height, color).webp().toBuffer();

/** A JPEG carrying EXIF with a camera, a GPS position and a copyright line. */
export const jpegWithGps = (width = 120, height = 80) =>
  solid(width, height, '#884422')
    .jpeg()
    .withExif({
      IFD0: { Make: 'SecretCam', Copyright: 'Jane Secret' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1' },
    })
    .toBuffer();

/** Two frames, green first, then red. */
async function twoFrames(width: number, height: number) {
  const green = await solid(width, height, '#00ff00').png().toBuffer();
  const red = await solid(width, height, '#ff0000').png().toBuffer();
  return sharp([green, red], { join: { animated: true } });
}

/** An animated GIF: green first, then red. */
export const twoFrameGif = async (width = 30, height = 20) =>
  (await twoFrames(width, height)).gif().toBuffer();
/** An animated WebP: green first, then red. */
export const twoFrameWebp = async (width = 30, height = 20) =>
  (await twoFrames(width, height)).webp({ lossless: true }).toBuffer();

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a 1-bit PNG of `width`×`height` zeros, a few dozen KiB on the wire for
 * 20000×20000 (400 megapixels once decoded).
 */
export function bombPng(width = 20_000, height = 20_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  const rows = Buffer.alloc((Math.ceil(width / 8) + 1) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What a polyglot carries after its image: a script and a ZIP's local file header. */
export const POLYGLOT_TAIL = Buffer.from(
  '<script>alert(document.cookie)</script>PK\x03\x04payload',
  'latin1',
);

/** The pixel at (x, y) of an image, as [r, g, b]. */
export async function pixelAt(image: Uint8Array, x = 0, y = 0): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)];
}

/** Random pixels: they hardly compress, so their stored size is close to width × height. */
export function noisePng(width = 200, height = 200, seed = 1): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < pixels.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    pixels[i] = x >>> 24;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
