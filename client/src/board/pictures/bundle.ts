/**
 * A board's pictures as data for its JSON export (the `images` bundle, W225/W239), so the file
 * imports whole on any server: each picture's stored bytes as base64 with its size.
 */
import type { ImageBundleItem } from '../../../../shared/model/imageBundle.js';
import { downloadImage, type ImageSource } from './imageApi.js';

/** Bytes per `String.fromCharCode` call: far below any engine's argument limit. */
const CHUNK = 0x8000;

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Reads each picture from the server; those it cannot give are listed as missing. */
export async function bundlePictures(
  source: ImageSource,
  ids: readonly string[],
): Promise<{ images: ImageBundleItem[]; missing: string[] }> {
  const images: ImageBundleItem[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    try {
      const blob = await downloadImage(source, id, 'full');
      const bitmap = await createImageBitmap(blob);
      const { width, height } = bitmap;
      bitmap.close();
      images.push({
        id,
        type: blob.type || 'image/webp',
        width,
        height,
        data: await base64Of(blob),
      });
    } catch {
      missing.push(id);
    }
  }
  return { images, missing };
}
