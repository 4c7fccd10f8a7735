import { createHash } from 'node:crypto';
import sharp from 'sharp';
import {
  IMAGE_MAX_SIDE,
  IMAGE_STORED_TYPE,
  IMAGE_THUMB_MAX_SIDE,
} from '../../shared/protocol/images.js';

/*
 * Every picture is decoded and encoded anew before anything is stored (S103): only pixels
 * survive, so metadata (EXIF, GPS, ICC, XMP, comments) and whatever a file carries besides its
 * image (a polyglot's HTML or ZIP) are gone. Policy (W222): WebP at quality 82, auto-oriented,
 * at most IMAGE_MAX_SIDE on the long side; GIFs and animated WebPs keep their first frame.
 */

// Decoded pixels of untrusted uploads are not worth keeping in memory between requests.
sharp.cache(false);

/**
 * Pictures decoded at once by this process: a 40-megapixel picture holds 160 MB of pixels while
 * it is worked on, so a burst of uploads waits here rather than multiplying that (S105).
 */
const AT_ONCE = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function oneOfFew<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line (running stays the same), else frees up.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Why an upload is refused, as counted in the metrics. */
export type ImageRefusalReason =
  'too-large' | 'not-an-image' | 'too-many-pixels' | 'undecodable' | 'over-budget' | 'rate-limited';

/** A refusal with its HTTP status and a sentence for the person who dropped the file. */
export class ImageRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: ImageRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'ImageRefused';
  }
}

export interface Reencoded {
  id: string;
  type: string;
  width: number;
  height: number;
  data: Uint8Array;
  thumb: { width: number; height: number; data: Uint8Array };
}

type Format = 'png' | 'jpeg' | 'webp' | 'gif';

const startsWith = (b: Uint8Array, at: number, bytes: readonly number[]) =>
  bytes.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The format the first bytes announce (S104): never the declared Content-Type or a name. */
export function sniffImage(b: Uint8Array): Format | null {
  if (startsWith(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, 0, ascii('GIF87a')) || startsWith(b, 0, ascii('GIF89a'))) return 'gif';
  if (startsWith(b, 0, ascii('RIFF')) && startsWith(b, 8, ascii('WEBP'))) return 'webp';
  return null;
}

const NOT_AN_IMAGE =
  'this file is not a PNG, JPEG, WebP or GIF image (SVG, HTML and other files are refused)';
const megapixels = (n: number) => `${Math.round(n / 100_000) / 10} megapixels`;

/** The id of stored bytes: base64url of their SHA-256 (W220), so equal pictures share one. */
export const imageId = (data: Uint8Array): string =>
  createHash('sha256').update(data).digest('base64url');

const undecodable = (err: unknown) =>
  new ImageRefused(
    422,
    'undecodable',
    `the image data could not be decoded (truncated or damaged): ${(err as Error).message}`,
  );

/**
 * Re-encodes an upload or an imported picture (the same path for both: S108), refusing
 * anything that is not a real PNG, JPEG, WebP or GIF within `maxPixels`. The pixel count is
 * read from the header before any decoding, and enforced again while decoding, so a
 * decompression bomb never gets its pixels allocated (S105).
 */
export function reencodeImage(
  input: Uint8Array,
  limits: { maxPixels: number },
): Promise<Reencoded> {
  return oneOfFew(() => reencode(input, limits));
}

async function reencode(input: Uint8Array, limits: { maxPixels: number }): Promise<Reencoded> {
  if (input.byteLength === 0)
    throw new ImageRefused(415, 'not-an-image', 'the upload is empty: send the picture’s bytes');
  const format = sniffImage(input);
  if (!format) throw new ImageRefused(415, 'not-an-image', NOT_AN_IMAGE);
  // Truncated data is refused; a decoder's mere warning (a stray byte) is not.
  const options = { limitInputPixels: limits.maxPixels, failOn: 'truncated' } as const;
  let header: sharp.Metadata;
  try {
    header = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch (err) {
    throw undecodable(err);
  }
  if (header.format !== format) throw new ImageRefused(415, 'not-an-image', NOT_AN_IMAGE);
  const pixels = (header.width ?? 0) * (header.pageHeight ?? header.height ?? 0);
  if (pixels > limits.maxPixels) {
    throw new ImageRefused(
      422,
      'too-many-pixels',
      `the image is ${header.width}×${header.pageHeight ?? header.height} pixels ` +
        `(${megapixels(pixels)}); at most ${megapixels(limits.maxPixels)} (IMAGE_MAX_PIXELS)`,
    );
  }
  try {
    // pages: 1 — a GIF's or an animated WebP's first frame. No withMetadata: nothing is kept.
    const full = await sharp(input, { ...options, pages: 1 })
      .rotate()
      .resize(IMAGE_MAX_SIDE, IMAGE_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(full.data)
      .resize(IMAGE_THUMB_MAX_SIDE, IMAGE_THUMB_MAX_SIDE, {
        fit: 'inside',
        withoutEnlargement: true,
      })
      .webp({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    return {
      id: imageId(full.data),
      type: IMAGE_STORED_TYPE,
      width: full.info.width,
      height: full.info.height,
      data: new Uint8Array(full.data),
      thumb: {
        width: thumb.info.width,
        height: thumb.info.height,
        data: new Uint8Array(thumb.data),
      },
    };
  } catch (err) {
    if (/pixel limit/i.test((err as Error).message)) {
      throw new ImageRefused(
        422,
        'too-many-pixels',
        `the image has more than ${megapixels(limits.maxPixels)} (IMAGE_MAX_PIXELS)`,
      );
    }
    throw undecodable(err);
  }
}
