/**
 * Pictures on the map (W227): the board doc holds only an uploaded picture's id; its bytes live
 * on the server (`/api/boards/:id/images/:imageId`). Ids are content-addressed by the server.
 */
import { ModelError } from './doc.js';

/** Ids as the server makes them: URL-safe, so one needs no escaping in a path. */
const IMAGE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export const isImageId = (value: string): boolean => IMAGE_ID.test(value);

/** A reader's check (read.ts FieldReader): null when `value` can be an image id. */
export const imageIdCheck = (value: string): string | null =>
  isImageId(value) ? null : 'must be an image id (1 to 128 letters, digits, - or _)';

export function assertImageId(image: string | undefined, field: string): asserts image is string {
  if (image === undefined || !isImageId(image))
    throw new ModelError(
      `an image id is needed (1 to 128 letters, digits, - or _); got '${image ?? ''}'`,
      field,
    );
}

export type ImageSize = 'full' | 'thumb';

/** Longest side of a thumbnail, in pixels (the server makes them). */
export const THUMB_MAX_SIDE = 320;

/** Where a picture is served; the same path names it in the CSV export. */
export function imagePath(boardId: string, imageId: string, size: ImageSize = 'full'): string {
  const path = `/api/boards/${encodeURIComponent(boardId)}/images/${encodeURIComponent(imageId)}`;
  return size === 'thumb' ? `${path}?size=thumb` : path;
}
