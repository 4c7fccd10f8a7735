/**
 * The page's one cache of pictures (W231): each id and size is fetched once and decoded once,
 * whoever draws it (canvas, export, table, details panel). Ids are content-addressed, so an
 * entry never goes stale; a failed one is retried only when asked to (`retry`).
 */
import { useSyncExternalStore } from 'react';
import type { ImageSize } from '../../../../shared/model/images.js';
import { downloadImage, type ImageSource } from './imageApi.js';

export type PictureState =
  | { status: 'loading' }
  | { status: 'ready'; image: HTMLImageElement; url: string }
  | { status: 'error' };

interface Entry {
  state: PictureState;
  done: Promise<PictureState>;
}

const LOADING: PictureState = { status: 'loading' };
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();
let source: ImageSource | null = null;

/** Below this zoom the canvas draws thumbnails (long side ≤ 320 px): sharp enough, far lighter. */
export const THUMB_BELOW_ZOOM = 0.6;

export const sizeForZoom = (zoom: number): ImageSize =>
  zoom < THUMB_BELOW_ZOOM ? 'thumb' : 'full';

/** The board whose pictures the page shows; another board empties the cache. */
export function setImageSource(next: ImageSource | null): void {
  // Called while rendering: readers see the emptied cache on their next render, unnotified.
  if (source && next && source.boardId !== next.boardId) forget();
  source = next;
}

function forget(): void {
  for (const entry of entries.values())
    if (entry.state.status === 'ready') URL.revokeObjectURL(entry.state.url);
  entries.clear();
}

function notify(): void {
  for (const listener of listeners) listener();
}

function decode(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = url;
  return image.decode().then(() => image);
}

async function fetchPicture(imageId: string, size: ImageSize): Promise<PictureState> {
  if (!source) return { status: 'error' };
  try {
    const blob = await downloadImage(source, imageId, size);
    const url = URL.createObjectURL(blob);
    try {
      return { status: 'ready', image: await decode(url), url };
    } catch {
      URL.revokeObjectURL(url);
      return { status: 'error' };
    }
  } catch {
    return { status: 'error' };
  }
}

const keyOf = (imageId: string, size: ImageSize) => `${size}:${imageId}`;

/** The picture's entry, starting its download on first ask. */
function entryFor(imageId: string, size: ImageSize): Entry {
  const key = keyOf(imageId, size);
  const known = entries.get(key);
  if (known) return known;
  const entry: Entry = { state: LOADING, done: Promise.resolve(LOADING) };
  entry.done = fetchPicture(imageId, size).then((state) => {
    entry.state = state;
    notify();
    return state;
  });
  entries.set(key, entry);
  return entry;
}

/** Where the picture stands now (starting its download when unknown). */
export function pictureState(imageId: string, size: ImageSize): PictureState {
  return entryFor(imageId, size).state;
}

/** The picture's state without starting a download (for falling back to another size). */
export function peekPicture(imageId: string, size: ImageSize): PictureState | null {
  return entries.get(keyOf(imageId, size))?.state ?? null;
}

/** Waits until every picture named is loaded or has failed (exports draw only then). */
export async function loadPictures(imageIds: Iterable<string>, size: ImageSize): Promise<void> {
  await Promise.all([...new Set(imageIds)].map((id) => entryFor(id, size).done));
}

/** Forgets a failed picture, so the next ask fetches it again. */
export function retry(imageId: string, size: ImageSize): void {
  const key = keyOf(imageId, size);
  if (entries.get(key)?.state.status === 'error') {
    entries.delete(key);
    notify();
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A picture for a component: re-renders when it loads or fails. While the wanted size loads, the
 * other size shows when the page already has it (zooming in shows the thumbnail, then sharpens).
 */
export function usePicture(
  imageId: string | undefined,
  size: ImageSize,
  fallback = true,
): PictureState | null {
  return useSyncExternalStore(subscribe, () => {
    if (!imageId) return null;
    const wanted = pictureState(imageId, size);
    if (wanted.status !== 'loading' || !fallback) return wanted;
    const other = peekPicture(imageId, size === 'full' ? 'thumb' : 'full');
    return other?.status === 'ready' ? other : wanted;
  });
}
