/**
 * Pictures on the map (W227): the board doc holds only an uploaded picture's id; its bytes live
 * on the server (`/api/boards/:id/images/:imageId`). Ids are content-addressed by the server.
 */
import { IMAGE_ID_PATTERN, type ImageSize } from '../protocol/images.js';
import { ModelError } from './doc.js';
import type { BoardMeta, Card, Shape } from './schema.js';

export type { ImageSize };

/** Ids as the server makes them (W220): URL-safe, so one needs no escaping in a path. */
export const isImageId = (value: string): boolean => IMAGE_ID_PATTERN.test(value);

/** A reader's check (read.ts FieldReader): null when `value` can be an image id. */
export const imageIdCheck = (value: string): string | null =>
  isImageId(value) ? null : 'must be an image id (22 to 64 letters, digits, - or _)';

export function assertImageId(image: string | undefined, field: string): asserts image is string {
  if (image === undefined || !isImageId(image))
    throw new ModelError(
      `an image id is needed (22 to 64 letters, digits, - or _); got '${image ?? ''}'`,
      field,
    );
}

/** Where a picture is served; the same path names it in the CSV export. */
export function imagePath(boardId: string, imageId: string, size: ImageSize = 'full'): string {
  const path = `/api/boards/${encodeURIComponent(boardId)}/images/${encodeURIComponent(imageId)}`;
  return size === 'thumb' ? `${path}?size=thumb` : path;
}

/**
 * Every picture a board shows or cites (persona photos, cards, their evidence, picture shapes),
 * each once.
 */
export function pictureIdsOf(board: {
  meta: Pick<BoardMeta, 'persona' | 'personas'>;
  cards: readonly Card[];
  shapes: readonly Shape[];
}): string[] {
  const ids = new Set<string>();
  for (const persona of [board.meta.persona, ...(board.meta.personas ?? [])])
    if (persona.photo) ids.add(persona.photo);
  for (const card of board.cards) {
    if (card.image) ids.add(card.image);
    for (const item of card.evidence) if (item.image) ids.add(item.image);
  }
  for (const shape of board.shapes) if (shape.type === 'image' && shape.image) ids.add(shape.image);
  return [...ids];
}
